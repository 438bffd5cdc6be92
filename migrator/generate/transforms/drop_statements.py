"""Rewrite: the statements no-code actions already do are removed from the code action.

A method whose effects are partly no-code (a constant write, a template posted) and partly
code (a record created with computed values) becomes a `multi`: one no-code action per such
effect and one code action for the rest (generate/plan.py). The code action is the body
without the statements of the no-code effects, given by their source lines; a block they
leave empty goes too.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context

RULE = "drop_statements"


def apply(func: cst.FunctionDef, ctx: Context, lines: frozenset[int]) -> cst.FunctionDef:
    if not lines:
        return func
    return func.with_changes(body=transform(func.body, DropStatements(ctx, lines)))


class DropStatements(cst.CSTTransformer):
    def __init__(self, ctx: Context, lines: frozenset[int]) -> None:
        super().__init__()
        self.ctx, self.lines = ctx, lines

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        result = super().on_leave(original_node, updated_node)
        # a block rebuilt without the dropped statements is still the source's (its line counts)
        if isinstance(result, cst.CSTNode) and result is not original_node \
                and (line := self.ctx.source_line(original_node)) is not None:
            self.ctx.origins[result] = line
        return result

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine) -> cst.BaseStatement | cst.RemovalSentinel:
        if self.ctx.source_line(original_node) in self.lines:
            return cst.RemoveFromParent()
        return updated_node

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.BaseStatement | cst.RemovalSentinel:
        if _empty(updated_node.body):
            if updated_node.orelse is None:
                return cst.RemoveFromParent()
            return updated_node.with_changes(body=updated_node.body.with_changes(body=[_pass()]))
        if isinstance(updated_node.orelse, cst.Else) and _empty(updated_node.orelse.body):
            return updated_node.with_changes(orelse=None)
        return updated_node

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.BaseStatement | cst.RemovalSentinel:
        return cst.RemoveFromParent() if _empty(updated_node.body) and updated_node.orelse is None else updated_node


def _empty(block: cst.BaseSuite) -> bool:
    return isinstance(block, cst.IndentedBlock) and not block.body


def _pass() -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([cst.Pass()])
