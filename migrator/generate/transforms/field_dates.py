"""Rewrite: `fields.Date.today()` -> `datetime.date.today()`, `fields.Datetime.now()` ->
`datetime.datetime.now()`, `fields.Date.context_today(x)` -> `datetime.date.today()`;
`fields.Datetime.to_string(x)` / `fields.Date.to_string(x)` -> what Odoo's own does,
`x.strftime(FORMAT) if x else False`: just `(x).strftime(FORMAT)` where `x` is reckoned from the
clock (never False), the test kept where `x` is a name or an attribute (a field may be empty),
refused (`imports-module`) for any other expression, which the test would evaluate twice.

`fields` is not in the action context; the `datetime` module is.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context, expr
from migrator.generate.transforms.imports import qualify
from migrator.sandbox import CLOCK_EQUATIONS, FIELD_TO_STRING
from migrator.sandbox import FIELD_DATE_FUNCTIONS as FUNCTIONS

CONTEXT_TODAY = "odoo.fields.Date.context_today"
RULE = "imports-module"


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
            qualified = qualify(original_node.func, ctx)
            if qualified in FIELD_TO_STRING:
                return _to_string(original_node, updated_node, FIELD_TO_STRING[qualified], ctx)
            if qualified not in FUNCTIONS:
                return updated_node
            if qualified == CONTEXT_TODAY:
                ctx.note(
                    "fields.Date.context_today() became datetime.date.today(): "
                    "the server's date, not the user's timezone."
                )
                return updated_node.with_changes(func=expr(FUNCTIONS[qualified]), args=())
            return updated_node.with_changes(func=expr(FUNCTIONS[qualified]))

    return func.with_changes(body=transform(func.body, Rewriter()))


def _to_string(original: cst.Call, updated: cst.Call, fmt: str, ctx: Context) -> cst.BaseExpression:
    if len(original.args) != 1 or original.args[0].keyword or original.args[0].star:
        ctx.block(RULE, "to_string() is called with other than one value.", original, RULE)
        return updated
    value = updated.args[0].value
    strftime = cst.Call(cst.Attribute(value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                                      if isinstance(value, cst.BinaryOperation) else value, cst.Name("strftime")),
                        [cst.Arg(cst.SimpleString(repr(fmt)))])
    if _from_clock(original.args[0].value, ctx):
        return strftime
    if _plain(original.args[0].value):
        return cst.IfExp(test=value, body=strftime, orelse=cst.Name("False"),
                         lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    ctx.block(RULE, "to_string() of an expression that the rewrite would evaluate twice "
                    "(`x.strftime(...) if x else False`): give it a name first.", original, RULE)
    return updated


def _from_clock(node: cst.BaseExpression, ctx: Context) -> bool:
    """A call reading the clock, or such a call plus or minus anything: a date or a datetime."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Subtract)):
        return _from_clock(node.left, ctx)
    return isinstance(node, cst.Call) and (qualify(node.func, ctx) in CLOCK_EQUATIONS
                                           or qualify(node.func, ctx) in FUNCTIONS)


def _plain(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Attribute):
        return _plain(node.value)
    return isinstance(node, cst.Name)
