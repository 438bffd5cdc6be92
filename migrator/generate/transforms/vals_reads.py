"""How a method reads the values given to create or write, on libcst nodes: `vals['f']`,
`vals.get('f')`, `vals.get('f', default)`. One reader for the rewrites of create and write
(create_values.py, super_write.py), so both see the same reads."""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import string_value


def subscript_key(node: cst.CSTNode, vals: str) -> str | None:
    """'f' for `vals['f']` (a literal key)."""
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == vals \
            and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    return None


def get_call(node: cst.CSTNode, vals: str) -> tuple[str, cst.BaseExpression | None] | None:
    """('f', the default or None) for `vals.get('f')` / `vals.get('f', default)` (a literal key)."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
            and isinstance(node.func.value, cst.Name) and node.func.value.value == vals \
            and 1 <= len(node.args) <= 2 and not any(arg.keyword for arg in node.args):
        key = string_value(node.args[0].value)
        return (key, node.args[1].value if len(node.args) == 2 else None) if key is not None else None
    return None


def read_key(node: cst.CSTNode, vals: str) -> str | None:
    """'f' for any of the three reads."""
    got = get_call(node, vals)
    return got[0] if got is not None else subscript_key(node, vals)
