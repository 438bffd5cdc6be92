"""The residual module's manifest: the version of the target series (FACTS.md "Module
versions and loading": Odoo does not install a module whose version names another series)."""

from __future__ import annotations

import ast
import re

_SERIES_PREFIX = re.compile(r"^\s*\d+\.0\.(?=\d)")


def target_version(version: str, series: str) -> str:
    """`18.0.1.2.0` -> `19.0.1.2.0` for 19.0; a module-only version (`1.0.3`) is kept: Odoo
    prefixes it with the running series."""
    if version.count(".") >= 3 and _SERIES_PREFIX.match(version):
        return _SERIES_PREFIX.sub(f"{series}.", version, count=1)
    return version


def retarget_manifest(text: str, series: str) -> str:
    """The manifest text with its `version` value for `series`; every other byte kept."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    node = tree.body[0].value if tree.body and isinstance(tree.body[0], ast.Expr) else None
    if not isinstance(node, ast.Dict):
        return text
    for key, value in zip(node.keys, node.values):
        if (isinstance(key, ast.Constant) and key.value == "version" and isinstance(value, ast.Constant)
                and isinstance(value.value, str) and value.lineno == value.end_lineno):
            new = target_version(value.value, series)
            if new == value.value:
                return text
            lines = text.splitlines(keepends=True)
            line = lines[value.lineno - 1].encode("utf-8")
            quote = line[value.col_offset:value.col_offset + 1].decode()
            replaced = line[:value.col_offset] + f"{quote}{new}{quote}".encode() + line[value.end_col_offset:]
            lines[value.lineno - 1] = replaced.decode("utf-8")
            return "".join(lines)
    return text
