"""Each command loads only the stages it runs: `audit` starts without the generator, the
checker, the replay runtime and their libraries (libcst, jinja2, psycopg, hypothesis, ...)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "corpus" / "acme_sale_auto_confirm_mail"

# Run a command in a fresh interpreter, then print every module it had loaded.
_SCRIPT = """
import json, sys
import migrator.cli
try:
    migrator.cli.app(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

HEAVY = ("libcst", "jinja2", "psycopg", "hypothesis", "pgserver", "RestrictedPython", "yaml",
         "migrator.generate", "migrator.check", "migrator.verify", "migrator.runtime", "migrator.pg")


def _loaded(*args: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", _SCRIPT, *args], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    line = [ln for ln in run.stderr.splitlines() if ln.startswith("MODULES ")]
    assert line, run.stderr
    return set(json.loads(line[-1][len("MODULES "):]))


# The planning step the audit shares with convert (migrator/decide.py): plain Python, no libcst
# unless a unit needs code.
PLANNING = frozenset({"migrator.generate", "migrator.generate.plan", "migrator.generate.records", "migrator.generate.buttons",
                      "migrator.generate.carried", "migrator.generate.module_schema"})


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules - PLANNING if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_audit_loads_no_later_stage(fmt: str) -> None:
    modules = _loaded("audit", str(ADDON), "--format", fmt)
    assert "migrator.audit" in modules  # it did run the audit
    assert _heavy(modules) == []


def test_help_loads_no_stage() -> None:
    modules = _loaded("--help")
    assert _heavy(modules) == []
    assert "migrator.audit" not in modules and "migrator.classify" not in modules


def test_convert_loads_the_generator_but_not_the_replay_runtime(tmp_path: Path) -> None:
    modules = _loaded("convert", str(ADDON), "--series", "18.0", "--output", str(tmp_path))
    assert (tmp_path / "acme_sale_auto_confirm_mail_actions" / "__manifest__.py").is_file()
    assert "migrator.generate" in modules and "libcst" in modules
    assert not [m for m in modules if m.startswith(("migrator.verify", "hypothesis", "psycopg", "pgserver"))]
