"""`check_module`: is a generated data module loadable by a given Odoo series?"""

from __future__ import annotations

from pathlib import Path

from migrator.catalogue import load_catalogue
from migrator.check.manifest import MANIFEST, read_manifest
from migrator.check.records import DataFile, RecordChecker, parse_data_file
from migrator.model import Finding
from migrator.runtime.installable import data_refusals
from migrator.series import series_facts


def check_module(path: str, series: str) -> list[Finding]:
    """Every problem found in the data module at `path` for Odoo `series`, in file order.

    Files are named relative to the module folder; [] means the module passed.
    """
    folder = Path(path)
    facts = series_facts(series)
    manifest, findings = read_manifest(folder)
    if manifest is None:
        return findings
    files: list[DataFile] = []
    for relpath, line in manifest.data:
        if not (folder / relpath).is_file():
            findings.append(Finding("data-file-missing", f"data file {relpath!r} does not exist", MANIFEST, line))
            continue
        if not relpath.endswith(".xml"):
            continue  # CSV data carries no records the toolkit generates
        data, problem = parse_data_file(folder, relpath)
        if problem:
            findings.append(problem)
        else:
            files.append(data)
    checker = RecordChecker(module=folder.resolve().name, series=series, facts=facts,
                            catalogue=load_catalogue(series), depends=manifest.depends)
    # views Odoo refuses, so that the module does not install (the rule the replay asks too)
    refused = [Finding("data-refused", why, relpath, line)
               for relpath, line, why in data_refusals(folder, series, {"data": [p for p, _ in manifest.data]},
                                                          views_only=True)]
    # in file order: the manifest's, then the data files as the manifest lists them
    rank = {relpath: i for i, (relpath, _) in enumerate(manifest.data)}
    return sorted(findings + refused + checker.check(files), key=lambda f: (rank.get(f.file, -1), f.line or 0))
