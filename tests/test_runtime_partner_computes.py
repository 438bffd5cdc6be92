"""res.partner's stored computes (runtime/partner_computes.py), the defaults and channel
links every partner gets from Odoo's apps (calendar, discuss), against a real database."""

from __future__ import annotations

import datetime

import pytest

from migrator.pg import Harness
from migrator.runtime.clock import Clock
from migrator.runtime.environment import Environment
from migrator.runtime.errors import ReplayUnfaithful
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.registry import Registry

START = datetime.datetime(2025, 3, 3, 9, 0)


def _environment(harness: Harness, series: str) -> Environment:
    registry = Registry(series, clock=Clock(START))
    install_mail(registry)
    registry.install(harness.connect(harness.create_database()), extra_models=list(mail_models(registry)))
    return registry.environment()


def test_commercial_entity_share_and_complete_name(harness: Harness) -> None:
    env = _environment(harness, "18.0")
    partners = env["res.partner"]
    acme = partners.create({"name": "Acme", "is_company": True})
    ann = partners.create({"name": "Ann", "parent_id": acme.id})
    billing = partners.create({"parent_id": acme.id, "type": "invoice"})
    alone = partners.create({"name": "Bo", "company_name": "Bo Ltd"})
    assert (acme.commercial_partner_id, ann.commercial_partner_id, alone.commercial_partner_id) == (acme, acme, alone)
    assert (acme.commercial_company_name, ann.commercial_company_name, alone.commercial_company_name) == (
        "Acme", "Acme", "Bo Ltd")
    assert (acme.complete_name, ann.complete_name, billing.complete_name, alone.complete_name) == (
        "Acme", "Acme, Ann", "Acme, Invoice Address", "Bo Ltd, Bo")
    assert acme.partner_share and ann.partner_share
    # recomputed when what they depend on changes, along the parent
    acme.name = "Acme Corp"
    assert (ann.complete_name, ann.commercial_company_name) == ("Acme Corp, Ann", "Acme Corp")
    ann.parent_id = False
    assert (ann.commercial_partner_id, ann.complete_name) == (ann, "Ann")
    # a partner with an internal user is not shared, the moment the user is created
    sam = env["res.users"].create({"name": "Sam", "login": "sam"})
    assert sam.partner_id.partner_share is False and sam.partner_id.commercial_partner_id == sam.partner_id
    assert sam.partner_id.complete_name == "Sam"
    # the seeded partners hold them as a new Odoo database does
    company, root, admin = partners.browse([1, 2, 3])
    assert [p.commercial_partner_id for p in (company, root, admin)] == [company, root, admin]
    assert [p.partner_share for p in (company, root, admin)] == [True, False, False]
    assert [p.complete_name for p in (company, root, admin)] == ["My Company", "OdooBot", "Administrator"]


def test_19_labels_and_16_without_complete_name(harness: Harness) -> None:
    env = _environment(harness, "19.0")
    acme = env["res.partner"].create({"name": "Acme", "is_company": True})
    assert env["res.partner"].create({"parent_id": acme.id, "type": "delivery"}).complete_name == "Acme, Delivery"
    old = _environment(harness, "16.0")["res.partner"].create({"name": "Ann"})
    assert old.commercial_partner_id == old
    with pytest.raises(ReplayUnfaithful, match="reads res.partner.complete_name"):
        old.complete_name  # noqa: B018 (16.0 has a stored display_name instead, which Odoo computes)


def test_calendar_ack_and_the_general_channel(harness: Harness) -> None:
    """Every partner gets calendar's last notification date (now); a new internal user's
    partner joins the "general" channel, as the administrator is from the start (and from
    18.0 the Administrators channel); an inactive user does not join."""
    env = _environment(harness, "18.0")
    general, admins = env.ref("mail.channel_all_employees"), env.ref("mail.channel_admin")
    assert (general.name, admins.name) == ("general", "Administrators")
    assert env.user.partner_id.channel_ids == general | admins
    ann = env["res.partner"].create({"name": "Ann"})
    assert ann.calendar_last_notif_ack == START and not ann.channel_ids
    sam = env["res.users"].create({"name": "Sam", "login": "sam"})
    gone = env["res.users"].create({"name": "Gone", "login": "gone", "active": False})
    assert sam.partner_id.channel_ids == general and not gone.partner_id.channel_ids
    old = _environment(harness, "16.0")  # no Administrators channel; OdooBot in "general"
    assert not old.ref("mail.channel_admin", raise_if_not_found=False)
    assert old.ref("base.partner_root").channel_ids == old.ref("mail.channel_all_employees")
