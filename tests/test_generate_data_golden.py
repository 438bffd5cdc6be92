"""`convert --fields data` of the corpus addons that declare fields, models and views, for their
own series, against reviewed golden files (tests/golden/<series>/<addon>_data/).

MIGRATOR_UPDATE_GOLDEN=1 rewrites them from the current output; read the diff before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from migrator.check import check_module
from migrator.discover import discover
from migrator.generate import convert_addon, write_module

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MIGRATOR_UPDATE_GOLDEN") == "1"

CASES = [("lumen_crm_visit", "16.0"), ("orchid_stock_lot_check", "16.0"), ("lumen_project_budget", "17.0"),
         ("orchid_sale_delivery_slot", "18.0"), ("nordlys_fleet_service_log", "18.0"),
         ("orchid_hr_badge", "19.0"), ("lumen_vendor_review", "19.0")]


def _conversion(name: str, series: str):
    (addon,) = discover([str(CORPUS / name)], series=series)
    return convert_addon(addon, series, fields="data")


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("name", "series"), CASES)
def test_data_golden(name: str, series: str) -> None:
    conversion = _conversion(name, series)
    golden = GOLDEN / series / f"{name}_data"
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        for rel, text in conversion.files.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_text(text, encoding="utf-8")
    assert _tree(golden) == conversion.files


@pytest.mark.parametrize(("name", "series"), CASES)
def test_data_module_passes_the_check_under_its_own_name(name: str, series: str, tmp_path: Path) -> None:
    conversion = _conversion(name, series)
    assert write_module(conversion, tmp_path) == []
    assert check_module(str(tmp_path / conversion.name), series) == []


def test_data_golden_folders_all_come_from_a_case() -> None:
    found = {f"{p.parent.name}/{p.name}" for p in GOLDEN.glob("*/*_data") if p.is_dir()}
    assert found == {f"{series}/{name}_data" for name, series in CASES}
