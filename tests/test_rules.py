"""Every rule against its own examples: `match` must yield, `no_match` must not."""

import pytest

from migrator.classify.examples import run_rule
from migrator.classify.registry import active_rules, all_rules
from migrator.errors import UsageError
from migrator.model import Blocker, Effect

RULES = all_rules()
MATCH = [(r, i, src) for r in RULES for i, src in enumerate(r.match)]
NO_MATCH = [(r, i, src) for r in RULES for i, src in enumerate(r.no_match)]


def test_every_rule_has_examples_both_ways():
    for rule in RULES:
        assert rule.match and rule.no_match, rule.name


def test_rule_names_are_unique_and_kebab_case():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(n == n.lower() and " " not in n and "_" not in n for n in names)


@pytest.mark.parametrize("rule,index,source", MATCH, ids=[f"{r.name}-{i}" for r, i, _ in MATCH])
def test_match_examples(rule, index, source):
    found = run_rule(rule, source)
    assert found, f"{rule.name} found nothing in its match example {index}"
    expected = Effect if rule.produces == "effect" else Blocker
    assert all(isinstance(f, expected) for f in found)


@pytest.mark.parametrize("rule,index,source", NO_MATCH, ids=[f"{r.name}-{i}" for r, i, _ in NO_MATCH])
def test_no_match_examples(rule, index, source):
    assert run_rule(rule, source) == []


def test_disable_by_name_and_unknown_name():
    assert "raw-sql" not in {r.name for r in active_rules(["raw-sql"])}
    with pytest.raises(UsageError, match="no-such-rule"):
        active_rules(["no-such-rule"])


def test_rule_catalogue_is_up_to_date():
    from pathlib import Path

    from migrator.classify.catalogue import render_catalogue

    committed = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text()
    assert committed == render_catalogue(), "run: python -m migrator.classify.catalogue > docs/rules.md"
