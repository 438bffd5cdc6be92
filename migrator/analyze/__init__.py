"""Analyze one addon: read each file once, parse it, collect facts and line counts.

Audited code is parsed, never imported or executed.
"""

from __future__ import annotations

import ast
import os
import sys
import warnings

from migrator.analyze.cloc import (
    count_css,
    count_js,
    count_scss,
    excluded_paths,
    xml_line_numbers,
)
from migrator.analyze.files import NOT_LOADED, SourceFile, iter_source_files, read_text
from migrator.analyze.js_facts import JsCall, js_method_calls
from migrator.analyze.module_facts import FileLines, ModuleFacts
from migrator.analyze.python_facts import PyFileFacts, python_file_facts
from migrator.analyze.tree_index import index_tree
from migrator.analyze.xml_facts import XmlFileFacts, parse_access_csv, parse_xml_file
from migrator.model import Addon, Finding

_MANIFESTS = frozenset({"__manifest__.py", "__openerp__.py"})
_OTHER_COUNTERS = {".js": count_js, ".css": count_css, ".scss": count_scss}
# Findings after which part of the module's behaviour is unknown.
FATAL_CODES = frozenset({"python-syntax-error", "python-newer-syntax", "invalid-xml", "binary-file",
                         "file-too-large"})


def _syntax_finding(rel: str, text: str, err: SyntaxError) -> Finding:
    msg = err.msg or "invalid syntax"
    if "print" in msg and "parentheses" in msg:
        msg = "Python 2 code (print statement) cannot be read as Python 3"
    elif _newer_python(text):
        return Finding("python-newer-syntax",
                       f"uses syntax newer than Python {sys.version_info.major}.{sys.version_info.minor}, "
                       f"which runs the audit ({msg}); audit it with a newer Python.", file=rel, line=err.lineno)
    return Finding("python-syntax-error", f"{msg}.", file=rel, line=err.lineno)


def _newer_python(text: str) -> bool:
    """libcst's parser knows newer grammars (3.12 f-strings, ...) than the running `ast` may."""
    import libcst  # only for a file `ast` refused: most audits never load it

    try:
        libcst.parse_module(text)
    except Exception:  # any failure means: not valid in a newer Python either
        return False
    return True


def _parse_python(src: SourceFile, text: str) -> ast.Module | Finding:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in audited code are not ours
            return ast.parse(text, filename=src.rel)
    except SyntaxError as err:
        return _syntax_finding(src.rel, text, err)
    except (ValueError, RecursionError, MemoryError) as err:  # NUL bytes, absurd nesting
        return Finding("python-syntax-error", f"cannot be parsed: {err}.", file=src.rel, line=1)


def analyze(addon: Addon) -> ModuleFacts:
    excluded = excluded_paths(addon.path, addon.manifest)
    py_files: list[PyFileFacts] = []
    xml_files: list[XmlFileFacts] = []
    lines: dict[str, FileLines] = {}
    access: list[str] = []
    assets: list[str] = []
    js_calls: list[JsCall] = []
    findings: list[Finding] = list(addon.findings)
    has_content = False

    for src in iter_source_files(addon.path):
        if isinstance(src, Finding):
            findings.append(src)
            continue
        text, problem = read_text(src)
        if problem:
            findings.append(problem)
        if text is None:
            continue
        if text.strip() and src.rel not in _MANIFESTS:
            has_content = True
        counted = src.rel not in excluded
        if src.ext == ".py":
            # behaviour is what Odoo loads (a file `cloc_exclude` names too); lines are what
            # its counter counts: tests and upgrade scripts are neither, and are not parsed
            loaded = src.rel not in _MANIFESTS and not src.rel.startswith(NOT_LOADED)
            if not (loaded or counted):
                continue
            parsed = _parse_python(src, text)
            if isinstance(parsed, Finding):
                findings.append(parsed)
                continue
            index = index_tree(parsed)
            if counted:
                lines[src.rel] = FileLines(len(index.lines), index.lines)
            if loaded:
                py_files.append(python_file_facts(src.rel, parsed, index))
        elif src.ext == ".xml":
            if not counted:  # demo data and tests are not behaviour to convert
                continue
            parsed_xml = parse_xml_file(src.rel, text, addon.name)
            if isinstance(parsed_xml, Finding):
                findings.append(parsed_xml)
                continue
            xml_files.append(parsed_xml)
            numbers = frozenset(xml_line_numbers(text))
            lines[src.rel] = FileLines(len(numbers), numbers)
        elif src.ext == ".csv":
            if os.path.basename(src.rel) == "ir.model.access.csv" and counted:
                rows, csv_problem = parse_access_csv(src.rel, text)
                if csv_problem:
                    findings.append(csv_problem)
                if rows:
                    access.append(src.rel)
        elif src.ext in _OTHER_COUNTERS and counted:
            lines[src.rel] = FileLines(_OTHER_COUNTERS[src.ext](text) or 0)
            if src.rel.startswith("static/"):
                assets.append(src.rel)
                if src.ext == ".js" and src.rel.startswith("static/src/"):
                    js_calls.extend(js_method_calls(src.rel, text))

    return ModuleFacts(
        addon=addon,
        py_files=tuple(py_files),
        xml_files=tuple(xml_files),
        lines=lines,
        access_rules=tuple(access),
        assets=tuple(assets),
        js_calls=tuple(js_calls),
        findings=tuple(findings),
        has_content=has_content,
        fatal=any(f.code in FATAL_CODES for f in findings) or _manifest_broken(addon),
    )


def _manifest_broken(addon: Addon) -> bool:
    return addon.manifest_file is None or (not addon.manifest and any(
        f.code.startswith("manifest") for f in addon.findings))
