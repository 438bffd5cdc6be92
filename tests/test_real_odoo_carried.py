"""Carried records in a real Odoo: the data module, imported where the addon is installed, takes
the addon's records over (one record with both xml ids, not a copy beside it: project tags are
unique), and they stay, with what points to them, when the addon is uninstalled.
Marked `real_odoo` (tests/real_odoo.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrator.discover import discover
from migrator.generate import convert_addon
from real_odoo import OdooDatabase, converted_zip, printed, series_params

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# addon, series, Python run with the addon installed (a record pointing to a carried one), and a
# check run after the import and after the uninstall (prints POINTS)
CASES = {
    "quill_task_intake": ("16.0", """
project = env['project.project'].create({'name': 'Support'})
task = env['project.task'].create({'name': 'Printer', 'project_id': project.id,
                                   'stage_id': env.ref('quill_task_intake.stage_triage').id,
                                   'tag_ids': [(6, 0, env.ref('quill_task_intake.tag_intake').ids)]})
env.cr.commit()
""", """
task = env['project.task'].search([('name', '=', 'Printer')])
print('POINTS', task.stage_id == env.ref('quill_task_intake_actions.stage_triage'),
      task.tag_ids == env.ref('quill_task_intake_actions.tag_intake'),
      env['project.task.type'].search_count([('name', '=', 'Triage')]), env['project.tags'].search_count([('name', '=', 'Intake')]))
"""),
    "kestrel_sale_kickoff": ("18.0", "", ""),
    "nordlys_lead_unlink_notify": ("19.0", "", ""),
}


@pytest.mark.parametrize(("name", "series"), series_params(CASES))
def test_carried_records_are_taken_over_and_stay(name: str, series: str, tmp_path: Path, pg_dsn: str) -> None:
    _, make, points = CASES[name]
    addons = tmp_path / "addons"
    shutil.copytree(CORPUS / name, addons / name)
    (addon,) = discover([str(addons / name)], series=series)
    conversion = convert_addon(addon, series)
    assert conversion.carried
    archive = converted_zip(conversion, tmp_path)
    pairs = [(f"{name}.{r.original.xmlid.rpartition('.')[2]}", f"{conversion.name}.{r.xmlid}") for r in conversion.carried]
    same = (f"for original, local in {pairs!r}:\n"
            "    print('SAME', local, env.ref(original, raise_if_not_found=False) == env.ref(local))\n")
    kept = (f"for original, local in {pairs!r}:\n"
            "    print('KEPT', local, bool(env.ref(local, raise_if_not_found=False)))\n")
    db = OdooDatabase(series, [addons], pg_dsn)
    try:
        db.install(["base_import_module", name, *conversion.depends])
        if make:
            db.shell(make)
        assert "Traceback" not in db.import_zip(archive)
        assert printed(db.shell(same), "SAME") == [f"SAME {local} True" for _, local in pairs]
        if points:
            assert printed(db.shell(points), "POINTS") == ["POINTS True True 1 1"]
        db.uninstall(name)
        assert printed(db.shell(kept), "KEPT") == [f"KEPT {local} True" for _, local in pairs]
        if points:
            assert printed(db.shell(points), "POINTS") == ["POINTS True True 1 1"]
    finally:
        db.drop()

