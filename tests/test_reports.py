"""The audit reports: every format shows the same figures, honestly and deterministically."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

import migrator
from migrator.errors import UsageError
from migrator.model import (
    AuditResult, Blocker, Effect, Finding, ModuleResult, Rates, Savings, Span, Unit,
)
from migrator.report import FORMATS, print_table, render, to_dict, write_report
from migrator.report.evidence import MAX_LINES

SALE_PY = """\
from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("note", "Thank you & welcome")
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self.env.cr.execute("UPDATE sale_order SET x = 1")
        return res
"""


def _unit(**overrides) -> Unit:
    values = dict(
        model="sale.order",
        method="create",
        kind="field_write",
        trigger="on_create",
        trigger_fields=(),
        convertible="no_code",
        blockers=(),
        evidence=Span("models/sale.py", 7, 11),
        effects=(Effect("field_write", "write note = 'Thank you & welcome'", Span("models/sale.py", 10, 10), True,
                        {"target": "records", "fields": {"note": "'Thank you & welcome'"}, "only_if_empty": False}),),
        condition=None,
    )
    values.update(overrides)
    return Unit(**values)


def _result(root: Path, rates: Rates) -> AuditResult:
    sale = root / "sale_ext"
    (sale / "models").mkdir(parents=True)
    (sale / "models" / "sale.py").write_text(SALE_PY, encoding="utf-8")

    def savings(before: int, after: int) -> Savings:
        hours = None if rates.hours_per_kloc is None else round((before - after) / 1000 * rates.hours_per_kloc, 2)
        money = None if hours is None or rates.hourly_rate is None else round(hours * rates.hourly_rate, 2)
        return Savings(before, after, hours, money)

    blocked = _unit(
        method="write",
        trigger="on_write",
        trigger_fields=("state",),
        convertible="no",
        blockers=(Blocker("raw-sql", "The method runs SQL with cr.execute.", "raw_sql", 16),
                  Blocker("uses-super-return-value", "The value of super() is used.", "super", 14)),
        evidence=Span("models/sale.py", 13, 17),
        effects=(),
        condition="[('state', '=', 'sale')]",
    )
    modules = (
        ModuleResult(
            name="mail_on_confirm", path=str(root / "missing_folder"), series="17.0",
            verdict="replaceable",
            units=(_unit(model="sale.order", method="action_confirm", kind="mail_send", trigger="manual",
                         evidence=Span("models/sale.py", 1, 3), effects=()),),
            errors=(), savings=savings(120, 0), summary="Every unit converts to a no-code action.",
        ),
        ModuleResult(
            name="sale_ext", path=str(sale), series="17.0", verdict="partial",
            units=(_unit(), _unit(kind="mail_send", convertible="code"), blocked),
            errors=(), savings=savings(900, 400),
            stays={"views": ["sale_ext.view_order_form"], "fields": ["sale.order.x_note", "sale.order.x_flag"]},
            summary="<script>alert('x')</script> fields stay",
        ),
        ModuleResult(
            name="stock_rules", path=str(root / "stock_rules"), series=None, verdict="keep",
            units=(blocked,), errors=(Finding("syntax-error", "invalid syntax", "models/a.py", 3),),
            savings=savings(300, 300), stays={"models": ["stock.rule.x"]}, summary="Nothing converts.",
        ),
        ModuleResult(
            name="broken", path=str(root / "broken"), series=None, verdict="error", units=(),
            errors=(Finding("no-manifest", "No literal manifest [here]."),), savings=savings(0, 0),
            summary="The module could not be read.",
        ),
    )
    return AuditResult(modules=modules, rates=rates, series="17.0", disabled_rules=("sms", "activity"))


WITH_RATES = Rates(hours_per_kloc=40.0, hourly_rate=90.0, currency="EUR")


@pytest.fixture
def result(tmp_path: Path) -> AuditResult:
    return _result(tmp_path, WITH_RATES)


@pytest.fixture
def result_no_rates(tmp_path: Path) -> AuditResult:
    return _result(tmp_path, Rates())


# ---------------------------------------------------------------------- JSON

def test_json_has_documented_shape(result: AuditResult) -> None:
    data = json.loads(render(result, "json"))
    assert list(data) == ["schema_version", "tool", "series", "disabled_rules", "assumptions", "modules", "totals",
                          "plan"]
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "migrator", "version": migrator.__version__}
    assert data["series"] == "17.0"
    assert data["disabled_rules"] == ["activity", "sms"]
    assert set(data["assumptions"]) == {"hours_per_kloc", "hourly_rate", "currency", "line_counting", "costing"}
    assert data["assumptions"]["hours_per_kloc"] == 40.0
    assert data["assumptions"]["hourly_rate"] == 90.0

    sale = data["modules"][1]
    assert set(sale) == {"name", "path", "series", "verdict", "summary", "stays", "units", "errors", "savings",
                         "depends", "required_by", "online", "removal"}
    assert sale["online"] is None and sale["removal"] is None  # not planned: built by hand
    assert sale["stays"] == {"fields": ["sale.order.x_note", "sale.order.x_flag"], "views": ["sale_ext.view_order_form"]}
    write = sale["units"][2]
    assert write == {
        "model": "sale.order", "method": "write", "kind": "field_write", "trigger": "on_write",
        "trigger_fields": ["state"], "convertible": "no",
        "blockers": [{"code": "raw-sql", "message": "The method runs SQL with cr.execute."},
                     {"code": "uses-super-return-value", "message": "The value of super() is used."}],
        "evidence": {"file": "models/sale.py", "line_start": 13, "line_end": 17},
        "effects": [], "condition": "[('state', '=', 'sale')]", "replaced_by": None, "date_field": None,
        "date_delay": None,
    }
    assert sale["units"][0]["effects"] == [{
        "kind": "field_write", "description": "write note = 'Thank you & welcome'", "no_code": True,
        "line_start": 10, "line_end": 10,
        "details": {"fields": {"note": "'Thank you & welcome'"}, "only_if_empty": False, "target": "records"},
    }]
    assert list(sale["units"][0]["effects"][0]["details"]) == ["fields", "only_if_empty", "target"]  # sorted
    assert sale["savings"] == {"lines_before": 900, "lines_after": 400, "lines_saved": 500, "hours": 20.0, "money": 1800.0}
    assert data["modules"][2]["errors"] == [
        {"code": "syntax-error", "message": "invalid syntax", "file": "models/a.py", "line": 3}
    ]
    assert data["modules"][3]["errors"] == [
        {"code": "no-manifest", "message": "No literal manifest [here].", "file": None, "line": None}
    ]


def test_json_totals_add_up(result: AuditResult) -> None:
    data = json.loads(render(result, "json"))
    totals, modules = data["totals"], data["modules"]
    assert totals["modules"] == 4
    assert totals["verdicts"] == {"replaceable": 1, "partial": 1, "keep": 1, "error": 1}
    assert totals["units"] == sum(len(m["units"]) for m in modules) == 5
    assert sum(totals["kinds"].values()) == totals["units"]
    assert totals["kinds"]["field_write"] == 3 and totals["kinds"]["mail_send"] == 2
    assert totals["kinds"]["sms"] == 0
    assert totals["convertible"] == {"no_code": 2, "code": 1, "no": 2}
    assert totals["lines_before"] == 1320 == sum(m["savings"]["lines_before"] for m in modules)
    assert totals["lines_after"] == 700
    assert totals["lines_saved"] == 620
    assert totals["hours"] == pytest.approx(24.8)
    assert totals["money"] == pytest.approx(2232.0)


def test_json_without_rates_estimates_nothing(result_no_rates: AuditResult) -> None:
    data = json.loads(render(result_no_rates, "json"))
    assert data["assumptions"]["hours_per_kloc"] is None
    assert data["assumptions"]["hourly_rate"] is None
    assert data["totals"]["hours"] is None and data["totals"]["money"] is None
    assert all(m["savings"]["hours"] is None for m in data["modules"])


def test_json_verdict_keys_present_when_empty() -> None:
    data = to_dict(AuditResult(modules=(), rates=Rates()))
    assert data["totals"]["verdicts"] == {"replaceable": 0, "partial": 0, "keep": 0, "error": 0}
    assert data["totals"]["lines_saved"] == 0 and data["modules"] == []


def test_json_is_byte_identical_and_keeps_unicode(tmp_path: Path) -> None:
    first = render(_result(tmp_path / "a", WITH_RATES), "json")
    second = render(_result(tmp_path / "a2", WITH_RATES), "json")
    # Only the folder differs between the two inputs.
    assert first.replace(str(tmp_path / "a"), "R") == second.replace(str(tmp_path / "a2"), "R")
    result = _result(tmp_path / "b", WITH_RATES)
    assert render(result, "json") == render(result, "json")
    assert first.endswith("}\n") and '\n  "modules"' in first
    unicode = AuditResult(modules=(ModuleResult("crème", "/x", None, "keep", (), (), Savings(0, 0)),), rates=Rates())
    assert '"crème"' in render(unicode, "json")


# ----------------------------------------------------------------------- CSV

def test_csv_one_row_per_unit_or_module(result: AuditResult) -> None:
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["module", "series", "verdict"]
    assert len(body) == 1 + 3 + 1 + 1  # units per module, one row for the module without units
    by_column = [dict(zip(header, row)) for row in body]
    write = by_column[3]
    assert write["module"] == "sale_ext" and write["verdict"] == "partial"
    assert write["method"] == "write" and write["trigger_fields"] == "state"
    assert write["blockers"] == "raw-sql;uses-super-return-value"
    assert write["evidence"] == "models/sale.py:13-17"
    assert write["condition"] == "[('state', '=', 'sale')]"
    broken = by_column[-1]
    assert broken["module"] == "broken" and broken["verdict"] == "error"
    assert all(broken[c] == "" for c in header[3:])


# --------------------------------------------------------------------- table

def test_table_rows_totals_assumptions_errors(result: AuditResult) -> None:
    text = render(result, "table")
    assert all(len(line) <= 120 for line in text.splitlines())
    assert "\x1b[" not in text
    sale_line = next(line for line in text.splitlines() if "sale_ext" in line)
    assert "partial" in sale_line and "2/3" in sale_line and "900 -> 400" in sale_line and "500" in sale_line
    assert re.search(r"Total \(4\).*3/5.*1,320 -> 700.*620", text)
    flat = " ".join(text.split())  # the assumptions line wraps at the table's width
    assert "Hours saved: 24.8 h (620 lines / 1000 x 40 h)" in flat
    assert "Money saved: 2,232.00 EUR (at 90.00 EUR per hour)" in flat
    assert "stock_rules: models/a.py:3: invalid syntax" in text
    assert "broken: No literal manifest [here]." in text


def test_table_without_rates_says_so(result_no_rates: AuditResult) -> None:
    text = " ".join(render(result_no_rates, "table").split())
    assert "No --hours-per-kloc given: hours and money not estimated." in text
    assert "EUR" not in text


def test_print_table_colours_verdicts(result: AuditResult) -> None:
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    print_table(result, console)
    output = console.file.getvalue()
    assert "\x1b[32mreplaceable" in output  # green
    assert "\x1b[1;31merror" in output  # bold red


# ------------------------------------------------------------------ Markdown

def test_markdown_sections(result: AuditResult) -> None:
    text = render(result, "md")
    for heading in ("# Audit of custom Odoo addons", "## Summary", "## Assumptions", "## Modules",
                    "## sale_ext", "### Units", "### Blockers", "### What stays", "### Errors"):
        assert re.search(rf"^{re.escape(heading)}$", text, re.M), heading
    assert "| Lines saved | 620 |" in text
    assert "| Money saved | 2,232.00 EUR |" in text
    assert "| sale_ext | 17.0 | partial |  |  | 2/3 | 900 | 400 | 500 |" in text
    assert "- `sale.order.write` (field_write), `raw-sql`: The method runs SQL with cr.execute." in text
    assert "- fields: `sale.order.x_note`, `sale.order.x_flag`" in text
    assert "- `syntax-error` models/a.py:3: invalid syntax" in text
    assert "Rules disabled for this audit: `activity`, `sms`." in text
    assert "\n\n\n" not in text
    assert "**partial**: &lt;script&gt;alert('x')&lt;/script&gt; fields stay" in text


def test_markdown_cells_cannot_break_a_table(tmp_path: Path) -> None:
    unit = _unit(condition="['|', ('a', '=', 1), ('b', '=', 2)]")
    module = ModuleResult("m", str(tmp_path), "18.0", "partial", (unit,), (), Savings(10, 2))
    text = render(AuditResult(modules=(module,), rates=Rates()), "md")
    row = next(line for line in text.splitlines() if line.startswith("| sale.order | create"))
    assert "\\|" in row and row.count(" | ") == 6


def test_markdown_without_rates(result_no_rates: AuditResult) -> None:
    text = render(result_no_rates, "md")
    assert "not given (hours not estimated)" in text and "Hours saved" not in text


# ---------------------------------------------------------------------- HTML

def test_html_is_self_contained(result: AuditResult) -> None:
    page = render(result, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "src=" not in page
    assert re.findall(r'href="([^"]*)"', page) == [f"#module-{i}" for i in range(1, 5)]
    assert "@media print" in page


def test_html_escapes_module_text(result: AuditResult) -> None:
    page = render(result, "html")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; fields stay" in page
    assert "write note = &#39;Thank you &amp; welcome&#39;" in page


def test_html_summary_chart_and_sections(result: AuditResult) -> None:
    page = render(result, "html")
    assert page.count("<svg") == 2
    assert "1,320" in page and "620" in page and "24.8 h" in page and "2,232.00 EUR" in page
    # One pair of bars per module plus one segment per non-empty verdict.
    assert page.count("<rect") == 4 * 2 + 4
    assert "The method runs SQL with cr.execute." in page
    assert "<code>sale.order.x_flag</code>" in page
    assert "invalid syntax" in page and "No literal manifest [here]." in page


def test_html_shows_evidence_source(result: AuditResult) -> None:
    page = render(result, "html")
    assert '<span class="ln">10</span>            vals.setdefault(&#34;note&#34;, &#34;Thank you &amp; welcome&#34;)' in page
    assert '<span class="ln">16</span>            self.env.cr.execute(' in page
    # The replaceable module's folder does not exist: its location is shown, no source.
    section = page.split('id="module-1"')[1].split('id="module-2"')[0]
    assert "models/sale.py:1–3" in section and 'class="source"' not in section
    assert "Source not available" in section


def test_html_evidence_never_leaves_the_addon(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET\n", encoding="utf-8")
    addon = tmp_path / "addon"
    addon.mkdir()
    unit = _unit(evidence=Span("../secret.txt", 1, 1))
    module = ModuleResult("addon", str(addon), "17.0", "keep", (unit,), (), Savings(1, 1))
    page = render(AuditResult(modules=(module,), rates=Rates()), "html")
    assert "TOP SECRET" not in page and "../secret.txt:1–1" in page


def test_html_evidence_is_capped(tmp_path: Path) -> None:
    (tmp_path / "big.py").write_text("".join(f"x{i} = {i}\n" for i in range(1, 501)), encoding="utf-8")
    unit = _unit(evidence=Span("big.py", 1, 500))
    module = ModuleResult("m", str(tmp_path), "17.0", "keep", (unit,), (), Savings(500, 500))
    page = render(AuditResult(modules=(module,), rates=Rates()), "html")
    assert f"x{MAX_LINES} = " in page and f"x{MAX_LINES + 1} = " not in page
    assert f"{500 - MAX_LINES} more lines not shown" in page


def test_html_without_rates(result_no_rates: AuditResult) -> None:
    page = render(result_no_rates, "html")
    assert "not given, so hours are not estimated" in page and "hours saved" not in page


# ------------------------------------------------------------------ dispatch

def test_every_format_renders_and_writes(result: AuditResult, tmp_path: Path) -> None:
    assert FORMATS == ("table", "json", "csv", "md", "html")
    for fmt in FORMATS:
        target = tmp_path / "out" / f"report.{fmt}"
        write_report(result, fmt, target)
        assert target.read_text(encoding="utf-8") == render(result, fmt)
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        render(result, "pdf")


def test_every_format_renders_an_empty_audit() -> None:
    empty = AuditResult(modules=(), rates=Rates())
    for fmt in FORMATS:
        assert render(empty, fmt).endswith("\n"), fmt
    assert render(empty, "csv").count("\n") == 1  # the header only
    assert "<svg" not in render(empty, "html")


def test_html_chart_shows_the_largest_modules_only():
    from migrator.model import ModuleResult

    modules = tuple(
        ModuleResult(name=f"acme_mod_{i:02d}", path="/nowhere", series="18.0", verdict="keep", units=(),
                     errors=(), savings=Savings(i, i), summary="")
        for i in range(50)
    )
    page = render(AuditResult(modules=modules, rates=Rates()), "html")
    assert page.count("lines before</title>") == 40
    assert "acme_mod_49: 49 lines before" in page and "acme_mod_09: 9 lines before" not in page
    assert "(the 40 largest)" in page


def test_template_search_path_finds_report_and_module_templates() -> None:
    from migrator.report.templating import template_search_path

    names = {p.name for folder in template_search_path() for p in Path(folder).glob("*.j2")}
    assert {"report.md.j2", "automation.xml.j2"} <= names
