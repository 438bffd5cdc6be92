"""Odoo 16.0's automation rules in the replay runtime: the old values a write keeps are those
`read()` returns (base_automation 16.0 `records.read(list(vals))`), a many2one as (id, name);
its trigger fields compare them as ids; an empty `old_values` counts as a create."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from migrator.runtime.actions import action_models, install_actions
from migrator.runtime.clock import Clock
from migrator.runtime.environment import Environment
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.registry import Registry
from test_runtime_actions import field_ids, order, rule

START = datetime.datetime(2025, 3, 3, 9, 0)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("16.0", clock=Clock(START))
    install_mail(registry)
    install_actions(registry)
    registry.install(replay_conn, extra_models=[*mail_models(registry), *action_models(registry), "sale.order"])
    yield registry


def test_old_values_are_read_values_in_16(env: Environment) -> None:
    rule(env, "on_write", [{"state": "code", "code": (
        "for r in records:\n"
        "    r.write({'note': repr(env.context['old_values'][r.id])})")}],
         trigger_field_ids=field_ids(env, "sale.order", "partner_id"))
    so = order(env)
    first = so.partner_id
    other = env["res.partner"].create({"name": "Bob"})
    so.write({"partner_id": other.id, "client_order_ref": "R"})
    # an HTML field: Odoo's sanitizer wraps the text in a paragraph
    assert so.note == f"<p>{repr({'partner_id': (first.id, 'Ann'), 'client_order_ref': False})}</p>"
    so.write({"note": False})
    so.write({"partner_id": other.id})  # the same partner again: the ids compare equal, no run
    assert so.note is False
