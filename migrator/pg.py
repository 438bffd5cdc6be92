"""PostgreSQL for the replay harness: the embedded server, and databases the harness owns.

Safety rule: the harness only ever drops, clones or connects to databases it created
itself. Those carry the name prefix `migrator_replay_` AND a comment naming the token
of the Harness that created them; anything else is refused with a UsageError.

Template databases kept between runs (real Odoo's, with the dependencies installed) are the
one exception: named `migrator_template_...` and commented with the key they were built for,
a later run clones them, never opens or drops them.
"""

from __future__ import annotations

import os
import secrets
import warnings
from pathlib import Path
from types import TracebackType

import psycopg
from platformdirs import user_cache_dir
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from migrator.errors import UsageError

PREFIX = "migrator_replay_"
TEMPLATE_PREFIX = "migrator_template_"
MARKER = "created by migrator "

# pgserver handles, by data directory, kept alive for the life of the process.
_servers: dict[Path, object] = {}


def embedded_dsn(data_dir: str | None = None) -> str:
    """Start (or reuse) the embedded PostgreSQL server and return an admin DSN.

    Data lives under `data_dir`, else $MIGRATOR_PGDATA, else the user cache dir.
    The server is stopped at interpreter exit only if this process started it;
    a server that was already running is left running.
    """
    path = Path(data_dir or os.environ.get("MIGRATOR_PGDATA")
                or Path(user_cache_dir("odoo-migrator")) / "pg").expanduser().resolve()
    server = _servers.get(path)
    if server is None:
        with warnings.catch_warnings():
            # platformdirs warns about XDG_RUNTIME_DIR when pgserver is imported
            warnings.simplefilter("ignore")
            import pgserver
            from pgserver.utils import PostmasterInfo
        path.parent.mkdir(parents=True, exist_ok=True)
        info = PostmasterInfo.read_from_pgdata(path) if path.exists() else None
        already_running = info is not None and info.is_running()
        # 'stop' stops the server when the last process holding it exits
        server = pgserver.get_server(path, cleanup_mode=None if already_running else "stop")
        _servers[path] = server
    return server.get_uri()  # type: ignore[attr-defined]


def resolve_dsn(dsn: str | None) -> str:
    """The DSN to use: the one given, else $MIGRATOR_DSN, else the embedded server."""
    return dsn or os.environ.get("MIGRATOR_DSN") or embedded_dsn()


def dsn_for(dsn: str, dbname: str) -> str:
    """The same server and credentials as `dsn`, on database `dbname`."""
    return make_conninfo(**{**conninfo_to_dict(dsn), "dbname": dbname})


class Harness:
    """Creates throw-away databases on one server and drops them again."""

    def __init__(self, dsn: str, keep: bool = False) -> None:
        self.dsn = dsn
        self.keep = keep
        self.token = secrets.token_hex(8)
        self.created: list[str] = []

    # ---------------------------------------------------------------- lifecycle

    def __enter__(self) -> Harness:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self.keep:
            self.drop_all()

    # --------------------------------------------------------------- operations

    def create_database(self, owner: str | None = None) -> str:
        """A new empty UTF-8 database with Odoo's 'C' collation (owned by `owner`)."""
        name = self._new_name()
        self._admin(sql.SQL(
            "CREATE DATABASE {} ENCODING 'UTF8' LC_COLLATE 'C' TEMPLATE template0{}"
        ).format(sql.Identifier(name), _owner(owner)))
        self._mark(name)
        return name

    def create_from_template(self, template: str, owner: str | None = None) -> str:
        """A copy of `template`, which must be one of this harness's databases, or a kept
        template (`keep_as`)."""
        if not template.startswith(TEMPLATE_PREFIX):
            self._check_owned(template, "clone")
        elif self.kept_key(template) is None:
            raise UsageError(f"refusing to clone database {template!r}: it is not a template migrator kept")
        name = self._new_name()
        self._admin(sql.SQL("CREATE DATABASE {} TEMPLATE {}{}").format(
            sql.Identifier(name), sql.Identifier(template), _owner(owner)))
        self._mark(name)
        return name

    def keep_as(self, name: str, template: str, key: str) -> bool:
        """Turn this run's database `name` into the kept template `template`, built for
        `key`; False (and `name` dropped) when another run kept it first."""
        self._check_owned(name, "keep")
        if not template.startswith(TEMPLATE_PREFIX):
            raise UsageError(f"a kept template's name starts with {TEMPLATE_PREFIX}")
        try:
            self._admin(sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(name),
                                                                        sql.Identifier(template)))
        except psycopg.errors.DuplicateDatabase:
            self.drop(name)
            return False
        self.created.remove(name)
        self._admin(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(template), sql.Literal(f"{MARKER}template {key}")))
        return True

    def kept_key(self, template: str) -> str | None:
        """The key a kept template was built for; None when `template` is not one."""
        with _connect(self.dsn, True) as conn:
            row = conn.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                (template,)).fetchone()
        head = f"{MARKER}template "
        return row[0][len(head):] if row and row[0] and row[0].startswith(head) else None

    def connect(self, name: str, autocommit: bool = False) -> psycopg.Connection:
        self._check_owned(name, "connect to")
        return _connect(dsn_for(self.dsn, name), autocommit)

    def drop(self, name: str) -> None:
        self._check_owned(name, "drop")
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self.created.remove(name)

    def drop_all(self) -> None:
        for name in list(self.created):
            self.drop(name)

    # ------------------------------------------------------------------ helpers

    def _new_name(self) -> str:
        return PREFIX + secrets.token_hex(6)

    def _mark(self, name: str) -> None:
        self.created.append(name)
        self._admin(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(name), sql.Literal(MARKER + self.token)))

    def _check_owned(self, name: str, action: str) -> None:
        """Refuse any database this harness did not create, checked on the server too."""
        refused = UsageError(f"refusing to {action} database {name!r}: it was not created by this run")
        if not name.startswith(PREFIX) or name not in self.created:
            raise refused
        with _connect(self.dsn, True) as conn:
            row = conn.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                (name,),
            ).fetchone()
        if row is None or row[0] != MARKER + self.token:
            raise refused

    def _admin(self, statement: sql.Composable) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction
        with _connect(self.dsn, True) as conn:
            conn.execute(statement)


def _owner(role: str | None) -> sql.Composable:
    return sql.SQL(" OWNER {}").format(sql.Identifier(role)) if role else sql.SQL("")


def _connect(dsn: str, autocommit: bool) -> psycopg.Connection:
    try:
        return psycopg.connect(dsn, autocommit=autocommit)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot connect to PostgreSQL: {reason}") from None
