"""Check: calls to methods the model file defines itself (`calls-custom-method`).

A method that calls `super()` overrides one Odoo (or another module) defines, so calling it
still works once this module is gone; any other method of the file disappears with it.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context
from migrator.generate.transforms.names import Defined

RULE = "custom_methods"


def _calls_super(func: cst.FunctionDef) -> bool:
    found = False

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            nonlocal found
            if isinstance(node.func, cst.Name) and node.func.value == "super":
                found = True

    func.body.visit(Finder())
    return found


def custom_method_names(module: cst.Module) -> frozenset[str]:
    names: set[str] = set()
    for stmt in module.body:
        if isinstance(stmt, cst.ClassDef):
            for item in stmt.body.body:
                if isinstance(item, cst.FunctionDef) and not _calls_super(item):
                    names.add(item.name.value)
    return frozenset(names)


def check(func: cst.FunctionDef, ctx: Context) -> None:
    custom = custom_method_names(ctx.module)

    class Visitor(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:
            if node.attr.value in custom:
                ctx.block(
                    "calls-custom-method",
                    f"The body calls `{node.attr.value}`, a method the module itself defines.",
                    node,
                    RULE,
                )

    func.body.visit(Visitor())
    for name, node in ctx.names.uses:
        if ctx.names.free[name] == Defined("function"):
            ctx.block(
                "calls-custom-method",
                f"The body calls `{name}`, a function the model file defines.",
                node,
                RULE,
            )
        elif ctx.names.free[name] == Defined("class"):
            ctx.block(
                "calls-custom-method",
                f"The body uses `{name}`, a class the model file defines.",
                node,
                RULE,
            )
