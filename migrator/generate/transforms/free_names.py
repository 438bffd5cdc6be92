"""Check: every name the body reads from outside the method exists in the action context.

Imports the sandbox lacks give `imports-module`; builtins it refuses give `sandbox-forbidden`;
module-level variables that are not literals give `module-variable`. Functions and classes of
the file are `calls-custom-method`, which the audit's rule of that name decides.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.transforms import logger
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.imports import qualify
from migrator.generate.transforms.names import Builtin, Imported, Logger, ModuleValue, Unknown
from migrator.sandbox import ALLOWED_BUILTINS, provided

RULE = "free_names"

# `super` is handled by the super() rewrites.
_BUILTINS = ALLOWED_BUILTINS | {"super"}


def check(func: cst.FunctionDef, ctx: Context) -> None:
    qualified_uses = _qualified_uses(func, ctx)
    for name, node in ctx.names.uses:
        binding = ctx.names.free[name]
        if name in ctx.names.local:
            ctx.block(
                "shadowed-name",
                f"`{name}` is both a local name of the method and a module-level name.",
                node,
                RULE,
            )
        elif isinstance(binding, Builtin) and name not in _BUILTINS:
            ctx.block(
                "sandbox-forbidden",
                f"The action sandbox does not provide the builtin `{name}`.",
                node,
                RULE,
            )
        elif isinstance(binding, Unknown):
            ctx.block(
                "imports-module",
                f"`{name}` is not defined in the model file (star import or undefined).",
                node,
                RULE,
            )
        elif isinstance(binding, ModuleValue) and binding.value is None:
            ctx.block(
                "module-variable",
                f"The body reads `{name}`, a module-level variable that is not a literal.",
                node,
                RULE,
            )
        elif isinstance(binding, Imported):
            qualified = qualified_uses.get(id(node), binding.qualified)
            if not provided(qualified, ctx.series):
                ctx.block(
                    "imports-module",
                    f"The action sandbox does not provide `{qualified}`.",
                    node,
                    RULE,
                )
        elif isinstance(binding, Logger) and id(node) not in qualified_uses:
            ctx.block("sandbox-forbidden", f"`{name}` is used other than to log a message.", node, RULE)


def _qualified_uses(func: cst.FunctionDef, ctx: Context) -> dict[int, str]:
    """Root name node -> the longest qualified name it heads (`fields.Date.today`)."""
    found: dict[int, str] = {}

    class Visitor(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            qualified = qualify(node, ctx)
            root = node.value
            while isinstance(root, cst.Attribute):
                root = root.value
            if qualified is not None:
                found[id(root)] = qualified
                return False
            return True

        def visit_Call(self, node: cst.Call) -> None:
            if logger.is_log_call(node, ctx):
                found[id(node.func.value)] = "logging"  # type: ignore[attr-defined]

    walk(func.body, Visitor())
    return found
