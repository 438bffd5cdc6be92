"""Bad input end to end: each problem is a per-module finding, the rest is still audited,
the exit code says so, and the audited folders are neither executed nor written to."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli import app

runner = CliRunner()

GOOD_MODEL = '''from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.write({"comment": "Welcome"})
        return partners
'''


def addon(root: Path, name: str, files: dict[str, str | bytes], manifest: str | None = None) -> Path:
    path = root / name
    path.mkdir()
    if manifest is None:
        manifest = f"{{'name': '{name}', 'version': '17.0.1.0.0', 'depends': ['base'], 'data': []}}"
    if manifest:
        (path / "__manifest__.py").write_text(manifest)
    for rel, content in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.fixture
def addons(tmp_path: Path) -> Path:
    root = tmp_path / "addons"
    root.mkdir()
    canary = tmp_path / "executed"
    addon(root, "good_partner_welcome", {"__init__.py": "from . import models\n",
                                         "models/__init__.py": "from . import res_partner\n",
                                         "models/res_partner.py": GOOD_MODEL})
    addon(root, "bad_syntax", {"models.py": "def broken(:\n    pass\n"})
    addon(root, "bad_py2", {"models.py": "x = 1\nprint 'hello'\n"})
    addon(root, "bad_xml", {"views/view.xml": "<odoo>\n  <record id='x' model='ir.ui.view'>\n</odoo>\n"})
    addon(root, "bad_encoding", {"models.py": b"# caf\xe9\nX = 1\n"})
    addon(root, "bad_manifest_name", {}, manifest="{'name': NAME, 'version': '17.0.1.0.0'}")
    addon(root, "bad_manifest_call", {},
          manifest=f"{{'name': __import__('os').system('touch {canary}'), 'version': '17.0.1.0.0'}}")
    addon(root, "bad_no_manifest", {"__init__.py": f"open('{canary}', 'w')\n"}, manifest="")
    loop = addon(root, "bad_symlink_loop", {"models.py": "X = 1\n"})
    os.symlink(loop, loop / "again")
    big = addon(root, "bad_huge_file", {})
    with open(big / "huge.py", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    addon(root, "bad_empty", {})
    addon(root, "bad_binary_py", {"models.py": b"\x7fELF\x00\x00\x01\x02" * 64})
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            st = os.lstat(os.path.join(dirpath, name))
            out[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns)
    return out


def test_bad_input_becomes_findings(addons: Path, tmp_path: Path):
    before = snapshot(addons)
    result = runner.invoke(app, ["audit", str(addons), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    modules = {m["name"]: m for m in report["modules"]}
    codes = {name: {e["code"] for e in m["errors"]} for name, m in modules.items()}

    assert modules["good_partner_welcome"]["verdict"] == "replaceable"
    assert modules["good_partner_welcome"]["errors"] == []
    assert codes["bad_syntax"] == {"python-syntax-error"}
    assert "Python 2" in modules["bad_py2"]["errors"][0]["message"]
    assert modules["bad_py2"]["errors"][0]["line"] == 2
    assert codes["bad_xml"] == {"invalid-xml"}
    assert codes["bad_encoding"] == {"not-utf8"}
    assert modules["bad_encoding"]["verdict"] != "error"  # read as latin-1, still audited
    assert codes["bad_manifest_name"] == {"manifest-not-literal"}
    assert codes["bad_manifest_call"] == {"manifest-not-literal"}
    assert codes["bad_no_manifest"] == {"no-manifest"}
    assert "symlink-loop" in codes["bad_symlink_loop"]
    assert codes["bad_huge_file"] == {"file-too-large"}
    assert codes["bad_empty"] == {"empty-addon"}
    assert codes["bad_binary_py"] == {"binary-file"}
    for name in ("bad_syntax", "bad_py2", "bad_xml", "bad_manifest_name", "bad_manifest_call",
                 "bad_no_manifest", "bad_huge_file", "bad_binary_py"):
        assert modules[name]["verdict"] == "error", name
    for m in report["modules"]:
        for e in m["errors"]:
            assert "\n" not in e["message"] and "Traceback" not in e["message"]

    assert not (tmp_path / "executed").exists(), "audited code was executed"
    assert snapshot(addons) == before, "the audit wrote into the audited folders"


def test_clean_audit_exits_zero(tmp_path: Path):
    addon(tmp_path, "good_partner_welcome", {"models.py": GOOD_MODEL})
    result = runner.invoke(app, ["audit", str(tmp_path / "good_partner_welcome")])
    assert result.exit_code == 0, result.output
    assert "replaceable" in result.stdout


@pytest.mark.parametrize("args,needle", [
    (["audit", "/no/such/folder"], "/no/such/folder"),
    (["audit", ".", "--format", "pdf"], "pdf"),
    (["audit", ".", "--series", "12.0"], "12.0"),
    (["audit", ".", "--disable", "no-such-rule"], "no-such-rule"),
    (["audit", ".", "--hourly-rate", "90"], "--hours-per-kloc"),
])
def test_usage_errors_exit_two_with_one_line(args, needle, tmp_path: Path):
    addon(tmp_path, "good_partner_welcome", {"models.py": GOOD_MODEL})
    args = [str(tmp_path) if a == "." else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert "Traceback" not in result.output


def test_output_file_is_written_atomically_and_whole(tmp_path: Path):
    addon(tmp_path, "good_partner_welcome", {"models.py": GOOD_MODEL})
    out = tmp_path / "report" / "audit.json"
    result = runner.invoke(app, ["audit", str(tmp_path / "good_partner_welcome"), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["schema_version"] == 1
    assert [p.name for p in out.parent.iterdir()] == ["audit.json"]  # no temporary file left


def test_rates_give_hours_and_money(tmp_path: Path):
    addon(tmp_path, "good_partner_welcome", {"models.py": GOOD_MODEL})
    result = runner.invoke(app, ["audit", str(tmp_path), "-f", "json", "--hours-per-kloc", "100",
                                 "--hourly-rate", "80"])
    module = json.loads(result.stdout)["modules"][0]
    saved = module["savings"]["lines_saved"]
    assert saved > 0
    assert module["savings"]["hours"] == round(saved / 1000 * 100, 2)
    assert module["savings"]["money"] == round(module["savings"]["hours"] * 80, 2)


def test_output_file_gets_ordinary_permissions(tmp_path: Path):
    addon(tmp_path, "good_partner_welcome", {"models.py": GOOD_MODEL})
    out = tmp_path / "audit.csv"
    runner.invoke(app, ["audit", str(tmp_path / "good_partner_welcome"), "-f", "csv", "-o", str(out)])
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
