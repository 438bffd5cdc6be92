"""Enumerating and reading an addon's files: bad input becomes findings, never errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrator.analyze.files import (
    MAX_FILE_SIZE, SourceFile, iter_source_files, read_text, source_file,
)
from migrator.model import Finding


def write(root: Path, rel: str, content: bytes | str = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def walk(root: Path) -> tuple[list[SourceFile], list[Finding]]:
    items = list(iter_source_files(str(root)))
    return ([i for i in items if isinstance(i, SourceFile)],
            [i for i in items if isinstance(i, Finding)])


def test_lists_sources_sorted_with_slash_paths_and_skips_noise(tmp_path):
    for rel in ["models/z.py", "models/a.py", "__init__.py", "views/v.XML", "static/s.scss",
                "data/d.csv", "static/src/x.js", "static/src/x.css", "README.rst",
                "static/img/logo.png", "__pycache__/a.cpython-311.py", ".git/hooks/h.py",
                ".hidden/x.py", "models/__pycache__/m.py"]:
        write(tmp_path, rel, "x = 1\n")
    files, findings = walk(tmp_path)
    assert [f.rel for f in files] == [
        "__init__.py", "data/d.csv", "models/a.py", "models/z.py", "static/s.scss",
        "static/src/x.css", "static/src/x.js", "views/v.XML"]
    assert findings == []
    by_rel = {f.rel: f for f in files}
    assert by_rel["views/v.XML"].ext == ".xml"
    assert by_rel["models/a.py"].abs == str(tmp_path / "models" / "a.py")
    assert by_rel["models/a.py"].size == len("x = 1\n")


def test_symlink_to_parent_is_a_loop_and_the_walk_ends(tmp_path):
    addon = tmp_path / "addon"
    write(addon, "models/m.py", "x = 1\n")
    os.symlink("..", addon / "models" / "up")
    os.symlink(".", addon / "self")
    os.symlink("..", addon / "outer")  # the folder holding the addon: a loop too
    files, findings = walk(addon)
    assert [f.rel for f in files] == ["models/m.py"]
    assert [(f.code, f.file) for f in findings] == [
        ("symlink-loop", "models/up"), ("symlink-loop", "outer"), ("symlink-loop", "self")]


def test_symlinked_folder_inside_the_addon_is_listed_once(tmp_path):
    write(tmp_path, "models/m.py", "x = 1\n")
    os.symlink("models", tmp_path / "alias")
    files, findings = walk(tmp_path)
    assert [f.rel for f in files] == ["models/m.py"]
    assert findings == []


def test_symlinked_folder_outside_the_addon_is_reported_not_walked(tmp_path):
    addon = tmp_path / "addon"
    write(addon, "__init__.py")
    write(tmp_path, "elsewhere/lib.js", "var a;\n")
    os.symlink(tmp_path / "elsewhere", addon / "lib")
    files, findings = walk(addon)
    assert [f.rel for f in files] == ["__init__.py"]
    assert [(f.code, f.file) for f in findings] == [("symlink-outside-addon", "lib")]


def test_dangling_symlink_and_fifo_are_not_read(tmp_path):
    write(tmp_path, "ok.py")
    os.symlink("missing.py", tmp_path / "dangling.py")
    os.mkfifo(tmp_path / "pipe.py")
    files, findings = walk(tmp_path)
    assert [f.rel for f in files] == ["ok.py"]
    assert [(f.code, f.file) for f in findings] == [("unreadable-file", "dangling.py")]


def test_huge_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.py"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    text, finding = read_text(source_file(str(tmp_path), "big.py"))
    assert text is None
    assert finding.code == "file-too-large"
    assert finding.file == "big.py"
    assert f"{50 * 1024 * 1024:,}" in finding.message
    assert MAX_FILE_SIZE < 50 * 1024 * 1024


def test_size_cap_is_inclusive(tmp_path):
    write(tmp_path, "a.py", "x" * 10)
    src = source_file(str(tmp_path), "a.py")
    assert read_text(src, max_size=10) == ("x" * 10, None)
    assert read_text(src, max_size=9)[1].code == "file-too-large"


def test_binary_file_named_py(tmp_path):
    write(tmp_path, "models/logo.py", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    text, finding = read_text(source_file(str(tmp_path), "models/logo.py"))
    assert text is None
    # the first NUL comes after two newlines
    assert (finding.code, finding.file, finding.line) == ("binary-file", "models/logo.py", 3)


def test_non_utf8_text_is_read_as_latin1_with_the_line_of_the_bad_byte(tmp_path):
    raw = "# ok\nname = 'caf\u00e9'\nother = 'na\u00efve'\n".encode("latin-1")
    write(tmp_path, "m.py", raw)
    text, finding = read_text(source_file(str(tmp_path), "m.py"))
    assert text == raw.decode("latin-1")
    assert (finding.code, finding.file, finding.line) == ("not-utf8", "m.py", 2)
    assert "0xe9" in finding.message


def test_bad_byte_after_a_bom_is_located_in_the_file(tmp_path):
    write(tmp_path, "m.xml", b"\xef\xbb\xbf<odoo>\n<!-- caf\xe9 -->\n</odoo>\n")
    text, finding = read_text(source_file(str(tmp_path), "m.xml"))
    assert text == "<odoo>\n<!-- caf\u00e9 -->\n</odoo>\n"
    assert (finding.line, "0xe9" in finding.message) == (2, True)


def test_utf8_with_bom_and_empty_file(tmp_path):
    write(tmp_path, "bom.py", "\ufeffname = '\u00e9'\n".encode("utf-8"))
    write(tmp_path, "empty.py")
    assert read_text(source_file(str(tmp_path), "bom.py")) == ("name = '\u00e9'\n", None)
    assert read_text(source_file(str(tmp_path), "empty.py")) == ("", None)


def test_unreadable_file_is_a_finding(tmp_path):
    path = write(tmp_path, "secret.py", "x = 1\n")
    src = source_file(str(tmp_path), "secret.py")
    path.unlink()
    text, finding = read_text(src)
    assert text is None
    assert (finding.code, finding.file) == ("unreadable-file", "secret.py")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_a_finding(tmp_path):
    path = write(tmp_path, "secret.py", "x = 1\n")
    path.chmod(0)
    text, finding = read_text(source_file(str(tmp_path), "secret.py"))
    assert text is None and finding.code == "unreadable-file"


def test_fifo_given_directly_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    src = SourceFile("pipe.py", str(tmp_path / "pipe.py"), 0, ".py")
    text, finding = read_text(src)  # must return, not block waiting for a writer
    assert text is None
    assert (finding.code, finding.file) == ("unreadable-file", "pipe.py")
