"""Which of the given addons an addon depends on, and which of its dependencies were not given.

The schema catalogue (migrator/catalogue.py) knows the models and fields of the Odoo addons
installed in the database it was read off. Every other addon in an addon's `depends`, followed
through their own `depends`, must be given (audited together, or found on `--addons-path`) for
its models and fields to be known: their xml ids are read off its own declarations
(migrator/schema.py). Only manifests are read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from manifestoo_core.core_addons import is_core_addon
from manifestoo_core.odoo_series import OdooSeries

from migrator.discover.manifest import manifest_depends
from migrator.discover.series import DEFAULT_CORE_SERIES
from migrator.model import Addon


@dataclass(frozen=True)
class Dependencies:
    """An addon's dependencies beyond the catalogue."""

    addons: tuple[Addon, ...] = ()  # given, dependencies before their dependants (Odoo's load order)
    missing: tuple[str, ...] = ()  # named in the depends closure, neither given nor in the catalogue
    core_missing: tuple[str, ...] = ()  # those of `missing` that are Odoo's own addons

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.addons)


NO_DEPENDENCIES = Dependencies()


def dependencies_of(addon: Addon, given: Mapping[str, Addon], known: Iterable[str],
                    series: str | None = None) -> Dependencies:
    """The given addons `addon` depends on, directly or through each other, leaving out the
    addons the catalogue holds (`known`: it holds their own dependencies too)."""
    known = frozenset(known)
    found: dict[str, Addon] = {}
    missing: list[str] = []
    visiting: set[str] = {addon.name}

    def visit(name: str) -> None:
        if name in known or name in found or name in visiting or name in missing:
            return
        dependency = given.get(name)
        if dependency is None:
            missing.append(name)
            return
        visiting.add(name)
        for sub in manifest_depends(dependency.manifest):
            visit(sub)
        found[name] = dependency  # after its own dependencies: load order

    for name in manifest_depends(addon.manifest):
        visit(name)
    core = OdooSeries(series or addon.series or DEFAULT_CORE_SERIES)
    return Dependencies(tuple(found.values()), tuple(missing),
                        tuple(n for n in missing if is_core_addon(n, core)))


def addons_by_name(addons: Iterable[Addon]) -> dict[str, Addon]:
    """The first addon of each name, as Odoo loads the first one on its addons path."""
    by_name: dict[str, Addon] = {}
    for addon in addons:
        by_name.setdefault(addon.name, addon)
    return by_name


def reachable(addon: Addon, given: Mapping[str, Addon]) -> dict[str, Addon]:
    """The given addons in `addon`'s depends closure (what its workers need of `given`)."""
    found: dict[str, Addon] = {}
    todo = list(manifest_depends(addon.manifest))
    while todo:
        name = todo.pop()
        if name in found or name == addon.name or name not in given:
            continue
        found[name] = given[name]
        todo += manifest_depends(given[name].manifest)
    return found
