"""Read a generated module's manifest without executing it."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from migrator.model import Finding

MANIFEST = "__manifest__.py"
_REQUIRED = {"name": str, "version": str, "depends": list, "data": list}


@dataclass(frozen=True)
class Manifest:
    depends: tuple[str, ...]
    data: tuple[tuple[str, int], ...]  # (path as listed, line in the manifest)
    version: object = None  # as written; `deploy` reads the series off it
    summary: str = ""


def read_manifest(folder: Path) -> tuple[Manifest | None, list[Finding]]:
    path = folder / MANIFEST
    if not path.is_file():
        return None, [Finding("manifest-missing", f"no {MANIFEST} in {folder.name}", MANIFEST)]
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), MANIFEST)
    except (SyntaxError, UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        return None, [Finding("manifest-invalid", f"cannot parse: {exc}", MANIFEST, line)]
    body = tree.body
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Dict):
        return None, [Finding("manifest-invalid", "the manifest must be one literal dict", MANIFEST, 1)]
    node = body[0].value
    try:
        values = ast.literal_eval(node)
    except ValueError:
        return None, [Finding("manifest-invalid", "the manifest dict holds something other than literals",
                              MANIFEST, node.lineno)]
    findings = [
        Finding("manifest-key", f"key {key!r} must be a {kind.__name__}", MANIFEST, node.lineno)
        for key, kind in _REQUIRED.items()
        if not isinstance(values.get(key), kind)
    ]
    if findings:
        return None, findings
    lines = {
        key.value: value for key, value in zip(node.keys, node.values)
        if isinstance(key, ast.Constant)
    }
    data_node = lines["data"]
    data = tuple(
        (item.value, item.lineno) for item in data_node.elts  # type: ignore[attr-defined]
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
    )
    return Manifest(tuple(str(d) for d in values["depends"]), data, values.get("version"),
                    str(values.get("summary") or "")), []
