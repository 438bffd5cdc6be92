"""`migrator verify --fields data`: the corpus modules with fields, computes, views and models of
their own against their data module (custom x_ fields and models, values copied at install),
on their own series and on 18.0; altered data modules and a missing name mapping are reported
different."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.errors import UsageError
from migrator.generate import convert_addon, write_module
from migrator.discover import discover
from migrator.verify import to_json, to_text, verify_addon
from migrator.verify import fields_data as fields_data_module
from migrator.verify.renames import Renames

from test_generate_data_golden import CASES as DATA_CASES  # noqa: E402 - the cases with goldens

CORPUS = Path(__file__).parent.parent / "corpus"
# The corpus modules with goldens of `convert --fields data` (tests/golden/<series>/<name>_data), on
# their own series; the 19.0 one on 18.0 too (Odoo 18.0 refuses the 16.0 and 17.0 ones' views:
# attrs=, <tree>; tests/test_verify.py).
OWN = dict(DATA_CASES)
ON_18 = ("lumen_vendor_review",)
CASES = [*OWN.items(), *((name, "18.0") for name in ON_18)]
# Every field stays in the addon (their computes name fields other models have too): nothing to map.
NOTHING_MOVES = {"lumen_project_budget", "orchid_sale_delivery_slot"}

_VERIFIED: dict[tuple, object] = {}


def verify(pg_dsn: str, name: str, series: str, **options: object):  # type: ignore[no-untyped-def]
    key = (pg_dsn, name, series, tuple(sorted((k, str(v)) for k, v in options.items())))
    if key not in _VERIFIED:
        _VERIFIED[key] = verify_addon(CORPUS / name, series, dsn=pg_dsn, examples=0, fields="data",  # type: ignore[arg-type]
                                      **options)
    return _VERIFIED[key]


def differences(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(d.model, d.field, d.stage) for r in result.results for d in r.differences}


@pytest.mark.parametrize(("name", "series"), CASES)
def test_module_verifies_with_its_fields_as_data(pg_dsn: str, name: str, series: str) -> None:
    """Equivalent, or different only where CONVERSION.md says (a write of the value a record has,
    for the write overrides that became rules); the values copied at install equal the addon's."""
    result = verify(pg_dsn, name, series)
    text = to_text(result)
    assert all(r.stated for r in result.results if r.differences), text
    assert not [d for r in result.results if r.scenario.kind != "unchanged value" for d in r.differences], text
    assert not result.not_exercised, text
    if name in NOTHING_MOVES:
        assert result.renamed == [] and "names mapped (run A -> run B): none" in text
        return
    assert result.renamed and "Fields as data (--fields data)" in text
    switched = [r for r in result.results if r.scenario.kind == "fields data" and r.scenario.records
                and "made with the addon" in r.scenario.name]
    assert switched, text
    for r in switched:  # the starting record was compared, in both runs, with values of the moved fields
        record = r.scenario.records[-1]
        start_a, start_b = r.module.start[record.model]["@record"], r.actions.start[record.model]["@record"]
        assert start_a == start_b
        assert any(start_a.get(field) not in (None, False) for field in record.values), (record, start_a)


def test_the_names_are_mapped_both_ways(pg_dsn: str) -> None:
    result = verify(pg_dsn, "orchid_stock_lot_check", "16.0")
    assert "orchid.lot.check -> x_orchid_lot_check" in result.renamed
    assert "stock.lot.failed_checks -> stock.lot.x_failed_checks" in result.renamed
    # run B's records are read back under the addon's names: the custom model's rows show as its
    created = [r for r in result.results if r.scenario.name == "orchid.lot.check: created after the switch"]
    [found] = created
    assert found.actions.records["orchid.lot.check"]["@record"]["result"] == "pass"  # the ir.default
    assert "x_orchid_lot_check" not in found.actions.records
    [stated] = [d for r in result.results for d in r.differences]
    assert stated.renamed == "x_orchid_lot_check.x_inspector_note"
    assert json.loads(to_json(result))["renamed"] == result.renamed


# ------------------------------------------------------------------- mutations
def altered(tmp_path: Path, name: str, series: str, file: str, old: str, new: str) -> Path:
    [addon] = discover([str(CORPUS / name)], series=series)
    write_module(convert_addon(addon, series, fields="data"), tmp_path)
    path = tmp_path / f"{name}_actions" / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return tmp_path / f"{name}_actions"


MUTATIONS = {
    # each: what the data module gets wrong, and the difference it makes (model, field, stage)
    "a value not copied": ("orchid_stock_lot_check", "16.0", "data/copy_values.xml",
                           "SELECT id, lot_id, check_date, result, inspector_note,",
                           "SELECT id, lot_id, check_date, result, NULL,",
                           ("orchid.lot.check", "inspector_note", "install")),
    "a wrong copy": ("orchid_stock_lot_check", "16.0", "data/copy_values.xml",
                     "SET x_quarantine = quarantine", "SET x_quarantine = NOT quarantine",
                     ("stock.lot", "quarantine", "install")),
    "a wrong compute": ("nordlys_fleet_service_log", "18.0", "data/custom_fields.xml",
                        "log_.x_labour_cost + log_.x_parts_cost", "log_.x_labour_cost - log_.x_parts_cost",
                        ("nordlys.fleet.service.log", "total_cost", "")),
    "a wrong default": ("nordlys_fleet_service_log", "18.0", "data/custom_fields.xml",
                        '<field name="json_value">"service"</field>', '<field name="json_value">"repair"</field>',
                        ("nordlys.fleet.service.log", "kind", "")),
}


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_altered_data_modules_are_reported_different(pg_dsn: str, tmp_path: Path, kind: str) -> None:
    name, series, file, old, new, expected = MUTATIONS[kind]
    result = verify(pg_dsn, name, series, actions=altered(tmp_path, name, series, file, old, new))
    assert expected in differences(result), to_text(result)
    assert not result.stated_only and "Only where CONVERSION.md" not in to_text(result)


def test_a_missing_name_mapping_is_reported_different(pg_dsn: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the mapping of one (computed) field, run A's value and run B's custom field are each
    on their own."""
    of = Renames.of

    def without_failed_checks(data):  # type: ignore[no-untyped-def]
        names = of(data)
        return dataclasses.replace(names, fields={k: v for k, v in names.fields.items() if k[1] != "failed_checks"})

    monkeypatch.setattr(fields_data_module.Renames, "of", staticmethod(without_failed_checks))
    result = verify_addon(CORPUS / "orchid_stock_lot_check", "16.0", dsn=pg_dsn, examples=0, fields="data")
    found = differences(result)
    assert ("stock.lot", "failed_checks", "install") in found and ("stock.lot", "x_failed_checks", "install") in found


# ------------------------------------------------------------------ command line
def test_cli_fields_data(pg_dsn: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "nordlys_fleet_service_log"), "--series", "18.0",
                                   "--fields", "data", "--dsn", pg_dsn])
    assert out.exit_code == 0, out.output
    assert "equivalent on 18.0" in out.output
    assert "nordlys.fleet.service.log.total_cost -> x_nordlys_fleet_service_log.x_total_cost" in out.output


def test_cli_fields_refusals(pg_dsn: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "nordlys_fleet_service_log"), "--series", "18.0",
                                   "--fields", "nope"])
    assert out.exit_code == 2 and "unknown --fields 'nope'" in out.output
    without = CliRunner().invoke(app, ["verify", str(CORPUS / "nordlys_fleet_service_log"), "--series", "18.0",
                                       "--dsn", pg_dsn])
    assert without.exit_code == 2 and "nothing to verify" in without.output  # its fields need --fields data


def test_real_odoo_engine_is_refused_with_fields_data(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="embedded runtime only"):
        fields_data_module.fields_data(None, None, "18.0", {}, real_odoo=True)  # type: ignore[arg-type]


def test_the_replay_holds_what_real_odoo_holds(pg_dsn: str) -> None:
    """The records of the real-Odoo test of this module (tests/test_real_odoo_data_module.py, which
    printed `VALUES 12000 False 1 [('repair', 100.5, 120.5, 'brakes')]` and `NEW 12.0 service` in
    Odoo 18.0): the same values in run B, copied at install and computed by the custom field's code."""
    result = verify(pg_dsn, "nordlys_fleet_service_log", "18.0",
                    scenario_file=Path(__file__).parent / "scenarios" / "nordlys_fleet_service_log.yaml")
    assert result.equivalent, to_text(result)
    [found] = result.results
    log = found.actions.start["nordlys.fleet.service.log"]["@log"]
    assert (log["kind"], log["labour_cost"], log["total_cost"], log["note"]) == ("repair", 100.5, 120.5, "brakes")
    vehicle = found.actions.start["fleet.vehicle"]["@vehicle"]
    assert (vehicle["next_service_km"], vehicle["winter_tyres"]) == (12000, False)
    new = found.actions.records["nordlys.fleet.service.log"]["@new"]
    assert (new["total_cost"], new["kind"]) == (12.0, "service")
