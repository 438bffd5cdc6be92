"""The audit of every corpus addon equals the expected result written beside it."""

import json
from collections import Counter
from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.discover import discover

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXPECTED = sorted(CORPUS.glob("*.expected.json"))


def _unit_key(u) -> tuple:
    if isinstance(u, dict):
        return (u["model"], u["method"], u["kind"], u["trigger"], tuple(sorted(u["trigger_fields"])),
                u["convertible"], tuple(sorted(u["blockers"])))
    return (u.model, u.method, u.kind, u.trigger, tuple(sorted(u.trigger_fields)), u.convertible,
            tuple(sorted(b.code for b in u.blockers)))


@pytest.fixture(scope="module")
def audited():
    return {a.name: audit_addon(a) for a in discover([str(CORPUS)])}


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
