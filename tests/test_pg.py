from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migrator.errors import UsageError
from migrator.pg import PREFIX, Harness, dsn_for, resolve_dsn

ROOT = Path(__file__).resolve().parents[1]  # so that subprocesses import this checkout


def _databases(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


@pytest.fixture
def pgdata() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="migrator-test-pgdata-")) / "pg"
    yield path
    shutil.rmtree(path.parent)


def test_embedded_server_answers(pg_dsn: str) -> None:
    assert psycopg.connect(pg_dsn).execute("SELECT 1").fetchone() == (1,)


def test_resolve_dsn_prefers_argument_then_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGRATOR_DSN", "dbname=from_env")
    assert resolve_dsn("dbname=given") == "dbname=given"
    assert resolve_dsn(None) == "dbname=from_env"


def test_resolve_dsn_falls_back_to_embedded(monkeypatch: pytest.MonkeyPatch, pgdata: Path) -> None:
    monkeypatch.delenv("MIGRATOR_DSN", raising=False)
    monkeypatch.setenv("MIGRATOR_PGDATA", str(pgdata))
    script = "from migrator.pg import resolve_dsn; print(resolve_dsn(None))"
    dsn = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                         text=True, cwd=ROOT).stdout.strip()
    assert str(pgdata) in dsn
    # the server was started by that process, so it stopped when the process exited
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn, connect_timeout=2)


def test_embedded_server_started_elsewhere_is_left_running(pgdata: Path) -> None:
    script = ("import sys; from migrator.pg import embedded_dsn; "
              f"print(embedded_dsn({str(pgdata)!r}), flush=True); sys.stdin.read()")
    owner = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        dsn = owner.stdout.readline().strip()  # type: ignore[union-attr]
        again = f"from migrator.pg import embedded_dsn; print(embedded_dsn({str(pgdata)!r}))"
        out = subprocess.run([sys.executable, "-c", again], check=True, capture_output=True, text=True,
                             cwd=ROOT)
        assert out.stdout.strip() == dsn
        with psycopg.connect(dsn) as conn:  # still up after the second process exited
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        owner.communicate("")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn, connect_timeout=2)


def test_create_connect_drop(harness: Harness, pg_dsn: str) -> None:
    name = harness.create_database()
    assert name.startswith(PREFIX)
    with harness.connect(name) as conn:
        conn.execute("CREATE TABLE t (x int)")
        conn.execute("INSERT INTO t VALUES (42)")
        comment = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,)).fetchone()
        collate = conn.execute("SELECT datcollate FROM pg_database WHERE datname = %s",
                               (name,)).fetchone()
    assert comment == (f"created by migrator {harness.token}",)
    assert collate == ("C",)
    clone = harness.create_from_template(name)
    with harness.connect(clone) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(42,)]
    harness.drop(name)
    assert name not in _databases(pg_dsn)
    assert clone in _databases(pg_dsn)


def test_context_manager_drops_unless_keep(pg_dsn: str) -> None:
    with Harness(pg_dsn) as h:
        a, b = h.create_database(), h.create_database()
    assert not {a, b} & _databases(pg_dsn)
    with Harness(pg_dsn, keep=True) as h:
        kept = h.create_database()
    assert kept in _databases(pg_dsn)
    h.drop(kept)
    assert kept not in _databases(pg_dsn)


def test_refuses_databases_it_did_not_create(harness: Harness, pg_dsn: str) -> None:
    with pytest.raises(UsageError, match="refusing to drop database 'postgres'"):
        harness.drop("postgres")
    with pytest.raises(UsageError, match="refusing to clone"):
        harness.create_from_template("template1")
    with pytest.raises(UsageError, match="refusing to connect to"):
        harness.connect("postgres")
    # right prefix, made by someone else: refused, and left alone
    other = PREFIX + "foreign"
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(other)))
    try:
        with pytest.raises(UsageError, match="not created by this run"):
            harness.drop(other)
        # another harness's database, even when listed by mistake, fails the marker check
        with Harness(pg_dsn) as second:
            theirs = second.create_database()
            harness.created.append(theirs)
            with pytest.raises(UsageError, match="refusing to drop"):
                harness.drop(theirs)
            harness.created.remove(theirs)
        assert other in _databases(pg_dsn)
    finally:
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(other)))


def test_unreachable_server_is_a_one_line_usage_error(tmp_path: Path) -> None:
    dead = f"host={tmp_path} dbname=postgres connect_timeout=2"
    with pytest.raises(UsageError, match="^cannot connect to PostgreSQL: ") as info:
        Harness(dead).create_database()
    assert "\n" not in str(info.value)


def test_dsn_for_keeps_server_changes_database() -> None:
    assert sorted(dsn_for("host=/tmp/x user=postgres dbname=postgres", "other").split()) == \
        ["dbname=other", "host=/tmp/x", "user=postgres"]
    assert "dbname=other" in dsn_for("postgresql://postgres:@/postgres?host=/tmp/x", "other")
