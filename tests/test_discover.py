"""Discovery over folders nobody cleaned: every bad addon is a finding, the others are found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from manifestoo_core.core_addons import is_core_addon
from manifestoo_core.odoo_series import OdooSeries

from migrator.discover import discover
from migrator.discover.manifest import parse_manifest
from migrator.discover.series import series_from_version
from migrator.errors import UsageError
from migrator.model import Addon


def addon(root: Path, name: str, manifest: str | bytes | None = "{'name': 'X'}",
          manifest_file: str = "__manifest__.py", files: tuple[str, ...] = ()) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    if manifest is not None:
        data = manifest.encode() if isinstance(manifest, str) else manifest
        (folder / manifest_file).write_bytes(data)
    for rel in files:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text("")
    return folder


def by_name(addons: list[Addon]) -> dict[str, Addon]:
    return {a.name: a for a in addons}


def codes(a: Addon) -> list[tuple[str, str | None, int | None]]:
    return [(f.code, f.file, f.line) for f in a.findings]


def test_each_bad_addon_gets_its_finding_and_the_good_ones_are_found(tmp_path):
    addon(tmp_path, "good", "{'name': 'Good', 'version': '17.0.1.0.0', 'depends': ['mail']}",
          files=("__init__.py", "models/m.py"))
    addon(tmp_path, "legacy", "# -*- coding: utf-8 -*-\n{'name': u'Old'}", "__openerp__.py")
    addon(tmp_path, "empty_addon")
    addon(tmp_path, "no_manifest", None, files=("__init__.py",))
    addon(tmp_path, "models_only", None, files=("models/x.py",))
    addon(tmp_path, "setup", None, files=("my_addon/odoo/addons/README",))  # OCA packaging
    addon(tmp_path, "docs", None, files=("index.rst",))
    addon(tmp_path, "a_name", "{'name': 'N',\n 'data': DATA}")
    addon(tmp_path, "a_call", "{\n  'name': 'C',\n  'version': get_version(),\n}")
    addon(tmp_path, "a_syntax", "{'name': 'S',\n 'version': '1.0'\n 'x': }")
    addon(tmp_path, "a_list", "['not', 'a', 'dict']")
    addon(tmp_path, "a_statements", "name = 'x'\n{'name': 'y'}")
    addon(tmp_path, "a_blank", "# nothing here\n")
    addon(tmp_path, "a_latin1", "{'name': 'Caf\u00e9'}".encode("latin-1"))
    addon(tmp_path, "a_binary", b"\x00\x01\x02")
    (tmp_path / "README.md").write_text("not a folder")

    found = by_name(discover([str(tmp_path)]))

    assert sorted(found) == sorted([
        "good", "legacy", "empty_addon", "no_manifest", "models_only", "a_name", "a_call",
        "a_syntax", "a_list", "a_statements", "a_blank", "a_latin1", "a_binary"])
    good = found["good"]
    assert good.manifest["depends"] == ["mail"]
    assert (good.manifest_file, good.series, good.core, good.findings) == (
        "__manifest__.py", "17.0", False, ())
    assert good.path == str(tmp_path / "good")
    assert found["legacy"].manifest == {"name": "Old"}
    assert found["legacy"].manifest_file == "__openerp__.py"
    assert found["empty_addon"].findings == ()
    assert codes(found["no_manifest"]) == [("no-manifest", None, None)]
    assert found["no_manifest"].manifest_file is None
    assert codes(found["models_only"]) == [("no-manifest", None, None)]
    assert codes(found["a_name"]) == [("manifest-not-literal", "__manifest__.py", 2)]
    assert codes(found["a_call"]) == [("manifest-not-literal", "__manifest__.py", 3)]
    assert "get_version()" in found["a_call"].findings[0].message
    assert codes(found["a_syntax"]) == [("manifest-syntax-error", "__manifest__.py", 3)]
    assert codes(found["a_list"]) == [("manifest-not-dict", "__manifest__.py", 1)]
    assert codes(found["a_statements"]) == [("manifest-not-literal", "__manifest__.py", 1)]
    assert codes(found["a_blank"]) == [("manifest-empty", "__manifest__.py", 1)]
    assert codes(found["a_latin1"]) == [("manifest-not-utf8", "__manifest__.py", 1)]
    assert codes(found["a_binary"]) == [("manifest-binary", "__manifest__.py", 1)]
    for name in ["a_name", "a_call", "a_syntax", "a_list", "a_latin1", "a_binary"]:
        assert found[name].manifest == {}


def test_manifest_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    addon(tmp_path, "evil", f"__import__('pathlib').Path({str(marker)!r}).touch() or {{}}")
    (evil,) = discover([str(tmp_path)])
    assert evil.findings[0].code == "manifest-not-literal"
    assert not marker.exists()


def test_oversized_manifest_is_not_read(tmp_path):
    folder = addon(tmp_path, "huge", None)
    with open(folder / "__manifest__.py", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (huge,) = discover([str(tmp_path)])
    assert (huge.manifest, codes(huge)) == ({}, [("manifest-too-large", "__manifest__.py", None)])


@given(st.text(max_size=200))
def test_any_manifest_text_gives_a_dict_or_a_finding(text):
    manifest, finding = parse_manifest(text, "__manifest__.py")
    assert isinstance(manifest, dict)
    assert (finding is None) or (manifest == {} and finding.code.startswith("manifest-"))


def test_a_path_may_be_the_addon_itself(tmp_path):
    folder = addon(tmp_path, "one", files=("__init__.py", "models/__init__.py"))
    assert [(a.name, a.path) for a in discover([str(folder)])] == [("one", str(folder))]


def test_folder_with_init_holding_addons_is_a_folder_of_addons(tmp_path):
    # Odoo's own odoo/addons folder is a Python package of addons.
    root = tmp_path / "odoo_addons"
    addon(root, "x_custom")
    (root / "__init__.py").write_text("")
    assert [a.name for a in discover([str(root)])] == ["x_custom"]


def test_manifestless_addon_given_directly(tmp_path):
    folder = addon(tmp_path, "bare", None, files=("__init__.py", "models/__init__.py"))
    (bare,) = discover([str(folder)])
    assert (bare.name, codes(bare)) == ("bare", [("no-manifest", None, None)])


def test_missing_path_and_file_path_are_usage_errors(tmp_path):
    addon(tmp_path, "ok")
    with pytest.raises(UsageError, match="does not exist"):
        discover([str(tmp_path), str(tmp_path / "nope")])
    (tmp_path / "file.txt").write_text("")
    with pytest.raises(UsageError, match="not a folder"):
        discover([str(tmp_path / "file.txt")])


def test_odoo_conf_adds_its_addons_path(tmp_path):
    addon(tmp_path / "repo1", "from_conf_1")
    addon(tmp_path / "repo2", "from_conf_2")
    addon(tmp_path / "cli", "from_cli")
    conf = tmp_path / "etc" / "odoo.conf"
    conf.parent.mkdir()
    conf.write_text(f"[options]\ndb_name = x\naddons_path = {tmp_path / 'repo1'} , ../repo2,\n")
    found = discover([str(tmp_path / "cli")], odoo_conf=str(conf))
    assert [(a.name, a.path) for a in found] == [
        ("from_cli", str(tmp_path / "cli" / "from_cli")),
        ("from_conf_1", str(tmp_path / "repo1" / "from_conf_1")),
        ("from_conf_2", str(tmp_path / "repo2" / "from_conf_2"))]


@pytest.mark.parametrize(("content", "message"), [
    ("[options]\ndb_name = x\n", "no addons_path"),
    ("[other]\naddons_path = /tmp\n", "no addons_path"),
    ("addons_path = /tmp\n", ":1: invalid odoo.conf"),
    ("[options]\naddons_path = /tmp\nnot a setting\n", ":3: invalid odoo.conf"),
    ("[options]\naddons_path = /definitely/not/here\n", "addons_path entry .* does not exist"),
])
def test_bad_odoo_conf_is_a_one_line_usage_error(tmp_path, content, message):
    conf = tmp_path / "odoo.conf"
    conf.write_text(content)
    with pytest.raises(UsageError, match=message) as caught:
        discover([], odoo_conf=str(conf))
    assert "\n" not in str(caught.value)
    assert str(conf) in str(caught.value)


def test_missing_odoo_conf_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read odoo.conf"):
        discover([], odoo_conf=str(tmp_path / "odoo.conf"))


def test_series_from_manifest_wins_over_the_argument(tmp_path):
    addon(tmp_path, "v16", "{'version': '16.0.1.0.0'}")
    addon(tmp_path, "short", "{'version': '1.0'}")
    addon(tmp_path, "short3", "{'version': '1.0.3'}")
    addon(tmp_path, "none", "{'name': 'no version'}")
    addon(tmp_path, "old", "{'version': '15.0.1.0.0'}")
    without = by_name(discover([str(tmp_path)]))
    given_ = by_name(discover([str(tmp_path)], series="19.0"))
    assert {n: a.series for n, a in without.items()} == {
        "v16": "16.0", "short": None, "short3": None, "none": None, "old": None}
    assert {n: a.series for n, a in given_.items()} == {
        "v16": "16.0", "short": "19.0", "short3": "19.0", "none": "19.0", "old": None}
    assert codes(given_["old"]) == [("unsupported-series", "__manifest__.py", None)]


@pytest.mark.parametrize(("version", "series"), [
    ("17.0.1.0.0", "17.0"), ("18.0.2.1", "18.0"), (" 19.0.1.0.0", "19.0"), ("17.0", None),
    ("1.0", None), ("1.0.0", None), ("7.0.1", None), ("10.0.1.0.0", "10.0"), (17.0, None),
    (None, None),
])
def test_series_from_version(version, series):
    assert series_from_version(version) == series


@pytest.mark.parametrize("bad", ["15.0", "18", "saas-17.1", ""])
def test_unsupported_series_argument(tmp_path, bad):
    with pytest.raises(UsageError, match="16.0, 17.0, 18.0, 19.0"):
        discover([str(tmp_path)], series=bad)


def test_core_addons_are_skipped_unless_asked(tmp_path):
    addon(tmp_path, "sale", "{'name': 'Sales', 'version': '17.0.1.0.0'}")
    addon(tmp_path, "sale_custom", "{'name': 'Mine', 'version': '17.0.1.0.0'}")
    assert [a.name for a in discover([str(tmp_path)])] == ["sale_custom"]
    kept = by_name(discover([str(tmp_path)], include_core=True))
    assert (kept["sale"].core, kept["sale_custom"].core) == (True, False)


def test_core_check_uses_the_addons_series(tmp_path):
    # 'association' was a core addon up to 16.0 only.
    assert is_core_addon("association", OdooSeries("16.0"))
    assert not is_core_addon("association", OdooSeries("18.0"))
    addon(tmp_path / "a16", "association", "{'version': '16.0.1.0.0'}")
    addon(tmp_path / "a18", "association", "{'version': '18.0.1.0.0'}")
    addon(tmp_path / "unknown", "association", "{'version': '1.0'}")  # 18.0 by default
    found = discover([str(tmp_path / d) for d in ("a16", "a18", "unknown")], include_core=True)
    assert [(a.series, a.core) for a in found] == [("16.0", True), ("18.0", False), (None, False)]


def test_duplicates_first_path_wins_and_later_ones_are_flagged(tmp_path):
    first = addon(tmp_path / "z_first", "dup")
    addon(tmp_path / "a_second", "dup")
    addon(tmp_path / "a_second", "unique")
    found = discover([str(tmp_path / "z_first"), str(tmp_path / "a_second")])
    assert [(a.name, a.path) for a in found] == [
        ("dup", str(tmp_path / "a_second" / "dup")), ("dup", str(first)),
        ("unique", str(tmp_path / "a_second" / "unique"))]
    later, winner, unique = found
    assert winner.findings == () and unique.findings == ()
    assert codes(later) == [("duplicate-addon", None, None)]
    assert str(first) in later.findings[0].message


def test_symlinked_addons_are_followed_once_and_loops_do_not_hang(tmp_path):
    real = addon(tmp_path / "repo", "real_addon")
    links = tmp_path / "links"
    links.mkdir()
    os.symlink(real, links / "linked_addon")
    os.symlink(real, links / "real_addon")
    os.symlink(".", links / "loop")
    os.symlink("..", links / "up")
    os.symlink("self_loop", links / "self_loop")
    found = discover([str(links), str(tmp_path / "repo"), str(links)])
    assert [(a.name, a.path) for a in found] == [("linked_addon", str(links / "linked_addon"))]
    assert found[0].manifest == {"name": "X"}


def test_results_are_deterministic(tmp_path):
    for name in ["b", "a", "c"]:
        addon(tmp_path / "one", name)
        addon(tmp_path / "two", name)
    paths = [str(tmp_path / "one"), str(tmp_path / "two")]
    first = discover(paths)
    assert first == discover(paths)
    assert [(a.name, a.path) for a in first] == sorted((a.name, a.path) for a in first)


@pytest.mark.parametrize(("text", "code"), [
    ("-" * 100_000 + "1", "manifest-syntax-error"),
    ("not " * 100_000 + "1", "manifest-syntax-error"),
    ("(" * 300 + ")" * 300, "manifest-syntax-error"),
    ("-" * 900 + "1", "manifest-not-literal"),
])
def test_absurd_nesting_is_a_finding_not_a_crash(text, code):
    manifest, finding = parse_manifest(text, "__manifest__.py")
    assert (manifest, finding.code) == ({}, code)


def test_python_that_warns_is_still_a_manifest(recwarn):
    assert parse_manifest(r"{'summary': 'a \d b'}", "__manifest__.py") == (
        {"summary": "a \\d b"}, None)
    assert not recwarn.list


def test_an_addon_given_as_a_path_is_audited_even_with_a_core_name(tmp_path):
    # A third-party addon may share its name with an Enterprise one (l10n_it_riba, 16.0).
    assert is_core_addon("l10n_it_riba", OdooSeries("16.0"))
    folder = addon(tmp_path, "l10n_it_riba", "{'name': 'RiBa', 'version': '16.0.1.0.0'}")
    (folder / "models").mkdir()
    (folder / "models" / "riba.py").write_text("from odoo import models\n")
    [named] = discover([str(folder)])
    assert (named.name, named.core) == ("l10n_it_riba", False)
    # inside a folder of addons, the name still marks it as Odoo's own
    assert discover([str(tmp_path)]) == []
    assert discover([str(tmp_path)], include_core=True)[0].core
