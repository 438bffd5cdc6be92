"""Findings for the Python held by a `code` field of an action record."""

from __future__ import annotations

import re
import warnings

from RestrictedPython import compile_restricted_exec

from migrator.check.restricted import OdooPolicy
from migrator.check.sandbox import find_violations
from migrator.model import Finding

_RESTRICTED_LINE = re.compile(r"^Line (\d+):\s*(.*)$", re.S)


def check_code_field(code: str, series: str, file: str, field_line: int) -> list[Finding]:
    """Sandbox findings for `code`, located in the XML file (field line + line in the code)."""
    def at(line: int) -> int:  # code line 1 sits on the field's own line
        return field_line + line - 1

    violations = find_violations(code, series)
    if violations:
        return [Finding(v.code, v.message, file, at(v.line)) for v in violations]
    # Only code Odoo accepts reaches RestrictedPython, so one problem is reported once.
    offset = code[: len(code) - len(code.lstrip())].count("\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = compile_restricted_exec(code.strip(), policy=OdooPolicy)
    findings = []
    for error in result.errors:
        match = _RESTRICTED_LINE.match(error)
        line, text = (int(match[1]), match[2]) if match else (1, error)
        findings.append(Finding("code-restricted", f"RestrictedPython: {text}", file, at(line + offset)))
    return findings
