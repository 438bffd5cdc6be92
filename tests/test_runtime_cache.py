"""The runtime's record cache against a real database: reads come from it, and every way
a value can change (the ORM, raw SQL, a rollback, a deletion, a related record) shows in
the next read, as it would without a cache."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import psycopg
import pytest

from migrator.runtime.clock import Clock
from migrator.runtime.commands import Command
from migrator.runtime.cursor import reset
from migrator.runtime.environment import Environment
from migrator.runtime.exceptions import MissingError
from migrator.runtime.registry import Registry

START = datetime.datetime(2025, 3, 1, 9, 30)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("18.0", clock=Clock(START))
    registry.install(replay_conn, extra_models=["sale.order", "res.partner.category"])
    replay_conn.commit()  # a test below ends transactions
    yield registry


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements the runtime sends, as the server receives them."""
    sent: list[str] = []
    execute = psycopg.ClientCursor.execute

    def counting(self, query, params=None, **kwargs):  # type: ignore[no-untyped-def]
        sent.append(query.decode() if isinstance(query, bytes) else str(query))
        return execute(self, query, params, **kwargs)

    monkeypatch.setattr(psycopg.ClientCursor, "execute", counting)
    return sent


def test_a_record_is_read_once(env: Environment, statements: list[str]) -> None:
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})
    statements.clear()
    again = env["res.partner"].browse(partner.id)
    assert (again.name, again.email, again.active, again.color) == ("Ann", "ann@example.com", True, 0)
    assert statements == []  # the insert handed the cache the whole row
    env.cr.execute("SELECT 1")  # a read leaves the cache as it is
    other = env.ref("base.partner_admin")
    statements.clear()
    assert other.name and other.email is not None and other.company_id
    assert len(statements) == 1


def test_a_loop_over_a_search_reads_the_table_once(env: Environment, statements: list[str]) -> None:
    for i in range(5):
        env["res.partner"].create({"name": f"P{i}", "color": i})
    env.cr.execute("UPDATE res_partner SET color = color")  # raw SQL: nothing cached survives
    found = env["res.partner"].search([("name", "like", "P")])
    statements.clear()
    assert [p.color for p in found] == [0, 1, 2, 3, 4]
    assert len(statements) == 1 and "SELECT id, " in statements[0]


def test_writes_show_in_the_next_read(env: Environment) -> None:
    order = env["sale.order"].create({"partner_id": env.ref("base.partner_admin").id})
    assert order.commitment_date is False
    order.write({"commitment_date": "2025-03-04 10:00:00", "note": "<p>x</p>"})
    # the value as the database stores it: text given for a datetime reads back a datetime
    assert order.commitment_date == datetime.datetime(2025, 3, 4, 10, 0)
    assert order.write_date == START
    order.state = "sent"
    assert env["sale.order"].browse(order.id).state == "sent"


def test_raw_sql_changes_show(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    assert partner.name == "Ann"
    env.cr.execute("UPDATE res_partner SET name = %s WHERE id = %s", ("Bea", partner.id))
    assert partner.name == "Bea"
    env.cr.execute("with x as (update res_partner set name = 'Cy' where id = %s returning id) select 1",
                   (partner.id,))
    assert partner.name == "Cy"


def test_rollback_to_a_savepoint_restores_the_values(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    with pytest.raises(ZeroDivisionError), env.cr.savepoint():
        partner.write({"name": "Bea"})
        assert partner.name == "Bea"
        1 / 0
    assert partner.name == "Ann"
    env.cr.execute("SAVEPOINT mine")
    partner.name = "Cy"
    env.cr.execute("ROLLBACK TO SAVEPOINT mine")
    assert partner.name == "Ann"


def test_deleted_records_and_cascades(env: Environment) -> None:
    parent = env["res.partner"].create({"name": "Parent"})
    child = env["res.partner"].create({"name": "Child", "parent_id": parent.id})
    assert child.parent_id == parent and parent.child_ids == child
    parent.unlink()
    assert not parent.exists() and child.exists() == child
    assert child.parent_id.id is False  # ON DELETE SET NULL in the database, seen by the read
    with pytest.raises(MissingError):
        parent.name


def test_one2many_and_many2many_follow_the_other_side(env: Environment) -> None:
    parent = env["res.partner"].create({"name": "Parent"})
    assert not parent.child_ids
    child = env["res.partner"].create({"name": "Child", "parent_id": parent.id})
    assert parent.child_ids == child
    child.active = False
    assert not parent.child_ids  # the archived child leaves the active view of the relation
    assert parent.with_context(active_test=False).child_ids == child
    tag = env["res.partner.category"].create({"name": "VIP"})
    assert not tag.partner_ids
    parent.write({"category_id": [Command.link(tag.id)]})
    assert tag.partner_ids == parent and parent.category_id == tag
    env.cr.execute("DELETE FROM res_partner_res_partner_category_rel")
    assert not tag.partner_ids


def test_a_new_transaction_starts_with_an_empty_cache(registry: Registry) -> None:
    env = registry.environment()
    partner = env["res.partner"].create({"name": "Ann"})
    assert partner.name == "Ann"
    pid = partner.id
    env.cr.connection.rollback()
    reset(env.cr.connection)
    assert not env["res.partner"].browse(pid).exists()
    # a statement through the runtime also notices that the transaction ended
    partner = env["res.partner"].create({"name": "Bea"})
    assert partner.name == "Bea"
    env.cr.connection.rollback()
    env.cr.execute("SELECT 1")
    assert not partner.exists()
    env.cr.connection.rollback()
