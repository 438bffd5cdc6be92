"""The analyzer on single files: syntax findings and what counts as content."""

import sys
from pathlib import Path

import pytest

from migrator.analyze import analyze
from migrator.discover import discover


def audit_one(tmp_path: Path, files: dict[str, str]):
    root = tmp_path / "acme_thing"
    root.mkdir()
    (root / "__manifest__.py").write_text("{'name': 'Thing', 'version': '18.0.1.0.0'}")
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
