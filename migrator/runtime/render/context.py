"""The values a mail template renders with, as mail.render.mixin's _render_eval_context
builds them: `object`, `user`, `ctx`, the template globals and the format helpers
(render.formats: en_US only, the rest refused by name).
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import quote, urlencode

from migrator.runtime.action_sandbox import DATETIME, ReplayUnsupported
from migrator.runtime.render.formats import Formatters

_EMPTY_HTML_TAG = re.compile(r"<\s*/?(?:p|div|section|span|br|b|i|font)(?:(?=\s+\w*)[^/>]*|\s*)/?\s*>")


def is_html_empty(html: Any) -> bool:
    """odoo.tools.is_html_empty: nothing left once layout tags and spaces are removed."""
    if not html:
        return True
    return not _EMPTY_HTML_TAG.sub("", str(html)).strip()


def _refused(name: str) -> Any:
    def helper(*args: Any, **kwargs: Any) -> Any:
        raise ReplayUnsupported(f"{name}() in a mail template is not supported by the replay runtime")
    return helper


def _hasattr(obj: Any, name: str) -> bool:
    return "__" not in name and hasattr(obj, name)


def _urlencode(query: Any) -> str:
    """werkzeug's url_encode, which the templates know: None values are left out."""
    items = query.items() if hasattr(query, "items") else query
    return urlencode([(k, v) for k, v in items if v is not None])


def _relativedelta() -> Any:
    try:
        from dateutil.relativedelta import relativedelta
    except ImportError:
        return _refused("relativedelta (python-dateutil is not installed)")
    return relativedelta


def template_values(record: Any, user: Any, ctx: dict[str, Any] | None = None,
                    **extra: Any) -> dict[str, Any]:
    """Values for render_inline / render_qweb of one record; `extra` adds or replaces names."""
    values: dict[str, Any] = {
        "str": str, "quote": lambda s, safe="/:": quote(str(s), safe=safe),
        "urlencode": _urlencode, "datetime": DATETIME, "len": len, "abs": abs, "min": min,
        "max": max, "sum": sum, "filter": filter, "reduce": functools.reduce, "map": map,
        "relativedelta": _relativedelta(), "round": round, "hasattr": _hasattr,
        "is_html_empty": is_html_empty, "user": user, "ctx": dict(ctx or {}), "object": record,
    }
    env = getattr(record, "env", None)
    series = env.registry.series if env is not None else None
    values.update(Formatters(user, values["ctx"], series).helpers())
    values.update(extra)
    return values
