"""The plan across modules: what can really be uninstalled, in which rounds, and what holds
the rest; readiness for Odoo Online through dependencies; the reports that carry it."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from migrator.audit import run_audit
from migrator.discover import discover
from migrator.model import AuditResult
from migrator.report import render

# A write that sets a core field: replaceable on its own.
REPLACEABLE = '''
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        if vals.get('state') == 'cancel':
            vals['note'] = False
        return super().write(vals)
'''
# A write running SQL: keep.
KEEP = '''
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        res = super().write(vals)
        self.env.cr.execute("UPDATE sale_order SET note = NULL")
        return res
'''
# A field and one convertible behaviour: partial.
PARTIAL = '''
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_note = fields.Char()

    def write(self, vals):
        if vals.get('state') == 'cancel':
            vals['note'] = False
        return super().write(vals)
'''


def addons(tmp_path: Path, spec: dict[str, tuple[str, list[str]]], series: str = "18.0") -> AuditResult:
    for name, (code, depends) in spec.items():
        folder = tmp_path / name
        (folder / "models").mkdir(parents=True)
        (folder / "__manifest__.py").write_text(
            f"{{'name': '{name}', 'version': '{series}.1.0.0', 'depends': {depends!r}, 'license': 'LGPL-3'}}")
        (folder / "__init__.py").write_text("from . import models\n")
        (folder / "models" / "__init__.py").write_text("from . import sale\n")
        (folder / "models" / "sale.py").write_text(code)
    return run_audit(discover([str(tmp_path)]), jobs=1)


def by_name(result: AuditResult):
    return {m.name: m for m in result.modules}


def test_a_keep_module_holds_the_replaceable_one_it_depends_on(tmp_path: Path) -> None:
    result = addons(tmp_path, {"base_rules": (REPLACEABLE, ["sale"]),
                               "heavy": (KEEP, ["sale", "base_rules"])})
    m = by_name(result)
    assert m["base_rules"].verdict == "replaceable"  # its own verdict is kept
    removal = m["base_rules"].removal
    assert (removal.status, removal.round, removal.blocked_by) == ("held", None, ("heavy",))
    assert removal.changes == ("in heavy's manifest, remove base_rules from depends (heavy already depends "
                               "on sale, all that base_rules brings).",)
    assert "once heavy no longer depends on it" in removal.summary
    assert m["base_rules"].required_by == ("heavy",) and m["heavy"].required_by == ()
    assert m["heavy"].removal.status == "stay"
    assert result.plan.rounds == ()


def test_a_chain_of_three_goes_dependants_first(tmp_path: Path) -> None:
    result = addons(tmp_path, {"low": (REPLACEABLE, ["sale", "account"]), "mid": (REPLACEABLE, ["low"]),
                               "top": (REPLACEABLE, ["mid", "sale"]), "other": (REPLACEABLE, ["sale"])})
    m = by_name(result)
    assert result.plan.rounds == (("other", "top"), ("mid",), ("low",))
    assert [m[n].removal.round for n in ("top", "mid", "low")] == [1, 2, 3]
    # the data module of `top` must not depend on `mid`, which goes in round 2
    assert m["top"].removal.changes == (
        "in the manifest of top's data module, before installing it, replace mid in depends by account.",)
    assert m["mid"].removal.changes == (
        "in the manifest of mid's data module, before installing it, replace low in depends by sale, account.",)
    assert m["low"].removal.changes == ()
    assert "Round 2 (after top, which depend on it)" in m["mid"].removal.summary


def test_a_hold_reaches_down_a_chain(tmp_path: Path) -> None:
    result = addons(tmp_path, {"low": (REPLACEABLE, ["sale"]), "mid": (REPLACEABLE, ["low"]),
                               "top": (KEEP, ["mid"]), "shrinks": (PARTIAL, ["low"])})
    m = by_name(result)
    assert m["mid"].removal.blocked_by == ("top",)
    assert m["low"].removal.blocked_by == ("shrinks", "top")  # top through mid
    assert m["low"].removal.changes == (
        "in shrinks's manifest, replace low in depends by sale.",
        "in top's manifest, replace mid in depends by sale.",
    )
    assert m["shrinks"].removal.status == "shrink"
    assert result.plan.rounds == ()


def test_a_dependency_loop_goes_together_or_not_at_all(tmp_path: Path) -> None:
    result = addons(tmp_path, {"a": (REPLACEABLE, ["b"]), "b": (REPLACEABLE, ["a"]), "c": (REPLACEABLE, ["a"])})
    assert result.plan.cycles == (("a", "b"),)
    assert result.plan.rounds == (("c",), ("a", "b"))
    held = addons(tmp_path / "2", {"a": (REPLACEABLE, ["b"]), "b": (KEEP, ["a"])})
    assert by_name(held)["a"].removal.blocked_by == ("b",)


def test_odoo_online_needs_every_dependency_ready(tmp_path: Path) -> None:
    result = addons(tmp_path, {"ready": (REPLACEABLE, ["sale"]), "needs_keep": (REPLACEABLE, ["heavy"]),
                               "heavy": (KEEP, ["sale"]), "third_party": (REPLACEABLE, ["sale", "web_oca_thing"]),
                               "on_top": (REPLACEABLE, ["needs_keep"])})
    m = by_name(result)
    assert m["ready"].online.needs == ()
    assert m["needs_keep"].online.answer == "yes" and m["needs_keep"].online.needs == ("heavy",)
    assert m["on_top"].online.needs == ("needs_keep",)  # not ready because its dependency is not
    assert m["third_party"].online.needs == ("web_oca_thing",)  # neither audited nor Odoo's own
    data = json.loads(render(result, "json"))
    assert data["totals"]["online"] == {"yes": 4, "partial": 0, "no": 1, "unknown": 0}
    assert data["totals"]["online_ready"] == 1


def test_a_second_addon_of_the_same_name_is_not_planned(tmp_path: Path) -> None:
    for root in ("one", "two"):
        addons(tmp_path / root, {"same": (REPLACEABLE, ["sale"])})
    result = run_audit(discover([str(tmp_path / "one"), str(tmp_path / "two")]), jobs=1)
    first, second = result.modules
    assert first.removal.status == "remove" and second.removal is None


def test_json_and_csv_carry_depends_and_required_by(tmp_path: Path) -> None:
    result = addons(tmp_path, {"base_rules": (REPLACEABLE, ["sale"]), "heavy": (KEEP, ["sale", "base_rules"])})
    data = json.loads(render(result, "json"))
    mods = {m["name"]: m for m in data["modules"]}
    assert mods["base_rules"]["depends"] == ["sale"] and mods["base_rules"]["required_by"] == ["heavy"]
    assert mods["base_rules"]["removal"] == {
        "status": "held", "round": None, "blocked_by": ["heavy"], "changes": list(
            by_name(result)["base_rules"].removal.changes), "summary": by_name(result)["base_rules"].removal.summary}
    assert mods["heavy"]["online"]["answer"] == "no"
    # its write has no effect an action knows: a method that stays
    assert [p["code"] for p in mods["heavy"]["online"]["python"]] == ["method"]
    assert data["plan"] == {"rounds": [], "cycles": []}
    assert data["totals"]["removal"] == {"remove": 0, "held": 1, "shrink": 0, "stay": 1}
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    heavy = next(r for r in rows if r["module"] == "heavy")
    assert (heavy["depends"], heavy["required_by"], heavy["online"], heavy["removal"]) == (
        "sale;base_rules", "", "no", "stay")
    base = next(r for r in rows if r["module"] == "base_rules")
    assert (base["required_by"], base["removal"], base["blocked_by"], base["round"]) == ("heavy", "held", "heavy", "")


def test_table_and_markdown_say_the_plan(tmp_path: Path) -> None:
    result = addons(tmp_path, {"low": (REPLACEABLE, ["sale"]), "top": (REPLACEABLE, ["low"]),
                               "held_one": (REPLACEABLE, ["sale"]), "heavy": (KEEP, ["held_one"])})
    table = render(result, "table")
    assert re.search(r"│ low\s+│ 18\.0\s+│ replaceable │ round 2 │ yes\s+│", table)
    assert "Round 1: held_one" not in table and "Round 1: top." in table
    assert "Held: held_one: Replaceable once heavy no longer depends on it" in table
    md = render(result, "md")
    assert "| held_one | 18.0 | replaceable | held | yes |" in md
    assert "- Round 2: `low`" in md
    assert "Odoo Online: **no**" in md and "### Python that stays (Odoo Online)" in md


def svg_of(html: str) -> ET.Element:
    found = re.search(r'<svg id="dependency-graph".*?</svg>', html, re.S)
    assert found, "no dependency graph"
    return ET.fromstring(found.group())  # raises on SVG that is not well-formed


def test_the_html_report_draws_a_node_per_addon_and_an_edge_per_dependency(tmp_path: Path) -> None:
    result = addons(tmp_path, {"low": (REPLACEABLE, ["sale"]), "mid": (REPLACEABLE, ["low"]),
                               "top": (KEEP, ["mid", "low"]), "alone": (PARTIAL, ["sale"]),
                               "a<b": (REPLACEABLE, ["sale"])})
    html = render(result, "html")
    svg = svg_of(html)
    ns = "{http://www.w3.org/2000/svg}"
    nodes = {g.get("data-addon"): g for g in svg.iter(f"{ns}g") if g.get("class") == "node"}
    assert set(nodes) == {"low", "mid", "top", "alone", "a<b"}
    edges = {(p.get("data-from"), p.get("data-to")) for p in svg.iter(f"{ns}path") if p.get("class") == "edge"}
    assert edges == {("mid", "low"), ("top", "mid"), ("top", "low")}
    colours = {name: g.find(f"{ns}rect").get("fill") for name, g in nodes.items()}
    assert colours["top"] == "#1565c0" and colours["low"] == "#2e7d32" and colours["alone"] == "#c77c02"
    assert nodes["mid"].find(f"{ns}rect").get("stroke-dasharray")  # held
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_drawing_puts_dependants_left_of_their_dependencies(tmp_path: Path) -> None:
    result = addons(tmp_path, {"low": (REPLACEABLE, ["sale"]), "mid": (REPLACEABLE, ["low"]),
                               "top": (REPLACEABLE, ["mid"])})
    ns = "{http://www.w3.org/2000/svg}"
    svg = svg_of(render(result, "html"))
    x = {g.get("data-addon"): float(g.find(f"{ns}rect").get("x")) for g in svg.iter(f"{ns}g")}
    assert x["top"] < x["mid"] < x["low"]
