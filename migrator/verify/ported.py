"""A module whose manifest version names another series, as verify replays it.

Odoo does not install such a module (FACTS: "incompatible version, setting
installable=False"), and neither does the runtime. `verify --series 19.0` of an 18.0 module
therefore replays the module ported in its manifest only: the same files, the version moved
to the asked series ("18.0.1.2.0" -> "19.0.1.2.0"), the code as written. The report says so.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

from migrator.discover.series import ported_version, series_from_version, version_refusal
from migrator.runtime.manifest import read_manifest

MANIFESTS = ("__manifest__.py", "__openerp__.py")


@dataclass(frozen=True)
class Ported:
    version: str  # as the manifest gives it
    series: str  # the series it names
    replayed_as: str  # the version replayed

    def note(self, addon: str, series: str) -> str:
        return (f"{addon} is a {self.series} module (version {self.version}): Odoo {series} does not install "
                f"it (\"incompatible version, setting installable=False\"); replayed as ported in its manifest "
                f"only (version {self.replayed_as}), its code as written")


def needs_port(module: Path, series: str) -> Ported | None:
    """What porting the manifest would change, when Odoo `series` refuses it for its series."""
    version = read_manifest(module).get("version")
    named = series_from_version(version)
    if named is None or named == series or version_refusal(version, series) is None:
        return None  # installable, or refused for another reason (the loader says which)
    return Ported(str(version).strip(), named, ported_version(version, series))


def port_manifest(module: Path, series: str) -> Ported | None:
    """Rewrite the manifest's version in place (the rest of its text kept) when needed."""
    ported = needs_port(module, series)
    if ported is None:
        return None
    path = next(module / name for name in MANIFESTS if (module / name).is_file())
    text = path.read_text(encoding="utf-8")
    node = _version_node(text)
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:node.lineno - 1]) + _char_offset(lines[node.lineno - 1], node.col_offset)
    end = sum(len(line) for line in lines[:node.end_lineno - 1]) \
        + _char_offset(lines[node.end_lineno - 1], node.end_col_offset)
    path.write_text(text[:start] + repr(ported.replayed_as) + text[end:], encoding="utf-8")
    return ported


def ported_copy(module: Path, series: str, folder: Path) -> tuple[Path, Ported | None]:
    """`module` itself when `series` installs it, else a copy under `folder`, ported."""
    if needs_port(module, series) is None:
        return module, None
    copy = folder / module.name
    shutil.copytree(module, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return copy, port_manifest(copy, series)


def _version_node(text: str) -> ast.expr:
    tree = ast.parse(text)
    body = tree.body[0].value  # a literal manifest: one dict expression
    assert isinstance(body, ast.Dict)
    for key, value in reversed(list(zip(body.keys, body.values, strict=True))):  # the last one counts
        if isinstance(key, ast.Constant) and key.value == "version":
            return value
    raise ValueError("the manifest has no version")


def _char_offset(line: str, byte_offset: int) -> int:
    """ast gives UTF-8 byte offsets within the line."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8"))
