"""RestrictedPython with Odoo's naming rule, shared by `check` and the replay sandbox.

RestrictedPython on its own refuses every name and attribute that starts with "_"; Odoo's
safe_eval refuses only names containing "__" (which find_violations reports first), so
`record._name`, `_logger` and `sequence._next()` are legal action code. Attribute reads go
through `_getattr_` and writes through `_write_`, the guards the replay sandbox provides.
"""

from __future__ import annotations

import ast
from typing import Any

from RestrictedPython.transformer import RestrictingNodeTransformer

# The names the compiled code calls for its guards; code may not use them itself.
GUARD_NAMES = frozenset({"_getattr_", "_getitem_", "_getiter_", "_write_", "_inplacevar_", "_apply_",
                         "_unpack_sequence_", "_iter_unpack_sequence_"})


class OdooPolicy(RestrictingNodeTransformer):
    def check_name(self, node: Any, name: str | None, allow_magic_methods: bool = False) -> None:
        if name in GUARD_NAMES:
            self.error(node, f'"{name}" is reserved by the sandbox.')

    def visit_Attribute(self, node: Any) -> Any:
        node = self.node_contents_visit(node)
        if isinstance(node.ctx, ast.Load):
            call = ast.Call(func=ast.Name("_getattr_", ast.Load()),
                            args=[node.value, ast.Constant(node.attr)], keywords=[])
            return ast.fix_missing_locations(ast.copy_location(call, node))
        write = ast.Call(func=ast.Name("_write_", ast.Load()), args=[node.value], keywords=[])
        node.value = ast.fix_missing_locations(ast.copy_location(write, node.value))
        return node
