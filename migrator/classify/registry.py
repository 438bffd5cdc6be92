"""The rule registry: every rule module under classify/rules, found by import."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from migrator.classify import rules as rules_pkg
from migrator.classify.rule import Rule
from migrator.errors import UsageError


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(rules_pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{rules_pkg.__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__:
                found.append(obj())
    return tuple(sorted(found, key=lambda r: (r.produces, r.name)))


# Names rules had before each blocker rule took its code's name; --disable still takes them.
_FORMER_NAMES = {"own-field": "new-field-needed", "custom-method-call": "calls-custom-method",
                 "super-return-value": "uses-super-return-value", "button-override": "overrides-button"}


def active_rules(disabled: tuple[str, ...] | list[str] = ()) -> tuple[Rule, ...]:
    rules = all_rules()
    disabled = [_FORMER_NAMES.get(name, name) for name in disabled]
    unknown = set(disabled) - {r.name for r in rules}
    if unknown:
        raise UsageError(f"unknown rule(s) to disable: {', '.join(sorted(unknown))} (see `migrator rules`)")
    return tuple(r for r in rules if r.name not in disabled)
