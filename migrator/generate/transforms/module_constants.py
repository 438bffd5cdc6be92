"""Rewrite: module-level literal constants are inlined (`STATES` -> `('draft', 'done')`).

Action code cannot see the model file's module; a literal means the same wherever it is.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.imports import NameRewriter
from migrator.generate.transforms.names import ModuleValue


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(NameRewriter):
        def rewrite_name(self, node: cst.Name) -> cst.BaseExpression | None:
            binding = ctx.names.free.get(node.value)
            if not isinstance(binding, ModuleValue) or binding.value is None:
                return None
            if node.value in ctx.names.local:
                return None
            ctx.note(f"The module constant {node.value} was inlined.")
            value = binding.value
            if isinstance(value, cst.Tuple) and not value.lpar:
                value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            return value

    return func.with_changes(body=transform(func.body, Rewriter()))
