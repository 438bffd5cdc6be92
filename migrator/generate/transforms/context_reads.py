"""Check: reads of the context (`context-dependent`).

Automation rules and crons run with their own context, not the caller's: a body that
reads it cannot behave the same.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context, code_of

RULE = "context_reads"


def check(func: cst.FunctionDef, ctx: Context) -> None:
    class Visitor(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:
            reads = node.attr.value == "_context" or (
                node.attr.value == "context"
                and isinstance(node.value, cst.Attribute)
                and node.value.attr.value == "env"
            )
            if reads:
                ctx.block(
                    "context-dependent",
                    f"The body reads the context (`{code_of(node)}`), which an action does not receive.",
                    node,
                    RULE,
                )

        def visit_Name(self, node: cst.Name) -> None:
            if node.value == "context" and node.value in ctx.params:
                ctx.block(
                    "context-dependent",
                    "The body reads the `context` parameter, which an action does not receive.",
                    node,
                    RULE,
                )

    func.body.visit(Visitor())
