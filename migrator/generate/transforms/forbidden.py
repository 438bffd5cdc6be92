"""Check: constructs Odoo's safe_eval refuses in action code (`sandbox-forbidden`)."""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.transforms.base import Context
from migrator.sandbox import FORBIDDEN_NODES

RULE = "forbidden"

def check(func: cst.FunctionDef, ctx: Context) -> None:
    if func.asynchronous is not None:
        ctx.block("sandbox-forbidden", "Async methods cannot run as action code.", func, RULE)

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            what = FORBIDDEN_NODES.get(type(node).__name__)
            if what is not None:
                ctx.block("sandbox-forbidden", f"The action sandbox refuses {what}.", node, RULE)
            return super().on_visit(node)

        def visit_Name(self, node: cst.Name) -> None:
            if "__" in node.value:
                ctx.block(
                    "sandbox-forbidden",
                    f"The action sandbox refuses names containing '__' (`{node.value}`).",
                    node,
                    RULE,
                )

        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                if isinstance(target.target, (cst.Tuple, cst.List)) and any(
                    isinstance(e, cst.StarredElement) for e in target.target.elements
                ):
                    ctx.block(
                        "sandbox-forbidden",
                        "The action sandbox refuses starred assignment.",
                        node,
                        RULE,
                    )

        def visit_Del(self, node: cst.Del) -> None:
            if isinstance(node.target, cst.Attribute):
                ctx.block(
                    "sandbox-forbidden",
                    "The action sandbox refuses deleting an attribute.",
                    node,
                    RULE,
                )

    walk(func.body, Visitor())
