"""The folder `deploy` is given, read as the data module `migrator convert` writes.

A data module is what Odoo's base_import_module imports: a literal manifest whose version
names the series and whose `data` lists XML (or CSV) files, and no Python (an imported module
never runs any). The module it replaces is read off its CONVERSION.md (templates/
CONVERSION.md.j2 writes its first line and its "What stays" section), else off the manifest's
summary (generate/convert.py writes "... replacing <module>").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from migrator.analyze.xml_facts import parse_xml_file
from migrator.check.manifest import MANIFEST, read_manifest
from migrator.discover.series import check_series, series_from_version
from migrator.errors import UsageError
from migrator.model import Finding, XmlRecord

CONVERSION = "CONVERSION.md"
_HEADING = re.compile(r"# (?P<name>[\w.]+): conversion of (?P<original>\w+) for Odoo (?P<series>\d+\.0)\s*$")
_NOTHING_STAYS = re.compile(r"^## What stays in \w+\s*\n\s*\nNothing:", re.MULTILINE)
_NOT_CONVERTED = re.compile(r"^## Not converted\s*$", re.MULTILINE)
_SUMMARY = re.compile(r"\breplacing (\w+)\s*$")


@dataclass(frozen=True)
class DataModule:
    path: Path
    name: str  # the folder's name: Odoo names an imported module after its folder in the zip
    series: str
    depends: tuple[str, ...]
    original: str | None  # the module whose code these records replace, when the folder says
    original_stays: bool  # something stays in it: its residual version keeps its name
    records: tuple[XmlRecord, ...]  # in file order, ids as written


def read_data_module(path: Path) -> DataModule:
    """The data module at `path`; UsageError naming file and line when it is not one."""
    if not path.is_dir():
        raise UsageError(f"{path}: no such folder")
    manifest, findings = read_manifest(path)
    if manifest is None:
        first = findings[0]
        if first.code == "manifest-missing":
            raise UsageError(f"{path}: not a module folder (no {MANIFEST})")
        raise UsageError(f"{_where(path, first)}: {first.message}")
    # an empty __init__.py (convert writes one, so that the folder also installs from an addons
    # path) holds no Python
    python = sorted(p for p in path.rglob("*.py") if p.name != MANIFEST and "__pycache__" not in p.parts
                    and not (p.name == "__init__.py" and not p.read_text(encoding="utf-8", errors="replace").strip()))
    if python:
        raise UsageError(f"{python[0]}: Python code: not a data module (an imported module never runs "
                         "its Python; install this one from the addons path instead)")
    series = series_from_version(manifest.version)
    if series is None:
        raise UsageError(f"{path / MANIFEST}: version {manifest.version!r} names no Odoo series "
                         "(a data module's version starts with it, e.g. 18.0.1.0.0)")
    check_series(series)
    if not manifest.data:
        raise UsageError(f"{path / MANIFEST}: lists no data file: nothing to import")
    records: list[XmlRecord] = []
    for relpath, line in manifest.data:
        file = path / relpath
        if not file.is_file():
            raise UsageError(f"{path / MANIFEST}:{line}: data file {relpath!r} does not exist")
        if relpath.endswith(".xml"):
            facts = parse_xml_file(relpath, file.read_text(encoding="utf-8", errors="replace"), path.name)
            if isinstance(facts, Finding):
                raise UsageError(f"{_where(path, facts)}: {facts.message}")
            records.extend(facts.records)
    original, stays = _original(path, manifest.summary)
    return DataModule(path=path, name=path.resolve().name, series=series, depends=manifest.depends,
                      original=original, original_stays=stays, records=tuple(records))


def _original(path: Path, summary: str) -> tuple[str | None, bool]:
    conversion = path / CONVERSION
    if conversion.is_file():
        text = conversion.read_text(encoding="utf-8", errors="replace")
        heading = _HEADING.match(text.split("\n", 1)[0])
        if heading:
            stays = not _NOTHING_STAYS.search(text) or bool(_NOT_CONVERTED.search(text))
            return heading.group("original"), stays
    match = _SUMMARY.search(summary)
    # without CONVERSION.md nothing says whether code stays: assume it does (the safer reading)
    return (match.group(1), True) if match else (None, True)


def _where(path: Path, finding: Finding) -> str:
    return f"{path}/{finding.location()}" if finding.location() else str(path)
