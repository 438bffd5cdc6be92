"""Rewrite: `fields.Date.today()` -> `datetime.date.today()`, `fields.Datetime.now()` ->
`datetime.datetime.now()`, `fields.Date.context_today(x)` -> `datetime.date.today()`.

`fields` is not in the action context; the `datetime` module is.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context, expr
from migrator.generate.transforms.imports import qualify
from migrator.sandbox import FIELD_DATE_FUNCTIONS as FUNCTIONS

CONTEXT_TODAY = "odoo.fields.Date.context_today"


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
            qualified = qualify(original_node.func, ctx)
            if qualified not in FUNCTIONS:
                return updated_node
            if qualified == CONTEXT_TODAY:
                ctx.note(
                    "fields.Date.context_today() became datetime.date.today(): "
                    "the server's date, not the user's timezone."
                )
                return updated_node.with_changes(func=expr(FUNCTIONS[qualified]), args=())
            return updated_node.with_changes(func=expr(FUNCTIONS[qualified]))

    return func.with_changes(body=func.body.visit(Rewriter()))
