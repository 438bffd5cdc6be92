"""The role Odoo runs as, made or updated by each verify with the `odoo` engine: verifies
running at once on one server (two terminals, pytest-xdist) must not fail on each other's
`ALTER ROLE` ("tuple concurrently updated")."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import psycopg

from migrator.verify.odoo_engine.template import ROLE, odoo_connection


def test_verifies_at_once_share_the_role(pg_dsn: str) -> None:
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f'DROP ROLE IF EXISTS "{ROLE}"')
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda _: odoo_connection(pg_dsn), range(48)))
    assert {c.role for c in made} == {ROLE}
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT rolcanlogin, rolcreatedb, rolsuper FROM pg_roles WHERE rolname = %s",
                            (ROLE,)).fetchone() == (True, True, False)
