"""Models and fields of the given addons a module depends on: found through the depends, named
by the xml ids Odoo gives them, and a clear refusal naming what was not given."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from migrator.audit import run_audit
from migrator.catalogue import load_catalogue
from migrator.check import check_module
from migrator.cli import app
from migrator.discover import discover
from migrator.discover.dependencies import addons_by_name, dependencies_of, reachable
from migrator.generate import convert_addon
from migrator.schema import Schema

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
BASE, FOLLOWUP = CORPUS / "tarn_site_visit", CORPUS / "tarn_site_visit_followup"


def _addon(root: Path, name: str, depends: list[str], files: dict[str, str] | None = None, series: str = "17.0"):
    folder = root / name
    (folder / "models").mkdir(parents=True)
    (folder / "__manifest__.py").write_text(repr({"name": name, "version": f"{series}.1.0.0", "depends": depends,
                                                  "license": "LGPL-3"}))
    (folder / "__init__.py").write_text("from . import models\n")
    files = files or {}
    (folder / "models" / "__init__.py").write_text("".join(f"from . import {f[:-3]}\n" for f in files))
    for file, text in files.items():
        (folder / "models" / file).write_text(textwrap.dedent(text))
    return folder


def _pool(*folders: Path) -> dict:
    return addons_by_name(discover([str(f) for f in folders]))


# ------------------------------------------------------------------ which addons


def test_dependencies_are_followed_through_the_given_addons_in_load_order(tmp_path: Path) -> None:
    for name, depends in (("c_base", ["mail"]), ("b_mid", ["c_base", "sale"]),
                          ("a_top", ["b_mid", "d_gone", "point_of_sale"])):
        _addon(tmp_path, name, depends)
    pool = _pool(tmp_path)
    deps = dependencies_of(pool["a_top"], pool, load_catalogue("17.0").installed_modules, "17.0")
    assert deps.names == ("c_base", "b_mid")  # a dependency before what depends on it
    assert deps.missing == ("d_gone", "point_of_sale")  # neither given nor in the catalogue
    assert deps.core_missing == ("point_of_sale",)  # Odoo's own, absent from the catalogue's database
    assert set(reachable(pool["a_top"], pool)) == {"b_mid", "c_base"}


def test_a_loop_in_the_depends_ends(tmp_path: Path) -> None:
    _addon(tmp_path, "x_one", ["x_two"])
    _addon(tmp_path, "x_two", ["x_one"])
    pool = _pool(tmp_path)
    assert dependencies_of(pool["x_one"], pool, ()).names == ("x_two",)


# ------------------------------------------------------------------ the schema

MIXIN = '''
from odoo import fields, models


class Stamp(models.AbstractModel):
    _name = "acme.stamp.mixin"
    _description = "Stamp"

    stamp = fields.Char()
'''
VISIT = '''
from odoo import fields, models


class Visit(models.Model):
    _name = "acme.visit"
    _inherit = ["acme.stamp.mixin", "mail.thread"]
    _description = "Visit"

    done = fields.Boolean()
    kind = fields.Selection([("a", "A"), ("b", "B")])
    partner_id = fields.Many2one("res.partner")


class Partner(models.Model):
    _inherit = "res.partner"

    visit_ids = fields.One2many("acme.visit", "partner_id")
'''
EXTRA = '''
from odoo import fields, models


class Visit(models.Model):
    _inherit = "acme.visit"

    extra_note = fields.Text()
    done = fields.Boolean(string="Finished")
'''


def _schema(tmp_path: Path) -> Schema:
    _addon(tmp_path, "acme_stamp", ["base"], {"stamp.py": MIXIN})
    _addon(tmp_path, "acme_visit", ["acme_stamp", "mail"], {"visit.py": VISIT})
    _addon(tmp_path, "acme_visit_extra", ["acme_visit"], {"visit.py": EXTRA})
    top = _addon(tmp_path, "acme_top", ["acme_visit_extra"])
    pool = _pool(tmp_path)
    deps = dependencies_of(pool[top.name], pool, load_catalogue("17.0").installed_modules, "17.0")
    return Schema(load_catalogue("17.0"), deps)


def test_models_and_fields_get_the_xml_ids_of_the_module_declaring_them(tmp_path: Path) -> None:
    schema = _schema(tmp_path)
    assert schema.model_xmlid("acme.visit") == "acme_visit.model_acme_visit"
    assert schema.model_xmlid("res.partner") == "base.model_res_partner"  # the catalogue's
    assert schema.field_xmlid("acme.visit", "done") == "acme_visit.field_acme_visit__done"  # not the redefinition's
    assert schema.field_xmlid("acme.visit", "extra_note") == "acme_visit_extra.field_acme_visit__extra_note"
    assert schema.field_xmlid("res.partner", "visit_ids") == "acme_visit.field_res_partner__visit_ids"
    assert schema.field_xmlid("res.partner", "email") == "base.field_res_partner__email"
    # fields that come with the model: magic ones, and those of the models it inherits
    assert schema.field_xmlid("acme.visit", "create_date") == "acme_visit.field_acme_visit__create_date"
    assert schema.field_xmlid("acme.visit", "stamp") == "acme_visit.field_acme_visit__stamp"
    assert schema.field("acme.visit", "nothing") is None
    assert schema.model_xmlid("acme.nothing") is None


def test_declared_fields_carry_their_type_comodel_and_selection(tmp_path: Path) -> None:
    schema = _schema(tmp_path)
    done, kind, partner = (schema.field("acme.visit", n) for n in ("done", "kind", "partner_id"))
    assert (done.type, kind.type, kind.selection, partner.type, partner.relation) == \
        ("boolean", "selection", ("a", "b"), "many2one", "res.partner")
    assert schema.field("acme.visit", "visit_ids") is None  # on res.partner, not on the visit


def test_an_unknown_field_names_where_it_was_looked_for(tmp_path: Path) -> None:
    message = _schema(tmp_path).no_field("acme.visit", "nothing")
    assert message.startswith("field acme.visit.nothing is not in the schema catalogue used for Odoo 17.0")
    assert "nor declared by the given addons it depends on (acme_stamp, acme_visit, acme_visit_extra)" in message


# ------------------------------------------------------------ audit, convert, check


def test_audited_together_the_dependent_converts_and_its_module_passes_check(tmp_path: Path) -> None:
    result = run_audit(discover([str(BASE), str(FOLLOWUP)]), jobs=1)
    followup = next(m for m in result.modules if m.name == "tarn_site_visit_followup")
    assert followup.verdict == "replaceable"
    assert all(u.convertible != "no" for u in followup.units)
    conversion = convert_addon(discover([str(FOLLOWUP)])[0], "17.0", given=_pool(BASE))
    text = conversion.files["data/automation_rules.xml"]
    assert 'ref="tarn_site_visit.model_tarn_site_visit"' in text
    assert "ref('tarn_site_visit.field_res_partner__site_access_blocked')" in text
    assert conversion.depends[0] == "tarn_site_visit"
    out = tmp_path / "out"
    out.mkdir()
    for rel, body in conversion.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(body)
    assert check_module(str(out), "17.0") == []  # refs into a custom dependency listed in depends


def test_audited_alone_each_unit_names_the_dependency_to_give() -> None:
    (result,) = run_audit(discover([str(FOLLOWUP)]), jobs=1).modules
    on_visit = [u for u in result.units if u.model == "tarn.site.visit"]
    assert on_visit and all(u.convertible == "no" for u in on_visit)
    (blocker,) = on_visit[0].blockers
    assert blocker.code == "unknown-model"
    assert "the module depends on tarn_site_visit, which was not given" in blocker.message
    assert "--addons-path" in blocker.message


def test_convert_with_addons_path_writes_what_the_audit_promised(tmp_path: Path) -> None:
    runner = CliRunner()
    alone = runner.invoke(app, ["convert", str(FOLLOWUP), "--series", "18.0", "-o", str(tmp_path / "a")])
    assert alone.exit_code == 1
    assert "unknown-model: model tarn.site.visit has no xml id" in alone.stderr
    given = runner.invoke(app, ["convert", str(FOLLOWUP), "--series", "18.0", "-o", str(tmp_path / "b"),
                                "--addons-path", str(CORPUS), "--format", "json"])
    assert given.exit_code == 0, given.stderr
    report = json.loads(given.stdout)
    assert all(u["converted"] for m in report["conversions"] for u in m["units"])
    audit = runner.invoke(app, ["audit", str(FOLLOWUP), "--addons-path", str(CORPUS), "-f", "json"])
    assert all(u["convertible"] != "no" for m in json.loads(audit.stdout)["modules"] for u in m["units"])
    checked = runner.invoke(app, ["check", str(tmp_path / "b" / "tarn_site_visit_followup_actions"), "--series", "18.0"])
    assert checked.exit_code == 0, checked.stdout


def test_a_missing_addons_path_folder_is_a_usage_error(tmp_path: Path) -> None:
    out = CliRunner().invoke(app, ["convert", str(FOLLOWUP), "--series", "18.0", "-o", str(tmp_path),
                                   "--addons-path", str(tmp_path / "nowhere")])
    assert out.exit_code == 2
    assert "nowhere does not exist" in out.stderr


OWN = '''
from odoo import api, models


class Visit(models.Model):
    _name = "acme.own.visit"
    _inherit = ["mail.thread"]
    _description = "Visit"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for record in records:
            record.message_post(body="Created")
        return records
'''


def test_a_model_the_module_declares_itself_stays_with_it_and_names_no_dependency(tmp_path: Path) -> None:
    # its own model stays in the (residual) module, whose xml id the rule names: no dependency
    # (acme_elsewhere, not given) is asked for it
    _addon(tmp_path, "acme_own", ["mail", "acme_elsewhere"], {"visit.py": OWN})
    (result,) = run_audit(discover([str(tmp_path)]), jobs=1).modules
    assert [(u.convertible, u.blockers) for u in result.units] == [("code", ())]
    assert result.stays == {"models": ["acme.own.visit"]}
    conversion = convert_addon(discover([str(tmp_path)])[0], "18.0")
    assert "acme_own" in conversion.depends
    assert 'ref="acme_own.model_acme_own_visit"' in conversion.files["data/automation_rules.xml"]
