"""Shared fixtures: one embedded PostgreSQL per test process (so per xdist worker)."""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator

import pytest

from migrator.pg import Harness


@pytest.fixture(scope="session")
def pg_dsn() -> str:
    """Admin DSN of an embedded server in a fresh temporary directory.

    Every test process (each xdist worker) gets its own directory, hence its own
    server; pgserver stops it and deletes the directory when the process exits.
    The directory is not under pytest's basetemp, which concurrent pytest runs
    prune.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR not set
        import pgserver
    server = pgserver.get_server(tempfile.mkdtemp(prefix="migrator-test-pg-"), cleanup_mode="delete")
    return server.get_uri()


@pytest.fixture
def harness(pg_dsn: str) -> Iterator[Harness]:
    """A Harness that drops every database it created when the test ends."""
    with Harness(pg_dsn) as h:
        yield h


@pytest.fixture(scope="module")
def replay_conn(pg_dsn: str) -> Iterator:
    """A connection to a database of its own for one test module (dropped afterwards)."""
    with Harness(pg_dsn) as owner:
        conn = owner.connect(owner.create_database())
        yield conn
        conn.close()


@pytest.fixture
def env(request: pytest.FixtureRequest, registry) -> Iterator:
    """The admin's environment on the test module's `registry` fixture, its clock at the module's
    START when it has one; whatever a test writes is rolled back after it."""
    start = getattr(request.module, "START", None)
    if start is not None:
        registry.clock.set(start)
    env = registry.environment()
    env.cr.execute("SAVEPOINT test")
    yield env
    env.cr.execute("ROLLBACK TO SAVEPOINT test")
