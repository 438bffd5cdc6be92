"""The values a mail template renders with, as mail.render.mixin's _render_eval_context
builds them: `object`, `user`, `ctx`, the template globals and the format helpers.

The format helpers (format_date, format_datetime, format_time, format_amount,
format_duration) depend on the recipient's language and the currency's settings: they
are refused by name when called rather than approximated.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import quote, urlencode

from migrator.runtime.action_sandbox import DATETIME, ReplayUnsupported

_EMPTY_HTML_TAG = re.compile(r"<\s*/?(?:p|div|section|span|br|b|i|font)(?:(?=\s+\w*)[^/>]*|\s*)/?\s*>")
FORMAT_HELPERS = ("format_date", "format_datetime", "format_time", "format_amount", "format_duration")


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
    values.update({name: _refused(name) for name in FORMAT_HELPERS})
    values.update(extra)
    return values
