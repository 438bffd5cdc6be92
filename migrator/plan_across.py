"""The plan across modules: which replaceable modules can really go, in which rounds, and
what holds the others (docs/classification.md, "The plan across modules").

Uninstalling an addon uninstalls every addon that depends on it. So a replaceable module can
only be removed when everything depending on it, directly or through others, goes too; a
module that stays (partial, keep, error) holds all it depends on. The module's own verdict is
kept as it is (what its code allows); `removal` says what the plan does with it. Readiness for
Odoo Online gets the same treatment: a module is ready only when its dependencies are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from manifestoo_core.core_addons import is_core_addon
from manifestoo_core.odoo_series import OdooSeries

from migrator.depgraph import DependencyGraph
from migrator.discover.series import DEFAULT_CORE_SERIES
from migrator.model import ModuleResult, Removal, SwitchPlan


def plan_across(modules: Sequence[ModuleResult]) -> tuple[tuple[ModuleResult, ...], SwitchPlan]:
    loaded: dict[str, ModuleResult] = {}
    for m in modules:  # of two addons with one name, Odoo loads the first: that one is planned
        if not any(e.code == "duplicate-addon" for e in m.errors):
            loaded.setdefault(m.name, m)
    graph = DependencyGraph({name: m.depends for name, m in loaded.items()})
    goes = {name for name, m in loaded.items() if m.verdict == "replaceable"}
    removable = {n for n in goes if graph.dependants_closure(n) <= goes}
    rounds = {n: depth + 1 for n, depth in graph.depth(removable, towards="required_by").items()}
    ready = _ready(loaded, graph)

    planned = []
    for m in modules:
        if loaded.get(m.name) is not m:
            planned.append(m)
            continue
        removal = _removal(m, graph, goes, removable, rounds, loaded)
        online = m.online
        if online is not None and online.answer != "unknown":
            online = dataclasses.replace(online, needs=_needs(m, graph, ready))
        planned.append(dataclasses.replace(m, required_by=graph.required_by[m.name], removal=removal, online=online))
    by_round: dict[int, list[str]] = {}
    for name, r in rounds.items():
        by_round.setdefault(r, []).append(name)
    plan = SwitchPlan(rounds=tuple(tuple(sorted(by_round[r])) for r in sorted(by_round)), cycles=graph.cycles)
    return tuple(planned), plan


def _removal(m: ModuleResult, graph: DependencyGraph, goes: set[str], removable: set[str],
             rounds: dict[str, int], loaded: dict[str, ModuleResult]) -> Removal:
    name = m.name
    if name in removable:
        first = graph.required_by[name]
        after = f" (after {', '.join(first)}, which depend on it)" if first else ""
        # A data module lists the depends of the module it replaces: uninstalling a dependency in
        # a later round would uninstall this one's data module too, unless it stops depending on it.
        changes = tuple(_change(name, d, graph, goes, loaded, data_module=True)
                        for d in graph.depends[name] if d in removable)
        return Removal("remove", round=rounds[name], changes=changes, summary=(
            f"Round {rounds[name]}{after}: install its data module, check it, then uninstall {name}."))
    if name in goes:
        closure = graph.dependants_closure(name)
        holders = tuple(sorted(closure - goes))
        changes = tuple(_change(k, r, graph, goes, loaded) for k in holders
                        for r in graph.depends[k] if r in goes and (r == name or r in closure))
        return Removal("held", blocked_by=holders, changes=changes, summary=(
            f"Replaceable once {_names(holders)} no longer depend{'s' if len(holders) == 1 else ''} on it: "
            f"uninstalling {name} would uninstall {'it' if len(holders) == 1 else 'them'}."))
    if m.verdict == "partial":
        return Removal("shrink", summary="Stays installed, smaller: install its data module, check it, then replace "
                                         f"{name} by its residual version.")
    if m.verdict == "error":
        return Removal("stay", summary="Stays: it could not be audited.")
    return Removal("stay", summary="Stays as it is: nothing of it becomes actions.")


def _change(holder: str, dep: str, graph: DependencyGraph, goes: set[str],
            loaded: dict[str, ModuleResult], data_module: bool = False) -> str:
    """What to change in `holder` (or in its data module) so that it no longer depends on `dep`,
    which goes."""
    kept = _kept_dependencies(dep, graph, goes, loaded)
    instead = [d for d in kept if d not in loaded[holder].depends]
    where = f"in the manifest of {holder}'s data module, before installing it" if data_module \
        else f"in {holder}'s manifest"
    if instead:
        text = f"{where}, replace {dep} in depends by {', '.join(instead)}"
    elif kept:
        text = (f"{where}, remove {dep} from depends ({holder} already depends on "
                f"{', '.join(kept)}, all that {dep} brings)")
    else:
        text = f"{where}, remove {dep} from depends (it brings no other module)"
    refs = loaded[holder].refs.get(dep, ())
    if refs and not data_module:
        shown = ", ".join(refs[:5]) + (f" and {len(refs) - 5} more" if len(refs) > 5 else "")
        text += f"; {holder}'s data refers to {dep}'s records ({shown}): point it to their copies in the data module"
    return text + "."


def _kept_dependencies(dep: str, graph: DependencyGraph, goes: set[str],
                       loaded: dict[str, ModuleResult]) -> list[str]:
    """What `dep` brings that stays once it and the modules it pulls that go are gone: the first
    staying or outside dependencies on every path down from it."""
    found: list[str] = []
    seen = {dep}
    todo = [dep]
    while todo:
        for d in loaded[todo.pop(0)].depends:
            if d in seen:
                continue
            seen.add(d)
            if d in goes:
                todo.append(d)
            else:
                found.append(d)
    return found


def _ready(loaded: dict[str, ModuleResult], graph: DependencyGraph) -> set[str]:
    """Modules an Odoo Online database could take as data modules: answer yes, no dependency
    outside Odoo and the audit, and every audited dependency ready (loops: all members)."""
    ready = {n for n, m in loaded.items()
             if m.online is not None and m.online.answer == "yes" and not _outside(m, loaded)}
    changed = True
    while changed:
        changed = False
        for n in sorted(ready):
            if any(d not in ready and not _core(d, loaded[n]) for d in graph.depends[n]):
                ready.discard(n)
                changed = True
    return ready


def _needs(m: ModuleResult, graph: DependencyGraph, ready: set[str]) -> tuple[str, ...]:
    audited = [d for d in graph.depends[m.name] if d not in ready and not _core(d, m)]
    return tuple(audited + _outside(m, graph.depends))


def _outside(m: ModuleResult, audited) -> list[str]:
    """Dependencies neither audited nor Odoo's own (community or enterprise) for its series."""
    return [d for d in m.depends if d not in audited and d != m.name and not _core(d, m)]


def _core(name: str, m: ModuleResult) -> bool:
    return is_core_addon(name, OdooSeries(m.series or DEFAULT_CORE_SERIES))


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
