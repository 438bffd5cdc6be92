"""Values inside and outside a unit's condition domain, and a hypothesis strategy per
field type for the fields the condition, the trigger and the effects read."""

from __future__ import annotations

import ast
from typing import Any

from hypothesis import strategies as st

from migrator.runtime.registry import Registry
from migrator.verify.fixtures import Fixtures

Leaf = tuple[str, str, Any]
# Odoo operators the branch search evaluates; any other makes the condition opaque.
_TESTS = {
    "=": lambda v, t: v == t, "!=": lambda v, t: v != t,
    "in": lambda v, t: v in t, "not in": lambda v, t: v not in t,
    ">": lambda v, t: v is not False and v > t, ">=": lambda v, t: v is not False and v >= t,
    "<": lambda v, t: v is not False and v < t, "<=": lambda v, t: v is not False and v <= t,
}


def passes(op: str, value: Any, target: Any) -> bool:
    """Whether `value` passes the leaf test `op target`, as the branch search judges it."""
    return _TESTS[op](_plain(value), target)


def leaves(condition: str | None) -> list[Leaf] | None:
    """The leaves of an AND-only domain of simple tests, [] without condition, None otherwise."""
    if not condition:
        return []
    try:
        domain = ast.literal_eval(condition)
    except (ValueError, SyntaxError):
        return None
    found = []
    for item in domain:
        if item == "&":
            continue
        if not (isinstance(item, (list, tuple)) and len(item) == 3 and item[1] in _TESTS
                and isinstance(item[0], str) and "." not in item[0]):
            return None
        found.append((item[0], item[1], item[2]))
    return found


def candidates(registry: Registry, model: str, name: str, fixtures: Fixtures, literals: list[Any]) -> list[Any]:
    """A few values of the field's type, the domain's literals first."""
    field = registry.model_class(model)._fields[name]
    typed: list[Any] = {
        "boolean": [True, False],
        "selection": [key for key, _label in field.get("selection") or []],
        "integer": [0, 1, 100], "float": [0.0, 1.5, 100.0], "monetary": [0.0, 100.0],
        "char": ["", "A"], "text": ["", "A"], "html": ["", "<p>A</p>"],
        "date": [False, {"today": 0}, {"today": 5}], "datetime": [False, {"now": 0}, {"now": 5}],
        "many2one": [False, fixtures.ref(field.comodel_name, f"{name}_a") if field.comodel_name else False],
    }.get(field.type, [])
    flat = [x for lit in literals for x in (lit if isinstance(lit, (list, tuple)) else [lit])]
    return list(dict.fromkeys(_hashable(v) for v in [*flat, *typed]))


def _hashable(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def unhash(value: Any) -> Any:
    return dict(value) if isinstance(value, tuple) and value and isinstance(value[0], tuple) else value


def branch_values(registry: Registry, model: str, found: list[Leaf],
                  fixtures: Fixtures) -> tuple[dict, list[tuple[Leaf, dict]]]:
    """Values matching every leaf, and for each leaf that can fail, values failing it (the
    others kept)."""
    inside: dict[str, Any] = {}
    pools = {name: candidates(registry, model, name, fixtures, [t for n, _, t in found if n == name])
             for name, _, _ in found}
    for name in pools:
        tests = [(op, t) for n, op, t in found if n == name]
        match = next((v for v in pools[name] if all(_TESTS[op](_plain(v), t) for op, t in tests)), None)
        if match is not None:
            inside[name] = unhash(match)
    outside = []
    for name, op, target in found:
        miss = next((v for v in pools[name] if not _TESTS[op](_plain(v), target)), None)
        if miss is not None:
            outside.append(((name, op, target), {**inside, name: unhash(miss)}))
    return inside, outside


def _plain(value: Any) -> Any:
    """Relative dates compare as what they are at the start of the scenario: never equal
    to a domain's literal, which the branch search treats as a different value."""
    return value if not isinstance(value, tuple) else object()


def strategy(registry: Registry, model: str, name: str, fixtures: Fixtures,
             literals: list[Any]) -> st.SearchStrategy | None:
    """Values hypothesis draws for a field: the type's range around the interesting ones;
    None when there is nothing to draw (a many2many with no literal: the record keeps its
    default)."""
    field = registry.model_class(model)._fields[name]
    values = [unhash(v) for v in candidates(registry, model, name, fixtures, literals)]
    if not values and field.type not in ("integer", "float", "monetary", "char", "text", "date", "datetime"):
        return None
    pool = st.sampled_from(values) if values else st.nothing()
    if field.type == "integer":
        return st.one_of(pool, st.integers(-5, 200))
    if field.type in ("float", "monetary"):
        return st.one_of(pool, st.integers(-5, 200).map(float))
    if field.type in ("char", "text"):
        return st.one_of(pool, st.text("abcAB é", max_size=6))
    if field.type == "date":
        return st.one_of(st.just(False), st.integers(-3, 8).map(lambda n: {"today": n}))
    if field.type == "datetime":
        return st.one_of(st.just(False), st.integers(-3, 8).map(lambda n: {"now": n}))
    return pool


def is_date(registry: Registry, model: str, name: str) -> bool:
    return registry.model_class(model)._fields[name].type in ("date", "datetime")
