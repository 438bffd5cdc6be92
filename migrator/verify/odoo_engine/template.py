"""Real Odoo's template database: the addon's dependencies installed, no demo data, kept
between runs under a name derived from a fingerprint of the Odoo tree, the series and the
modules (their files' sizes and times: a changed tree or dependency gets a new template).

Odoo refuses to run as `postgres`: its databases belong to a role of the engine's own,
`migrator_odoo` (LOGIN CREATEDB, no superuser), made when the server's role may, else the
role of the DSN given.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from platformdirs import user_cache_dir
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from migrator.errors import UsageError
from migrator.pg import TEMPLATE_PREFIX, Harness
from migrator.runtime.manifest import read_manifest
from migrator.verify.odoo_engine.locate import OdooInstall
from migrator.verify.odoo_engine.process import DriverError, run_once

ROLE = "migrator_odoo"
BUILD_TIMEOUT = 1800.0  # seconds: installing business apps takes minutes on a slow machine
SOURCES = (".py", ".xml", ".csv", ".sql", ".po", ".pot")


@dataclass(frozen=True)
class Connection:
    """How Odoo connects (its db_* options) and as which role its databases are owned."""

    role: str
    host: str | None
    port: str | None
    password: str | None

    def options(self) -> dict[str, str | None]:
        return {"db_host": self.host, "db_port": self.port, "db_user": self.role, "db_password": self.password}


def odoo_connection(admin_dsn: str) -> Connection:
    """The role Odoo runs as on the server of `admin_dsn`."""
    params = conninfo_to_dict(admin_dsn)
    user = params.get("user") or os.environ.get("PGUSER") or "postgres"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        may = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()
        if may and may[0]:
            host = params.get("host") or ""
            password = _role_password() if host and not host.startswith("/") else None  # a socket trusts
            _ensure_role(conn, password)
            return Connection(ROLE, params.get("host"), params.get("port"), password)
    if user == "postgres":
        raise UsageError("Odoo refuses to run as the postgres role, and it may not create a role of its own: "
                         "give --dsn with a role that has CREATEDB (docs/verify-database.md)")
    return Connection(user, params.get("host"), params.get("port"), params.get("password"))


def _ensure_role(conn: psycopg.Connection, password: str | None) -> None:
    """The role, able to log in and create databases, not a superuser, with `password`.
    Verifies running at once on one server each do this: a role already right is left alone,
    and a statement losing the race to another's (`tuple concurrently updated`, a role just
    made) is tried again on what the other left."""
    for attempt in range(10):
        try:
            found = conn.execute("SELECT rolcanlogin AND rolcreatedb AND NOT rolsuper FROM pg_roles "
                                 "WHERE rolname = %s", (ROLE,)).fetchone()
            if found and found[0] and password is None:
                return
            statement = "ALTER ROLE {} LOGIN CREATEDB NOSUPERUSER" if found else "CREATE ROLE {} LOGIN CREATEDB"
            conn.execute(sql.SQL(statement).format(sql.Identifier(ROLE))
                         + (sql.SQL(" PASSWORD {}").format(sql.Literal(password)) if password else sql.SQL("")))
            return
        except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation, psycopg.errors.InternalError_) as exc:
            if (isinstance(exc, psycopg.errors.InternalError_) and "concurrently" not in str(exc)) or attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))


def _role_password() -> str:
    """The engine role's password on a server reached over TCP, kept in the user's cache."""
    path = Path(user_cache_dir("odoo-migrator")) / "odoo-role-password"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(24))
    return path.read_text().strip()


def data_dir() -> Path:
    """Odoo's data folder for the engine's databases (their filestores)."""
    return Path(user_cache_dir("odoo-migrator")) / "odoo-data"


def filestore(database: str) -> Path:
    return data_dir() / "filestore" / database


def closure(modules: list[str], folders: list[Path]) -> dict[str, Path]:
    """Each module and what it depends on, found on the addons path (base always)."""
    found: dict[str, Path] = {}
    todo = ["base", *modules]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        folder = next((f / name for f in folders if (f / name / "__manifest__.py").is_file()), None)
        if folder is None:
            raise UsageError(f"the module {name} is not on the addons path ({', '.join(map(str, folders))}): "
                             "give its folder with --addons-path")
        found[name] = folder
        todo += [str(dep) for dep in read_manifest(folder).get("depends", [])]
    return found


def fingerprint(odoo: OdooInstall, modules: list[str], folders: list[Path]) -> str:
    """The tree's core files, the modules installed (and their files), the series."""
    digest = hashlib.sha256(json.dumps([str(odoo.root), odoo.series, sorted(modules)]).encode())
    for name, folder in sorted(closure(modules, folders).items()):
        digest.update(f"{name}={folder}".encode())
        _stamp(digest, folder)
    _stamp(digest, odoo.package, skip=odoo.package / "addons")
    return digest.hexdigest()


def _stamp(digest: hashlib._Hash, folder: Path, skip: Path | None = None) -> None:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and Path(root, d) != skip)
        for name in sorted(files):
            if name.endswith(SOURCES):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{os.path.relpath(os.path.join(root, name), folder)}:{stat.st_size}:{stat.st_mtime_ns}"
                              .encode())


def ensure_template(harness: Harness, odoo: OdooInstall, connection: Connection, modules: list[str],
                    work: Path) -> str:
    """The kept template database for these modules, built first when there is none."""
    folders = [*odoo.addons_path, *odoo.core_addons()]
    key = fingerprint(odoo, modules, folders)
    name = f"{TEMPLATE_PREFIX}{odoo.series.replace('.', '_')}_{key[:16]}"
    if harness.kept_key(name) == key:
        return name
    building = harness.create_database(owner=connection.role)
    config = {"odoo_root": str(odoo.root), "addons_path": [str(f) for f in folders], "data_dir": str(data_dir()),
              "database": building, "modules": sorted(modules), **connection.options()}
    try:
        run_once(odoo.python, work, "template", "init", config, BUILD_TIMEOUT)
    except DriverError as exc:
        harness.drop(building)
        shutil.rmtree(filestore(building), ignore_errors=True)
        raise UsageError(f"cannot build Odoo {odoo.series}'s template database with {', '.join(sorted(modules))}: "
                         f"{exc}") from None
    if harness.keep_as(building, name, key):
        if filestore(building).is_dir():
            shutil.rmtree(filestore(name), ignore_errors=True)
            filestore(building).rename(filestore(name))
    else:
        shutil.rmtree(filestore(building), ignore_errors=True)
    return name


def copy_of(harness: Harness, template: str, connection: Connection) -> str:
    """A run's database: the template cloned, with its filestore."""
    name = harness.create_from_template(template, owner=connection.role)
    if filestore(template).is_dir():
        shutil.copytree(filestore(template), filestore(name))
    return name
