"""transform_method: each rewrite with an exact expected output, each blocker without code."""

from __future__ import annotations

import textwrap

import pytest

from migrator.catalogue import load_catalogue
from migrator.check.sandbox import check_code
from migrator.generate.transform import TransformResult, transform_method

HEADER = '''\
import base64
import json
import logging
import re
from datetime import date, timedelta
from dateutil.relativedelta import relativedelta
import pytz
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)
STATES = ('draft', 'sent')
PATTERN = re.compile('x')


def helper(value):
    return value


class Order(models.Model):
    _inherit = 'sale.order'

    def _compute_total(self):
        for order in self:
            order.x_total = 1

    def action_confirm(self):
        return super().action_confirm()

'''


def types(series: str = "17.0") -> dict[str, str]:
    """sale.order's fields as the catalogue of the series types them."""
    return {name: f.type for name, f in load_catalogue(series).fields("sale.order").items()}


def run(method: str, target: str = "automation", series: str = "17.0",
        trigger_fields: tuple[str, ...] = ()) -> TransformResult:
    """`trigger_fields`: the rule's trigger fields as the audit read them off the guards."""
    body = textwrap.indent(textwrap.dedent(method), "    ")
    name = body.split("def ", 1)[1].split("(", 1)[0]
    required = [name for name, f in load_catalogue(series).fields("sale.order").items() if f.required]
    result = transform_method(HEADER + body, "Order", name, target, series, field_types=types(series),
                              required=required, trigger_fields=trigger_fields)
    if result.code is not None:
        assert check_code(result.code, series) == []
        assert not result.blockers
    return result


def code_of(method: str, target: str = "automation", series: str = "17.0",
            trigger_fields: tuple[str, ...] = ()) -> str:
    result = run(method, target, series, trigger_fields)
    assert result.code is not None, result.blockers
    return result.code


def blocker_codes(method: str, target: str = "automation", series: str = "17.0") -> list[tuple[str, int | None]]:
    result = run(method, target, series)
    assert result.code is None
    return [(b.code, b.line) for b in result.blockers]


# Line where the method text starts in HEADER + method (the methods written in triple
# quotes start with a newline: their first line is DEF + 1).
DEF = HEADER.count("\n") + 1


# ------------------------------------------------------------------ self and env

def test_self_becomes_records_and_self_env_becomes_env():
    assert code_of('''
        def action_mark(self):
            """Mark them."""
            partner = self.env['res.partner'].browse(self.env.user.partner_id.id)
            for order in self:
                order.message_post(body=partner.name)
    ''', "manual") == (
        "partner = env['res.partner'].browse(env.user.partner_id.id)\n"
        "for order in records:\n"
        "    order.message_post(body=partner.name)\n"
    )


def test_cron_code_runs_on_the_model():
    assert code_of('''
        def _cron_expire(self):
            orders = self.search([('state', '=', 'draft')])
            orders.action_cancel()
    ''', "cron") == (
        "orders = model.search([('state', '=', 'draft')])\n"
        "orders.action_cancel()\n"
    )


def test_comments_are_kept():
    assert code_of('''
        def _cron_ping(self):
            # Find the late ones.
            late = self.search([])  # all of them
            late.action_cancel()
    ''', "cron") == (
        "# Find the late ones.\n"
        "late = model.search([])  # all of them\n"
        "late.action_cancel()\n"
    )


def test_locals_named_like_the_context_are_renamed():
    result = run('''
        def action_go(self):
            env = self.env['res.partner']
            env.search([]).write({'comment': 'x'})
    ''', "manual")
    assert result.code == (
        "env_ = env['res.partner']\n"
        "env_.search([]).write({'comment': 'x'})\n"
    )
    assert result.notes == ("The local variable env was renamed env_: the action context defines env.",)


# ------------------------------------------------------------------------ create

def test_create_vals_mutations_become_writes_on_the_created_records():
    result = run('''
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                vals['x_flag'] = True
                vals.update({'x_origin': 'web', 'user_id': self.env.user.id})
                vals.setdefault('note', _('Hello'))
            res = super().create(vals_list)
            for order in res:
                order.message_post(body='created')
            return res
    ''')
    assert result.code == (
        "records.write({'x_flag': True, 'x_origin': 'web', 'user_id': env.user.id})\n"
        "records.filtered(lambda r: not r.note).write({'note': 'Hello'})\n"
        "for order in records:\n"
        "    order.message_post(body='created')\n"
    )
    assert result.notes == (
        "vals['x_flag'] set before create became a write on the created records.",
        "vals['x_origin'] set before create became a write on the created records.",
        "vals['user_id'] set before create became a write on the created records.",
        "vals.setdefault('note', ...) became a write on the created records where note is empty.",
        "_() was removed: the messages are no longer translated.",
    )
    assert result.trigger_fields == ()


def test_legacy_create_with_one_vals_dict():
    assert code_of('''
        @api.model
        def create(self, vals):
            vals['x_flag'] = True
            record = super(Order, self).create(vals)
            record.message_post(body='created')
            return record
    ''') == (
        "records.write({'x_flag': True})\n"
        "records.message_post(body='created')\n"
    )


def test_create_reading_vals_is_blocked():
    assert blocker_codes('''
        @api.model_create_multi
        def create(self, vals_list):
            _logger.info('creating %s orders', len(vals_list))
            return super().create(vals_list)
    ''') == [("uses-vals", DEF + 3)]


def test_create_vals_value_differing_per_record_is_blocked():
    assert blocker_codes('''
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                vals['name'] = self.env['ir.sequence'].next_by_code('sale.order')
            return super().create(vals_list)
    ''') == [("uses-vals", DEF + 4)]


def test_create_value_filled_only_when_missing_is_written_on_the_records():
    """A default the module fills when the caller gave none: on the created records where the
    field is empty (transforms/create_values.py; CONVERSION.md states what differs)."""
    assert code_of('''
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if not vals.get('note'):
                    vals['note'] = 'x'
            return super().create(vals_list)
    ''') == "for rec in records:\n    if not rec.note:\n        rec.write({'note': 'x'})\n"


def test_create_filling_a_required_field_where_none_was_given_is_blocked():
    result = run('''
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if not vals.get('name'):
                    vals['name'] = 'Draft'
            return super().create(vals_list)
    ''')
    assert [(b.code, b.line, b.message) for b in result.blockers] == [(
        "uses-vals", DEF + 5, "The body fills 'name' where the caller gave none, and the field is required: the "
        "record is inserted without it, before a rule could fill it.")]


def test_create_value_set_also_when_given_is_blocked():
    assert blocker_codes('''
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if vals.get('note'):
                    vals['note'] = vals['note'] + '!'
            return super().create(vals_list)
    ''') == [("uses-vals", DEF + 5)]  # set also when given (the value given reads as the html field's)


# ------------------------------------------------------------------------- write

def test_write_guard_becomes_trigger_field_and_vals_get_becomes_the_record_field():
    result = run('''
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals:
                for rec in self:
                    if vals.get('state') == 'sale':
                        rec.x_confirmed_on = fields.Date.today()
            return res
    ''', trigger_fields=("state",))
    assert result.code == (
        "for rec in records:\n"
        "    if rec.state == 'sale':\n"
        "        rec.write({'x_confirmed_on': datetime.date.today()})\n"
    )
    assert result.trigger_fields == ("state",)
    assert result.notes == (
        "vals['state'] became rec.state: the value after the write.",
        "The test 'state' in vals became a trigger field of the rule.",
        "Attribute assignments became write() calls.",
    )


def test_write_guard_inside_the_loop_keeps_the_rest_of_the_test():
    result = run('''
        def write(self, vals):
            super().write(vals)
            for rec in self:
                # only confirmed orders
                if ('state' in vals or 'amount_total' in vals) and rec.state == 'sale':
                    rec.x_checked = True
            return True
    ''')
    assert result.code == (
        "for rec in records:\n"
        "    # only confirmed orders\n"
        "    if rec.state == 'sale':\n"
        "        rec.write({'x_checked': True})\n"
    )
    assert result.trigger_fields == ("state", "amount_total")


def test_write_guard_around_everything_is_flattened():
    result = run('''
        def write(self, vals):
            res = super().write(vals)
            if 'partner_id' in vals:
                # partner changed
                self.message_post(body='Partner changed')
            return res
    ''')
    assert result.code == (
        "# partner changed\n"
        "records.message_post(body='Partner changed')\n"
    )
    assert result.trigger_fields == ("partner_id",)


def test_a_written_many2one_reads_as_the_record_id():
    result = run('''
        def write(self, vals):
            res = super().write(vals)
            for rec in self:
                ids = rec.x_watched_ids.ids
                if 'user_id' in vals and vals['user_id'] in ids:
                    rec.message_post(body='Watched')
            return res
    ''', trigger_fields=("user_id",))
    assert result.code == (
        "for rec in records:\n"
        "    ids = rec.x_watched_ids.ids\n"
        "    if rec.user_id.id in ids:\n"
        "        rec.message_post(body='Watched')\n"
    )
    assert result.trigger_fields == ("user_id",)
    assert "vals['user_id'] became rec.user_id.id: the value after the write." in result.notes


def test_written_values_only_tested_for_truth_read_as_the_record_field_whatever_the_type():
    assert code_of('''
        def write(self, vals):
            res = super().write(vals)
            for rec in self:
                if vals.get('x_unknown'):
                    rec.message_post(body='Tagged')
            return res
    ''', trigger_fields=("x_unknown",)) == (
        "for rec in records:\n"
        "    if rec.x_unknown:\n"
        "        rec.message_post(body='Tagged')\n"
    )


def test_an_elif_chain_on_the_written_field_keeps_its_reads():
    # every branch tests the field written: a write without it did nothing in the module either
    assert code_of('''
        def write(self, vals):
            res = super().write(vals)
            for rec in self:
                if vals.get('user_id'):
                    rec.message_post(body='Assigned')
                elif 'user_id' in vals and not vals['user_id']:
                    rec.message_post(body='Unassigned')
            return res
    ''', trigger_fields=("user_id",)) == (
        "for rec in records:\n"
        "    if rec.user_id:\n"
        "        rec.message_post(body='Assigned')\n"
        "    elif not rec.user_id:\n"
        "        rec.message_post(body='Unassigned')\n"
    )
    # a final else runs on every write that does not set it: no trigger field selects those
    assert blocker_codes('''
        def write(self, vals):
            res = super().write(vals)
            for rec in self:
                if vals.get('user_id'):
                    rec.message_post(body='Assigned')
                else:
                    rec.message_post(body='Something else')
            return res
    ''') == [("uses-vals", DEF + 4)]


def _posting_when(read: str, **options: object):  # type: ignore[no-untyped-def]
    """A write override posting on each record for which `read` holds."""
    return run(f'''
        def write(self, vals):
            res = super().write(vals)
            for rec in self:
                if {read}:
                    rec.message_post(body='Changed')
            return res
    ''', **options)


@pytest.mark.parametrize("read", [
    # true also where the field is not written: no trigger field selects those writes
    "vals.get('state') != 'draft'",
    "not vals.get('partner_id')",
    # two written fields: the rule runs when either is written, the other then read off the record
    "vals.get('partner_id') == 5 or vals.get('user_id')",
    "vals.get('tag_ids') and vals.get('x_unknown')",
])
def test_a_written_value_read_where_the_write_may_not_set_it_is_blocked(read: str):
    result = _posting_when(read)
    assert result.code is None
    assert {b.code for b in result.blockers} == {"uses-vals"}
    assert any("where the write may not set it" in b.message for b in result.blockers)


@pytest.mark.parametrize("read, message", [
    ("vals.get('tag_ids') == [(6, 0, [1])]",
     "The body uses the value written to 'tag_ids' as a value, and a many2many value there is a list of commands, "
     "the record holds records."),
    ("len(vals['order_line']) > 1",
     "The body uses the value written to 'order_line' as a value, and a one2many value there is a list of "
     "commands, the record holds records."),
    ("vals.get('x_unknown') == 1",
     "The body uses the value written to 'x_unknown' as a value, and the schema does not know the field's type."),
    ("vals['date_order'] > rec.create_date",
     "The body uses the value written to 'date_order' as a value, and a datetime value there differs from the "
     "record's."),
])
def test_a_written_value_the_record_cannot_stand_for_is_blocked(read: str, message: str):
    result = _posting_when(read, trigger_fields=(read.split("'")[1],))
    assert result.code is None
    assert [(b.code, b.line, b.message) for b in result.blockers] == [("uses-vals", DEF + 4, message)]


def test_write_vals_read_outside_a_loop_is_blocked():
    assert blocker_codes('''
        def write(self, vals):
            res = super().write(vals)
            if vals.get('state') == 'sale':
                self.message_post(body='Confirmed')
            return res
    ''') == [("uses-vals", DEF + 3)]


def test_write_value_guard_given_a_domain_is_dropped_for_the_rule_filter():
    method = '''
        def write(self, vals):
            res = super().write(vals)
            # confirmed: notify
            if vals.get('state') == 'sale':
                for rec in self:
                    rec.message_post(body='Confirmed')
            return res
    '''
    body = textwrap.indent(textwrap.dedent(method), "    ")
    result = transform_method(HEADER + body, "Order", "write", "automation", "17.0", field_types=types(),
                              domain_guards={DEF + 4: "[('state', '=', 'sale')]"})
    assert result.code == (
        "# confirmed: notify\n"
        "for rec in records:\n"
        "    rec.message_post(body='Confirmed')\n"
    )
    assert result.trigger_fields == ("state",)
    assert [(g.line, g.test, g.domain) for g in result.hoisted] == [
        (DEF + 4, "vals.get('state') == 'sale'", "[('state', '=', 'sale')]")]
    assert result.filter_domain == "[('state', '=', 'sale')]"


def test_a_docstring_above_super_does_not_hide_the_value_guard():
    method = '''
        def write(self, vals: dict) -> bool:
            """Notify on confirmation."""
            res = super().write(vals)
            if vals.get('state') == 'sale':
                for rec in self:
                    rec.message_post(body='Confirmed')
            return res
    '''
    body = textwrap.indent(textwrap.dedent(method), "    ")
    result = transform_method(HEADER + body, "Order", "write", "automation", "17.0", field_types=types(),
                              domain_guards={DEF + 4: "[('state', '=', 'sale')]"})
    assert result.blockers == ()
    assert result.code == "for rec in records:\n    rec.message_post(body='Confirmed')\n"
    assert result.filter_domain == "[('state', '=', 'sale')]"


def test_nested_value_guards_given_domains_are_and_ed():
    method = '''
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals and vals['state'] == 'sale':
                if vals.get('user_id'):
                    self.message_post(body='Assigned')
            return res
    '''
    body = textwrap.indent(textwrap.dedent(method), "    ")
    result = transform_method(HEADER + body, "Order", "write", "automation", "17.0", field_types=types(),
                              domain_guards={DEF + 3: "[('state', '=', 'sale')]", DEF + 4: "[('user_id', '!=', False)]"})
    assert result.code == "records.message_post(body='Assigned')\n"
    assert result.trigger_fields == ("state", "user_id")
    assert result.filter_domain == "['&', ('state', '=', 'sale'), ('user_id', '!=', False)]"


@pytest.mark.parametrize("method", [
    # an else branch runs for the other records
    '''
        def write(self, vals):
            res = super().write(vals)
            if vals.get('state') == 'sale':
                self.message_post(body='Confirmed')
            else:
                self.message_post(body='Other')
            return res
    ''',
    # the statement after the guard runs for every record
    '''
        def write(self, vals):
            res = super().write(vals)
            if vals.get('state') == 'sale':
                self.message_post(body='Confirmed')
            self.message_post(body='Any write')
            return res
    ''',
])
def test_a_value_guard_not_alone_in_the_body_stays_and_blocks(method: str):
    body = textwrap.indent(textwrap.dedent(method), "    ")
    result = transform_method(HEADER + body, "Order", "write", "automation", "17.0", field_types=types(),
                              domain_guards={DEF + 3: "[('state', '=', 'sale')]"})
    assert result.code is None
    assert [(b.code, b.line) for b in result.blockers] == [("uses-vals", DEF + 3)]
    assert result.hoisted == () and result.filter_domain is None


def test_write_guard_not_covering_the_whole_body_is_blocked():
    assert blocker_codes('''
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals:
                self.message_post(body='State')
            self.message_post(body='Any write')
            return res
    ''') == [("uses-vals", DEF + 3)]


def test_write_reading_records_before_super_is_blocked():
    assert blocker_codes('''
        def write(self, vals):
            old = self.mapped('state')
            res = super().write(vals)
            return res
    ''') == [("code-before-super", DEF + 2)]


# ------------------------------------------------------------------------ unlink

def test_unlink_keeps_the_body_before_super():
    assert code_of('''
        def unlink(self):
            for order in self:
                if order.state == 'sale':
                    raise UserError(_('Cannot delete %s.', order.name))
            return super().unlink()
    ''') == (
        "for order in records:\n"
        "    if order.state == 'sale':\n"
        "        raise UserError('Cannot delete %s.' % (order.name,))\n"
    )


def test_unlink_code_after_super_is_blocked():
    assert blocker_codes('''
        def unlink(self):
            res = super().unlink()
            _logger.info('deleted')
            return res
    ''') == [("code-after-super", DEF + 3)]


# ---------------------------------------------------------------- dates and names

def test_field_dates_become_datetime():
    result = run('''
        def _cron_dates(self):
            today = fields.Date.today()
            now = fields.Datetime.now()
            local = fields.Date.context_today(self)
            self.search([('date', '<', today)]).write({'x_seen': now, 'x_day': local})
    ''', "cron")
    assert result.code == (
        "today = datetime.date.today()\n"
        "now = datetime.datetime.now()\n"
        "local = datetime.date.today()\n"
        "model.search([('date', '<', today)]).write({'x_seen': now, 'x_day': local})\n"
    )
    assert result.notes == (
        "fields.Date.context_today() became datetime.date.today(): "
        "the server's date, not the user's timezone.",
    )


def test_to_string_becomes_strftime_once():
    # reckoned from the clock: never False, so no test; a field: Odoo's own `if x else False`
    assert code_of('''
        def _cron_vacuum(self, hours=24):
            limit = fields.Datetime.to_string(fields.Datetime.now() - timedelta(hours=hours))
            for rec in self.search([('write_date', '<', limit)]):
                rec.ref = fields.Date.to_string(rec.date)
    ''', "cron") == (
        "hours = 24\n"
        "limit = (datetime.datetime.now() - datetime.timedelta(hours=hours)).strftime('%Y-%m-%d %H:%M:%S')\n"
        "for rec in model.search([('write_date', '<', limit)]):\n"
        "    rec.write({'ref': (rec.date.strftime('%Y-%m-%d') if rec.date else False)})\n"
    )


def test_a_final_return_keeps_its_call():
    # the value goes, the work stays: `return reports.unlink()` still deletes
    result = run('''
        def _cron_vacuum(self):
            reports = self.search([('active', '=', False)])
            return reports.unlink()
    ''', "cron")
    assert result.code == "reports = model.search([('active', '=', False)])\nreports.unlink()\n"
    assert code_of('''
        def _cron_touch(self):
            self.search([]).write({'ref': 'x'})
            return True
    ''', "cron") == "model.search([]).write({'ref': 'x'})\n"


def test_a_button_returning_what_write_returns_keeps_the_call_not_an_action():
    # `action = records.write(...)` would hand True to the client, which refuses it as an action
    result = run('''
        def action_done(self):
            return self.write({'state': 'done'})
    ''', "manual")
    assert result.code == "records.write({'state': 'done'})\n"
    assert result.notes == ("The value the method returned is dropped (the expression still runs).",)


def test_a_return_ending_the_last_loop_becomes_break():
    # the method stops after the first team: so does the loop
    result = run('''
        def _cron_close(self):
            for team in self.env['crm.team'].search([]):
                closed = []
                for order in self.search([('team_id', '=', team.id)]):
                    closed.append(order.id)
                return {'closed': closed}
    ''', "cron")
    assert result.code == (
        "for team in env['crm.team'].search([]):\n"
        "    closed = []\n"
        "    for order in model.search([('team_id', '=', team.id)]):\n"
        "        closed.append(order.id)\n"
        "    break\n"
    )
    assert result.notes[0].startswith("The return ending the loop's first turn became `break`")


def test_a_return_ending_the_last_loop_keeps_its_work_and_a_button_its_action():
    assert code_of('''
        def _cron_first(self):
            for order in self.search([]):
                return order.action_cancel()
    ''', "cron") == "for order in model.search([]):\n    order.action_cancel()\n    break\n"
    assert code_of('''
        def action_open_first(self):
            for order in self:
                return {'type': 'ir.actions.act_window', 'res_id': order.id}
    ''', "manual") == (
        "for order in records:\n    action = {'type': 'ir.actions.act_window', 'res_id': order.id}\n    break\n")


def test_a_return_in_a_loop_followed_by_more_stays_an_early_return():
    assert blocker_codes('''
        def _cron_first(self):
            for order in self.search([]):
                return order.action_cancel()
            self.env.user.name
    ''', "cron") == [("early-return", DEF + 3)]


def test_a_logger_made_in_the_method_becomes_log():
    result = run('''
        def _cron_move(self):
            log_ = logging.getLogger(__name__)
            log_.info("Cron started")
            for order in self.search([]):
                log_.warning("%s moved", order.id)
    ''', "cron")
    assert result.code == (
        "log(\"Cron started\")\n"
        "for order in model.search([]):\n"
        "    log(\"%s moved\" % (order.id,), level='warning')\n"
    )
    assert result.notes[0] == "The logger the method made (`log_`) became log(): messages go to ir.logging."


def test_a_logger_made_in_the_method_and_used_otherwise_is_refused():
    assert ("sandbox-forbidden", DEF + 2) in blocker_codes('''
        def _cron_move(self):
            log_ = logging.getLogger(__name__)
            log_.setLevel(10)
    ''', "cron")


def _with_fields(method: str, present: dict[tuple[str, str], tuple[str, str | None]]) -> TransformResult:
    """The manual action of `method` where `present` are the fields there: (model, name) -> (type, comodel)."""
    from migrator.catalogue import FieldInfo

    def fields_of(model: str, name: str) -> FieldInfo | None:
        found = present.get((model, name))
        return FieldInfo(name, found[0], found[1]) if found else None

    body = textwrap.indent(textwrap.dedent(method), "    ")
    name = body.split("def ", 1)[1].split("(", 1)[0]
    return transform_method(HEADER + body, "Order", name, "manual", "18.0", model="sale.order", fields_of=fields_of)


def test_hasattr_of_a_field_that_is_there_becomes_true():
    result = _with_fields('''
        def action_brand(self):
            partner = self.env['res.partner'].browse(self.partner_id.id)
            commercial = partner.commercial_partner_id or partner
            if hasattr(commercial, 'brand_id') and commercial.brand_id:
                self.brand_id = commercial.brand_id
            if hasattr(self, 'brand_id'):
                self.note = 'branded'
    ''', {("res.partner", "commercial_partner_id"): ("many2one", "res.partner"),
          ("res.partner", "brand_id"): ("many2one", "res.brand"), ("sale.order", "brand_id"): ("many2one", "res.brand")})
    assert result.code == (
        "partner = env['res.partner'].browse(records.partner_id.id)\n"
        "commercial = partner.commercial_partner_id or partner\n"
        "if commercial.brand_id:\n"
        "    records.write({'brand_id': commercial.brand_id})\n"
        "if True:\n"
        "    records.write({'note': 'branded'})\n"
    )
    assert result.notes[0] == "hasattr(..., 'brand_id') became True: res.partner.brand_id is there wherever this " \
                              "module installs."


@pytest.mark.parametrize("receiver", [
    "self.partner_id",  # res.partner.brand_id is not there
    "record",  # a parameter: its model is unknown
    "self.env[self.x_model]",  # a model the code computes
])
def test_hasattr_the_schema_cannot_answer_is_refused(receiver: str):
    result = _with_fields(f'''
        def action_brand(self, record=None):
            if hasattr({receiver}, 'brand_id'):
                self.note = 'branded'
    ''', {("sale.order", "partner_id"): ("many2one", "res.partner")})
    assert result.code is None
    assert ("sandbox-forbidden", DEF + 2) in [(b.code, b.line) for b in result.blockers]


def test_to_string_of_a_call_is_refused():
    # `x.strftime(...) if x else False` would call it twice; the line is the call's, though
    # earlier rewrites ran over the body (what they left alone keeps its source line)
    assert blocker_codes('''
        def _cron_vacuum(self):
            self.search([('write_date', '<', fields.Datetime.to_string(self._limit()))]).unlink()
    ''', "cron") == [("imports-module", DEF + 2)]


def test_imported_datetime_names_are_qualified():
    assert code_of('''
        def _cron_late(self):
            limit = date.today() - timedelta(days=3) + relativedelta(months=1)
            self.search([('date', '<', limit)]).action_cancel()
    ''', "cron") == (
        "limit = datetime.date.today() - datetime.timedelta(days=3) + "
        "dateutil.relativedelta.relativedelta(months=1)\n"
        "model.search([('date', '<', limit)]).action_cancel()\n"
    )


def test_relativedelta_in_days_becomes_timedelta_in_16():
    result = run('''
        def _cron_late(self):
            limit = date.today() - relativedelta(days=3, weeks=1)
            self.search([('date', '<', limit)]).action_cancel()
    ''', "cron", "16.0")
    assert result.code == (
        "limit = datetime.date.today() - datetime.timedelta(days=3, weeks=1)\n"
        "model.search([('date', '<', limit)]).action_cancel()\n"
    )
    assert result.notes == (
        "relativedelta(days/weeks=...) became datetime.timedelta (16.0 has no dateutil.relativedelta).",
    )


def test_relativedelta_in_months_is_blocked_in_16():
    assert blocker_codes('''
        def _cron_late(self):
            limit = date.today() - relativedelta(months=1)
            self.search([('date', '<', limit)]).action_cancel()
    ''', "cron", "16.0") == [("imports-module", DEF + 2)]


def test_pytz_and_base64_map_to_context_functions():
    assert code_of('''
        def action_stamp(self):
            tz = pytz.timezone(self.env.user.tz or 'UTC')
            self.write({'x_blob': base64.b64encode(str(tz).encode())})
    ''', "manual") == (
        "tz = timezone(env.user.tz or 'UTC')\n"
        "records.write({'x_blob': b64encode(str(tz).encode())})\n"
    )


def test_json_exists_from_17_only():
    method = '''
        def action_dump(self):
            self.write({'x_data': json.dumps(self.read(['name']))})
    '''
    assert code_of(method, "manual", "17.0") == "records.write({'x_data': json.dumps(records.read(['name']))})\n"
    assert blocker_codes(method, "manual", "16.0") == [("imports-module", DEF + 2)]


def test_write_guard_with_else_is_blocked():
    assert blocker_codes('''
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals:
                self.message_post(body='State')
            else:
                self.message_post(body='Other')
            return res
    ''') == [("uses-vals", DEF + 3)]


def test_module_constants_are_inlined():
    assert code_of('''
        def _cron_states(self):
            self.search([('state', 'in', STATES)]).action_cancel()
    ''', "cron") == "model.search([('state', 'in', ('draft', 'sent'))]).action_cancel()\n"


# --------------------------------------------------------- logging, _ and errors

def test_logger_calls_become_log():
    result = run('''
        def _cron_log(self):
            _logger.info('start')
            _logger.warning('%s late orders for %s', 3, self.env.company.name)
            _logger.exception('failed')
    ''', "cron")
    assert result.code == (
        "log('start')\n"
        "log('%s late orders for %s' % (3, env.company.name), level='warning')\n"
        "log('failed', level='error')\n"
    )
    assert result.notes == ("_logger calls became log(): messages go to ir.logging.",)


def test_translations_are_unwrapped():
    result = run('''
        def action_check(self):
            if not self.partner_id:
                raise UserError(_('No partner'))
            self.message_post(body=_('Checked by %(user)s', user=self.env.user.name).strip())
    ''', "manual")
    assert result.code == (
        "if not records.partner_id:\n"
        "    raise UserError('No partner')\n"
        "records.message_post(body=('Checked by %(user)s' % {'user': env.user.name}).strip())\n"
    )
    assert result.notes == ("_() was removed: the messages are no longer translated.",)


def test_validation_error_becomes_user_error():
    result = run('''
        def action_check(self):
            if self.amount_total < 0:
                raise ValidationError('Negative total')
    ''', "manual")
    assert result.code == (
        "if records.amount_total < 0:\n"
        "    raise UserError('Negative total')\n"
    )
    assert result.notes == ("ValidationError became UserError, the exception the action context provides.",)


# ------------------------------------------------------- assignments and returns

def test_attribute_assignments_become_writes():
    assert code_of('''
        def action_bump(self):
            for order in self:
                order.x_count += 1
                order.partner_id.comment = 'bumped'
            self.x_flag = False
    ''', "manual") == (
        "for order in records:\n"
        "    order.write({'x_count': order.x_count + 1})\n"
        "    order.partner_id.write({'comment': 'bumped'})\n"
        "records.write({'x_flag': False})\n"
    )


def test_button_return_becomes_action():
    result = run('''
        def action_open_partner(self):
            self.ensure_one()
            return {
                'type': 'ir.actions.act_window',
                'res_model': 'res.partner',
                'res_id': self.partner_id.id,
            }
    ''', "manual")
    assert result.code == (
        "records.ensure_one()\n"
        "action = {\n"
        "    'type': 'ir.actions.act_window',\n"
        "    'res_model': 'res.partner',\n"
        "    'res_id': records.partner_id.id,\n"
        "}\n"
    )
    assert result.notes == ("The returned action became `action = ...`.",)


def test_final_return_is_dropped_outside_buttons():
    result = run('''
        def _cron_count(self):
            orders = self.search([])
            return len(orders)
    ''', "cron")
    assert result.code == "orders = model.search([])\n"
    assert result.notes == ("The value the method returned is dropped.",)


# ----------------------------------------------------------------- guard clauses

def test_guard_clause_becomes_the_negated_test_around_the_rest():
    result = run("""
        def _cron_remind(self):
            template = self.env.ref('acme.tpl_reminder', raise_if_not_found=False)
            # the template may have been deleted
            if not template:
                return
            for order in self.search([('state', '=', 'sent')]):
                template.send_mail(order.id)
    """, "cron")
    assert result.code == (
        "template = env.ref('acme.tpl_reminder', raise_if_not_found=False)\n"
        "# the template may have been deleted\n"
        "if template:\n"
        "    for order in model.search([('state', '=', 'sent')]):\n"
        "        template.send_mail(order.id)\n"
    )
    assert "The guard clause `if not template: return` became a test around the rest of the body." in result.notes


def test_guard_clauses_nest_and_negate_what_they_test():
    assert code_of("""
        def _cron_close(self):
            if self.env.company.x_frozen and self.env.user.x_off:
                return False
            orders = self.search([('state', '=', 'sent')])
            if orders.x_total == 0:
                return
            orders.write({'state': 'cancel'})
    """, "cron") == (
        "if not (env.company.x_frozen and env.user.x_off):\n"
        "    orders = model.search([('state', '=', 'sent')])\n"
        "    if orders.x_total != 0:\n"
        "        orders.write({'state': 'cancel'})\n"
    )


def test_guard_clause_doing_something_first_becomes_if_else():
    assert code_of("""
        def action_check(self):
            if not self.partner_id:
                self.message_post(body='No customer')
                return
            self.write({'note': 'checked'})
    """, "manual") == (
        "if not records.partner_id:\n"
        "    records.message_post(body='No customer')\n"
        "else:\n"
        "    records.write({'note': 'checked'})\n"
    )


def test_write_guard_returning_super_becomes_the_trigger_field():
    result = run("""
        def write(self, vals):
            if 'state' not in vals:
                return super().write(vals)
            res = super().write(vals)
            for order in self:
                order.message_post(body='State changed')
            return res
    """)
    assert result.code == (
        "for order in records:\n"
        "    order.message_post(body='State changed')\n"
    )
    assert result.trigger_fields == ("state",)


def test_write_guard_on_a_written_value_becomes_the_rule_domain():
    method = """
        def write(self, vals):
            if vals.get('state') != 'sale':
                return super().write(vals)
            res = super().write(vals)
            self.message_post(body='Confirmed')
            return res
    """
    body = textwrap.indent(textwrap.dedent(method), "    ")
    result = transform_method(HEADER + body, "Order", "write", "automation", "17.0", field_types=types(),
                              domain_guards={DEF + 2: "[('state', '=', 'sale')]"})
    assert result.code == "records.message_post(body='Confirmed')\n"
    assert result.trigger_fields == ("state",)
    assert [(g.line, g.test) for g in result.hoisted] == [(DEF + 2, "vals.get('state') == 'sale'")]
    assert result.filter_domain == "[('state', '=', 'sale')]"


def test_write_guard_after_super_wraps_the_rest():
    result = run("""
        def write(self, vals):
            res = super().write(vals)
            if 'user_id' not in vals:
                return res
            self.message_post(body='Reassigned')
            return res
    """)
    assert result.code == "records.message_post(body='Reassigned')\n"
    assert result.trigger_fields == ("user_id",)


def test_write_guard_returning_before_super_without_it_is_an_early_return():
    # the write itself does not happen then: no rule can stop it
    assert blocker_codes("""
        def write(self, vals):
            if 'state' in vals and not vals['state']:
                return True
            res = super().write(vals)
            self.message_post(body='Saved')
            return res
    """)[0] == ("early-return", DEF + 2)


def test_guard_clause_of_a_button_returning_an_action_stays_an_early_return():
    assert blocker_codes("""
        def action_open(self):
            if not self.partner_id:
                return False
            return {'type': 'ir.actions.act_window', 'res_model': 'res.partner'}
    """, "manual") == [("early-return", DEF + 3)]


def test_statements_other_actions_do_are_dropped_with_the_blocks_they_empty():
    method = """
        def write(self, vals):
            res = super().write(vals)
            for order in self:
                order.write({'note': 'done'})
                if order.partner_id:
                    order.message_post(body='Sent')
                self.env['project.task'].create({'name': order.name})
            return res
    """
    body = textwrap.indent(textwrap.dedent(method), "    ")
    result = transform_method(HEADER + body, "Order", "write", "automation", "17.0", field_types=types(),
                              drop_lines=frozenset({DEF + 4, DEF + 6}))
    assert result.code == (
        "for order in records:\n"
        "    env['project.task'].create({'name': order.name})\n"
    )


# ---------------------------------------------------------------------- blockers

@pytest.mark.parametrize(
    ("body", "code", "offset"),
    [
        ("import requests\nrequests.get('x')", "sandbox-forbidden", 1),
        ("value = getattr(self, 'name')", "sandbox-forbidden", 1),
        ("if hasattr(self, 'name'):\n    pass", "sandbox-forbidden", 1),
        ("print(self.name)", "sandbox-forbidden", 1),
        ("data = open('/etc/passwd').read()", "sandbox-forbidden", 1),
        ("name = self.__class__", "sandbox-forbidden", 1),
        ("with open('x') as f:\n    pass", "sandbox-forbidden", 1),
        ("class Inner:\n    pass", "sandbox-forbidden", 1),
        ("global COUNTER", "sandbox-forbidden", 1),
        ("first, *rest = self.ids", "sandbox-forbidden", 1),
        ("found = PATTERN.match(self.name)", "module-variable", 1),
        ("found = re.match('x', self.name)", "imports-module", 1),
        ("for order in self:\n    if order.state:\n        return True\norder.name", "early-return", 3),
        ("order = self.browse(1)\norder.a = order.b = 1", "sandbox-forbidden", 2),
    ],
)
def test_blockers_produce_no_code(body: str, code: str, offset: int):
    method = "def action_x(self):\n" + textwrap.indent(body, "    ") + "\n"
    result = run(method, "manual")
    assert result.code is None
    assert (code, DEF + offset) in [(b.code, b.line) for b in result.blockers]


def test_closure_is_blocked():
    result = run('''
        def action_x(self):
            def outer():
                limit = 3
                def inner():
                    return limit
                return inner()
            outer()
    ''', "manual")
    assert result.code is None
    assert [b.code for b in result.blockers] == ["sandbox-forbidden"]


def test_button_override_calling_super_is_blocked():
    assert blocker_codes('''
        def action_cancel(self):
            res = super().action_cancel()
            self.x_flag = True
            return res
    ''', "manual") == [("overrides-button", DEF + 2)]


def test_copy_override_is_blocked():
    assert blocker_codes('''
        def copy(self, default=None):
            return super().copy(default)
    ''') == [("copy-override", DEF + 2)]


def test_empty_body_is_blocked():
    assert blocker_codes('''
        def unlink(self):
            return super().unlink()
    ''') == [("empty-body", DEF + 1)]


def test_calling_an_override_of_an_inherited_method_is_allowed():
    assert code_of('''
        def action_x(self):
            self.action_confirm()
    ''', "manual") == "records.action_confirm()\n"


def test_unknown_target_or_method():
    with pytest.raises(ValueError):
        transform_method(HEADER, "Order", "action_confirm", "webhook", "17.0")
    with pytest.raises(ValueError):
        transform_method(HEADER, "Order", "action_confirm", "manual", "15.0")
    with pytest.raises(LookupError):
        transform_method(HEADER, "Order", "missing", "manual", "17.0")


def test_blockers_name_only_lines_of_the_method_not_its_class():
    # Parameter annotations are evaluated in the class scope; that scope's reads (a field
    # definition, another method's `typing.Any`) must not count as the method's.
    source = textwrap.dedent('''\
        from typing import Any
        from odoo import api, fields, models


        class Tax(models.Model):
            _inherit = 'account.tax'

            x_code = fields.Char()

            def _helper(self, value: Any) -> Any:
                return value

            @api.model
            def _cron_archive(self, flag: bool = True) -> int:
                self.search([('x_code', '=', False)]).write({'active': False})
                return 0
        ''')
    result = transform_method(source, "Tax", "_cron_archive", "cron", "19.0")
    assert result.code is not None, result.blockers
    assert "write({'active': False})" in result.code

