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


def add_dependency(text: str, module: str) -> str:
    """The manifest text with `module` added to its `depends` list; every other byte kept."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    node = tree.body[0].value if tree.body and isinstance(tree.body[0], ast.Expr) else None
    if not isinstance(node, ast.Dict):
        return text
    lines = text.splitlines(keepends=True)
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and key.value == "depends" and isinstance(value, (ast.List, ast.Tuple)):
            if any(isinstance(e, ast.Constant) and e.value == module for e in value.elts):
                return text
            # just before the closing bracket, after the last item (and its comma, if any)
            last = value.elts[-1] if value.elts else None
            line, col = (last.end_lineno, last.end_col_offset) if last else (value.lineno, value.col_offset + 1)
            item = f"{', ' if last else ''}{module!r}"
            return _insert(lines, line, col, item)
    # no depends: one after the opening brace
    return _insert(lines, node.lineno, node.col_offset + 1, f"'depends': [{module!r}], ")


def _insert(lines: list[str], line: int, col: int, text: str) -> str:
    raw = lines[line - 1].encode("utf-8")  # ast's offsets count bytes
    lines[line - 1] = (raw[:col] + text.encode("utf-8") + raw[col:]).decode("utf-8")
    return "".join(lines)
