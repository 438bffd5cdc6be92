"""A value set in `vals` before `super()` that the record itself can give after the save.

    def write(self, vals):                              on_write(stage_id), object_write:
        if 'stage_id' in vals:                  ->          stage_last_update_date =
            vals['stage_last_update_date'] = now()              datetime.datetime.now()   (equation)
        return super().write(vals)

An automation rule cannot put a value into the values being saved, but an object_write right
after the save can write it, its value an expression evaluated on the record when the action
runs (evaluation type `equation`, 16.0-19.0; the `datetime` module is in its context in every
series). Two kinds of value are the same computed then as before the save:

- the clock (`fields.Datetime.now()`, `datetime.now()`, `date.today()`; migrator/sandbox.py's
  CLOCK_EQUATIONS): the same for every record, read when the rule runs;
- another field written in the same call (`vals['date'] = vals['date_deadline']`, guarded by
  a test that `date_deadline` is written and by nothing else): after the write the record
  holds that value (`record.date_deadline`). Only in `write`: on create a field the caller did
  not give holds its default on the record, where the values held nothing.

CONVERSION.md says what differs: a second write after the save, which what runs in between
(other rules, tracking, constraints) does not see. Values normalised in place are
classify/normalised.py's.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from migrator.classify.conditions import vals_fields
from migrator.classify.method_context import MethodContext
from migrator.sandbox import CLOCK_EQUATIONS


@dataclass(frozen=True)
class SetValue:
    equation: str  # the expression the object_write evaluates on `record`
    copied: str | None = None  # the written field whose value it copies, None for the clock


def set_value(ctx: MethodContext, node: ast.stmt, field: str, value: ast.expr) -> SetValue | None:
    """The equation for `vals[field] = value` at statement `node`, None when the value is
    neither the clock nor a copy of one written field, or the statement is not before super()."""
    if ctx.method.name not in ("create", "write") or not _before_super(ctx, node):
        return None
    clock = _clock(ctx, value)
    if clock is not None:
        return SetValue(clock)
    source = ctx.vals_key(value)
    if source is None or source == field or ctx.method.name != "write" or not source.isidentifier():
        return None
    statement = ctx.statement_at(node.lineno)
    tested = [vals_fields(ctx, g) for g in (statement.guards if statement else ())]
    if not any(source in fields for fields in tested) or any(fields - {source} for fields in tested):
        return None  # runs whenever the source is written, and only then
    return SetValue(f"record.{source}", copied=source)


def _before_super(ctx: MethodContext, node: ast.stmt) -> bool:
    lines = [call.lineno for call in ctx.super_calls]
    return bool(lines) and node.lineno < min(lines)


def _clock(ctx: MethodContext, value: ast.expr) -> str | None:
    if not (isinstance(value, ast.Call) and not value.args and not value.keywords):
        return None
    dotted = ctx.dotted(value.func)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    if head in ctx.local_names:
        return None
    origin = ctx.imported_origin(head)
    qualified = f"{origin}.{rest}" if origin and rest else origin or dotted
    return CLOCK_EQUATIONS.get(qualified)
