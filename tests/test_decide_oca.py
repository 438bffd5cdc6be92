"""Audit and convert agree on every unit of the pinned OCA addons of bench/ (code nobody here
wrote). Needs the benchmark's unpacked wheels (`python bench/audit_bench.py` downloads them);
skipped without them, as in CI, which has no downloads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.discover import discover
from migrator.discover.dependencies import addons_by_name
from migrator.generate import convert_addon

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from wheelcache import addons_dir  # noqa: E402

SERIES = ("16.0", "17.0", "18.0", "19.0")
HAVE = all((addons_dir() / s).is_dir() for s in SERIES)


@pytest.mark.skipif(not HAVE, reason="the OCA wheels of bench/ are not unpacked (run bench/audit_bench.py once)")
@pytest.mark.parametrize("series", SERIES)
def test_audit_and_convert_agree_on_oca_addons(series: str) -> None:
    disagreements = []
    addons = discover([str(addons_dir() / series)], series=series)
    given = addons_by_name(addons)  # as `migrator audit DIR` and `convert ADDON --addons-path DIR` give them
    for addon in addons:
        result = audit_addon(addon, given=given)
        if result.verdict == "error" or not result.units:
            continue
        conversion = convert_addon(addon, series, given=given)
        moved = {(u.evidence.file, u.evidence.line_start, u.kind) for plan, _ in conversion.moved for u in plan.units}
        for unit in result.units:
            if (unit.convertible != "no") != ((unit.evidence.file, unit.evidence.line_start, unit.kind) in moved):
                disagreements.append((addon.name, unit.model, unit.method, unit.kind, unit.convertible))
    assert disagreements == []
