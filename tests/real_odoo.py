"""A real Odoo for the tests marked `real_odoo`, found through the environment.

MIGRATOR_ODOO_<series> (MIGRATOR_ODOO_18_0, ...) names an Odoo source tree of that series (the
folder holding odoo-bin); MIGRATOR_ODOO_PYTHON_<series> its interpreter, else a virtualenv
inside the tree or beside it (venv/, .venv/). Without the variable the test is skipped, with
that reason. The database runs on the test's embedded PostgreSQL, under a role `odoo` (Odoo
refuses to run as `postgres`), in a database the test harness created and drops.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
import xmlrpc.client
import zipfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

ODOO_ROLE = "odoo"


def env_name(series: str, what: str = "") -> str:
    return f"MIGRATOR_ODOO_{what}{series.replace('.', '_')}"


@dataclass(frozen=True)
class OdooTree:
    series: str
    src: Path
    python: Path

    def addons_path(self, *extra: Path) -> str:
        return ",".join(str(p) for p in (self.src / "addons", self.src / "odoo" / "addons", *extra))


def odoo_tree(series: str) -> OdooTree:
    """The Odoo tree of `series` the environment names; skips the test when there is none."""
    value = os.environ.get(env_name(series))
    if not value:
        pytest.skip(f"real Odoo {series}: set {env_name(series)} to an Odoo {series} source tree")
    src = Path(value).expanduser()
    if not (src / "odoo-bin").is_file():
        pytest.skip(f"real Odoo {series}: {env_name(series)}={value} holds no odoo-bin")
    given = os.environ.get(env_name(series, "PYTHON_"))
    candidates = [Path(given)] if given else [src / d / "bin" / "python" for d in ("venv", ".venv")] + [
        src.parent / d / "bin" / "python" for d in ("venv", ".venv")]
    python = next((p for p in candidates if p.is_file()), None)
    if python is None:
        pytest.skip(f"real Odoo {series}: no interpreter for {src}: set {env_name(series, 'PYTHON_')}")
    return OdooTree(series, src, python)


def needs_odoo(series: str) -> list:
    """The marks of a test that runs on a real Odoo of `series` (skipped without one)."""
    return [pytest.mark.real_odoo,
            pytest.mark.skipif(not os.environ.get(env_name(series)),
                               reason=f"real Odoo {series}: set {env_name(series)} to an Odoo {series} source tree")]


def ensure_role(admin_dsn: str) -> dict[str, str]:
    """Odoo's connection options for the server of `admin_dsn`, as the superuser role `odoo`."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ODOO_ROLE,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {ODOO_ROLE} SUPERUSER LOGIN")
    info = conninfo_to_dict(admin_dsn)
    options = {"--db_user": ODOO_ROLE, "--db_host": str(info.get("host") or "")}
    if info.get("port"):
        options["--db_port"] = str(info["port"])
    return options


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OdooServer:
    """`odoo-bin` serving database `db` on 127.0.0.1, after installing `install` in it."""

    def __init__(self, tree: OdooTree, admin_dsn: str, db: str, install: list[str], extra_addons: list[Path]):
        self.tree = tree
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(tempfile.mkdtemp(prefix=f"migrator-odoo-{tree.series}-"))
        self.log = self.workdir / "odoo.log"
        self.command = [str(tree.python), str(tree.src / "odoo-bin")]
        self.options = [f"--addons-path={tree.addons_path(*extra_addons)}",
                        f"--data-dir={self.workdir / 'data'}", f"--logfile={self.log}",
                        *(f"{k}={v}" for k, v in ensure_role(admin_dsn).items())]
        self.install = install
        self.process: subprocess.Popen | None = None

    def init(self, db: str, modules: list[str]) -> None:
        """Install `modules` (and base) in `db`, without demo data."""
        self.run("-i", ",".join(modules), "--without-demo=all", "--stop-after-init", db=db, timeout=900)

    def __enter__(self) -> OdooServer:
        self.init(self.db, self.install)
        self.process = subprocess.Popen(
            [*self.command, *self.options, "-d", self.db, "--http-interface=127.0.0.1", f"--http-port={self.port}",
             "--workers=0", "--max-cron-threads=0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while True:
            try:
                xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common").version()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__(None, None, None)
                    raise RuntimeError(f"Odoo {self.tree.series} did not start; see {self.log}") from None
                time.sleep(0.5)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def run(self, *args: str, command: tuple[str, ...] = (), db: str | None = None, stdin: str | None = None,
            timeout: float = 300) -> str:
        """`odoo-bin [command] OPTIONS args` on the database (or `db`), once (e.g. command=("shell",))."""
        done = subprocess.run([*self.command, *command, *self.options, "-d", db or self.db, *args], input=stdin,
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"odoo-bin {' '.join(command + args)} failed ({done.returncode}); see {self.log}:\n"
                               f"{done.stderr[-2000:]}")
        return done.stdout

    def rpc(self, login: str = "admin", password: str = "admin", db: str | None = None):
        """An XML-RPC caller as `login` on the database (or `db`): rpc(model, method, *args, **kwargs)."""
        db = db or self.db
        uid = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common").authenticate(db, login, password, {})
        objects = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object", allow_none=True)
        return lambda model, method, *args, **kwargs: objects.execute_kw(db, uid, password, model, method,
                                                                           list(args), kwargs)


class OdooDatabase:
    """One database of a real Odoo on the test's PostgreSQL, driven by `odoo-bin` (install,
    shell), dropped by `drop()`."""

    def __init__(self, series: str, addons: list[Path], admin_dsn: str) -> None:
        self.tree = odoo_tree(series)
        self.series = series
        self.admin_dsn = admin_dsn
        self.name = f"migrator_test_{uuid.uuid4().hex[:10]}"
        self.common = [f"--addons-path={self.tree.addons_path(*addons)}", "-d", self.name, "--log-level=warn",
                       *(f"{k}={v}" for k, v in ensure_role(admin_dsn).items())]

    def _run(self, args: list[str], stdin: str | None = None) -> str:
        command = [str(self.tree.python), str(self.tree.src / "odoo-bin"), *args]
        run = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=1800)
        if run.returncode != 0 or "Traceback" in run.stderr:
            raise AssertionError(f"odoo-bin {' '.join(args[:1])} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        return run.stdout

    def install(self, modules: list[str]) -> None:
        self._run([*self.common, "-i", ",".join(modules), "--stop-after-init", "--without-demo=all",
                   "--workers=0", "--no-http"])

    def update(self, modules: list[str]) -> None:
        """`odoo-bin -u`: the modules' code and data read again from the addons path."""
        self._run([*self.common, "-u", ",".join(modules), "--stop-after-init", "--workers=0", "--no-http"])

    def uninstall(self, module: str) -> None:
        """Uninstall `module` as the Apps menu does."""
        self.shell(f"env['ir.module.module'].search([('name', '=', {module!r})]).button_immediate_uninstall()\n"
                   "env.cr.commit()\n")

    def shell(self, code: str) -> str:
        """Run `code` in `odoo-bin shell` (`env` is the superuser's); what it prints."""
        return self._run(["shell", *self.common, "--no-http"], stdin=code)

    def drop(self) -> None:
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def import_zip(self, zip_path: Path) -> str:
        """Import a data module through base_import_module's wizard; the module's state."""
        return self.shell(
            "import base64\n"
            f"wizard = env['base.import.module'].create({{'module_file': base64.b64encode(open({str(zip_path)!r}, 'rb').read())}})\n"
            "wizard.import_module()\n"
            "env.cr.commit()\n")


def converted_zip(conversion, folder: Path) -> Path:
    """Write the data module of `conversion` under `folder` (checked) and zip it as Odoo's import
    wants it: the module's folder at the archive's root."""
    from migrator.generate import write_module

    assert write_module(conversion, folder / "out") == []
    archive = folder / f"{conversion.name}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((folder / "out" / conversion.name).rglob("*")):
            zf.write(path, path.relative_to(folder / "out"))
    return archive


def printed(output: str, *tags: str) -> list[str]:
    """The lines of `odoo-bin shell` output that start with one of `tags`."""
    return [line for line in output.splitlines() if line.split(" ", 1)[0] in tags]


def series_params(cases: dict[str, tuple]) -> list:
    """`pytest.param(name, series)` for each case `name -> (series, ...)`, marked to need that
    series' Odoo, with the id `name-series`."""
    return [pytest.param(name, series, marks=needs_odoo(series), id=f"{name}-{series}")
            for name, (series, *_) in cases.items()]
