"""A real Odoo of one series for tests marked `real_odoo`: databases created with modules
installed, Python run in `odoo-bin shell`, databases dropped afterwards.

`MIGRATOR_ODOO_<series>` (`MIGRATOR_ODOO_18_0`) names a folder with the series' source tree in
`src/` and its virtualenv in `venv/`; `MIGRATOR_ODOO_DB_HOST` and `MIGRATOR_ODOO_DB_USER` the
PostgreSQL it uses (default: the toolkit's embedded server's socket folder, role `odoo`).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from platformdirs import user_cache_dir


def odoo_home(series: str) -> Path | None:
    value = os.environ.get(f"MIGRATOR_ODOO_{series.replace('.', '_')}")
    return Path(value) if value else None


def needs_odoo(series: str):
    """The marks of a test that runs on a real Odoo of `series`."""
    home = odoo_home(series)
    return [pytest.mark.real_odoo,
            pytest.mark.skipif(home is None, reason=f"no real Odoo {series}: set MIGRATOR_ODOO_{series.replace('.', '_')}")]


class OdooDatabase:
    """One database of a real Odoo, dropped by `drop()`."""

    def __init__(self, series: str, addons: list[Path]) -> None:
        home = odoo_home(series)
        assert home is not None
        self.series, self.home = series, home
        self.name = f"migrator_test_{uuid.uuid4().hex[:10]}"
        paths = [home / "src" / "addons", home / "src" / "odoo" / "addons", *addons]
        self.host = os.environ.get("MIGRATOR_ODOO_DB_HOST") or str(Path(user_cache_dir("odoo-migrator")) / "pg")
        self.user = os.environ.get("MIGRATOR_ODOO_DB_USER", "odoo")
        self.common = [f"--addons-path={','.join(str(p) for p in paths)}", "-d", self.name,
                       f"--db_host={self.host}", f"--db_user={self.user}", "--log-level=warn"]

    def _run(self, args: list[str], stdin: str | None = None) -> str:
        command = [str(self.home / "venv" / "bin" / "python"), str(self.home / "src" / "odoo-bin"), *args]
        run = subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=1800)
        if run.returncode != 0 or "Traceback" in run.stderr:
            raise AssertionError(f"odoo-bin {' '.join(args[:1])} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        return run.stdout

    def install(self, modules: list[str]) -> None:
        self._run([*self.common, "-i", ",".join(modules), "--stop-after-init", "--without-demo=all",
                   "--workers=0", "--no-http"])

    def shell(self, code: str) -> str:
        """Run `code` in `odoo-bin shell` (`env` is the superuser's); what it prints."""
        return self._run(["shell", *self.common, "--no-http"], stdin=code)

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(host=self.host, user=self.user, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def import_zip(self, zip_path: Path) -> str:
        """Import a data module through base_import_module's wizard; the module's state."""
        return self.shell(
            "import base64\n"
            f"wizard = env['base.import.module'].create({{'module_file': base64.b64encode(open({str(zip_path)!r}, 'rb').read())}})\n"
            "wizard.import_module()\n"
            "env.cr.commit()\n")
