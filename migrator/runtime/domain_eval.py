"""Odoo domains evaluated in Python on one record, with exactly the semantics of the SQL
that domain.py compiles (the runtime's `filtered_domain` and automation pre/post domains).

Record values are column values: None is NULL (False too, except for boolean fields),
many2one values are ids, x2many values are lists of ids, translated fields hold their
en_US text, company-dependent fields the current company's value. `resolve(model, id)`
returns the values of another record, for paths and sub-domains.

SQL's three-valued logic is kept (None is "unknown"): it shows under '!', which Odoo keeps
only for '=like'/'=ilike' leaves, where NOT of an unknown comparison stays unknown.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from migrator.runtime.domain import (
    NEGATIVE, NULL_TEST, WILDCARD, Tree, active_filter, empty_value, in_params, is_char,
    is_number, normalize, null_as_zero, pattern_or_value, record_ids, spec_of, to_column,
)

Resolve = Callable[[str, int], dict]
Truth = bool | None


def matches(domain: list, record_values: dict, resolve: Resolve, model: str, models: dict) -> bool:
    """Whether the record matches the domain, i.e. whether the SQL WHERE would keep it; a
    leaf on a non-stored computed field, which SQL refuses, compares the record's value."""
    return matcher(domain, resolve, model, models)(record_values)


def matcher(domain: list, resolve: Resolve, model: str, models: dict) -> Callable[[Any], bool]:
    """`matches` for many records: the domain is read once."""
    tree = normalize(domain, model, models, reading="values")
    evaluator = _Evaluator(models, resolve)
    return lambda record_values: evaluator.tree(tree, model, record_values) is True


def _and(a: Truth, b: Truth) -> Truth:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def _or(a: Truth, b: Truth) -> Truth:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def _not(a: Truth) -> Truth:
    return None if a is None else not a


class _Evaluator:
    def __init__(self, models: dict, resolve: Resolve) -> None:
        self.models = models
        self.resolve = resolve

    def tree(self, tree: Tree, model: str, values: dict) -> Truth:
        head = tree[0]
        if head == "?":
            return tree[1]
        if head == "!":
            return _not(self.tree(tree[1], model, values))
        if head in ("&", "|"):
            combine, result = (_and, True) if head == "&" else (_or, False)
            for child in tree[1:]:
                result = combine(result, self.tree(child, model, values))
            return result
        operator, fname, value = tree
        field = spec_of(self.models, model, fname)  # normalize() checked what a leaf may name
        current = values.get(fname)
        if operator in ("any", "not any"):
            found = self.any(field, current, value)
            return found if operator == "any" else not found
        if field["type"] == "one2many" or field["type"] == "many2many":
            return self.x2many(operator, field, current or [], value)
        if current is False and field["type"] != "boolean":
            current = None
        return condition(field, current, operator, value)

    def matches_on(self, tree: Tree, model: str, record_id: int) -> bool:
        return self.tree(tree, model, self.resolve(model, record_id)) is True

    def any(self, field: dict, current: object, sub: Tree) -> bool:
        comodel = field["relation"]
        if field["type"] == "many2one":
            return bool(current) and self.matches_on(sub, comodel, current)  # type: ignore[arg-type]
        sub = active_filter(sub, comodel, self.models)
        return any(self.matches_on(sub, comodel, i) for i in current or [])  # type: ignore[attr-defined]

    def x2many(self, operator: str, field: dict, current: list, value: object) -> bool:
        negative = operator in NEGATIVE
        if value is False:
            if field["type"] == "one2many":
                current = [i for i in current
                           if self.matches_on(active_filter(("?", True), field["relation"], self.models),
                                              field["relation"], i)]
            return bool(current) == negative
        wanted = set(record_ids(value))
        return any(i in wanted for i in current) != negative


def condition(field: dict, current: object, operator: str, value: object) -> Truth:
    """One leaf on a plain column value: what domain.condition's SQL evaluates to."""
    if operator == "=?":
        if value is False or value is None:
            return True
        operator = "="
    if operator in ("in", "not in"):
        params, check_null = in_params(field, value)
        if params:
            found = None if current is None else any(_compare(field, current, "=", p) for p in params)
            result = found if operator == "in" else _not(found)
        else:
            result = operator == "not in"
        if (operator == "in") == check_null:
            return _or(result, current is None)
        if check_null:
            return _and(result, current is not None)
        return result

    if field["type"] == "boolean" and operator in ("=", "!=") and isinstance(value, bool):
        if value != (operator == "!="):
            return None if current is None else current is True
        return current is None or current is False

    value = empty_value(field, operator, value)
    if value is NULL_TEST:
        return (current is None) == (operator == "=")

    wildcard = operator in WILDCARD
    if wildcard and not value:
        return operator not in NEGATIVE
    literal = pattern_or_value(field, operator, value)
    left = current
    if operator.endswith("like") and not is_char(field):
        left = _as_text(current)
    result = _compare(field, left, operator, literal)
    if bool(value) == (operator in NEGATIVE) and operator[:1] not in "<>":
        return _or(result, current is None)
    if not wildcard and is_number(field) and null_as_zero(operator, to_column(field, value)):
        return _or(result, current is None)
    return result


def _compare(field: dict, left: object, operator: str, right: object) -> Truth:
    if left is None or right is None:
        return None
    if operator.endswith("like"):
        found = _like(str(right), operator.endswith("ilike")).fullmatch(str(left)) is not None
        return not found if operator.startswith("not") else found
    a, b = _comparable(field, left), _comparable(field, right)
    return {"=": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]


def _comparable(field: dict, value: object) -> object:
    """Values as PostgreSQL compares them with the column's type."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and field["type"] == "date":
        return datetime.date.fromisoformat(value)
    if isinstance(value, str) and field["type"] == "datetime":
        return datetime.datetime.fromisoformat(value)
    return value


def _as_text(value: object) -> str | None:
    """A non-text column cast to text, as PostgreSQL prints it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float):
        text = repr(value)  # float8 prints the shortest exact form, without a trailing .0
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _like(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """LIKE pattern as a regex: % any run, _ one character, backslash escapes."""
    parts, chars = [], iter(pattern)
    for char in chars:
        if char == "\\":
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL | (re.IGNORECASE if ignore_case else 0))
