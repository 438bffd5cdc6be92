"""What a no-code action needs that a unit's effect does not carry, read back from the source.

The audit records what decides convertibility (the template xml id, the activity type);
an action also needs the activity's summary and deadline, how a template was posted, which
partners follow, how far from today a time-based search looks. Each reader returns None
when the source does not say it plainly; the unit then becomes a code action.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from migrator.analyze.python_facts import dotted_name
from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.time_based import relative_to_now
from migrator.classify.values import keyword
from migrator.model import Effect

# How the original call posted a template -> mail_post_method.
_POST_CALLS = {"send_mail": "email", "message_post_with_template": "comment",
               "message_post_with_source": "comment"}
_NOTE_SUBTYPES = ("mail.mt_note",)
# Units Odoo's time triggers and activity deadlines count in.
_DELTA_UNITS = {"days": ("day", "days", 1), "weeks": ("day", "weeks", 7), "months": ("month", "months", 1),
                "hours": ("hour", None, 1), "minutes": ("minutes", None, 1)}


@dataclass(frozen=True)
class ActivitySpec:
    type_xmlid: str
    summary: str | None
    note: str | None
    user_field: str | None  # `rec.user_id.id` -> "user_id"
    deadline_days: int  # 0: none given
    deadline_unit: str  # "days" | "weeks" | "months"


@dataclass(frozen=True)
class Delay:
    amount: int  # signed: negative = before the date
    unit: str  # base.automation trg_date_range_type: "minutes" | "hour" | "day" | "month"


def effect_call(ctx: MethodContext, effect: Effect) -> ast.Call | None:
    """The call an effect was read from: the outermost call starting on its first line."""
    found = [
        call for call in ctx.calls()
        if call.lineno == effect.span.line_start and (call.end_lineno or call.lineno) == effect.span.line_end
    ]
    return found[0] if found else None


def mail_post_method(call: ast.Call) -> str | None:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else None
    method = _POST_CALLS.get(name or "")
    if method == "comment" and const_str(keyword(call, "subtype_xmlid")) in _NOTE_SUBTYPES:
        return "note"
    return method


def activity_spec(ctx: MethodContext, call: ast.Call) -> ActivitySpec | None:
    type_xmlid = const_str(keyword(call, "act_type_xmlid", 0))
    if not type_xmlid:
        return None
    texts: dict[str, str | None] = {}
    for name in ("summary", "note"):
        node = keyword(call, name)
        if node is not None and const_str(node) is None:
            return None
        texts[name] = const_str(node)
    user = keyword(call, "user_id")
    user_field = None
    if user is not None:
        if not (isinstance(user, ast.Attribute) and user.attr == "id" and isinstance(user.value, ast.Attribute)
                and ctx.is_records(user.value.value)):
            return None
        user_field = user.value.attr
    deadline = keyword(call, "date_deadline")
    amount, unit = 0, "days"
    if deadline is not None:
        delta = _offset(ctx, deadline)
        if delta is None or delta[0] < 0 or _DELTA_UNITS[delta[1]][1] is None:
            return None  # activities count whole days, weeks or months ahead
        amount, unit = delta[0], _DELTA_UNITS[delta[1]][1]
    return ActivitySpec(type_xmlid, texts["summary"], texts["note"], user_field, amount, unit or "days")


def partner_refs(ctx: MethodContext, node: ast.AST | None) -> tuple[str, ...] | None:
    """`env.ref('base.partner_admin').ids` or `[env.ref(a).id, ...]` -> the xml ids."""
    if isinstance(node, ast.Attribute) and node.attr == "ids":
        ref = ctx.env_ref(node.value)
        return (ref,) if ref else None
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        refs = []
        for item in node.elts:
            ref = ctx.env_ref(item.value) if isinstance(item, ast.Attribute) and item.attr == "id" else None
            if not ref:
                return None
            refs.append(ref)
        return tuple(refs)
    return None


def time_delay(ctx: MethodContext, date_field: str) -> Delay | None:
    """How long after (positive) or before (negative) `date_field` a cron's search acts.

    `('d', '=', today + 3 days)` acts 3 days before d; `('d', '<', today - 2 days)` 2 days after.
    """
    for call, attr, recv in ctx.method_calls():
        if attr != "search" or not ctx.is_records(recv) or not call.args:
            continue
        domain = call.args[0]
        if isinstance(domain, ast.Name):
            domain = ctx.assigned_value(domain.id) or domain
        for term in domain.elts if isinstance(domain, ast.List) else ():
            if (isinstance(term, ast.Tuple) and len(term.elts) == 3 and const_str(term.elts[0]) == date_field
                    and relative_to_now(ctx, term.elts[2])):
                delta = _offset(ctx, term.elts[2])
                if delta is None:
                    return None
                amount, name = delta
                unit, _, factor = _DELTA_UNITS[name]
                return Delay(-amount * factor, unit)
    return None


def _offset(ctx: MethodContext, node: ast.AST, depth: int = 0) -> tuple[int, str] | None:
    """`today (+|-) timedelta(days=N)` -> (±N, "days"); plain `today` -> (0, "days")."""
    if isinstance(node, ast.Name) and depth < 3:
        value = ctx.assigned_value(node.id)
        return None if value is None else _offset(ctx, value, depth + 1)
    if isinstance(node, ast.Call) and relative_to_now(ctx, node):
        return 0, "days"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and relative_to_now(ctx, node.left):
        if _offset(ctx, node.left, depth + 1) != (0, "days"):
            return None
        delta = _delta(node.right)
        if delta is None:
            return None
        sign = 1 if isinstance(node.op, ast.Add) else -1
        return sign * delta[0], delta[1]
    return None


def _delta(node: ast.AST) -> tuple[int, str] | None:
    """`timedelta(days=3)` / `relativedelta(months=1)` with one constant keyword."""
    if not (isinstance(node, ast.Call) and (dotted_name(node.func) or "").rsplit(".", 1)[-1]
            in ("timedelta", "relativedelta") and not node.args and len(node.keywords) == 1):
        return None
    kw = node.keywords[0]
    if kw.arg not in _DELTA_UNITS or not isinstance(kw.value, ast.Constant) or type(kw.value.value) is not int:
        return None
    return kw.value.value, kw.arg
