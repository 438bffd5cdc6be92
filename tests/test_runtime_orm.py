"""The replay runtime's ORM against a real database: recordsets, create/write/unlink with
Commands, search, env.ref, the clock."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import psycopg
import pytest

from migrator.runtime.clock import Clock
from migrator.runtime.commands import Command
from migrator.runtime.environment import Environment
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.fields import Date, Datetime
from migrator.runtime.registry import Registry


START = datetime.datetime(2025, 3, 1, 9, 30)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("18.0", clock=Clock(START))
    registry.install(replay_conn, extra_models=["sale.order", "sale.order.line", "res.partner.category"])
    yield registry


def test_seed_and_refs(env: Environment) -> None:
    assert env.uid == 2 and env.user == env.ref("base.user_admin")
    assert env.user.partner_id == env.ref("base.partner_admin")
    assert env.company == env.ref("base.main_company") and env.company.currency_id.name == "USD"
    assert env.ref("base.user_root").id == 1
    assert env.ref("sale.model_sale_order").model == "sale.order"
    assert env.ref("sale.field_sale_order__state").name == "state"
    assert env.ref("base.nope", raise_if_not_found=False) is None
    with pytest.raises(ValueError, match="External ID not found"):
        env.ref("base.nope")


def test_field_values_like_odoo(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    assert partner.email is False and partner.color == 0 and partner.active is True
    assert partner.parent_id == env["res.partner"] and not partner.parent_id
    assert partner.child_ids == env["res.partner"]
    assert partner.display_name == "Ann" and partner.type == "contact"
    assert partner.create_uid == env.user and partner.create_date == datetime.datetime(2025, 3, 1, 9, 30)
    assert env["res.partner"].name is False  # an empty recordset reads the empty value
    with pytest.raises(ValueError, match="Expected singleton"):
        (partner | env.user.partner_id).name


def test_core_defaults(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    order = env["sale.order"].create({"partner_id": partner.id})
    assert order.state == "draft"
    assert order.company_id == env.company and order.user_id == env.user
    assert order.date_order == env.clock.now()
    order = env["sale.order"].with_context(default_state="sent").create({"partner_id": partner.id})
    assert order.state == "sent"


def test_orders_numbered_as_odoo(env: Environment) -> None:
    """sale.order create (and purchase.order's): a name left out or "New" takes the next number
    of the order's sequence (S00001; P00001); a name given stays; a creation that fails keeps its
    number drawn, as Odoo's standard sequences (PostgreSQL sequences) do."""
    partner = env["res.partner"].create({"name": "Ann"})
    orders = env["sale.order"]
    assert orders.default_get(["name"]) == {"name": "New"}
    first = orders.create({"partner_id": partner.id})
    number = int(first.name.removeprefix("S"))
    assert first.name == f"S{number:05d}"
    assert orders.create({"partner_id": partner.id, "name": "New"}).name == f"S{number + 1:05d}"
    assert orders.create({"partner_id": partner.id, "name": "SO-ANN"}).name == "SO-ANN"
    with pytest.raises(psycopg.errors.NotNullViolation), env.cr.savepoint():
        orders.create({"partner_id": False})
    assert orders.create({"partner_id": partner.id}).name == f"S{number + 3:05d}"


def test_recordset_operations(env: Environment) -> None:
    a, b, c = (env["res.partner"].create({"name": n, "color": i}) for i, n in enumerate("abc"))
    ab, bc = a | b, b | c
    assert (ab | bc).ids == [a.id, b.id, c.id]
    assert (ab & bc) == b and (ab - bc) == a and (a + a).ids == [a.id, a.id]
    assert a in ab and c not in ab and len(ab | bc) == 3 and bool(env["res.partner"]) is False
    everyone = a | b | c
    assert everyone.mapped("name") == ["a", "b", "c"]
    assert everyone.mapped(lambda p: p.color * 2) == [0, 2, 4]
    assert everyone.filtered(lambda p: p.color > 0) == b | c
    assert everyone.filtered("color") == b | c
    assert everyone.filtered_domain([("color", ">=", 1), ("name", "!=", "c")]) == b
    assert everyone.sorted("color", reverse=True).ids == [c.id, b.id, a.id]
    assert everyone.sorted(key=lambda p: -p.color)[0] == c
    assert everyone.browse(a.id).exists() == a
    assert everyone[1] == b and everyone[1:].ids == [b.id, c.id]
    assert b.read(["name", "parent_id"]) == [{"id": b.id, "name": "b", "parent_id": False}]
    a.parent_id = b
    assert a.read(["parent_id"])[0]["parent_id"] == (b.id, "b")
    assert (a | c).mapped("parent_id") == b and (a | c).mapped("parent_id.name") == ["b"]


def test_attribute_assignment_writes(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    env.clock.advance(datetime.timedelta(hours=1))
    partner.email = "ann@example.com"
    assert partner.email == "ann@example.com" and partner.write_date == env.clock.now()
    env.cr.execute("SELECT email FROM res_partner WHERE id = %s", (partner.id,))
    assert env.cr.fetchone() == ("ann@example.com",)
    partner["email"] = False
    assert partner.email is False
    with pytest.raises(ValueError, match="Invalid field"):
        partner.write({"nope": 1})


def test_one2many_commands(env: Environment) -> None:
    parent = env["res.partner"].create({"name": "Co", "child_ids": [
        Command.create({"name": "x"}), (0, 0, {"name": "y"})]})
    x, y = parent.child_ids.sorted("id")
    assert x.parent_id == parent and parent.child_ids.mapped("name") == ["x", "y"]
    parent.write({"child_ids": [(1, x.id, {"name": "x2"}), (3, y.id)]})
    assert x.name == "x2" and parent.child_ids == x and y.exists() and not y.parent_id
    parent.write({"child_ids": [(4, y.id)]})
    assert parent.child_ids == x | y
    parent.write({"child_ids": [(2, y.id)]})
    assert not y.exists()
    z = env["res.partner"].create({"name": "z"})
    parent.write({"child_ids": [Command.set([z.id])]})
    assert parent.child_ids == z and x.exists() and not x.parent_id
    parent.write({"child_ids": [Command.clear()]})
    assert not parent.child_ids


def test_one2many_cascade_deletes_lines(env: Environment) -> None:
    order = env["sale.order"].create({"partner_id": env.user.partner_id.id, "order_line": [
        (0, 0, {"name": "line", "product_uom_qty": 2})]})
    line = order.order_line
    assert line.order_id == order and line.product_uom_qty == 2.0
    order.write({"order_line": [(3, line.id)]})  # order_id cascades: unlinking deletes the line
    assert not line.exists()


def test_many2many_commands(env: Environment) -> None:
    tags = env["res.partner.category"].create([{"name": "t1"}, {"name": "t2"}, {"name": "t3"}])
    t1, t2, t3 = tags
    partner = env["res.partner"].create({"name": "Ann", "category_id": [(6, 0, [t1.id, t2.id])]})
    assert partner.category_id == t1 | t2
    partner.write({"category_id": [(3, t1.id), (4, t3.id)]})
    assert partner.category_id == t2 | t3
    partner.write({"category_id": [(5,)]})
    assert not partner.category_id
    partner.write({"category_id": [Command.create({"name": "t4"}), Command.link(t1.id)]})
    assert sorted(partner.category_id.mapped("name")) == ["t1", "t4"]
    partner.category_id = t2
    assert partner.category_id == t2
    assert env["res.partner"].search([("category_id", "in", t2.ids)]) == partner


def test_search(env: Environment) -> None:
    names = ["delta", "alpha", "charlie", "bravo"]
    partners = env["res.partner"].create([{"name": n, "color": i} for i, n in enumerate(names)])
    mine = [("id", "in", partners.ids)]
    assert env["res.partner"].search(mine).mapped("name") == sorted(names)  # _order name
    assert env["res.partner"].search(mine, order="color desc", limit=2).mapped("color") == [3, 2]
    assert env["res.partner"].search(mine, order="color", offset=1, limit=1).color == 1
    assert env["res.partner"].search_count(mine + [("name", "ilike", "A")]) == 4
    assert env["res.partner"].search(mine + ["|", ("color", "=", 0), ("name", "=like", "b%")]).mapped(
        "name") == ["bravo", "delta"]
    partners[0].active = False
    assert env["res.partner"].search_count(mine) == 3
    assert env["res.partner"].with_context(active_test=False).search_count(mine) == 4
    assert env["res.partner"].search_count(mine + [("active", "=", False)]) == 1
    rows = env["res.partner"].search_read(mine + [("color", "=", 1)], ["name"])
    assert rows == [{"id": partners[1].id, "name": "alpha"}]


def test_unlink(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    child = env["res.partner"].create({"name": "Kid", "parent_id": partner.id})
    partner.unlink()
    assert not partner.exists() and child.exists() and not child.parent_id
    with pytest.raises(Exception, match="does not exist"):
        partner.name


def test_environment_switches(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    assert partner.with_context(lang="fr_FR").env.context["lang"] == "fr_FR"
    assert partner.sudo().env.su and not partner.env.su
    root = partner.with_user(env.ref("base.user_root"))
    assert root.env.uid == 1 and root.env.user.login == "__system__"
    assert root.create({"name": "by root"}).create_uid.id == 1
    with pytest.raises(TypeError):
        env.context["x"] = 1  # type: ignore[index]


def test_inherits_and_related(env: Environment) -> None:
    user = env["res.users"].create({"login": "bob", "name": "Bob", "email": "bob@example.com"})
    assert user.partner_id.name == "Bob" and user.name == "Bob" and user.email == "bob@example.com"
    user.name = "Robert"
    assert user.partner_id.name == "Robert"


def test_clock(env: Environment) -> None:
    assert Datetime.now() == START and Date.context_today(env.user) == START.date()
    env.clock.set(datetime.datetime(2026, 1, 2, 3, 4, 5))
    assert Date.today() == datetime.date(2026, 1, 2) and Datetime.now().hour == 3
    assert Date.add(Date.today(), months=1) == datetime.date(2026, 2, 2)
    assert Date.to_date("2024-02-29") == datetime.date(2024, 2, 29)


def test_cursor(env: Environment) -> None:
    env.cr.execute("SELECT id, login FROM res_users WHERE id IN %s ORDER BY id", ((1, 2),))
    assert env.cr.dictfetchall() == [{"id": 1, "login": "__system__"}, {"id": 2, "login": "admin"}]
    with pytest.raises(RuntimeMissing, match="cr.commit"):
        env.cr.commit()


def test_refusals(env: Environment) -> None:
    partner = env.user.partner_id
    with pytest.raises(RuntimeMissing, match="cannot replay: uses res.partner.message_post"):
        partner.message_post(body="hi")
    assert "maintenance.request" not in env.registry.tables
    with pytest.raises(RuntimeMissing, match="no table"):
        env["maintenance.request"].search([])
    with pytest.raises(RuntimeMissing, match="child_of"):
        env["res.partner"].search([("parent_id", "child_of", partner.id)])
    with pytest.raises(RuntimeMissing, match="computed field"):
        env["sale.order"].create({"partner_id": partner.id}).access_url


def test_a_read_only_related_field_is_not_written_through(env: Environment) -> None:
    """Odoo gives a related field an inverse only when neither it nor its target is read-only
    (related fields are, unless declared otherwise) or it is delegated (`_inherits`)."""
    order = env["sale.order"].create({"partner_id": env.user.partner_id.id})
    before = env.company.terms_type
    order.write({"terms_type": "html" if before != "html" else "plain"})
    assert env.company.terms_type == before
    user = env["res.users"].create({"name": "Sam", "login": "sam_related"})
    user.write({"name": "Samuel"})  # delegated to its partner
    assert user.partner_id.name == "Samuel"


def test_core_unique_constraints_hold_as_in_odoo(env: Environment) -> None:
    """res_users_login_key, as a real database has it (migrator/data/sql-constraints.json)."""
    import psycopg

    env["res.users"].create({"name": "A", "login": "same"})
    env.cr.execute("SAVEPOINT dup")
    with pytest.raises(psycopg.errors.UniqueViolation):
        env["res.users"].create({"name": "B", "login": "same"})
    env.cr.execute("ROLLBACK TO SAVEPOINT dup")
