"""Loading an addon's model files against the odoo shim, and running them on real tables."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.pg import Harness
from migrator.runtime.environment import Environment
from migrator.discover.series import ported_version
from migrator.runtime.errors import NotInstallable, RuntimeMissing
from migrator.runtime.exceptions import ValidationError
from migrator.runtime.loader import load_addon
from migrator.runtime.registry import Registry

PARTNER = '''
from odoo import api, fields, models, _
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class ResPartner(models.Model):
    _inherit = "res.partner"

    x_origin = fields.Char("Origin")
    x_trail = fields.Char()
    visit_ids = fields.One2many("acme.visit", "partner_id")
    visit_count = fields.Integer(compute="_compute_visit_count", store=True)
    total_hours = fields.Float(compute="_compute_visit_count", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for record in records:
            record.x_origin = "created:" + record.name
        return records

    def write(self, vals):
        if "name" in vals:
            vals = dict(vals, x_trail=vals.get("x_trail", "") + "first;")
        return super().write(vals)

    @api.depends("visit_ids.hours")
    def _compute_visit_count(self):
        for partner in self:
            partner.visit_count = len(partner.visit_ids)
            partner.total_hours = sum(partner.visit_ids.mapped("hours"))

    @api.onchange("name")
    def _onchange_name(self):
        self.x_origin = "onchange"


class Visit(models.Model):
    _name = "acme.visit"
    _description = "Visit"
    _order = "date desc, id"

    name = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner", ondelete="cascade")
    date = fields.Date(default=fields.Date.today)
    hours = fields.Float()
    double_hours = fields.Float(compute="_compute_double", store=True)
    overtime = fields.Float(compute="_compute_overtime", store=True)
    partner_email = fields.Char(related="partner_id.email")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    label = fields.Char(compute="_compute_label")
    tag_ids = fields.Many2many("res.partner.category")

    _sql_constraints = [("name_uniq", "unique(name)", "Visit names are unique")]

    @api.depends("hours")
    def _compute_double(self):
        for visit in self:
            visit.double_hours = visit.hours * 2

    @api.depends("hours")
    def _compute_overtime(self):
        for visit in self.filtered(lambda v: v.hours > 5):
            visit.overtime = visit.hours - 5

    def _compute_label(self):
        for visit in self:
            visit.label = f"{visit.name} ({visit.state})"

    @api.constrains("hours")
    def _check_hours(self):
        for visit in self:
            if float_compare(visit.hours, 0, precision_digits=2) < 0:
                raise ValidationError(_("Negative hours on %s", visit.name))
'''

SECOND = '''
from odoo import api, fields, models


class ResPartnerAgain(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        if "name" in vals:
            vals = dict(vals, x_trail=vals.get("x_trail", "") + "second;")
        return super().write(vals)


class VisitDone(models.Model):
    _inherit = "acme.visit"

    state = fields.Selection(selection_add=[("cancel", "Cancelled")])

    def action_done(self):
        self.write({"state": "done"})
        return True
'''


def write_addon(root: Path, name: str, files: dict[str, str]) -> Path:
    addon = root / name
    (addon / "models").mkdir(parents=True)
    (addon / "__manifest__.py").write_text("{'name': 'test', 'depends': ['base']}\n")
    (addon / "__init__.py").write_text("from . import models\nfrom . import controllers\n")
    imports = ", ".join(Path(f).stem for f in files)
    (addon / "models" / "__init__.py").write_text(f"from . import {imports}\n")
    for filename, source in files.items():
        (addon / "models" / filename).write_text(textwrap.dedent(source))
    return addon


@pytest.fixture(scope="module")
def loaded(pg_dsn: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    addon = write_addon(tmp_path_factory.mktemp("addons"), "acme_visit",
                        {"partner.py": PARTNER, "second.py": SECOND})
    with Harness(pg_dsn) as harness:
        conn = harness.connect(harness.create_database())
        registry = Registry("18.0", module="acme_visit")
        classes = load_addon(addon, registry)
        assert [c.__name__ for c in classes] == ["ResPartner", "Visit", "ResPartnerAgain", "VisitDone"]
        registry.install(conn, extra_models=["res.partner.category"])
        yield registry
        conn.close()


@pytest.fixture
def env(loaded: Registry) -> Iterator[Environment]:
    env = loaded.environment()
    env.cr.execute("SAVEPOINT test")
    yield env
    env.cr.execute("ROLLBACK TO SAVEPOINT test")


def test_shim_is_gone_after_loading(loaded: Registry) -> None:
    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)


def test_inherit_create_override_and_super(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    assert partner.x_origin == "created:Ann"  # written by the override after super().create
    partner.name = "Anna"
    # both overrides ran, the later-loaded one first, then the ORM wrote
    assert partner.x_trail == "second;first;" and partner.name == "Anna"
    assert env.ref("acme_visit.field_res_partner__x_origin").name == "x_origin"


def test_new_model_with_many2one_defaults_and_related(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})
    visit = env["acme.visit"].create({"name": "v1", "partner_id": partner.id, "hours": 1.5})
    assert visit.partner_id == partner and visit.date == env.clock.today() and visit.state == "draft"
    assert visit.partner_email == "ann@example.com" and visit.label == "v1 (draft)"
    assert visit.display_name == "v1"
    assert env.ref("acme_visit.model_acme_visit").model == "acme.visit"
    assert visit.action_done() is True and visit.state == "done"
    visit.state = "cancel"  # selection_add of the second file
    assert visit.state == "cancel"


def test_stored_computes_follow_dependencies(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    assert partner.visit_count == 0
    visit = env["acme.visit"].create({"name": "v1", "partner_id": partner.id, "hours": 2})
    assert visit.double_hours == 4.0 and partner.visit_count == 1 and partner.total_hours == 2.0
    visit.hours = 3
    assert visit.double_hours == 6.0 and partner.total_hours == 3.0
    partner.write({"visit_ids": [(0, 0, {"name": "v2", "hours": 1})]})
    assert partner.visit_count == 2 and partner.total_hours == 4.0
    visit.unlink()
    assert partner.visit_count == 1 and partner.total_hours == 1.0
    env.cr.execute("SELECT visit_count FROM res_partner WHERE id = %s", (partner.id,))
    assert env.cr.fetchone() == (1,)


def test_a_stored_compute_that_assigns_nothing_keeps_the_column(env: Environment) -> None:
    # Odoo reads such a field back from its column: no error, the value it had stays.
    visit = env["acme.visit"].create({"name": "v1", "hours": 2})
    assert visit.overtime == 0.0
    visit.hours = 8
    assert visit.overtime == 3.0
    visit.hours = 1
    assert visit.overtime == 3.0


def test_constraints(env: Environment) -> None:
    visit = env["acme.visit"].create({"name": "v1", "hours": 1})
    with pytest.raises(ValidationError, match="Negative hours on v1"):
        visit.hours = -1
    with pytest.raises(ValidationError):
        env["acme.visit"].create({"name": "v2", "hours": -2})


def test_sql_constraint(env: Environment) -> None:
    env["acme.visit"].create({"name": "same"})
    with pytest.raises(Exception, match="acme_visit_name_uniq"), env.cr.savepoint():
        env["acme.visit"].create({"name": "same"})
    assert env["acme.visit"].search_count([("name", "=", "same")]) == 1


def test_many2many_declared_without_relation(env: Environment) -> None:
    tag = env["res.partner.category"].create({"name": "vip"})
    visit = env["acme.visit"].create({"name": "v1", "tag_ids": [(4, tag.id)]})
    assert visit.tag_ids == tag
    assert env["acme.visit"].search([("tag_ids", "in", tag.ids)]) == visit


@pytest.mark.parametrize("source, missing", [
    ("from odoo.addons.sale.models.sale_order import SaleOrder\n", "import odoo.addons.sale"),
    ("from odoo.osv import expression\n", "import odoo.osv"),
    ("from odoo import http\n", "odoo.http"),
    ("from odoo.tools import html2plaintext\n", "odoo.tools.html2plaintext"),
    ("from odoo import models\nclass X(models.Model):\n    _inherit = 'mail.thread'\n", "model mail.thread"),
    ("from odoo import fields, models\nclass X(models.Model):\n    _inherit = 'res.partner'\n"
     "    x = fields.Char(company_dependent=True)\n", "field attribute company_dependent="),
])
def test_refused(tmp_path: Path, source: str, missing: str) -> None:
    addon = write_addon(tmp_path, "acme_refused", {"bad.py": source})
    registry = Registry("18.0")
    with pytest.raises(RuntimeMissing, match=f"cannot replay: uses {missing}"):
        load_addon(addon, registry)
        registry.table_models()
    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)


@pytest.mark.parametrize(("version", "series", "refused"), [
    ("18.0.1.0.0", "19.0", "belongs to 18.0"),
    ("17.0.1.2", "18.0", "belongs to 17.0"),
    ("19.0.1.0.0", "19.0", None),
    ("1.0", "19.0", None),  # a module-only version: Odoo prefixes the series
    ("1.0.3", "16.0", None),
    ("18.0.1.0.x", "18.0", "not a version Odoo reads"),
])
def test_an_addon_of_another_series_is_not_loaded(tmp_path: Path, version: str, series: str,
                                                  refused: str | None) -> None:
    """Odoo leaves a module whose version names another series uninstalled; the runtime
    refuses it too, before executing any of its code."""
    addon = write_addon(tmp_path, "acme_visit", {"partner.py": PARTNER})
    (addon / "__manifest__.py").write_text(f"{{'name': 'test', 'version': {version!r}, 'depends': ['base']}}\n")
    registry = Registry(series, module="acme_visit")
    if refused is None:
        assert load_addon(addon, registry)
        return
    with pytest.raises(NotInstallable, match=refused) as info:
        load_addon(addon, registry)
    assert f"acme_visit is not installable on {series}" in str(info.value)
    assert registry.definitions == Registry(series).definitions  # the runtime's own classes only


def test_ported_version_keeps_the_module_release() -> None:
    assert ported_version("18.0.1.2.0", "19.0") == "19.0.1.2.0"
    assert ported_version("16.0.3.1", "18.0") == "18.0.3.1"


VIEW = """<odoo><record id="view_form" model="ir.ui.view"><field name="model">res.partner</field>
<field name="inherit_id" ref="base.view_partner_form"/><field name="arch" type="xml">
<xpath expr="//field[@name='name']" position="after">{}</xpath></field></record></odoo>"""
CRON = """<odoo><record id="cron" model="ir.cron"><field name="name">c</field>
<field name="model_id" ref="base.model_res_partner"/><field name="state">code</field>
<field name="code">model.browse()</field><field name="interval_number">1</field>{}</record></odoo>"""


@pytest.mark.parametrize(("series", "data", "refused"), [
    ("16.0", VIEW.format('<field name="ref" attrs="{\'invisible\': [(\'x\', \'=\', 1)]}"/>'), None),
    ("17.0", VIEW.format('<field name="ref" attrs="{\'invisible\': [(\'x\', \'=\', 1)]}"/>'),
     r"data/a.xml:1: the view view_form uses attrs= \(line 3\), which Odoo 17.0 refuses"),
    ("18.0", VIEW.format('<button name="x" states="draft"/>'), "uses states="),
    ("19.0", VIEW.format('<attribute name="attrs">{}</attribute>'), "uses attrs="),
    ("18.0", VIEW.format('<field name="ref" invisible="x == 1"/>'), None),
    ("17.0", CRON.format('<field name="numbercall">-1</field>'), None),
    ("18.0", CRON.format('<field name="numbercall">-1</field>'),
     r"data/a.xml:3: ir.cron has no field 'numbercall' in Odoo 18.0 \(\"Invalid field\"\): record cron"),
])
def test_data_files_odoo_refuses_make_the_module_not_installable(tmp_path: Path, series: str, data: str,
                                                                 refused: str | None) -> None:
    """Odoo validates every view (17.0+: no attrs/states) and record field of the module it
    installs; a module it refuses is not replayed either."""
    addon = tmp_path / "acme_visit"
    (addon / "data").mkdir(parents=True)
    (addon / "__manifest__.py").write_text("{'name': 'v', 'depends': ['base'], 'data': ['data/a.xml']}")
    (addon / "data" / "a.xml").write_text(data)
    registry = Registry(series)
    if refused is None:
        load_addon(addon, registry)
        return
    with pytest.raises(NotInstallable, match=refused):
        load_addon(addon, registry)


DEP_VISIT = '''
from odoo import fields, models


class Visit(models.Model):
    _name = "acme.site.visit"
    _description = "Visit"

    done = fields.Boolean()


class ResPartner(models.Model):
    _inherit = "res.partner"

    visit_blocked = fields.Boolean()
'''
TOP_VISIT = '''
from odoo import fields, models
from odoo.addons.acme_site.models.visit import Visit as Declared  # a dependency's module imports

NAME = Declared._name


class Visit(models.Model):
    _inherit = NAME

    note = fields.Char()
'''


def test_an_addon_loads_on_top_of_its_dependency_and_xml_ids_are_each_ones(tmp_path: Path) -> None:
    """Odoo's ir.model(.fields) xml ids: of the module declaring the model or the field, the
    magic fields of the module declaring the model, the catalogue's for core ones."""
    dep = write_addon(tmp_path, "acme_site", {"visit.py": DEP_VISIT})
    top = write_addon(tmp_path, "acme_site_top", {"visit.py": TOP_VISIT})
    registry = Registry("18.0", module="acme_site_top")
    from migrator.runtime.loader import load_addons

    assert [c.__name__ for c in load_addons([dep, top], registry)] == ["Visit", "ResPartner", "Visit"]
    assert registry.model_xmlid("acme.site.visit") == "acme_site.model_acme_site_visit"
    assert registry.field_xmlid("acme.site.visit", "done") == "acme_site.field_acme_site_visit__done"
    assert registry.field_xmlid("acme.site.visit", "note") == "acme_site_top.field_acme_site_visit__note"
    assert registry.field_xmlid("acme.site.visit", "create_date") == "acme_site.field_acme_site_visit__create_date"
    assert registry.field_xmlid("res.partner", "visit_blocked") == "acme_site.field_res_partner__visit_blocked"
    assert registry.field_xmlid("res.partner", "email") == "base.field_res_partner__email"
    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)
