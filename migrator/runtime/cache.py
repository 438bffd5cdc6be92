"""The record cache of a replay transaction, shared by every environment on one connection.

Column values are read a whole row at a time (and for the records iterated alongside, as
Odoo prefetches) and kept until something may have changed them: the ORM's own writes
name the table and rows they change; any other statement that is not a read (raw SQL in
the replayed code, a rollback to a savepoint, a delete with its cascades) empties the cache;
so does the end of the transaction. Reads therefore always see what the database holds,
as before there was a cache, with a fraction of the queries.

Besides rows, the cache keeps derived values (x2many ids, the automation rules of a model,
whether a table has rows) with the tables they were read from: a change to any of those drops
them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

# Statements that change no row: anything else empties the cache before it runs.
_READS = (b"SELECT", b"SAVEPOINT", b"RELEASE")


class Cache:
    def __init__(self) -> None:
        self.rows: dict[str, dict[int, dict[str, Any]]] = {}  # table -> id -> column -> value
        self._derived: dict[Hashable, Any] = {}
        self._readers: dict[str, set[Hashable]] = {}  # table -> keys of values read from it

    def clear(self) -> None:
        self.rows.clear()
        self._derived.clear()
        self._readers.clear()

    def table_rows(self, table: str) -> dict[int, dict[str, Any]]:
        rows = self.rows.get(table)
        if rows is None:
            rows = self.rows[table] = {}
        return rows

    def changed(self, table: str, ids: Iterable[int] | None = None) -> None:
        """Rows `ids` of `table` changed (all of them when None; none when created): drop
        them and every derived value read from the table."""
        rows = self.rows.get(table)
        if rows:
            if ids is None:
                rows.clear()
            else:
                for id_ in ids:
                    rows.pop(id_, None)
        for key in self._readers.pop(table, ()):
            self._derived.pop(key, None)

    def derived(self, key: Hashable, tables: Iterable[str], compute: Callable[[], Any]) -> Any:
        """The value under `key`, computed (from `tables`) when absent."""
        try:
            return self._derived[key]
        except KeyError:
            pass
        value = self._derived[key] = compute()
        for table in tables:
            self._readers.setdefault(table, set()).add(key)
        return value

    def in_transaction(self, conn: psycopg.Connection) -> None:
        """Called before a statement runs on `conn`: none open means the transaction this
        cache was filled in has ended (and may have been rolled back)."""
        if conn.pgconn.transaction_status == TransactionStatus.IDLE:
            self.clear()

    def before(self, conn: psycopg.Connection, query: bytes | str) -> None:
        """Called before `query` runs on `conn` outside the ORM's own writes."""
        self.in_transaction(conn)
        head = query.lstrip()[:9]
        if (head.upper() if isinstance(head, bytes) else head.upper().encode()).startswith(_READS):
            return
        self.clear()


_caches: weakref.WeakKeyDictionary[psycopg.Connection, Cache] = weakref.WeakKeyDictionary()


def cache_of(conn: psycopg.Connection) -> Cache:
    cache = _caches.get(conn)
    if cache is None:
        cache = _caches[conn] = Cache()
    return cache


def forget(conn: psycopg.Connection) -> None:
    """Statements ran on `conn` around the runtime (a rollback, a direct write)."""
    cache = _caches.get(conn)
    if cache is not None:
        cache.clear()
