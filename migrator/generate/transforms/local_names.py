"""Rewrite: local variables named like the action context (`env`, `records`, `log`, ...)
get a trailing underscore, so the rewritten code still reaches the context's objects."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.imports import NameRewriter

# Context names the rewritten code may refer to (`record`, `user`, `uid` are never generated).
RESERVED = frozenset(
    "env model records log datetime dateutil timezone float_compare b64encode b64decode "
    "Command UserError json time action".split()
)


def renames(ctx: Context) -> dict[str, str]:
    taken = set(ctx.names.local) | set(ctx.names.free) | RESERVED
    result: dict[str, str] = {}
    for name in sorted((ctx.names.local - set(ctx.params[:1])) & RESERVED):
        new = name + "_"
        while new in taken:
            new += "_"
        taken.add(new)
        result[name] = new
    return result


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    mapping = renames(ctx)
    if not mapping:
        return func

    class Rewriter(NameRewriter):
        def visit_Param(self, node: cst.Param) -> None:
            pass  # lambda parameters are renamed like any other local

        def rewrite_name(self, node: cst.Name) -> cst.BaseExpression | None:
            return cst.Name(mapping[node.value]) if node.value in mapping else None

    for old, new in mapping.items():
        ctx.note(f"The local variable {old} was renamed {new}: the action context defines {old}.")
    ctx.names = replace(ctx.names, local=(ctx.names.local - set(mapping)) | set(mapping.values()))
    return func.with_changes(body=transform(func.body, Rewriter()))
