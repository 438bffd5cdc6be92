"""The analyzer on single files: syntax findings and what counts as content."""

import sys
from pathlib import Path

import pytest

from migrator.analyze import analyze
from migrator.discover import discover


def audit_one(tmp_path: Path, files: dict[str, str], manifest: str = ""):
    root = tmp_path / "acme_thing"
    root.mkdir()
    (root / "__manifest__.py").write_text("{'name': 'Thing', 'version': '18.0.1.0.0'%s}" % manifest)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return analyze(discover([str(root)])[0])


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 701 f-strings parse on 3.12+")
def test_newer_python_syntax_is_told_apart_from_broken_code(tmp_path):
    facts = audit_one(tmp_path, {"models.py": 'x = {"a": 1}\ny = f"{x["a"]}"\n'})
    assert [f.code for f in facts.findings] == ["python-newer-syntax"]
    assert facts.findings[0].line == 2 and facts.fatal


def test_broken_code_stays_a_syntax_error(tmp_path):
    facts = audit_one(tmp_path, {"models.py": "def f(:\n"})
    assert [f.code for f in facts.findings] == ["python-syntax-error"]


def test_a_library_addon_with_only_static_lib_is_not_empty(tmp_path):
    facts = audit_one(tmp_path, {"static/lib/leaflet/leaflet.js": "var L = {};\n"})
    assert facts.has_content and facts.lines_total == 0  # static/lib is not counted, but it is content


def test_tests_and_upgrade_scripts_are_neither_behaviour_nor_read(tmp_path):
    # Odoo neither installs nor counts them: a broken test file does not break the module
    facts = audit_one(tmp_path, {"tests/test_x.py": "def f(:\n", "migrations/18.0.1.0.1/post-x.py": "x = 1\n",
                                 "models.py": "x = 1\n"})
    assert facts.findings == () and not facts.fatal
    assert [f.rel for f in facts.py_files] == ["models.py"] and set(facts.lines) == {"models.py"}


def test_a_model_file_the_counter_excludes_is_still_behaviour(tmp_path):
    code = ("from odoo import models\n\n\nclass P(models.Model):\n    _inherit = 'res.partner'\n\n"
            "    def write(self, vals):\n        return super().write(vals)\n")
    facts = audit_one(tmp_path, {"models/legacy.py": code}, ", 'cloc_exclude': ['models/legacy.py']")
    assert [f.rel for f in facts.py_files] == ["models/legacy.py"]  # its methods are audited
    assert "models/legacy.py" not in facts.lines  # but not counted, as Odoo's counter does
