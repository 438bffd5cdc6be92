"""Reading an addon manifest as a literal, never executing it."""

from __future__ import annotations

import ast
import os
import warnings
from dataclasses import replace

from migrator.analyze.files import read_text, source_file
from migrator.model import Finding

MANIFEST_NAMES = ("__manifest__.py", "__openerp__.py")  # current, then legacy (<= 9.0)
MAX_MANIFEST_SIZE = 256 * 1024  # real manifests are a few KB
# A manifest Odoo cannot read makes the whole addon unreadable, hence codes of its own.
_READ_CODES = {
    "file-too-large": "manifest-too-large",
    "binary-file": "manifest-binary",
    "not-utf8": "manifest-not-utf8",
    "unreadable-file": "manifest-unreadable",
}

# The nodes ast.literal_eval accepts; any other node is what makes a manifest not literal.
_LITERAL_NODES = (
    ast.Expression, ast.Constant, ast.Dict, ast.List, ast.Tuple, ast.Set,
    ast.UnaryOp, ast.BinOp, ast.UAdd, ast.USub, ast.Add, ast.Sub, ast.Load,
)


def find_manifest(addon_path: str) -> str | None:
    """The manifest file name of the folder, or None."""
    for name in MANIFEST_NAMES:
        if os.path.isfile(os.path.join(addon_path, name)):
            return name
    return None


def read_manifest(addon_path: str, name: str) -> tuple[dict, Finding | None]:
    """The manifest `name` of the folder as a dict, or {} and why it cannot be used."""
    try:
        text, finding = read_text(source_file(addon_path, name), MAX_MANIFEST_SIZE)
    except OSError as exc:
        return {}, Finding("manifest-unreadable", f"{name} cannot be read: {exc.strerror}", name)
    if finding is not None:
        return {}, replace(finding, code=_READ_CODES[finding.code])
    assert text is not None  # read_text gives text or a finding
    return parse_manifest(text, name)


def parse_manifest(text: str, name: str) -> tuple[dict, Finding | None]:
    """Evaluate the manifest source `text` as a single literal expression."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. invalid escapes: Odoo reads those fine
            module = ast.parse(text, name)
    # ValueError: NUL bytes before Python 3.11.4; the others: absurd nesting.
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        reason = getattr(exc, "msg", None) or str(exc) or "nested too deeply"
        return {}, Finding("manifest-syntax-error", f"{name} is not valid Python: {reason}",
                           name, line)
    if not module.body:
        return {}, Finding("manifest-empty", f"{name} holds no expression", name, 1)
    first = module.body[0]
    if len(module.body) > 1 or not isinstance(first, ast.Expr):
        extra = module.body[1] if isinstance(first, ast.Expr) else first
        return {}, Finding("manifest-not-literal",
                           f"{name} must be a single expression, not statements", name,
                           extra.lineno)
    try:
        value = ast.literal_eval(first.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        node = _first_non_literal(first.value)
        code = (ast.get_source_segment(text, node) or "")[:60]
        return {}, Finding(
            "manifest-not-literal",
            f"{name} is not a literal: it contains {code!r}, which would have to be executed",
            name, node.lineno)
    if not isinstance(value, dict):
        return {}, Finding("manifest-not-dict",
                           f"{name} is a {type(value).__name__}, not a dict", name, first.lineno)
    return value, None


def manifest_depends(manifest: dict) -> tuple[str, ...]:
    """The manifest's `depends` as written, names only, each once."""
    depends = manifest.get("depends")
    if not isinstance(depends, (list, tuple)):
        return ()
    return tuple(dict.fromkeys(d for d in depends if isinstance(d, str) and d))


def _first_non_literal(expr: ast.expr) -> ast.expr:
    """The earliest node in source order that literal_eval refuses (the whole expr if none)."""
    refused = [n for n in ast.walk(expr) if not isinstance(n, _LITERAL_NODES)
               and isinstance(n, ast.expr)]
    return min(refused, key=lambda n: (n.lineno, n.col_offset), default=expr)
