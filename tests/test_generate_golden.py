"""Every convertible corpus addon, converted for every series, against reviewed golden files.

MIGRATOR_UPDATE_GOLDEN=1 rewrites tests/golden/<series>/<module>_actions/ from the current
output; read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from migrator.check import check_module
from migrator.discover import discover
from migrator.discover.dependencies import addons_by_name
from migrator.generate import convert_addon
from migrator.series import SUPPORTED_SERIES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MIGRATOR_UPDATE_GOLDEN") == "1"

# (addon, series) with a convertible unit whose conversion produces no module, and why (reason prefix).
NOTHING_CONVERTS = {
    # to_check left account.move in 18.0 (16.0 and 17.0 have it: migrator/data/fields-*.json)
    ("acme_account_move_posted_check", "18.0"): "unknown-field: field account.move.to_check",
    ("acme_account_move_posted_check", "19.0"): "unknown-field: field account.move.to_check",
    # kanban_state is a 16.0 field; 17.0 replaced it by `state`
    ("nordlys_project_task_tracking", "17.0"): "unknown-field: field project.task.kanban_state",
    ("nordlys_project_task_tracking", "18.0"): "unknown-field: field project.task.kanban_state",
    ("nordlys_project_task_tracking", "19.0"): "unknown-field: field project.task.kanban_state",
    # project.task's `state` came with 17.0
    ("tecnova_task_review_date", "16.0"): "unknown-field: field project.task.state",
}


def _convertible() -> list[str]:
    names = []
    for expected in sorted(CORPUS.glob("*.expected.json")):
        units = json.loads(expected.read_text())["units"]
        if any(u["convertible"] != "no" for u in units):
            names.append(expected.name.removesuffix(".expected.json"))
    return names


CASES = [(name, series) for name in _convertible() for series in SUPPORTED_SERIES]


def _addon(name: str, series: str):
    (addon,) = discover([str(CORPUS / name)], series=series)
    return addon


# the corpus, as `--addons-path corpus` gives it: the addons a module depends on
GIVEN = addons_by_name(discover([str(CORPUS)]))


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("name", "series"), CASES)
def test_golden(name: str, series: str) -> None:
    conversion = convert_addon(_addon(name, series), series, given=GIVEN)
    golden = GOLDEN / series / conversion.name
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        for rel, text in conversion.files.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_text(text, encoding="utf-8")
    if not conversion.files:
        reasons = [f"{b.code}: {b.message}" for n in conversion.not_converted for b in n.blockers]
        assert (name, series) in NOTHING_CONVERTS, reasons
        assert any(r.startswith(NOTHING_CONVERTS[name, series]) for r in reasons)
        assert not golden.exists()
        return
    assert (name, series) not in NOTHING_CONVERTS
    assert _tree(golden) == conversion.files


@pytest.mark.parametrize("series", SUPPORTED_SERIES)
def test_every_golden_module_passes_the_check(series: str) -> None:
    modules = sorted(p for p in (GOLDEN / series).iterdir() if p.is_dir())
    assert modules
    for module in modules:
        assert check_module(str(module), series) == [], module.name


def test_golden_folders_all_come_from_a_case() -> None:
    expected = {f"{series}/{name}_actions" for name, series in CASES if (name, series) not in NOTHING_CONVERTS}
    found = {f"{p.parent.name}/{p.name}" for p in GOLDEN.glob("*/*_actions") if p.is_dir()}
    assert found <= expected
