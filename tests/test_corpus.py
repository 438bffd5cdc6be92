"""The audit of every corpus addon equals the expected result written beside it."""

import json
from collections import Counter
from pathlib import Path

import pytest

from migrator.audit import run_audit
from migrator.discover import discover

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXPECTED = sorted(CORPUS.glob("*.expected.json"))


def _unit_key(u) -> tuple:
    if isinstance(u, dict):
        return (u["model"], u["method"], u["kind"], u["trigger"], tuple(sorted(u["trigger_fields"])),
                u["convertible"], tuple(sorted(u["blockers"])), u.get("replaced_by"))
    return (u.model, u.method, u.kind, u.trigger, tuple(sorted(u.trigger_fields)), u.convertible,
            tuple(sorted(b.code for b in u.blockers)), u.replaced_by)


@pytest.fixture(scope="module")
def audit():
    # one audit of the whole corpus: the plan across modules needs them all
    return run_audit(discover([str(CORPUS)]), jobs=1)


@pytest.fixture(scope="module")
def audited(audit):
    return {m.name: m for m in audit.modules}


def test_every_corpus_addon_has_an_expected_result(audited):
    assert set(audited) == {p.name.removesuffix(".expected.json") for p in EXPECTED}


@pytest.mark.parametrize("path", EXPECTED, ids=[p.name.removesuffix(".expected.json") for p in EXPECTED])
def test_corpus_addon(path, audited):
    expected = json.loads(path.read_text())
    result = audited[path.name.removesuffix(".expected.json")]
    assert result.series == expected["series"]
    assert Counter(_unit_key(u) for u in result.units) == Counter(_unit_key(u) for u in expected["units"])
    assert sorted(result.stays) == sorted(expected["stays"])
    assert sorted(e.code for e in result.errors) == sorted(expected["errors"])
    assert result.verdict == expected["verdict"], result.summary


@pytest.mark.parametrize("path", EXPECTED, ids=[p.name.removesuffix(".expected.json") for p in EXPECTED])
def test_corpus_addon_readiness_and_plan(path, audited):
    expected = json.loads(path.read_text())
    result = audited[path.name.removesuffix(".expected.json")]
    assert result.online.answer == expected["online"]["answer"], result.online.summary
    assert sorted(p.code for p in result.online.python) == sorted(expected["online"]["python"])
    plan = expected["plan"]
    assert (result.removal.status, result.removal.round) == (plan["removal"], plan["round"]), result.removal.summary
    assert list(result.removal.blocked_by) == plan["blocked_by"]
    assert list(result.required_by) == plan["required_by"]


def test_corpus_rounds_are_the_expected_rounds_in_order(audit):
    by_round: dict[int, list[str]] = {}
    for path in EXPECTED:
        plan = json.loads(path.read_text())["plan"]
        if plan["round"] is not None:
            by_round.setdefault(plan["round"], []).append(path.name.removesuffix(".expected.json"))
    assert [list(r) for r in audit.plan.rounds] == [sorted(by_round[r]) for r in sorted(by_round)]
