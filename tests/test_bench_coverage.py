"""The coverage benchmark's own logic (bench/coverage*.py): label file, matching, figures.

Run on a tiny addon written here, never on the downloaded OCA wheels (CI has no downloads).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import coverage  # noqa: E402
from coverage_labels import Label, LabelError, match_labels, read_labels  # noqa: E402
from coverage_measure import MethodOutcome, UnitOutcome, measure_addon  # noqa: E402

from migrator.discover import discover  # noqa: E402

HEADER = "addon\tseries\tfile\tmodel\tmethod\tline\tlabel\tcategory\treason\n"

SALE = '''\
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        if vals.get("state") == "cancel":
            vals["commitment_date"] = False
        return super().write(vals)

    def _helper(self):
        return 1


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def write(self, vals):
        res = super().write(vals)
        if vals.get("discount"):
            self.env.cr.execute("UPDATE sale_order_line SET name = 'x' WHERE id IN %s", (tuple(self.ids),))
            self.write({"sequence": 0})
        return res
'''


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):
    """An addon with a convertible write, a raw-SQL write of the same name in another class,
    and a method without behaviour."""
    addon = tmp_path_factory.mktemp("addons") / "tiny_sale"
    (addon / "models").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(
        "{'name': 'Tiny', 'version': '18.0.1.0.0', 'depends': ['sale'], 'license': 'LGPL-3'}\n")
    (addon / "__init__.py").write_text("from . import models\n")
    (addon / "models" / "__init__.py").write_text("from . import sale_order\n")
    (addon / "models" / "sale_order.py").write_text(SALE)
    [found] = discover([str(addon)])
    return measure_addon(found, "18.0")


def write_labels(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "labels.tsv"
    path.write_text("# a comment\n" + HEADER + textwrap.dedent(rows).replace("|", "\t"), encoding="utf-8")
    return path


def test_labels_are_read_with_their_place(tmp_path: Path) -> None:
    path = write_labels(tmp_path, """\
        tiny_sale|18.0|models/sale_order.py|sale.order|write|7|convertible|field_setter|Clears a date on cancel.

        tiny_sale|18.0|models/sale_order.py|sale.order.line|write|19|not|other|Raw SQL.
    """)
    first, second = read_labels(path)
    assert (first.model, first.line, first.convertible, first.simple) == ("sale.order", 7, True, True)
    assert (second.convertible, second.simple, second.reason) == (False, False, "Raw SQL.")
    assert first.where == "labels.tsv:3" and second.where == "labels.tsv:5"


@pytest.mark.parametrize(("row", "message"), [
    ("tiny_sale|18.0|f.py|m|write|7|maybe|other|r", "labels.tsv:3: label 'maybe' is not one of convertible, not"),
    ("tiny_sale|18.0|f.py|m|write|7|not|simple|r", "labels.tsv:3: category 'simple' is not one of"),
    ("tiny_sale|15.0|f.py|m|write|7|not|other|r", "labels.tsv:3: series '15.0' is not one of"),
    ("tiny_sale|18.0|f.py|m|write|x|not|other|r", "labels.tsv:3: line 'x' is not a line number"),
    ("tiny_sale|18.0|f.py|m|write|7|not|other", "labels.tsv:3: 8 columns, expected 9"),
    ("tiny_sale|18.0|f.py|m|write|7|not|other| ", "labels.tsv:3: empty reason"),
    ("tiny_sale|18.0|f.py|m|write|7|not|other|r\ntiny_sale|18.0|f.py|m|write|9|not|other|r",
     "labels.tsv:4: m.write is labelled twice (first at labels.tsv:3)"),
])
def test_bad_label_lines_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(LabelError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        read_labels(write_labels(tmp_path, row + "\n"))


def test_a_label_file_needs_its_header(tmp_path: Path) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text("tiny_sale\t18.0\n", encoding="utf-8")
    with pytest.raises(LabelError, match="^labels.tsv:1: the header must be"):
        read_labels(path)


def test_measured_methods_carry_units_conversion_and_check(tiny) -> None:
    assert tiny.error is None
    methods = {(m.model, m.method): m for m in tiny.methods}
    order_write = methods[("sale.order", "write")]
    assert order_write.units and order_write.converted and order_write.audit_convertible
    assert tiny.converted_module and tiny.check_passed  # the written data module passes check
    line_write = methods[("sale.order.line", "write")]
    assert line_write.units and not line_write.audit_convertible and not line_write.any_converted
    assert any(r.startswith("raw-sql") for r in line_write.reasons)
    helper = methods[("sale.order", "_helper")]
    assert helper.units == () and helper.reasons == ("no unit: the audit found no behaviour in this method",)
    # audit and convert agree on every unit of this addon
    assert coverage.disagreements([tiny]) == []
    figures = coverage.unit_figures([tiny])
    found = sum(len(m.units) for m in tiny.methods)
    assert figures["total"]["found"] == found
    assert figures["total"]["converted"] == figures["total"]["checked"] == len(order_write.units)
    assert figures["series"]["18.0"]["found"] == found


def test_labels_match_methods_by_model_and_line(tiny, tmp_path: Path) -> None:
    labels = read_labels(write_labels(tmp_path, """\
        tiny_sale|18.0|models/sale_order.py|sale.order|write|7|convertible|field_setter|Clears a date.
        tiny_sale|18.0|models/sale_order.py|SaleOrderLine|write|19|not|other|Raw SQL.
        tiny_sale|18.0|models/sale_order.py|sale.order|_helper|12|convertible|other|Nothing to do.
        tiny_sale|18.0|models/sale_order.py|sale.order|unlink|7|not|other|No such method.
        other_addon|18.0|models/x.py|x|write|1|not|other|Not measured.
    """))
    matched, errors, skipped = match_labels(labels, tiny.methods, {("18.0", "tiny_sale")})
    assert [(lb.method, m.model) for lb, m in matched] == [
        ("write", "sale.order"), ("write", "sale.order.line"), ("_helper", "sale.order")]
    assert errors == [
        "labels.tsv:6: no method unlink in 18.0/tiny_sale/models/sale_order.py for sale.order",
    ]
    assert [lb.addon for lb in skipped] == ["other_addon"]

    figures = coverage.label_figures(matched)
    assert figures["agreement"] == {"both_convertible": 1, "both_not": 1, "label_only": 1, "audit_only": 0}
    assert figures["converted_of_convertible"] == {"methods": 2, "converted": 1, "checked": 1}
    assert figures["converted_of_simple"] == {"methods": 1, "converted": 1, "checked": 1}
    assert figures["converted"] == ["18.0/tiny_sale/models/sale_order.py:7 sale.order.write [field_setter]"]
    assert figures["false_conversions"] == []
    [missed] = figures["missed"]
    assert "sale.order._helper [other]: no unit" in missed


def test_a_label_must_name_the_methods_model_and_lines(tiny, tmp_path: Path) -> None:
    labels = read_labels(write_labels(tmp_path, """\
        tiny_sale|18.0|models/sale_order.py|res.partner|_helper|12|not|other|Wrong model.
        tiny_sale|18.0|models/sale_order.py|sale.order|_helper|30|not|other|Line outside.
        tiny_sale|18.0|models/sale_order.py|res.partner|write|30|not|other|Neither tells.
    """))
    matched, errors, _ = match_labels(labels, tiny.methods, {("18.0", "tiny_sale")})
    assert matched == []
    assert errors == [
        "labels.tsv:3: _helper at line 12 belongs to sale.order (SaleOrder), not res.partner",
        "labels.tsv:4: line 30 is not inside sale.order._helper (lines 12-13)",
        "labels.tsv:5: no method write in 18.0/tiny_sale/models/sale_order.py for res.partner",
    ]


def outcome(label: str, units: tuple[UnitOutcome, ...]) -> tuple[Label, MethodOutcome]:
    lb = Label("a", "17.0", "f.py", "m", "write", 3, label, "field_setter", "because", "t.tsv:2")
    return lb, MethodOutcome("17.0", "a", "f.py", "M", "m", "write", 1, 9, units)


def test_a_method_converted_against_its_label_is_a_false_conversion() -> None:
    moved = UnitOutcome("field_write", "on_write", "code", 3, True, ())
    refused = UnitOutcome("mail_send", "on_write", "no", 5, False, ("raw-sql: SQL (line 5)",))
    figures = coverage.label_figures([outcome("not", (moved, refused))])
    # half moved: a false conversion for the label, and not "converted" for the share
    assert figures["false_conversions"] == ["17.0/a/f.py:1 m.write: because"]
    assert figures["agreement"]["both_not"] == 1
    figures = coverage.label_figures([outcome("convertible", (moved, refused))])
    assert figures["converted_of_convertible"] == {"methods": 1, "converted": 0, "checked": 0}
    assert figures["missed"] == ["17.0/a/f.py:1 m.write [field_setter]: raw-sql: SQL (line 5)"]


def test_brief_says_a_blocker_once_with_its_lines() -> None:
    reasons = [f"imports-module: no `odoo.api`. (line {n})" for n in (9, 3, 5, 7)] + ["uses-vals: read."]
    assert coverage.brief(reasons) == "imports-module: no `odoo.api`. (lines 3, 5, 7 and 1 more); uses-vals: read."


def test_the_committed_labels_parse_and_cover_every_series() -> None:
    labels = read_labels(coverage.LABELS)
    assert len(labels) >= 80
    assert {lb.series for lb in labels} == {"16.0", "17.0", "18.0", "19.0"}
    assert {lb.label for lb in labels} == {"convertible", "not"}
    pinned = {(p.series, p.addon) for path in coverage.LISTS for p in coverage.read_pins(path)}
    assert {(lb.series, lb.addon) for lb in labels} <= pinned  # every label names a pinned addon


def test_a_bad_label_file_stops_the_benchmark_before_any_download(tmp_path: Path, monkeypatch, capsys) -> None:
    bad = write_labels(tmp_path, "tiny_sale|18.0|f.py|m|write|7|yes|other|r\n")
    monkeypatch.setattr(sys, "argv", ["coverage.py", "--labels", str(bad)])
    monkeypatch.setattr(coverage, "fetch", lambda pins: pytest.fail("downloaded"))
    assert coverage.main() == 2
    assert capsys.readouterr().err == "error: labels.tsv:3: label 'yes' is not one of convertible, not\n"
