"""Odoo's own non-stored computed fields the runtime computes (core_computes.py), against a
real database: reading, writing through the inverse, filtering, and the refusal of the others."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from migrator.pg import Harness
from migrator.runtime.clock import Clock
from migrator.runtime.environment import Environment
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.mail import install_mail
from migrator.runtime.registry import Registry

START = datetime.datetime(2025, 3, 1, 9, 30)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("18.0", clock=Clock(START))
    install_mail(registry)
    registry.install(replay_conn, extra_models=["crm.lead", "mail.message.subtype"])
    yield registry


def test_company_type_reads_and_writes_is_company(env: Environment) -> None:
    acme = env["res.partner"].create({"name": "Acme", "company_type": "company"})
    ann = env["res.partner"].create({"name": "Ann"})
    assert acme.is_company is True and acme.company_type == "company"
    assert ann.is_company is False and ann.company_type == "person"
    ann.company_type = "company"
    assert ann.is_company is True
    ann.write({"is_company": False})
    assert ann.company_type == "person"
    everyone = acme | ann
    assert everyone.filtered_domain([("company_type", "=", "company")]) == acme
    assert everyone.filtered_domain([("company_type", "!=", "company")]) == ann


def test_other_core_computes_are_refused_by_name(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    # computed by Odoo's code, which the runtime lacks
    with pytest.raises(RuntimeMissing, match="computed field res.partner.contact_address"):
        partner.contact_address
    with pytest.raises(RuntimeMissing, match="writing computed field res.partner.contact_address"):
        partner.write({"contact_address": "Main Street"})
    with pytest.raises(RuntimeMissing, match="searching non-stored field res.partner.company_type"):
        env["res.partner"].search([("company_type", "=", "company")])  # Odoo cannot search it either


def test_record_name_is_stored_until_18_and_computed_in_19(env: Environment, harness: Harness) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    message = partner.message_post(body="Hello")
    assert env["mail.message"]._fields["record_name"].store
    env.cr.execute("SELECT record_name FROM mail_message WHERE id = %s", (message.id,))
    assert env.cr.fetchone() == ("Ann",)

    registry = Registry("19.0", clock=Clock(START))
    install_mail(registry)
    with harness.connect(harness.create_database()) as conn:
        registry.install(conn, extra_models=["mail.message.subtype"])
        env19 = registry.environment()
        partner = env19["res.partner"].create({"name": "Bea"})
        message = partner.message_post(body="Hello")
        assert not env19["mail.message"]._fields["record_name"].store
        assert message.record_name == "Bea"
        partner.name = "Bea B."
        assert message.record_name == "Bea B."  # computed on reading, as in Odoo 19
        assert env19["mail.message"].sudo().create({"body": "alone"}).record_name is False


def test_19_employee_keeps_its_job_data_on_a_version(harness: Harness) -> None:
    registry = Registry("19.0", clock=Clock(START))
    install_mail(registry)
    with harness.connect(harness.create_database()) as conn:
        registry.install(conn, extra_models=["hr.employee", "mail.message.subtype"])
        env = registry.environment()
        # resource.mixin would create the resource; the replay's callers give it
        resource = env["resource.resource"].create({"name": "Ann"})
        employee = env["hr.employee"].create({"resource_id": resource.id, "job_title": "Engineer"})
        [version] = env["hr.version"].search([("employee_id", "=", employee.id)])
        assert employee.version_id == version == employee.current_version_id
        assert version.job_title == "Engineer" and version.date_version == START.date()
        assert employee.job_title == "Engineer" and employee.name == "Ann"  # stored, related to the resource
        employee.job_title = "Lead"
        assert version.job_title == "Lead"
        assert employee.with_context(version_id=version.id).version_id == version
        resource.name = "Ann B."
        assert employee.name == "Ann B."  # recomputed, as Odoo's stored related field is


@pytest.mark.parametrize("series", ["18.0", "19.0"])
def test_a_new_lead_gets_the_first_open_stage_of_no_team(harness: Harness, series: str) -> None:
    """crm.lead._stage_find: 19.0 gives a stage teams (team_ids), 18.0 one team (team_id)."""
    registry = Registry(series, clock=Clock(START))
    install_mail(registry)
    with harness.connect(harness.create_database()) as conn:
        registry.install(conn, extra_models=["crm.lead", "mail.message.subtype"])
        env = registry.environment()
        stages = env["crm.stage"]
        first = stages.search([("fold", "=", False)], order="sequence, id", limit=1)
        lead = env["crm.lead"].create({"name": "Deal"})
        assert first and lead.stage_id == first
