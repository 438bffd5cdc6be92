"""Check: SQL run through the cursor (`raw-sql`)."""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context

RULE = "raw_sql"


def _is_cursor(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Name):
        return node.value in ("cr", "_cr")
    return isinstance(node, cst.Attribute) and node.attr.value in ("cr", "_cr")


def check(func: cst.FunctionDef, ctx: Context) -> None:
    class Visitor(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            func_ = node.func
            if (
                isinstance(func_, cst.Attribute)
                and func_.attr.value in ("execute", "executemany")
                and _is_cursor(func_.value)
            ):
                ctx.block(
                    "raw-sql",
                    "The body runs SQL through the cursor, which bypasses the ORM.",
                    node,
                    RULE,
                )

    func.body.visit(Visitor())
