"""Buttons calling server actions in a real Odoo: the original addon installed, its data module
imported through base_import_module, the original uninstalled (or replaced by its residual),
then the button pressed as the web client presses it: `ir.actions.server.run` over RPC with the
record as `active_id`. Marked `real_odoo` (tests/real_odoo.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from migrator.discover import discover
from migrator.generate import convert_addon, write_residual
from real_odoo import OdooDatabase, OdooServer, converted_zip, needs_odoo
from test_buttons import FORM, make_addon

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _convert(folder: Path, series: str, out: Path, residual: Path | None = None):
    """The conversion, and its data module zipped under `out` (`out/out/<module>`)."""
    (addon,) = discover([str(folder)], series=series)
    conversion = convert_addon(addon, series)
    archive = converted_zip(conversion, out)
    if residual is not None:
        assert write_residual(conversion, residual) == []
    return conversion, archive


def _form_buttons(rpc, model: str) -> list[tuple[str, str]]:
    """(name, type) of the buttons of `model`'s default form, as the web client gets it."""
    arch = rpc(model, "get_views", [[False, "form"]])["views"]["form"]["arch"]
    return [(m[1], m[2]) for m in re.finditer(r'<button name="([^"]+)" type="([^"]+)"', arch)]


def _action_id(rpc, xmlid: str) -> int:
    module, name = xmlid.split(".")
    [row] = rpc("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], fields=["res_id"])
    return row["res_id"]


def _press(rpc, action: int, model: str, record: int):
    """What the web client does for `<button type="action">` of a server action on a record."""
    return rpc("ir.actions.server", "run", [action],
               context={"active_id": record, "active_ids": [record], "active_model": model})


@pytest.mark.parametrize("series", [pytest.param("19.0", marks=needs_odoo("19.0"))])
def test_the_onboarding_button_runs_its_server_action_once_the_module_is_gone(series, tmp_path, pg_dsn):
    name = "acme_employee_onboarding_button"
    addons = tmp_path / "addons"
    shutil.copytree(CORPUS / name, addons / name)
    conversion, archive = _convert(addons / name, series, tmp_path)
    assert conversion.audit.verdict == "replaceable" and not conversion.audit.stays
    db = OdooDatabase(series, [addons], pg_dsn)
    try:
        db.install(["base_import_module", name])
        db.shell("user = env['res.users'].create({'name': 'Newcomer', 'login': 'newcomer'})\n"
                 "env['hr.employee'].create({'name': 'Newcomer', 'user_id': user.id})\n"
                 "env.cr.commit()\n")
        assert "Traceback" not in db.import_zip(archive)  # both views now add the button
        db.uninstall(name)
        with OdooServer(db.tree, pg_dsn, db.name, ["base"], [addons]) as server:
            rpc = server.rpc()
            assert rpc("ir.module.module", "search_read", [("name", "in", [name, conversion.name])],
                       fields=["name", "state"], order="name") == [
                {"id": rpc("ir.module.module", "search", [("name", "=", name)])[0], "name": name,
                 "state": "uninstalled"},
                {"id": rpc("ir.module.module", "search", [("name", "=", conversion.name)])[0],
                 "name": conversion.name, "state": "installed"}]
            action = _action_id(rpc, f"{conversion.name}.action_hr_employee_action_start_onboarding")
            assert (str(action), "action") in _form_buttons(rpc, "hr.employee")
            assert not [b for b in _form_buttons(rpc, "hr.employee") if b[0] == "action_start_onboarding"]
            [employee] = rpc("hr.employee", "search", [("name", "=", "Newcomer")])
            _press(rpc, action, "hr.employee", employee)
            activities = rpc("mail.activity", "search_read",
                             [("res_model", "=", "hr.employee"), ("res_id", "=", employee)],
                             fields=["summary", "user_id"])
            assert [a["summary"] for a in activities] == ["Complete your onboarding checklist"]
            assert activities[0]["user_id"][1] == "Newcomer"
    finally:
        db.drop()


# The sample of tests/test_buttons.py on base: its form calls the method that moves and one that
# stays, so the data module depends on the addon, which its residual replaces.
SERIES = ("16.0", "17.0", "18.0", "19.0")


@pytest.mark.parametrize("series", [pytest.param(s, marks=needs_odoo(s)) for s in SERIES])
def test_the_data_module_button_calls_the_action_beside_the_residual(series, tmp_path, pg_dsn):
    form = FORM
    if series == "16.0":  # 16.0 has no expressions in invisible
        form = form.replace('invisible="not active"', "attrs=\"{'invisible': [('active', '=', False)]}\"")
    addons = tmp_path / "addons"
    folder = make_addon(addons, form)
    manifest = folder / "__manifest__.py"
    manifest.write_text(manifest.read_text().replace("18.0.1.0.0", f"{series}.1.0.0"))
    conversion, archive = _convert(folder, series, tmp_path, tmp_path / "residual")
    assert conversion.views.moved == ["view_partner_form_vip"] and folder.name in conversion.depends
    db = OdooDatabase(series, [addons], pg_dsn)
    try:
        db.install(["base_import_module", folder.name])
        db.shell("env['res.partner'].create({'name': 'Customer'})\nenv.cr.commit()\n")
        assert "Traceback" not in db.import_zip(archive)
        shutil.rmtree(folder)  # the residual replaces the original
        shutil.copytree(tmp_path / "residual" / folder.name, folder)
        db.update([folder.name])
        with OdooServer(db.tree, pg_dsn, db.name, ["base"], [addons]) as server:
            rpc = server.rpc()
            action = _action_id(rpc, f"{conversion.name}.action_res_partner_action_mark_vip")
            buttons = _form_buttons(rpc, "res.partner")
            assert buttons.count((str(action), "action")) == 1  # the original's form went with the update
            assert ("action_recount", "object") in buttons  # its method stays: the button as written
            assert not [b for b in buttons if b[0] == "action_mark_vip"]
            [partner] = rpc("res.partner", "search", [("name", "=", "Customer")])
            _press(rpc, action, "res.partner", partner)
            assert rpc("res.partner", "read", [partner], ["ref"])[0]["ref"] == "VIP"
            with pytest.raises(Exception, match="action_mark_vip"):  # the method left with the original
                rpc("res.partner", "action_mark_vip", [partner])
    finally:
        db.drop()
