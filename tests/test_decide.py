"""The planning step is the one decision: the audit and `convert` give the same verdict and the
same blocker codes for every unit, and every code comes from the one table, decided in one place."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.blockers import BLOCKERS
from migrator.classify.registry import all_rules
from migrator.discover import discover
from migrator.discover.dependencies import addons_by_name
from migrator.generate import convert_addon

PACKAGE = Path(__file__).resolve().parents[1] / "migrator"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"

HEADER = '''\
import re
from odoo import api, fields, models


def helper(value):
    return value


class Order(models.Model):
    _inherit = 'sale.order'

    def _acme_total(self):
        for order in self:
            order.note = 'x'

    @api.onchange('partner_id')
    def _onchange_partner_total(self):
        self._acme_total()

'''


def _addon(tmp_path: Path, method: str, series: str = "17.0"):
    root = tmp_path / "acme_case"
    (root / "models").mkdir(parents=True)
    (root / "__manifest__.py").write_text(
        f"{{'name': 'Case', 'version': '{series}.1.0.0', 'depends': ['sale'], 'license': 'LGPL-3'}}")
    (root / "__init__.py").write_text("from . import models\n")
    (root / "models" / "__init__.py").write_text("from . import order\n")
    body = textwrap.indent(textwrap.dedent(method).strip("\n") + "\n", "    ")
    (root / "models" / "order.py").write_text(HEADER + body)
    (addon,) = discover([str(root)])
    return addon


def _both(addon, series: str = "17.0"):
    """(unit codes the audit gives, blocker codes convert gives) for the one method."""
    result = audit_addon(addon)
    conversion = convert_addon(addon, series)
    audit = sorted({b.code for u in result.units for b in u.blockers})
    convert = sorted({b.code for n in conversion.not_converted for b in n.blockers})
    return result, conversion, audit, convert


@pytest.mark.parametrize(("method", "code"), [
    # decided by a rule
    ("def write(self, vals):\n    res = super().write(vals)\n    self._acme_total()\n    return res",
     "calls-custom-method"),
    ("def write(self, vals):\n    res = super().write(vals)\n    self.write({'note': helper('x')})\n    return res",
     "calls-custom-method"),
    ("def write(self, vals):\n    res = super().write(vals)\n    if self.env.context.get('skip'):\n"
     "        self.write({'note': 'x'})\n    return res", "context-dependent"),
    ("def write(self, vals):\n    res = super().write(vals)\n    self.env.cr.execute('UPDATE sale_order SET note = NULL')\n"
     "    self.write({'note': 'x'})\n    return res", "raw-sql"),
    ("@api.model_create_multi\ndef create(self, vals_list):\n    for vals in vals_list:\n"
     "        vals['note'] = 'x'\n        super().create(vals)", "super-create-in-loop"),
    ("@api.model\ndef create(self, vals):\n    res = super().create(vals)\n    res.write({'note': 'x'})\n"
     "    return res.id", "uses-super-return-value"),
    ("def write(self, vals):\n    res = super().write(vals)\n    if res:\n        self.write({'note': 'x'})\n"
     "    return res", "uses-super-return-value"),
    ("def unlink(self):\n    self.write({'note': 'x'})\n    return True", "missing-super"),
    # decided by the rewrite into code
    ("def write(self, vals):\n    res = super().write(vals)\n    for order in self:\n"
     "        order.write({'note': re.sub('a', 'b', order.name)})\n    return res", "imports-module"),
    ("def write(self, vals):\n    res = super().write(vals)\n    for order in self:\n"
     "        order.write({'note': getattr(order, 'name')})\n    return res", "sandbox-forbidden"),
])
def test_audit_and_convert_give_the_same_blocker(tmp_path: Path, method: str, code: str) -> None:
    result, conversion, audit, convert = _both(_addon(tmp_path, method))
    assert result.units and all(u.convertible == "no" for u in result.units)
    assert audit == convert == [code]
    assert not conversion.moved


def test_a_unit_the_audit_converts_is_written(tmp_path: Path) -> None:
    method = "def write(self, vals):\n    res = super().write(vals)\n    for order in self:\n" \
             "        order.write({'note': order.name.upper()})\n    return res"
    result, conversion, audit, convert = _both(_addon(tmp_path, method))
    assert [u.convertible for u in result.units] == ["code"]
    assert audit == convert == []
    (plan, records), = conversion.moved
    assert plan.code and records


def test_an_unknown_field_is_a_blocker_of_the_audit_too(tmp_path: Path) -> None:
    method = "def action_flag(self):\n    self.write({'x_flag_text': 'yes'})"
    result, conversion, audit, convert = _both(_addon(tmp_path, method))
    assert [u.convertible for u in result.units] == ["no"]
    assert audit == convert == ["unknown-field"]
    assert "x_flag_text" in result.units[0].blockers[0].message


def test_audit_and_convert_agree_on_every_corpus_unit() -> None:
    addons = discover([str(CORPUS)])
    given = addons_by_name(addons)  # audited together: each may depend on the others
    for addon in addons:
        result = audit_addon(addon, given=given)
        if result.verdict == "error" or addon.series is None:
            continue
        conversion = convert_addon(addon, addon.series, given=given)
        moved = {(u.evidence.file, u.evidence.line_start, u.kind) for plan, _ in conversion.moved for u in plan.units}
        for unit in result.units:
            key = (unit.evidence.file, unit.evidence.line_start, unit.kind)
            assert (unit.convertible != "no") == (key in moved), (addon.name, unit.method, unit.blockers)


# ------------------------------------------------------------------- the table


def _codes_in_source() -> dict[str, set[str]]:
    """Blocker codes written in the package, by where: `ctx.block("code", ...)` in the rewrite,
    `Blocker("code", ...)` / `Unresolvable("code", ...)` in the planning step."""
    found: dict[str, set[str]] = {"rewrite": set(), "decide": set()}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name == "block":
                found["rewrite"].add(node.args[0].value)
            elif name in ("Blocker", "Unresolvable"):
                found["decide"].add(node.args[0].value)
    return found


def test_every_code_in_the_source_is_in_the_table_and_decided_where_it_says() -> None:
    for stage, codes in _codes_in_source().items():
        for code in codes:
            assert code in BLOCKERS, code
            assert BLOCKERS[code].decided_by == stage, (code, stage)


def test_each_rule_code_has_its_rule_and_each_blocker_rule_its_code() -> None:
    blocker_rules = {r.name for r in all_rules() if r.produces == "blocker"}
    rule_codes = {c for c, spec in BLOCKERS.items() if spec.decided_by == "rule"}
    assert blocker_rules == rule_codes
