"""16.0 only: `relativedelta(days=n)` -> `datetime.timedelta(days=n)`.

16.0's sandbox wraps `dateutil` without its submodules, so `dateutil.relativedelta` does not
exist there; an offset in days or weeks means the same as a timedelta. Any other use of
relativedelta is a blocker. From 17.0 on, the imports rewrite maps it to
`dateutil.relativedelta.relativedelta`.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform, walk
from migrator.generate.transforms.base import Context, expr
from migrator.generate.transforms.imports import qualify
from migrator.sandbox import RELATIVEDELTA as QUALIFIED
from migrator.sandbox import TIMEDELTA_KEYWORDS as _TIMEDELTA_KEYWORDS

RULE = "relativedelta"


def _as_timedelta(call: cst.Call) -> bool:
    return bool(call.args) and all(
        arg.keyword is not None and arg.keyword.value in _TIMEDELTA_KEYWORDS and not arg.star
        for arg in call.args
    )


def check(func: cst.FunctionDef, ctx: Context) -> None:
    if ctx.series >= 17:
        return

    class Visitor(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if qualify(node.func, ctx) == QUALIFIED and not _as_timedelta(node):
                ctx.block(
                    "imports-module",
                    "16.0 action code has no dateutil.relativedelta, and this offset is "
                    "not a whole number of days or weeks.",
                    node,
                    RULE,
                )

    walk(func.body, Visitor())


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    if ctx.series >= 17:
        return func

    class Rewriter(cst.CSTTransformer):
        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
            if qualify(original_node.func, ctx) != QUALIFIED:
                return updated_node
            ctx.note("relativedelta(days/weeks=...) became datetime.timedelta (16.0 has no dateutil.relativedelta).")
            return updated_node.with_changes(func=expr("datetime.timedelta"))

    return func.with_changes(body=transform(func.body, Rewriter()))
