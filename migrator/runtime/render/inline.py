"""Inline templates: how mail.template renders its char fields (subject, email_to,
partner_to, email_from, ...) in Odoo 16-19 (odoo/tools/rendering_tools.py).

`{{ expression }}` blocks are evaluated with safe_eval's rules, the text around them is
kept as is. `{{ expression ||| default }}` gives the text used when the value is falsy;
without a default a falsy value (None, False, 0, '', an empty recordset) renders as
nothing. Blocks do not span lines (Odoo's pattern has no DOTALL).
"""

from __future__ import annotations

import re
from typing import Any

from migrator.runtime.action_sandbox import (
    ReplayUnsupported, SandboxViolation, UserError, eval_expression,
)
from migrator.runtime.errors import RuntimeMissing

INLINE_BLOCK = re.compile(r"\{\{(.+?)(\|\|\|\s*(.*?))?\}\}")


class RenderError(UserError):
    """A template failed to render (Odoo raises a UserError too)."""


class UnsupportedTemplate(ReplayUnsupported):
    """A template uses something this runtime does not render; names it."""


def render_inline(template: str | None, values: dict[str, Any]) -> str:
    """Render an inline template with `values` (see render.context.template_values)."""
    if not template:
        return ""
    parts: list[str] = []
    position = 0
    for match in INLINE_BLOCK.finditer(template):
        parts.append(template[position:match.start()])
        position = match.end()
        expression, default = match.group(1).strip(), match.group(3) or ""
        if not expression:
            continue  # `{{ }}` renders nothing, default included
        result = evaluate(expression, values) or default
        if result:
            parts.append(str(result))
    parts.append(template[position:])
    return "".join(parts)


def evaluate(expression: str, values: dict[str, Any], *, missing_as_none: bool = False) -> Any:
    """Evaluate a template expression; failures become RenderError naming the expression,
    refusals (SandboxViolation, ReplayUnsupported, RuntimeMissing) stay what they are."""
    try:
        return eval_expression(expression, values, missing_as_none=missing_as_none)
    except (SandboxViolation, ReplayUnsupported, RuntimeMissing):
        raise
    except Exception as exc:
        raise RenderError(f"failed to render {expression!r}: {type(exc).__name__}: {exc}") from exc
