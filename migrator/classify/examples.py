"""Running a rule on its own examples (used by tests/test_rules.py and docs generation)."""

from __future__ import annotations

import ast

from migrator.analyze.module_facts import FileLines, ModuleFacts
from migrator.analyze.python_facts import python_file_facts
from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.classify.triggers import candidates
from migrator.model import Addon, Blocker, Effect


def example_facts(source: str) -> ModuleFacts:
    tree = ast.parse(source)
    addon = Addon(name="example", path="", manifest_file="__manifest__.py", manifest={}, series="18.0")
    return ModuleFacts(addon=addon, py_files=(python_file_facts("models/example.py", tree),), xml_files=(),
                       lines={"models/example.py": FileLines(0, frozenset())}, access_rules=(), assets=(),
                       findings=())


def run_rule(rule: Rule, source: str) -> list[Effect | Blocker]:
    """What `rule` yields on every candidate method of the example `source`."""
    facts = example_facts(source)
    found: list[Effect | Blocker] = []
    for cand in candidates(facts, example_mode=True):
        found.extend(rule.check(MethodContext(cand.method, facts, cand.trigger)))
    return found
