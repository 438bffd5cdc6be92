"""`env.cr`: a thin cursor over the replay connection, with Odoo's (psycopg2) conventions."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.adapt import Dumper

from migrator.runtime.cache import Cache, cache_of, forget
from migrator.runtime.errors import RuntimeMissing


class _TupleDumper(Dumper):
    """`WHERE id IN %s` with a tuple, as psycopg2 (hence Odoo code) writes it."""

    def dump(self, obj: tuple) -> bytes:
        return self.quote(obj)

    def quote(self, obj: tuple) -> bytes:
        return b"(" + b", ".join(sql.Literal(v).as_bytes(self.connection) for v in obj) + b")"


# Statements that return nothing (savepoints), per connection, sent in front of the next
# statement instead of on their own: a replay opens and releases a savepoint per operation.
_deferred: weakref.WeakKeyDictionary[psycopg.Connection, list[bytes]] = weakref.WeakKeyDictionary()


def send_deferred(conn: psycopg.Connection) -> None:
    """Send what is deferred now, before `conn` is used directly."""
    pending = _deferred.pop(conn, None)
    if pending:
        conn.execute(b"; ".join(pending))


_cursors: weakref.WeakKeyDictionary[psycopg.Connection, Cursor] = weakref.WeakKeyDictionary()


def cursor_for(conn: psycopg.Connection) -> Cursor:
    """The connection's cursor, shared by the environments on it (as Odoo's env.cr is
    shared within a request): each new environment would otherwise make its own."""
    cursor = _cursors.get(conn)
    if cursor is None:
        cursor = _cursors[conn] = Cursor(conn)
    return cursor


def reset(conn: psycopg.Connection) -> None:
    """The transaction on `conn` was rolled back: nothing deferred or cached stays."""
    _deferred.pop(conn, None)
    forget(conn)


class Cursor:
    """Client-side parameter binding, so `%s` placeholders behave as under psycopg2."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.connection = conn
        self._cursor = psycopg.ClientCursor(conn)
        self._cursor.adapters.register_dumper(tuple, _TupleDumper)
        self._savepoints = 0
        self._cache = cache_of(conn)

    @property
    def cache(self) -> Cache:
        """The record cache (see cache.py). Statements through this cursor empty it when
        the transaction it was filled in has ended; whoever ends one directly calls reset()."""
        return self._cache

    def execute(self, query: str | sql.Composable, params: Any = None) -> None:
        if not isinstance(query, (str, bytes, sql.Composable)):
            raise RuntimeMissing(f"cr.execute() of a {type(query).__name__} query")
        text = query.as_bytes(self._cursor) if isinstance(query, sql.Composable) else query
        self._cache.before(self.connection, text)
        self._send(text, params)

    def defer(self, statement: bytes) -> None:
        """Run `statement`, which returns nothing, in front of the next one."""
        self._cache.before(self.connection, statement)
        _deferred.setdefault(self.connection, []).append(statement)

    def _send(self, query: bytes | str, params: Any) -> None:
        pending = _deferred.pop(self.connection, None)
        if not pending:
            self._cursor.execute(query, params)
            return
        if isinstance(query, str):
            query = query.encode(self.connection.info.encoding)
        self._cursor.execute(b"; ".join([*pending, query]), params)
        for _ in pending:  # the cursor stands on the first statement's result
            self._cursor.nextset()

    def as_bytes(self, query: sql.Composable) -> bytes:
        return query.as_bytes(self._cursor)

    def write_rows(self, query: bytes | sql.Composable, params: Any, table: str, ids: Any = None) -> None:
        """A statement of the ORM's that changes rows `ids` of `table` and nothing else
        (every row when None, none when the caller updates the cached rows itself): those
        rows and the values derived from the table leave the cache."""
        self._cache.in_transaction(self.connection)
        self._cache.changed(table, ids)
        self._send(query if isinstance(query, bytes) else self.as_bytes(query), params)

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall()

    def fetchmany(self, size: int | None = None) -> list[tuple]:
        return self._cursor.fetchmany(size) if size else self._cursor.fetchmany()

    def dictfetchone(self) -> dict | None:
        row = self._cursor.fetchone()
        return None if row is None else dict(zip(self._columns(), row))

    def dictfetchall(self) -> list[dict]:
        columns = self._columns()
        return [dict(zip(columns, row)) for row in self._cursor.fetchall()]

    def _columns(self) -> list[str]:
        return [column.name for column in self._cursor.description or ()]

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description

    @contextmanager
    def savepoint(self, flush: bool = True) -> Iterator[None]:
        """Roll back what the block did if it raises, like Odoo's cr.savepoint()."""
        self._savepoints += 1
        name = sql.Identifier(f"replay_sp_{self._savepoints}")
        self.defer(self.as_bytes(sql.SQL("SAVEPOINT {}").format(name)))
        try:
            yield
        except BaseException:
            self.execute(sql.SQL("ROLLBACK TO SAVEPOINT {}").format(name))
            raise
        self.defer(self.as_bytes(sql.SQL("RELEASE SAVEPOINT {}").format(name)))

    def flush(self) -> None:
        """Nothing to flush: the runtime writes through to the database at once."""

    def commit(self) -> None:
        # the replay is one transaction that both runs start from; a commit would leak state
        raise RuntimeMissing("cr.commit()")

    def rollback(self) -> None:
        raise RuntimeMissing("cr.rollback()")
