"""The audit pipeline: discover -> analyze -> classify -> plan, over many addons, then the
plan across them (dependencies, removal rounds).

Each addon is audited in a worker process (the work is CPU-bound parsing), so an audit of
hundreds of modules uses every core. A module that crashes the analysis becomes a module
with an `internal-error` finding; the others are still audited.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor

from migrator.analyze import analyze
from migrator.classify import classify
from migrator.classify.registry import active_rules
from migrator.decide import decide, decision_series, default_name, settle
from migrator.gc_tuning import fewer_collections, tune
from migrator.model import Addon, AuditResult, Finding, ModuleResult, Rates, Readiness, Savings
from migrator.discover.dependencies import addons_by_name, reachable
from migrator.discover.manifest import manifest_depends
from migrator.plan import plan_module
from migrator.plan_across import plan_across

# Below this many addons, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 8


def audit_addon(addon: Addon, disabled_rules: Sequence[str] = (), rates: Rates = Rates(),
                series: str | None = None, given: Mapping[str, Addon] | None = None) -> ModuleResult:
    """Audit one discovered addon. Reads the addon's files; never writes or imports them.

    Whether a unit converts is the decision `migrator convert` takes (migrator/decide.py), for
    the module's own series (else `series`, else the default), with the `given` addons (by
    name) it depends on."""
    try:
        facts = analyze(addon)
        rules = active_rules(tuple(disabled_rules))
        units = [] if facts.fatal else classify(facts, rules)
        gone: frozenset[tuple[str, str, str]] = frozenset()
        carried: frozenset[str] = frozenset()
        if units:
            decision = decide(facts, units, decision_series(addon, series), default_name(addon), given=given)
            units, gone, carried = settle(units, decision), decision.gone, decision.carried_xmlids
        return plan_module(facts, units, rates, rules, gone=gone, carried=carried)
    except Exception as exc:  # one broken module must not stop the audit of the others
        finding = Finding("internal-error", f"the audit failed on this module: {type(exc).__name__}: {exc}.")
        return ModuleResult(addon.name, addon.path, addon.series, "error", (), addon.findings + (finding,),
                            Savings(0, 0), summary="The audit failed on this module; please report it.",
                            depends=manifest_depends(addon.manifest),
                            online=Readiness("unknown", summary="The audit failed on this module: whether a data "
                                             "module can replace it is unknown."))


def _audit_star(args: tuple[Addon, tuple[str, ...], Rates, str | None, dict[str, Addon]]) -> ModuleResult:
    return audit_addon(*args)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_audit(
    addons: Iterable[Addon],
    disabled_rules: Sequence[str] = (),
    rates: Rates = Rates(),
    series: str | None = None,
    jobs: int | None = None,
    progress: Callable[[ModuleResult], None] | None = None,
    dependencies: Iterable[Addon] = (),
) -> AuditResult:
    """Audit `addons`; each sees the others, and `dependencies` (found on --addons-path, not
    audited), as the addons it may depend on."""
    addons = list(addons)
    pool = addons_by_name([*addons, *dependencies])
    disabled = tuple(disabled_rules)
    active_rules(disabled)  # unknown rule names are a usage error before any work
    jobs = jobs or default_jobs()
    # each worker gets only the addons its module's depends reach
    work = [(a, disabled, rates, series, reachable(a, pool)) for a in addons]
    results: list[ModuleResult] = []
    if jobs <= 1 or len(addons) < _PARALLEL_THRESHOLD:
        with fewer_collections():
            for item in work:
                results.append(_audit_star(item))
                if progress:
                    progress(results[-1])
    else:
        chunk = max(1, min(16, len(work) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs, initializer=tune) as pool:
            for result in pool.map(_audit_star, work, chunksize=chunk):
                results.append(result)
                if progress:
                    progress(result)
    # Per audit, not per module: where each module stands among the others.
    modules, plan = plan_across(results)
    return AuditResult(modules=modules, rates=rates, series=series, disabled_rules=disabled, plan=plan)
