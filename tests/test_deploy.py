"""`migrator deploy` without a server: the folder, the zip, the plan, the password, the errors.

The import itself, against real Odoo servers, is in tests/test_deploy_real_odoo.py.
"""

from __future__ import annotations

import http.server
import socket
import threading
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.deploy.archive import module_files, zipped
from migrator.deploy.credentials import PASSWORD_ENV, read_password
from migrator.deploy.data_module import read_data_module
from migrator.deploy.odoo_client import fault_text, normalize_url, refusal
from migrator.deploy.plan import Target, plan_deploy, plan_lines
from migrator.discover import discover
from migrator.errors import UsageError
from migrator.generate import convert_addon, default_name, write_module

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

RECORDS = """<odoo>
  <record id="action_note" model="ir.actions.server">
    <field name="name">Set note</field>
    <field name="model_id" ref="sale.model_sale_order"/>
    <field name="state">code</field>
    <field name="code">records.write({'note': 'checked'})</field>
  </record>
  <data noupdate="1">
    <record id="template_done" model="mail.template">
      <field name="name">Done</field>
      <field name="model_id" ref="sale.model_sale_order"/>
    </record>
  </data>
</odoo>
"""


def data_module(tmp_path: Path, *, version: str = "18.0.1.0.0", data: str = "'data/actions.xml'",
                xml: str = RECORDS, summary: str = "replacing acme_sale") -> Path:
    path = tmp_path / "acme_sale_actions"
    (path / "data").mkdir(parents=True)
    (path / "__manifest__.py").write_text(
        f"{{'name': 'Acme', 'summary': {summary!r}, 'version': {version!r},\n"
        f" 'depends': ['sale', 'mail'],\n 'data': [{data}]}}\n")
    (path / "data" / "actions.xml").write_text(xml)
    return path


def converted(tmp_path: Path, addon: str, series: str) -> Path:
    """The data module `migrator convert` writes for a corpus addon."""
    [found] = discover([str(ROOT / "corpus" / addon)], series=series)
    conversion = convert_addon(found, series, default_name(found))
    assert write_module(conversion, tmp_path) == []
    return tmp_path / conversion.name


# ------------------------------------------------------------------ the folder

def test_reads_a_converted_module_and_what_it_replaces(tmp_path):
    module = read_data_module(converted(tmp_path, "acme_sale_auto_confirm_mail", "18.0"))
    assert (module.name, module.series) == ("acme_sale_auto_confirm_mail_actions", "18.0")
    assert module.original == "acme_sale_auto_confirm_mail"
    assert module.original_stays is False  # CONVERSION.md: nothing stays
    assert "acme_base_dependencies" in module.depends
    assert [(r.model, r.xmlid) for r in module.records] == [
        ("ir.actions.server", "action_adopt_records"),
        ("mail.template", "mail_template_order_confirmed"),
        ("base.automation", "rule_sale_order_write"),
        ("ir.actions.server", "action_sale_order_write_1")]


def test_a_partial_conversion_says_code_stays_in_the_original(tmp_path):
    module = read_data_module(converted(tmp_path, "tecnova_crm_closing_reminder", "18.0"))
    assert module.original == "tecnova_crm_closing_reminder"
    assert module.original_stays is True


def test_without_conversion_md_the_original_comes_from_the_summary(tmp_path):
    module = read_data_module(data_module(tmp_path))
    assert (module.original, module.original_stays) == ("acme_sale", True)
    assert [(r.model, r.noupdate) for r in module.records] == [("ir.actions.server", False), ("mail.template", True)]
    assert read_data_module(data_module(tmp_path / "b", summary="Actions")).original is None


@pytest.mark.parametrize("change, expected", [
    (lambda p: (p / "__manifest__.py").unlink(), "not a module folder (no __manifest__.py)"),
    (lambda p: (p / "__init__.py").write_text("from . import models\n"), "__init__.py: Python code: not a data module"),
    (lambda p: (p / "__manifest__.py").write_text("{'name': 'x',"), "__manifest__.py:1: cannot parse"),
])
def test_a_folder_that_is_not_a_data_module_is_refused_by_name(tmp_path, change, expected):
    path = data_module(tmp_path)
    change(path)
    with pytest.raises(UsageError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_data_module(path)


def test_manifest_problems_name_the_file_and_line(tmp_path):
    with pytest.raises(UsageError, match=r"__manifest__.py: version '1.0' names no Odoo series"):
        read_data_module(data_module(tmp_path / "a", version="1.0"))
    with pytest.raises(UsageError, match=r"unsupported Odoo series '15.0'"):
        read_data_module(data_module(tmp_path / "b", version="15.0.1.0.0"))
    with pytest.raises(UsageError, match=r"__manifest__.py: lists no data file"):
        read_data_module(data_module(tmp_path / "c", data=""))
    with pytest.raises(UsageError, match=r"__manifest__.py:3: data file 'data/gone.xml' does not exist"):
        read_data_module(data_module(tmp_path / "d", data="'data/gone.xml'"))
    with pytest.raises(UsageError, match=r"acme_sale_actions/data/actions.xml:3: Opening and ending tag mismatch"):
        read_data_module(data_module(tmp_path / "e", xml="<odoo>\n<record id='x'>\n</odoo>\n"))
    with pytest.raises(UsageError, match=r"no such folder"):
        read_data_module(tmp_path / "nothing")


# ------------------------------------------------------------------ the zip

def test_zip_holds_the_module_under_its_name_and_nothing_else(tmp_path):
    path = data_module(tmp_path)
    (path / "__pycache__").mkdir()
    (path / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (path / ".git").mkdir()
    (path / ".git" / "HEAD").write_text("ref")
    (path / ".DS_Store").write_text("")
    (path / "static" / "description").mkdir(parents=True)
    (path / "static" / "description" / "icon.png").write_bytes(b"\x89PNG")
    before = sorted((p.relative_to(path), p.stat().st_mtime_ns) for p in path.rglob("*"))
    with zipped(path, "acme_sale_actions") as archive:
        assert archive.parent != path and not archive.is_relative_to(tmp_path)
        with zipfile.ZipFile(archive) as z:
            assert z.namelist() == ["acme_sale_actions/__manifest__.py", "acme_sale_actions/data/actions.xml",
                                    "acme_sale_actions/static/description/icon.png"]
            assert z.read("acme_sale_actions/data/actions.xml").decode() == RECORDS
            assert z.testzip() is None
        first = archive.read_bytes()
    assert not archive.exists()  # deleted once used
    with zipped(path, "acme_sale_actions") as again:
        assert again.read_bytes() == first  # same folder, same bytes
    assert sorted((p.relative_to(path), p.stat().st_mtime_ns) for p in path.rglob("*")) == before


def test_zip_is_removed_when_the_import_fails(tmp_path):
    path = data_module(tmp_path)
    with pytest.raises(RuntimeError), zipped(path, "m") as archive:
        raise RuntimeError("upload failed")
    assert not archive.exists()


def test_module_files_skips_links_to_folders(tmp_path):
    path = data_module(tmp_path)
    (path / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    assert module_files(path) == [Path("__manifest__.py"), Path("data/actions.xml")]


# ------------------------------------------------------------------ the plan

def target(**changes) -> Target:
    values = dict(url="https://odoo.example.com", db="prod", login="admin", series="18.0", is_admin=True,
                  modules={"base_import_module": {"state": "installed"}, "sale": {"state": "installed"},
                           "mail": {"state": "installed"}},
                  xmlids={})
    values.update(changes)
    return Target(**values)


def test_plan_counts_new_updated_and_kept_records(tmp_path):
    module = read_data_module(data_module(tmp_path))
    plan = plan_deploy(module, target())
    assert plan.problems == ()
    assert [(c.model, c.new, c.updated, c.kept) for c in plan.records] == [
        ("ir.actions.server", 1, 0, 0), ("mail.template", 1, 0, 0)]
    there = {"acme_sale_actions": {"action_note": {"noupdate": False}, "template_done": {"noupdate": True}}}
    plan = plan_deploy(module, target(xmlids=there))
    assert [(c.model, c.new, c.updated, c.kept) for c in plan.records] == [
        ("ir.actions.server", 0, 1, 0), ("mail.template", 0, 0, 1)]
    assert "  mail.template: 1 kept as they are (noupdate; --force-init rewrites them)" in plan_lines(plan)
    plan = plan_deploy(module, target(xmlids=there), force_init=True)
    assert [(c.updated, c.kept) for c in plan.records] == [(1, 0), (1, 0)]


def test_plan_refuses_what_odoo_would_refuse(tmp_path):
    module = read_data_module(data_module(tmp_path))
    [problem] = plan_deploy(module, target(series="17.0")).problems
    assert problem.startswith("acme_sale_actions is for Odoo 18.0; https://odoo.example.com runs 17.0")
    [problem] = plan_deploy(module, target(is_admin=False)).problems
    assert problem.startswith("admin is not an administrator of database prod")
    [problem] = plan_deploy(module, target(modules={"base_import_module": {"state": "uninstalled"},
                                                    "sale": {"state": "installed"},
                                                    "mail": {"state": "installed"}})).problems
    assert problem.startswith("base_import_module is not installed in database prod")
    [problem] = plan_deploy(module, target(modules={"base_import_module": {"state": "installed"},
                                                    "mail": {"state": "installed"}})).problems
    assert problem.startswith("unknown dependencies in database prod: sale")


def test_dependencies_not_installed_stop_16_only(tmp_path):
    modules = {"base_import_module": {"state": "installed"}, "sale": {"state": "uninstalled"},
               "mail": {"state": "installed"}}
    plan = plan_deploy(read_data_module(data_module(tmp_path / "a")), target(modules=modules))
    assert plan.problems == () and plan.to_install == ("sale",)
    assert "  depends: installed: mail; not installed: sale (the import installs it first)" in plan_lines(plan)
    old = read_data_module(data_module(tmp_path / "b", version="16.0.1.0.0"))
    [problem] = plan_deploy(old, target(series="16.0", modules=modules)).problems
    assert problem == ("dependencies not installed in database prod: sale (Odoo 16.0 imports a module only "
                       "once they are: install them first)")


def test_plan_refuses_while_the_original_is_installed_unless_forced(tmp_path):
    full = read_data_module(converted(tmp_path / "a", "acme_sale_auto_confirm_mail", "18.0"))
    partial = read_data_module(converted(tmp_path / "b", "tecnova_crm_closing_reminder", "18.0"))
    installed = {name: {"state": "installed"} for name in
                 ("base_import_module", "sale", "acme_base_dependencies", "base_automation", "mail", "crm",
                  "acme_sale_auto_confirm_mail", "tecnova_crm_closing_reminder")}
    [problem] = plan_deploy(full, target(modules=installed)).problems
    assert problem.startswith("acme_sale_auto_confirm_mail is still installed in database prod: its code and "
                              "these actions would both run; uninstall it first, or pass --force")
    [problem] = plan_deploy(partial, target(modules=installed)).problems
    assert "until its residual version (without the moved methods) replaces it" in problem
    assert plan_deploy(full, target(modules=installed), force=True).problems == ()
    gone = {**installed, "acme_sale_auto_confirm_mail": {"state": "uninstalled"}}
    plan = plan_deploy(full, target(modules=gone))
    assert plan.problems == ()
    assert "  replaces: acme_sale_auto_confirm_mail (uninstalled)" in plan_lines(plan)


# ------------------------------------------------------------------ Odoo's answers

def test_odoo_refusals_read_as_one_line():
    # as 17.0-19.0 raise it (500) and as 16.0 returns it (200), base_import_module/models/ir_module.py
    assert refusal("Error while importing module 'm'.\n\n Unknown module dependencies:\n - x_one\n - x_two \n\n", "m") \
        == "Odoo refused the import: unknown dependencies (the database has no such module): x_one, x_two"
    assert refusal("Error while importing module 'm'.\n\n Unmet module dependencies: \n\n - Sales \n"
                   " Make sure those modules are installed and try again.", "m") \
        == "Odoo refused the import: dependencies not installed (16.0 installs none while importing): Sales"
    assert refusal("Only administrators can upload a module", "m") \
        == "Odoo refused the import: the user is not an administrator (Administration: Access Rights)"
    assert refusal("Something\nelse  happened", "m") == "Odoo refused the import: Something else happened"


# Odoo 18.0's answer when a constraint fails as the upload's transaction ends (HTTP 400), and
# 19.0's wizard answer for a record it refused (the XML-RPC fault text), as received.
PAGE = ("<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n"
        "<p>Email, follower or activity action types cannot be used when deleting records, as there are "
        "no more records to apply these changes to!</p>\n")
PARSE_ERROR = """Error while importing module 'acme_actions'.

 Traceback (most recent call last):
  File "/odoo/addons/base_import_module/models/ir_module.py", line 384, in _import_zipfile
    self.sudo()._import_module(mod_name, path, force=force, with_demo=with_demo)
  File "/odoo/odoo/tools/convert.py", line 616, in _tag_root
    raise ParseError(msg) from None # Restart with "--log-handler odoo.tools.convert:DEBUG" for complete traceback
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
odoo.tools.convert.ParseError: while parsing /tmp/tmpiiuflhh_/acme_actions/data/automation_rules.xml:4
Email, follower or activity action types cannot be used when deleting records!

View error context:
'-no context-'
"""


def test_error_pages_and_tracebacks_read_as_their_message_with_file_and_line():
    assert refusal(PAGE, "acme_actions") == (
        "Odoo refused the import: Email, follower or activity action types cannot be used when deleting records, "
        "as there are no more records to apply these changes to!")
    assert refusal(PARSE_ERROR, "acme_actions") == (
        "Odoo refused the import: acme_actions/data/automation_rules.xml:4: Email, follower or activity action "
        "types cannot be used when deleting records!")
    assert refusal("Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n    g()\n"
                   "ValueError: something broke\n", "m") == "Odoo refused the import: something broke"


def test_fault_text_is_the_message_or_the_traceback_last_line():
    assert fault_text("Traceback (most recent call last):\n  File x\nValueError: bad thing\n") == "ValueError: bad thing"
    assert fault_text("You are not allowed\nto do that") == "You are not allowed to do that"


def test_urls_without_a_scheme_are_https_as_odoo_deploy_reads_them():
    assert normalize_url("odoo.example.com/") == "https://odoo.example.com"
    assert normalize_url("http://127.0.0.1:8069") == "http://127.0.0.1:8069"


# ------------------------------------------------------------------ the password

def test_password_comes_from_the_environment_else_a_prompt(monkeypatch):
    assert read_password("admin", "u", {PASSWORD_ENV: "s3cret"}) == "s3cret"
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(UsageError, match=f"no password: set {PASSWORD_ENV}"):
        read_password("admin", "u", {})
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "typed")
    assert read_password("admin", "https://odoo.example.com", {}) == "typed"
    assert asked == ["Password or API key of admin on https://odoo.example.com: "]


def test_there_is_no_password_option(tmp_path):
    result = runner.invoke(app, ["deploy", str(data_module(tmp_path)), "--url", "http://127.0.0.1:1", "--db", "d",
                                 "--login", "admin", "--password", "admin"])
    assert result.exit_code == 2
    assert "No such option: --password" in result.output


# ------------------------------------------------------------------ the command

def deploy(*args: str, password: str | None = "pw"):
    env = {PASSWORD_ENV: password} if password is not None else {PASSWORD_ENV: ""}
    return runner.invoke(app, ["deploy", *args], env=env)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_url_is_one_line_exit_1(tmp_path):
    result = deploy(str(data_module(tmp_path)), "--url", f"http://127.0.0.1:{_free_port()}", "--db", "d",
                    "--login", "admin")
    assert result.exit_code == 1
    assert "cannot reach http://127.0.0.1:" in result.output and "connection refused" in result.output
    assert "Traceback" not in result.output


def test_a_server_that_is_not_odoo_is_said(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = deploy(str(data_module(tmp_path)), "--url", f"http://127.0.0.1:{server.server_port}", "--db", "d",
                        "--login", "admin")
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1
    assert "does not answer as Odoo (XML-RPC /xmlrpc/2/common: HTTP 501" in result.output
    assert "Traceback" not in result.output


def test_a_module_that_fails_check_stops_before_any_password_or_network(tmp_path):
    path = data_module(tmp_path, xml=RECORDS.replace('<field name="state">code</field>',
                                                     '<field name="state">code</field><field name="numbercall">-1</field>'))
    result = deploy(str(path), "--url", "http://127.0.0.1:1", "--db", "d", "--login", "admin", password=None)
    assert result.exit_code == 1
    assert "acme_sale_actions/data/actions.xml:5: field-unknown" in result.output
    assert "`migrator check --series 18.0` finds 1 problem(s) above: nothing imported" in result.output


def test_not_a_data_module_is_a_usage_error(tmp_path):
    result = deploy(str(ROOT / "corpus" / "tecnova_crm_closing_reminder"), "--url", "http://127.0.0.1:1",
                    "--db", "d", "--login", "admin")
    assert result.exit_code == 2
    assert "tecnova_crm_closing_reminder/__init__.py: Python code: not a data module" in result.output
    assert "Traceback" not in result.output


def test_a_server_that_does_not_answer_in_time_is_said(tmp_path):
    with socket.socket() as silent:  # accepts connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        result = deploy(str(data_module(tmp_path)), "--url", f"http://127.0.0.1:{silent.getsockname()[1]}",
                        "--db", "d", "--login", "admin", "--timeout", "1")
    assert result.exit_code == 1
    assert "no answer within 1 s (--timeout)" in result.output
    assert "Traceback" not in result.output
