"""Rewrite: `rec.f = v` -> `rec.write({'f': v})`, `rec.f += 1` -> `rec.write({'f': rec.f + 1})`.

The sandbox refuses attribute assignment; `write` is what the assignment does on a record.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform, walk
from migrator.generate.transforms.base import Context, write_call

RULE = "attribute_assign"


def check(func: cst.FunctionDef, ctx: Context) -> None:
    """Assignments that cannot become one write: `a.x = b.y = v`, `a.x, a.y = v`."""

    class Visitor(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            targets = [t.target for t in node.targets]
            simple = len(targets) == 1 and not isinstance(targets[0], (cst.Tuple, cst.List))
            if not simple and any(_has_attribute(t) for t in targets):
                ctx.block(
                    "sandbox-forbidden",
                    "The action sandbox refuses attribute assignment, and this one is not a single write.",
                    node,
                    RULE,
                )

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            if isinstance(node.target, cst.Attribute):
                ctx.block("sandbox-forbidden", "The action sandbox refuses attribute assignment.", node, RULE)

    walk(func.body, Visitor())


def _has_attribute(target: cst.BaseExpression) -> bool:
    if isinstance(target, cst.Attribute):
        return True
    if isinstance(target, (cst.Tuple, cst.List)):
        return any(_has_attribute(e.value) for e in target.elements)
    return False


def _binary(op: cst.BaseAugOp) -> cst.BaseBinaryOp:
    # AddAssign -> Add, BitOrAssign -> BitOr, ...
    return getattr(cst, type(op).__name__.removesuffix("Assign"))()


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.BaseSmallStatement:
            if len(updated_node.targets) != 1:
                return updated_node
            target = updated_node.targets[0].target
            if not isinstance(target, cst.Attribute):
                return updated_node
            ctx.note("Attribute assignments became write() calls.")
            return cst.Expr(write_call(target.value, [(target.attr.value, updated_node.value)]))

        def leave_AugAssign(
            self, original_node: cst.AugAssign, updated_node: cst.AugAssign
        ) -> cst.BaseSmallStatement:
            target = updated_node.target
            if not isinstance(target, cst.Attribute):
                return updated_node
            ctx.note("Attribute assignments became write() calls.")
            value = cst.BinaryOperation(target, _binary(updated_node.operator), updated_node.value)
            return cst.Expr(write_call(target.value, [(target.attr.value, value)]))

    return func.with_changes(body=transform(func.body, Rewriter()))
