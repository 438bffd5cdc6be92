"""The `odoo` engine's parts that need no Odoo: finding the installation (flag, environment,
pyproject.toml), the dependency closure and the template's fingerprint, kept templates on the
server, the scenario as the driver reads it, the driver's shared files (standard library
only), and the command line's refusals. Replays in real Odoo: tests/test_real_odoo.py."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.errors import UsageError
from migrator.pg import TEMPLATE_PREFIX, Harness
from migrator.verify.odoo_engine.locate import Wanted, env_name, locate
from migrator.verify.odoo_engine.process import DRIVER
from migrator.verify.odoo_engine.runs import scenario_data
from migrator.verify.odoo_engine.template import closure, fingerprint
from migrator.verify.scenario import Record, Scenario, Step

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def fake_odoo(root: Path, major: int = 18, venv: bool = True) -> Path:
    """A folder shaped like an Odoo source tree: odoo/release.py, addons/, a virtualenv beside it."""
    package = root / "src" / "odoo"
    (package / "addons" / "base").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "release.py").write_text(f"FINAL = 'final'\nversion_info = ({major}, 0, 0, FINAL, 0, '')\n")
    (package / "addons" / "base" / "__manifest__.py").write_text("{'name': 'Base', 'depends': []}")
    if venv:
        python = root / "venv" / "bin" / "python"
        python.parent.mkdir(parents=True)
        python.write_text("#!/bin/sh\n")
        python.chmod(0o755)
    return root / "src"


def module(folder: Path, name: str, depends: list[str]) -> Path:
    (folder / name).mkdir(parents=True)
    (folder / name / "__manifest__.py").write_text(repr({"name": name, "depends": depends}))
    (folder / name / "models.py").write_text("# code\n")
    return folder / name


@pytest.fixture
def no_odoo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MIGRATOR_ODOO_"):
            monkeypatch.delenv(name)


def test_locate_by_flag_finds_the_virtualenv_beside_the_tree(tmp_path: Path, no_odoo_env: None) -> None:
    src = fake_odoo(tmp_path)
    found = locate("18.0", Wanted(src), cwd=tmp_path)
    assert found is not None
    assert (found.series, found.python, found.package, found.source) == (
        "18.0", tmp_path / "venv" / "bin" / "python", (src / "odoo").resolve(), "--odoo")
    assert found.core_addons() == [(src / "odoo" / "addons").resolve()]


def test_locate_by_environment_variable(tmp_path: Path, no_odoo_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    src = fake_odoo(tmp_path, 17)
    assert env_name("17.0") == "MIGRATOR_ODOO_17_0"
    monkeypatch.setenv("MIGRATOR_ODOO_17_0", str(src))
    other = tmp_path / "py"
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    monkeypatch.setenv(env_name("17.0", python=True), str(other))
    found = locate("17.0", Wanted(), cwd=tmp_path)
    assert found is not None and found.source == "MIGRATOR_ODOO_17_0" and found.python == other
    assert locate("18.0", Wanted(), cwd=tmp_path) is None  # only the series it names


def test_locate_by_pyproject_of_a_parent_folder(tmp_path: Path, no_odoo_env: None) -> None:
    fake_odoo(tmp_path / "odoo19", 19)
    (tmp_path / "deps").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.migrator.odoo."19.0"]\npath = "odoo19/src"\naddons_path = ["deps"]\n')
    inner = tmp_path / "project" / "addons"
    inner.mkdir(parents=True)
    found = locate("19.0", Wanted(), cwd=inner)
    assert found is not None and found.series == "19.0"
    assert found.addons_path == ((tmp_path / "deps").resolve(),)
    assert found.source == str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("setup, message", [
    ("other series", "this is Odoo 17.0, not 18.0 (--odoo)"),
    ("not odoo", "not an Odoo source tree or odoo package (no odoo/release.py)"),
    ("no python", "no Python to run it found; give --odoo-python"),
])
def test_locate_refuses_with_one_line(tmp_path: Path, no_odoo_env: None, monkeypatch: pytest.MonkeyPatch,
                                      setup: str, message: str) -> None:
    src = {"other series": lambda: fake_odoo(tmp_path, 17), "not odoo": lambda: tmp_path,
           "no python": lambda: fake_odoo(tmp_path, venv=False)}[setup]()
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # no python3 to fall back on
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        locate("18.0", Wanted(src), cwd=tmp_path)


def test_pyproject_entry_with_an_unknown_key_is_refused(tmp_path: Path, no_odoo_env: None) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.migrator.odoo."18.0"]\nroot = "x"\n')
    with pytest.raises(UsageError, match=r"pyproject.toml: \[tool.migrator.odoo.\"18.0\"\]: unknown key 'root'"):
        locate("18.0", Wanted(), cwd=tmp_path)


def test_closure_follows_depends_over_the_addons_path(tmp_path: Path) -> None:
    core, extra = tmp_path / "core", tmp_path / "extra"
    module(core, "base", [])
    module(core, "mail", ["base"])
    module(extra, "crm_extra", ["mail"])
    assert sorted(closure(["crm_extra"], [extra, core])) == ["base", "crm_extra", "mail"]
    with pytest.raises(UsageError, match="the module missing is not on the addons path .*--addons-path"):
        closure(["missing"], [core])


def test_fingerprint_changes_with_the_modules_and_their_files(tmp_path: Path, no_odoo_env: None) -> None:
    src = fake_odoo(tmp_path)
    odoo = locate("18.0", Wanted(src), cwd=tmp_path)
    assert odoo is not None
    extra = tmp_path / "extra"
    dep = module(extra, "dep", ["base"])
    folders = [extra, *odoo.core_addons()]
    first = fingerprint(odoo, ["dep"], folders)
    assert fingerprint(odoo, ["dep"], folders) == first
    assert fingerprint(odoo, ["base"], folders) != first
    time.sleep(0.01)
    (dep / "models.py").write_text("# changed code\n")
    assert fingerprint(odoo, ["dep"], folders) != first


def test_kept_template_is_cloned_by_a_later_run_never_opened(pg_dsn: str) -> None:
    key = "k" * 64
    name = f"{TEMPLATE_PREFIX}test_{os.getpid()}"
    with Harness(pg_dsn) as first:
        built = first.create_database()
        with first.connect(built, autocommit=True) as conn:
            conn.execute("CREATE TABLE t (id int)")
        assert first.keep_as(built, name, key)
        assert built not in first.created
    try:
        with Harness(pg_dsn) as later:
            assert later.kept_key(name) == key
            copy = later.create_from_template(name)
            with later.connect(copy) as conn:
                assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
            with pytest.raises(UsageError, match="not created by this run"):
                later.connect(name)
            with pytest.raises(UsageError, match="not created by this run"):
                later.drop(name)
            with pytest.raises(UsageError, match="not a template migrator kept"):
                later.create_from_template(f"{TEMPLATE_PREFIX}never_built")
            # a second build of the same template loses the race and is dropped
            again = later.create_database()
            assert not later.keep_as(again, name, key) and again not in later.created
    finally:
        import psycopg

        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_scenario_data_is_plain_json() -> None:
    scenario = Scenario("s", (Record("p", "res.partner", {"name": "P", "date": datetime.date(2025, 1, 2)}, "x.p"),),
                        (Step("create", "r", "crm.lead", {"date_deadline": datetime.date(2025, 3, 4)}),
                         Step("create", model="crm.lead", refs=("a", "b"), values_list=({"name": "A"}, {"name": "B"})),
                         Step("advance", delta={"days": 1})),
                        start=datetime.datetime(2025, 3, 3, 9, 0))
    data = json.loads(json.dumps(scenario_data(scenario)))
    assert data["start"] == "2025-03-03 09:00:00"
    assert data["records"][0] == {"ref": "p", "model": "res.partner", "values": {"name": "P", "date": "2025-01-02"},
                                  "xmlid": "x.p"}
    assert data["steps"][0]["values"] == {"date_deadline": "2025-03-04"} and data["steps"][0]["refs"] == []
    assert data["steps"][1]["refs"] == ["a", "b"] and data["steps"][2]["delta"] == {"days": 1}


def test_driver_shares_only_standard_library_files() -> None:
    """Odoo's Python runs the driver: what it loads from the toolkit must need nothing else
    (-S: no site-packages, -I: not this checkout on the path)."""
    code = (f"import runpy, sys; ns = runpy.run_path({str(DRIVER)!r}, run_name='driver');"
            "print(sorted(m for m in sys.modules if m.startswith('migrator')))")
    done = subprocess.run([sys.executable, "-S", "-I", "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['migrator', 'migrator.errors', 'migrator.verify', 'migrator.verify.collect', " \
                                  "'migrator.verify.values']"


@pytest.mark.parametrize("args, message", [
    (["--engine", "odoo"], "--engine odoo needs an Odoo 18.0: give --odoo PATH, set MIGRATOR_ODOO_18_0"),
    (["--engine", "real"], "unknown engine 'real'; choose embedded or odoo"),
    (["--odoo-python", sys.executable], "--odoo and --odoo-python are for --engine odoo"),
    (["--odoo", "/nonexistent/odoo"], "not an Odoo source tree or odoo package"),
])
def test_cli_engine_refusals(no_odoo_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)  # no pyproject.toml naming an Odoo
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "acme_crm_web_leads_opportunity"), "--series", "18.0",
                                   *args])
    assert out.exit_code == 2
    assert message in " ".join(out.output.split())
    assert "Traceback" not in out.output


def test_a_raw_reading_is_labelled_the_same_whichever_engine_read_it() -> None:
    """observe.normalise: what real Odoo's driver sends back (JSON) becomes the Observation the
    embedded engine makes: scenario records by name, xml ids, mail rows as sets, tokens in
    mail bodies masked (they differ in every run)."""
    from migrator.verify.observe import Scope, normalise

    schema = {
        "res.partner": {"table": "res_partner", "fields": {"name": {"type": "char", "store": True}}},
        "mail.mail": {"table": "mail_mail", "fields": {
            "body_html": {"type": "html", "store": True},
            "model": {"type": "char", "store": True},
            "res_id": {"type": "many2one_reference", "store": True, "model_field": "model"},
            "recipient_ids": {"type": "many2many", "store": True, "relation": "res.partner",
                              "relation_table": "mail_mail_res_partner_rel", "column1": "mail_mail_id",
                              "column2": "res_partner_id"}}},
    }
    base = {"xid": 5, "max_ids": {"res_partner": 3, "mail_mail": 0}, "counts": {}, "stats": {}}
    raw = {"rows": {"res.partner": [{"id": 3, "name": "Ann"}, {"id": 4, "name": "Bob"}],
                    "mail.mail": [{"id": 1, "model": "res.partner", "res_id": 4,
                                   "body_html": '<a href="/mail/view?access_token=abc&amp;hash=99">x</a>'}]},
           "deleted": {}, "inserted": {"mail.mail": 2}, "links": {"mail_mail_res_partner_rel|mail_mail_id|res_partner_id": [[1, 3]]},
           "xmlids": [["base", "partner_admin", "res.partner", 3]]}
    obs = normalise(raw, Scope(schema, ["mail.mail", "res.partner"], "addon"), base, {"bob": ("res.partner", 4)},
                    ["ok"])
    assert obs.records == {"res.partner": {"base.partner_admin": {"name": "Ann"}, "@bob": {"name": "Bob"}}}
    assert obs.mail == {"mail.mail": [{"body_html": '<a href="/mail/view?access_token=(token)&amp;hash=(token)">x</a>',
                                       "model": "res.partner", "res_id": "@bob",
                                       "recipient_ids": ["base.partner_admin"]}]}
    assert (obs.created, obs.written, obs.vanished) == ({"res.partner": 1, "mail.mail": 1}, {"res.partner": 1},
                                                        {"mail.mail": 1})
