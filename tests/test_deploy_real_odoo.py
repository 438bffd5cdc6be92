"""`migrator deploy` against a real Odoo server started on 127.0.0.1, per series.

Each series runs when MIGRATOR_ODOO_<series> names an Odoo tree (tests/real_odoo.py), else
it is skipped with that reason. The database has base_import_module, base_automation and the
addon's dependencies installed; the data module is `migrator convert` of a corpus addon of the
series, and that addon is on the server's addons path for the refusal while it is installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.deploy.credentials import PASSWORD_ENV
from migrator.pg import Harness
from migrator.series import SUPPORTED_SERIES
from real_odoo import OdooServer, odoo_tree

pytestmark = pytest.mark.real_odoo

ROOT = Path(__file__).resolve().parents[1]
# A corpus addon of each series, on the server's addons path so its original can be installed.
ADDON = {"16.0": "acme_crm_lead_deadline_default", "17.0": "acme_crm_won_kickoff_activity",
         "18.0": "tecnova_crm_closing_reminder", "19.0": "tecnova_sale_cancel_reset"}
DEPENDS = {"16.0": ["crm"], "17.0": ["crm"], "18.0": ["crm"], "19.0": ["sale"]}
runner = CliRunner()


class Site:
    def __init__(self, series: str, server: OdooServer, harness: Harness, workdir: Path):
        self.series, self.server, self.harness, self.workdir = series, server, harness, workdir
        self.addon = ADDON[series]
        self.module = convert(self.addon, series, workdir / "out")
        self.rpc = server.rpc()

    def deploy(self, *args: str, module: Path | None = None, password: str = "admin", login: str = "admin",
               db: str | None = None):
        return runner.invoke(app, ["deploy", str(module or self.module), "--url", self.server.url,
                                   "--db", db or self.server.db, "--login", login, *args],
                             env={PASSWORD_ENV: password})

    def module_row(self, name: str) -> dict | None:
        rows = self.rpc("ir.module.module", "search_read", [("name", "=", name)], fields=["state", "imported"])
        return rows[0] if rows else None

    def xmlids(self) -> dict[str, dict]:
        rows = self.rpc("ir.model.data", "search_read", [("module", "=", self.module.name)],
                        fields=["name", "model", "res_id"])
        return {row["name"]: row for row in rows}


def convert(addon: str, series: str, output: Path) -> Path:
    result = runner.invoke(app, ["convert", str(ROOT / "corpus" / addon), "--series", series, "--output", str(output)])
    assert result.exit_code == 0, result.output
    return output / f"{addon}_actions"


@pytest.fixture(scope="module", params=SUPPORTED_SERIES)
def site(request, pg_dsn, tmp_path_factory):
    series = request.param
    tree = odoo_tree(series)
    workdir = tmp_path_factory.mktemp(f"deploy-{series}")
    extra = workdir / "addons"
    shutil.copytree(ROOT / "corpus" / ADDON[series], extra / ADDON[series])
    with Harness(pg_dsn) as harness:
        db = harness.create_database()
        with OdooServer(tree, pg_dsn, db, ["base_import_module", "base_automation", *DEPENDS[series]],
                        [extra]) as server:
            yield Site(series, server, harness, workdir)


def _records(path: Path) -> dict[str, str]:
    """xml id -> model of the records in the data module's files, read with the standard library."""
    import xml.etree.ElementTree as ET

    out = {}
    for xml in sorted((path / "data").glob("*.xml")):
        for record in ET.parse(xml).getroot().iter("record"):
            out[record.get("id")] = record.get("model")
    return out


def test_dry_run_deploy_and_refusal_while_the_original_is_installed(site):
    records = _records(site.module)
    assert records

    dry = site.deploy("--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "module: not in the database: imported as a new module" in dry.output
    for model in set(records.values()):
        count = list(records.values()).count(model)
        assert f"  {model}: {count} new" in dry.output
    assert "dry run: nothing imported" in dry.output
    assert site.module_row(site.module.name) is None  # the dry run imported nothing

    done = site.deploy()
    assert done.exit_code == 0, done.output
    assert f"imported {site.module.name} into {site.server.db}" in done.output
    assert site.module_row(site.module.name) == {"id": site.module_row(site.module.name)["id"],
                                                 "state": "installed", "imported": True}
    there = site.xmlids()
    assert {name: there[name]["model"] for name in records} == records
    for name, model in records.items():
        assert site.rpc(model, "search_count", [("id", "=", there[name]["res_id"])]) == 1

    again = site.deploy("--dry-run")
    assert again.exit_code == 0, again.output
    assert "module: already in the database (installed): imported again, in update mode" in again.output
    assert " new" not in again.output.split("replaces:")[1]  # every record is there already

    [original] = site.rpc("ir.module.module", "search", [("name", "=", site.addon)])
    site.rpc("ir.module.module", "button_immediate_install", [original])
    assert site.module_row(site.addon)["state"] == "installed"
    refused = site.deploy()
    assert refused.exit_code == 1
    assert f"refused: {site.addon} is" in refused.output and "installed in database" in refused.output
    assert "Traceback" not in refused.output
    forced = site.deploy("--force")
    assert forced.exit_code == 0, forced.output


def test_bad_password_is_one_line(site):
    result = site.deploy(password="not-the-password")
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: {site.server.url}, database {site.server.db}: login 'admin' refused "
                                     "(wrong login, password or API key)")


def test_a_user_who_is_not_administrator_is_refused(site):
    site.rpc("res.users", "create", {"name": "Clerk", "login": "clerk", "password": "clerk-pass-1"})
    result = site.deploy(login="clerk", password="clerk-pass-1")
    assert result.exit_code == 1
    assert "refused: clerk is not an administrator of database" in result.output


def test_unknown_dependencies_are_named(site):
    module = convert("acme_sale_auto_confirm_mail", site.series, site.workdir / "unknown")
    result = site.deploy(module=module)
    assert result.exit_code == 1
    assert (f"refused: unknown dependencies in database {site.server.db}: acme_base_dependencies"
            in result.output.replace("\n", " "))


def test_a_database_without_base_import_module_is_said(site):
    bare = site.harness.create_database()
    site.server.init(bare, ["base"])
    rpc = site.server.rpc(db=bare)
    rpc("ir.module.module", "button_immediate_uninstall",  # 17+ install it with base (auto_install)
        rpc("ir.module.module", "search", [("name", "=", "base_import_module"), ("state", "=", "installed")]))
    result = site.deploy("--dry-run", db=bare)
    assert result.exit_code == 1
    assert f"refused: base_import_module is not installed in database {bare}" in result.output


_NEW_KEY = """
import inspect
keys = env['res.users.apikeys'].with_user(env.ref('base.user_admin'))
args = (None, 'migrator deploy test') + ((None,) if 'expiration_date' in inspect.signature(keys._generate).parameters else ())
print('KEY=' + keys._generate(*args))
env.cr.commit()
"""


def test_an_api_key_imports_through_the_wizard(site):
    output = site.server.run("--no-http", command=("shell",), stdin=_NEW_KEY)
    key = next(line[4:] for line in output.splitlines() if line.startswith("KEY="))
    result = site.deploy("--force", password=key)  # --force: the original may be installed by now
    assert result.exit_code == 0, result.output
    assert "importing through the Import Module wizard over XML-RPC" in result.output
    assert site.module_row(site.module.name)["state"] == "installed"
