"""The part of a model file one method's rewrite needs, on the same line numbers.

libcst's scope analysis costs in proportion to the whole file, and a model file may hold
dozens of methods and fields: the rewrite of one method only needs the module level (imports,
constants, the names of functions and classes) and that method. Everything else is blanked line for line
(a `pass` where a body must stay), so every line number the rewrite reports is the file's own.
"""

from __future__ import annotations

import ast
from collections.abc import Collection


def method_excerpt(text: str, tree: ast.Module, class_name: str, method: str,
                   helpers: Collection[str] = ()) -> str:
    """The file with only the module level and `class_name.method` (and the class's `helpers`)."""
    keep = {method, *helpers}
    lines = text.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _blank_body(lines, node.body)  # its name is what the rewrite asks about
            continue
        if not isinstance(node, ast.ClassDef):
            continue
        if node.name != class_name:
            _blank_body(lines, node.body)
            continue
        for item in node.body:
            # fields and other class attributes too: the body reads them through `self`
            if not (isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in keep):
                _blank(lines, item)
    return "".join(lines)


def _blank_body(lines: list[str], body: list[ast.stmt]) -> None:
    """A class or function body reduced to `pass` on its first line."""
    first, last = body[0], body[-1]
    start = min([first.lineno] + [d.lineno for d in getattr(first, "decorator_list", [])])
    if start == getattr(first, "end_lineno", None) == last.end_lineno and first is last:
        return  # one line: nothing to gain
    indent = lines[start - 1][: len(lines[start - 1]) - len(lines[start - 1].lstrip())]
    for index in range(start - 1, last.end_lineno or last.lineno):
        lines[index] = "\n"
    lines[start - 1] = f"{indent}pass\n"


def _blank(lines: list[str], node: ast.stmt) -> None:
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    for index in range(start - 1, node.end_lineno or node.lineno):
        lines[index] = "\n"
