"""Rewrite: `self.env` -> `env`, `self` -> `records` (`model` in cron code)."""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.imports import NameRewriter


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    self_name = ctx.self_name

    class Rewriter(NameRewriter):
        def leave_Attribute(
            self, original_node: cst.Attribute, updated_node: cst.Attribute
        ) -> cst.BaseExpression:
            value = original_node.value
            if isinstance(value, cst.Name) and value.value == self_name and original_node.attr.value == "env":
                return cst.Name("env", lpar=updated_node.lpar, rpar=updated_node.rpar)
            return updated_node

        def rewrite_name(self, node: cst.Name) -> cst.BaseExpression | None:
            return cst.Name(ctx.records_name) if node.value == self_name else None

    return func.with_changes(body=transform(func.body, Rewriter()))
