"""Rewrite: annotated local variables lose their annotation (`x: int = 1` -> `x = 1`).

Odoo's safe_eval (and RestrictedPython) refuses annotated assignments; the annotation says
nothing the action needs. A bare annotation (`x: int`) binds nothing and goes.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign
                            ) -> cst.BaseSmallStatement | cst.RemovalSentinel:
            if updated_node.value is None:
                return cst.RemoveFromParent()
            ctx.note("Type annotations of local variables were dropped (the action sandbox refuses them).")
            return cst.Assign([cst.AssignTarget(updated_node.target)], updated_node.value)

        def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                      updated_node: cst.SimpleStatementLine
                                      ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
            return updated_node if updated_node.body else cst.RemoveFromParent()

    return func.with_changes(body=transform(func.body, Rewriter()))
