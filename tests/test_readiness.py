"""Odoo Online readiness: which Python of a module no importable data module can hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.discover import discover
from migrator.model import ModuleResult

MANIFEST = "{'name': 'X', 'version': '18.0.1.0.0', 'depends': ['sale'], 'license': 'LGPL-3'%s}"


def audit(tmp_path: Path, files: dict[str, str], manifest_extra: str = "") -> ModuleResult:
    addon = tmp_path / "x_addon"
    for rel, text in {"__manifest__.py": MANIFEST % manifest_extra, "__init__.py": "", **files}.items():
        (addon / rel).parent.mkdir(parents=True, exist_ok=True)
        (addon / rel).write_text(text, encoding="utf-8")
    (found,) = discover([str(addon)])
    return audit_addon(found)


def codes(result: ModuleResult) -> list[str]:
    return sorted(p.code for p in result.online.python)


SIMPLE_MODEL = '''
from odoo import api, fields, models

DEFAULT_KIND = 'service'
KINDS = [('service', 'Service'), ('repair', 'Repair')]


class Visit(models.Model):
    _name = 'x.visit'
    _description = 'Visit'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date desc'

    date = fields.Date(required=True)
    kind = fields.Selection(KINDS, default=DEFAULT_KIND)
    hours = fields.Float(default=1.5)
    rate = fields.Float()
    cost = fields.Float(compute='_compute_cost', store=True)

    @api.depends('hours', 'rate')
    def _compute_cost(self):
        for visit in self:
            visit.cost = visit.hours * visit.rate


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    visit_id = fields.Many2one('x.visit')
'''


def test_fields_models_and_a_compute_that_converts_are_ready(tmp_path: Path) -> None:
    result = audit(tmp_path, {"models/visit.py": SIMPLE_MODEL})
    assert result.verdict == "keep"  # nothing for actions today
    assert result.online.answer == "yes", result.online.python
    assert result.online.python == ()


def test_a_unit_using_its_own_field_converts_and_is_ready(tmp_path: Path) -> None:
    code = '''
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_checked = fields.Boolean()

    def write(self, vals):
        if vals.get('state') == 'sale':
            vals['x_checked'] = True
        return super().write(vals)
'''
    result = audit(tmp_path, {"models/sale.py": code})
    assert [(u.convertible, u.blockers) for u in result.units] == [("no_code", ())]
    assert result.stays["fields"] == ["sale.order.x_checked"]
    assert result.online.answer == "yes"


@pytest.mark.parametrize(("code", "expected"), [
    ('''
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    total = fields.Float(compute='_compute_total')

    @api.depends('amount_total')
    def _compute_total(self):
        self.env.cr.execute("SELECT 1")
        for order in self:
            order.total = order.amount_total
''', "compute"),
    ('''
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    total = fields.Float(compute='_compute_total')

    @api.depends_context('company')
    def _compute_total(self):
        for order in self:
            order.total = order.amount_total
''', "compute"),
    ('''
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    nickname = fields.Char(compute='_compute_nickname', inverse='_inverse_nickname')

    def _compute_nickname(self):
        for order in self:
            order.nickname = order.name

    def _inverse_nickname(self):
        for order in self:
            order.name = order.nickname
''', "inverse"),
    ('''
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.onchange('partner_id')
    def _onchange_partner(self):
        self.note = 'x'

    @api.constrains('note')
    def _check_note(self):
        pass

    x_rank = fields.Integer()
''', "onchange constraint"),
    ('''
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_due = fields.Date(default=fields.Date.context_today)
    x_user = fields.Many2one('res.users', default=lambda self: self.env.user)
    x_level = fields.Selection('_levels')
    state = fields.Selection(selection_add=[('approved', 'Approved')])
    partner_id = fields.Many2one(tracking=True)

    def _levels(self):
        return [('a', 'A')]
''', "core-field core-field default-code default-code selection-code"),
    ('''
from odoo import fields, models


class Stats(models.Model):
    _name = 'x.stats'
    _auto = False
    _description = 'Stats'

    x_total = fields.Float()

    def init(self):
        self.env.cr.execute("CREATE OR REPLACE VIEW x_stats AS (SELECT 1 AS id, 1.0 AS x_total)")


class Member(models.Model):
    _name = 'x.member'
    _description = 'Member'
    _inherits = {'res.partner': 'partner_id'}

    partner_id = fields.Many2one('res.partner', required=True, ondelete='cascade')


class Tree(models.Model):
    _name = 'x.tree'
    _description = 'Tree'
    _inherit = ['portal.mixin']
    _parent_store = True

    parent_path = fields.Char(index=True)
    _sql_constraints = [('name_uniq', 'unique(name)', 'Unique!')]


class Mixin(models.AbstractModel):
    _name = 'x.mixin'
    _description = 'Mixin'

    x_flag = fields.Boolean()
''', "abstract-model constraint delegation mixin mixin sql-view"),
])
def test_python_that_must_stay_is_listed(tmp_path: Path, code: str, expected: str) -> None:
    result = audit(tmp_path, {"models/m.py": code})
    assert codes(result) == sorted(expected.split())
    assert all(p.file == "models/m.py" and p.line for p in result.online.python)


def test_controllers_reports_wizards_js_and_hooks_stay(tmp_path: Path) -> None:
    files = {
        "controllers/main.py": '''
from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal


class Api(http.Controller):
    @http.route('/x/ping', auth='public')
    def ping(self):
        return 'pong'


class Portal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        return super()._prepare_home_portal_values(counters)
''',
        "report/pdf.py": '''
from odoo import api, models


class ReportX(models.AbstractModel):
    _name = 'report.x_addon.report_x'
    _description = 'X'

    @api.model
    def _get_report_values(self, docids, data=None):
        return {'docs': self.env['sale.order'].browse(docids)}
''',
        "wizard/w.py": '''
from odoo import fields, models


class Wizard(models.TransientModel):
    _name = 'x.wizard'
    _description = 'W'

    note = fields.Char()

    def _lines(self):
        return []
''',
        "models/sale.py": '''
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def get_badge(self):
        return {}

    def get_other(self):
        return {}
''',
        "static/src/js/badge.js": '''
const a = await this.orm.call("sale.order", "get_badge", [[1]]);
const b = await this._rpc({method: 'get_other', model: 'sale.order', args: []});
const c = await this.orm.call("sale.order", "action_confirm", [[1]]);  // Odoo's own: no Python of ours
''',
        "hooks.py": "def post_init(env):\n    pass\n\n\ndef helper():\n    return 1\n",
    }
    result = audit(tmp_path, files, ", 'post_init_hook': 'post_init'")
    assert codes(result) == ["controller", "controller", "hook", "js-calls-python", "js-calls-python",
                             "python-code", "python-report", "wizard"]
    assert result.online.answer == "no"  # nothing of its Python moves
    js = [p for p in result.online.python if p.code == "js-calls-python"]
    assert [(p.name, p.file, p.line) for p in js] == [
        ("sale.order.get_badge", "static/src/js/badge.js", 2), ("sale.order.get_other", "static/src/js/badge.js", 3)]
    assert next(p for p in result.online.python if p.code == "python-code").name == "helper"
    assert "controllers" in result.stays  # the portal extension is a controller for `stays` too
    first = result.online.python[0]
    assert first.code == "hook" and first.file == "__manifest__.py"  # the manifest's first


def test_a_module_whose_python_partly_moves_is_partial(tmp_path: Path) -> None:
    code = '''
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_floor = fields.Float()

    @api.onchange('partner_id')
    def _onchange_partner(self):
        self.x_floor = 5.0
'''
    result = audit(tmp_path, {"models/sale.py": code})
    assert result.online.answer == "partial"
    assert codes(result) == ["onchange"]
    assert "onchange" in result.online.summary


def test_an_unreadable_module_is_unknown(tmp_path: Path) -> None:
    result = audit(tmp_path, {"models/bad.py": "def broken(:\n"})
    assert result.verdict == "error"
    assert result.online.answer == "unknown" and result.online.python == ()
