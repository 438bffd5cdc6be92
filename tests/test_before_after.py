"""Before/after comparisons in write overrides (migrator/classify/before_after.py and
migrator/generate/transforms/before_after.py): the rule's filter_pre_domain and filter_domain,
or code reading Odoo's old values, or a refusal that says why. Each case is one model file of
a throw-away addon, through the audit and `convert` alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.generate.convert import _changes
from test_idioms import _convert


def _plan(conversion):  # type: ignore[no-untyped-def]
    [(plan, records)] = conversion.moved
    return plan, records


def test_values_kept_before_and_compared_after_become_the_two_domains(tmp_path: Path) -> None:
    """`before[o.id] <= LIMIT < o.amount`: the part on the kept value is the test before the
    write, the other the test after it; the loop runs on every record the rule selects."""
    units, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            before = {order.id: order.amount_untaxed for order in self}
            res = super().write(vals)
            for order in self:
                if before[order.id] <= LIMIT < order.amount_untaxed:
                    order.message_post(body='Over the limit')
            return res
    """)
    assert {u.convertible for u in units} == {"code"}
    plan, records = _plan(conversion)
    assert (plan.pre_condition, plan.condition) == ("[('amount_untaxed', '<=', 10000)]", "[('amount_untaxed', '>', 10000)]")
    assert plan.code.strip() == "for order in records:\n    order.message_post(body='Over the limit')"
    rule = next(r for r in records if r.model == "base.automation")
    assert [f.name for f in rule.fields][-2:] == ["filter_pre_domain", "filter_domain"]


def test_a_records_snapshot_subtracted_after_the_write_is_the_domain_before_it(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "project.task", """
        def write(self, vals):
            closed = self.filtered('stage_id.fold')
            res = super().write(vals)
            for task in (self - closed).filtered(lambda t: t.stage_id.fold):
                task.message_post(body='Closed')
            return res
    """, depends=("project",))
    plan, _ = _plan(conversion)
    assert (plan.pre_condition, plan.condition) == ("[('stage_id.fold', '=', False)]", "[('stage_id.fold', '!=', False)]")
    assert "closed" not in plan.code and plan.code.startswith("for task in records:")


def test_membership_in_the_snapshot_is_a_test_before_the_write(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            drafts = self.filtered(lambda o: o.state == 'draft')
            res = super().write(vals)
            for order in self:
                if order in drafts and order.state == 'sale':
                    order.message_post(body='Confirmed')
            return res
    """)
    plan, _ = _plan(conversion)
    assert (plan.pre_condition, plan.condition) == ("[('state', '=', 'draft')]", "[('state', '=', 'sale')]")


def test_a_comparison_of_both_values_reads_the_old_ones_in_code(tmp_path: Path) -> None:
    """`before[o.id] != o.note` mixes both sides: code, the old value from env.context."""
    _, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            before = {order.id: order.client_order_ref for order in self}
            res = super().write(vals)
            for order in self:
                if before[order.id] != order.client_order_ref:
                    order.message_post(body='Reference was %s' % before[order.id])
            return res
    """)
    plan, records = _plan(conversion)
    assert (plan.pre_condition, plan.condition, plan.old_values) == (None, None, ("client_order_ref",))
    assert plan.code.splitlines()[0] == ("before = {order.id: env.context['old_values'].get(order.id, {})"
                                         ".get('client_order_ref', order.client_order_ref) for order in records}")
    [line] = [t for t in _changes(conversion) if "old_values" in t]
    assert "`client_order_ref`" in line and "as the records hold them" in line


@pytest.mark.parametrize(("series", "converts"), [("16.0", False), ("17.0", True)])
def test_a_relational_old_value_is_refused_in_16_where_old_values_hold_ids(tmp_path: Path, series: str,
                                                                          converts: bool) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            before = {order.id: order.partner_id for order in self}
            res = super().write(vals)
            for order in self:
                if before[order.id] != order.partner_id:
                    order.message_post(body='New customer')
            return res
    """, series=series)
    assert bool(conversion.moved) is converts
    if not converts:
        [item] = conversion.not_converted
        [blocker] = item.blockers
        assert blocker.code == "code-before-super" and "16.0 keeps the old values as read() returns them" in blocker.message


def test_a_computed_field_kept_before_the_write_is_refused_in_code_but_not_in_domains(tmp_path: Path) -> None:
    """amount_total is recomputed by the write without being in old_values: code cannot read
    it; filter_pre_domain reads it before the write, and CONVERSION.md says the rule also runs
    when Odoo recomputes it."""
    _, refused = _convert(tmp_path / "a", "sale.order", """
        def write(self, vals):
            before = {order.id: order.amount_total for order in self}
            res = super().write(vals)
            for order in self:
                if before[order.id] != order.amount_total:
                    order.message_post(body='New total')
            return res
    """)
    [item] = refused.not_converted
    assert [b.code for b in item.blockers] == ["code-before-super"]
    assert "amount_total is a computed or non-stored field" in item.blockers[0].message
    _, conversion = _convert(tmp_path / "b", "sale.order", """
        def write(self, vals):
            before = {order.id: order.amount_total for order in self}
            res = super().write(vals)
            for order in self:
                if before[order.id] <= LIMIT < order.amount_total:
                    order.message_post(body='Over the limit')
            return res
    """)
    plan, _ = _plan(conversion)
    assert plan.pre_condition == "[('amount_total', '<=', 10000)]"
    [line] = [t for t in _changes(conversion) if "filter_pre_domain" in t]
    assert "`amount_total` is computed" in line and "Editing the rule's trigger fields" in line


def test_other_code_before_super_reading_the_records_is_still_refused(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            for order in self:
                order.message_post(body='About to change')
            return super().write(vals)
    """)
    [item] = conversion.not_converted
    assert [b.code for b in item.blockers] == ["code-before-super"]


def test_annotated_locals_lose_their_annotation(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            res = super().write(vals)
            for order in self:
                label: str = order.name or ''
                order.message_post(body=label)
            return res
    """)
    plan, _ = _plan(conversion)
    assert "label = order.name or ''" in plan.code and "label:" not in plan.code
