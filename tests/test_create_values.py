"""The values given to create read on the created records (transforms/create_values.py), and a
written many2one read through `browse()` in a write guard: conversions of what OCA modules
write, each with the difference CONVERSION.md states; presence tests that only the values can
answer stay refused. Each case is one model file of a throw-away addon."""

from __future__ import annotations

from pathlib import Path

from migrator.generate.convert import _changes
from test_idioms import _convert


def test_a_computed_default_becomes_a_loop_over_the_created_records(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "sale.order", """
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if vals.get('client_order_ref'):
                    continue
                partner = self.env['res.partner'].browse(vals['partner_id'])
                vals['client_order_ref'] = partner.ref
            return super().create(vals_list)
    """)
    assert [u.convertible for u in units] == ["code"]
    [(plan, _)] = conversion.moved
    assert plan.code.strip().splitlines() == [
        "for rec in records:",
        "    if rec.client_order_ref:",
        "        continue",
        "    partner = env['res.partner'].browse(rec.partner_id.id)",
        "    rec.write({'client_order_ref': partner.ref})",
    ]
    assert plan.given == ("client_order_ref", "partner_id")
    [line] = [t for t in _changes(conversion) if "where the module read or filled the values given" in t]
    assert "`client_order_ref`, `partner_id`" in line and "one given empty reads as not given" in line


def test_a_default_filled_when_the_key_is_missing_may_test_the_key(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if 'client_order_ref' not in vals or vals['client_order_ref'] == '/':
                    vals['client_order_ref'] = self.env['ir.sequence'].next_by_code('sale.order')
            return super().create(vals_list)
    """)
    [(plan, _)] = conversion.moved
    assert "if not rec.client_order_ref or rec.client_order_ref == '/':" in plan.code


def test_whether_the_caller_gave_another_key_stays_refused(tmp_path: Path) -> None:
    """`'date_order' in vals` decides an effect on other fields: true also when given empty,
    which the created record cannot tell."""
    _, conversion = _convert(tmp_path, "sale.order", """
        @api.model_create_multi
        def create(self, vals_list):
            orders = super().create(vals_list)
            for vals, order in zip(vals_list, orders):
                if 'date_order' in vals:
                    order.message_post(body='Dated')
            return orders
    """)
    [item] = conversion.not_converted
    [blocker] = item.blockers
    assert blocker.code == "uses-vals" and "whether the caller gave 'date_order'" in blocker.message
    assert blocker.line == 16  # the test, in the model file


def test_a_value_whose_type_the_record_changes_stays_refused(tmp_path: Path) -> None:
    """A date is a string in the values and a date on the record."""
    _, conversion = _convert(tmp_path, "sale.order", """
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if not vals.get('note'):
                    vals['note'] = 'Due %s' % vals.get('validity_date')
            return super().create(vals_list)
    """)
    [item] = conversion.not_converted
    assert [b.code for b in item.blockers] == ["uses-vals"]
    assert "'validity_date' as a value, and a date value there differs" in item.blockers[0].message


def test_values_read_after_super_in_a_one_dict_create_are_the_records(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        @api.model
        def create(self, vals):
            order = super().create(vals)
            if not order.client_order_ref:
                order.client_order_ref = self.env['res.partner'].browse(vals['partner_id']).ref
            return order
    """)
    [(plan, _)] = conversion.moved
    assert "browse(records.partner_id.id).ref" in plan.code


def test_zip_of_values_and_records_reads_each_record(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        @api.model_create_multi
        def create(self, vals_list):
            orders = super().create(vals_list)
            for vals, order in zip(vals_list, orders):
                if vals.get('note'):
                    order.message_post(body='With a note')
            return orders
    """)
    [(plan, _)] = conversion.moved
    assert plan.code.strip().splitlines()[:2] == ["for order in records:", "    if order.note:"]


def test_a_written_many2one_read_through_browse_is_the_rule_domain(tmp_path: Path) -> None:
    """`vals.get('stage_id') and env['project.task.type'].browse(vals.get('stage_id')).fold`: the
    trigger field stage_id and a domain through it; another model than the comodel is no domain,
    but the test stays code reading the written id on the record (the one trigger field)."""
    _, conversion = _convert(tmp_path / "a", "project.task", """
        def write(self, vals):
            res = super().write(vals)
            if vals.get('stage_id') and self.env['project.task.type'].browse(vals.get('stage_id')).fold:
                for task in self:
                    task.message_post(body='Folded')
            return res
    """, depends=("project",))
    [(plan, _)] = conversion.moved
    assert plan.trigger_fields == ("stage_id",)
    assert plan.condition == "['&', ('stage_id', '!=', False), ('stage_id.fold', '!=', False)]"
    assert "vals" not in plan.code
    _, other = _convert(tmp_path / "b", "project.task", """
        def write(self, vals):
            res = super().write(vals)
            if vals.get('stage_id') and self.env['project.project'].browse(vals.get('stage_id')).active:
                for task in self:
                    task.message_post(body='Folded')
            return res
    """, depends=("project",))
    [(plan, _)] = other.moved
    assert (plan.trigger_fields, plan.condition) == (("stage_id",), None)
    assert plan.code.splitlines()[0] == (
        "if records.stage_id and env['project.project'].browse(records.stage_id.id).active:")


def test_a_many2one_compared_with_a_literal_compares_its_id(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "sale.order", """
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if vals.get('partner_id') == 3 and not vals.get('note'):
                    vals['note'] = 'Three %s' % vals.get('client_order_ref')
            return super().create(vals_list)
    """)
    [(plan, _)] = conversion.moved
    assert "if rec.partner_id.id == 3 and not rec.note:" in plan.code
