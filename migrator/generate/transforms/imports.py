"""Rewrite: names imported by the model file -> the names the action context provides.

`from datetime import timedelta` ... `timedelta(days=1)` becomes `datetime.timedelta(days=1)`;
`ValidationError` becomes `UserError` (the only exception class the context provides).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context, expr
from migrator.generate.transforms.names import Imported
from migrator.sandbox import context_name as sandbox_name

def qualify(node: cst.BaseExpression, ctx: Context) -> str | None:
    """`relativedelta` -> "dateutil.relativedelta.relativedelta" when rooted in an import."""
    if isinstance(node, cst.Name):
        binding = ctx.names.free.get(node.value)
        if isinstance(binding, Imported) and node.value not in ctx.names.local:
            return binding.qualified
        return None
    if isinstance(node, cst.Attribute):
        base = qualify(node.value, ctx)
        return f"{base}.{node.attr.value}" if base else None
    return None


class NameRewriter(cst.CSTTransformer):
    """Rewrites names in load position, never attribute or keyword-argument names."""

    def __init__(self) -> None:
        super().__init__()
        self._skip: set[int] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._skip.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._skip.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self._skip.add(id(node.name))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if id(original_node) in self._skip:
            return updated_node
        return self.rewrite_name(original_node) or updated_node

    def rewrite_name(self, node: cst.Name) -> cst.BaseExpression | None:
        raise NotImplementedError


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(NameRewriter):
        def rewrite_name(self, node: cst.Name) -> cst.BaseExpression | None:
            qualified = qualify(node, ctx)
            new = sandbox_name(qualified, ctx.series) if qualified else None
            if new is None:
                return None
            if qualified == "odoo.exceptions.ValidationError":
                ctx.note("ValidationError became UserError, the exception the action context provides.")
            return expr(new) if new != node.value else None

        def leave_Attribute(
            self, original_node: cst.Attribute, updated_node: cst.Attribute
        ) -> cst.BaseExpression:
            # `pytz.timezone`, `base64.b64encode`: only the whole chain has a context name.
            qualified = qualify(original_node, ctx)
            root = qualify(_root(original_node), ctx)
            if qualified and root and sandbox_name(root, ctx.series) is None:
                new = sandbox_name(qualified, ctx.series)
                if new is not None:
                    return expr(new)
            return updated_node

    return func.with_changes(body=transform(func.body, Rewriter()))


def _root(node: cst.Attribute) -> cst.BaseExpression:
    value: cst.BaseExpression = node
    while isinstance(value, cst.Attribute):
        value = value.value
    return value
