"""Writing a conversion: checked in a temporary folder, then moved into place whole.

Nothing partial is ever left under the output folder: the module is written beside its
destination in a hidden temporary folder, checked with `check_module`, and only a module
without findings replaces the destination (one rename each way).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from migrator.analyze.xml_facts import DATA_ROOTS
from migrator.check import check_module
from migrator.generate.convert import Conversion
from migrator.generate.residual import remove_methods
from migrator.generate.residual_manifest import retarget_manifest
from migrator.model import Finding


def write_module(conversion: Conversion, output: Path) -> list[Finding]:
    """Write the data module under `output`; its check findings ([] = written)."""
    def fill(folder: Path) -> list[Finding]:
        for rel, text in conversion.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return check_module(str(folder), conversion.series)

    return _replace(output / conversion.name, fill)


def write_residual(conversion: Conversion, output: Path) -> list[Finding]:
    """A copy of the original addon without the moved methods and the crons that called them,
    its manifest version moved to the target series."""
    addon = Path(conversion.addon.path)
    by_file: dict[str, set[tuple[str, str]]] = {}
    for plan, _ in conversion.moved:
        by_file.setdefault(plan.evidence.file, set()).add((plan.class_name, plan.method))
    for file, class_name, method in conversion.gone:
        by_file.setdefault(file, set()).add((class_name, method))
    crons = {plan.cron.xmlid for plan, _ in conversion.moved if plan.cron}
    cron_files = {plan.cron.span.file for plan, _ in conversion.moved if plan.cron}
    attributes: dict[str, set[tuple[str, str]]] = {}
    classes: dict[str, set[str]] = {}
    if conversion.data is not None:
        from migrator.generate.data_residual import moved_python

        moved_python(conversion, by_file, attributes, classes)
    views = conversion.views
    if views is not None:
        from migrator.generate.data_residual import moved_xml

        moved = moved_xml(conversion)
        crons |= moved.ids
        cron_files |= moved.files

    def fill(folder: Path) -> list[Finding]:
        shutil.copytree(addon, folder, symlinks=True, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for rel in sorted(set(by_file) | set(attributes) | set(classes)):
            path = folder / rel
            path.write_text(remove_methods(path.read_text(encoding="utf-8"), by_file.get(rel, set()),
                                           frozenset(attributes.get(rel, ())), frozenset(classes.get(rel, ()))),
                            encoding="utf-8")
        for rel in sorted(cron_files):
            _drop_records(folder / rel, crons)
        if conversion.data is not None:
            from migrator.generate.data_residual import drop_access_rows

            drop_access_rows(conversion, folder)
        if conversion.addon.manifest_file:
            manifest = folder / os.path.basename(conversion.addon.manifest_file)
            manifest.write_text(retarget_manifest(manifest.read_text(encoding="utf-8"), conversion.series),
                                encoding="utf-8")
        return []

    return _replace(output / addon.name, fill)


def _drop_records(path: Path, xmlids: set[str]) -> None:
    """Remove the <record>s with these ids; the rest of the file keeps its text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    tree = etree.parse(str(path), parser)
    if tree.getroot().tag not in DATA_ROOTS:
        return
    for element in list(tree.getroot().iter("record", "menuitem")):
        if element.get("id") in xmlids:
            previous = element.getprevious()
            parent = element.getparent()
            tail = element.tail
            if previous is not None:
                previous.tail = (previous.tail or "") if tail is None else tail
            else:
                parent.text = tail if tail is not None else parent.text
            parent.remove(element)
    tree.write(str(path), encoding="utf-8", xml_declaration=True)


def _replace(target: Path, fill: Callable[[Path], list[Finding]]) -> list[Finding]:
    target.parent.mkdir(parents=True, exist_ok=True)
    with _scratch(target.parent) as scratch:
        folder = scratch / target.name  # the check reads the module name off the folder
        folder.mkdir()
        findings = fill(folder)
        if findings:
            return findings
        if target.exists():
            os.replace(target, scratch / ".previous")
        os.replace(folder, target)
    return []


@contextmanager
def _scratch(parent: Path) -> Iterator[Path]:
    scratch = Path(tempfile.mkdtemp(prefix=".migrator-", dir=parent))
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
