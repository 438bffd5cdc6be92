"""`verify_addon`: the same scenarios through the addon (run A) and through its actions
(run B), compared, in the embedded runtime or in real Odoo (odoo_engine/). Each difference
(attributed to CONVERSION.md where it states it); else
equivalent when every moved unit was seen acting and not acting, "not exercised" otherwise
(exercise.py); CannotVerify when the replay lacks something either side uses."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, Phase, Verbosity, find, settings
from hypothesis.errors import NoSuchExample

from migrator.discover import discover
from migrator.discover.dependencies import addons_by_name
from migrator.errors import UsageError
from migrator.generate import convert_addon, write_module, write_residual
from migrator.generate.buttons import bound_action
from migrator.generate.convert import Conversion, replaced_button
from migrator.model import Addon
from migrator.pg import Harness, resolve_dsn
from migrator.verify.diff import Difference, compare
from migrator.verify.errors import CannotVerify, cannot_verify
from migrator.verify.exercise import Exercise, acts, effect_models, involves, not_exercised
from migrator.verify.fields_data import fields_data, keeping_residual, named
from migrator.verify.generate import Probe, probes
from migrator.verify.observe import Observation
from migrator.verify.replay import replay
from migrator.verify.ported import Ported, port_manifest, ported_copy
from migrator.verify.runs import Run, Sources, build_registry, open_runs

if TYPE_CHECKING:
    from migrator.verify.odoo_engine.locate import OdooInstall
from migrator.verify.scenario import Scenario, load_scenarios
from migrator.verify.stated import stated

DEFAULT_EXAMPLES = 20


@dataclass
class ScenarioResult:
    scenario: Scenario
    differences: list[Difference]
    module: Observation
    actions: Observation
    found_by: str = "branch"  # "branch", "file", or "property" (shrunk by hypothesis)
    without: Observation | None = None  # the replay without the logic under test (exercise.py)
    stated: str | None = None  # the difference CONVERSION.md states, when that is what differs


@dataclass
class VerifyResult:
    addon: str
    series: str
    actions: str  # the data module replayed
    results: list[ScenarioResult] = field(default_factory=list)
    examples: int = 0  # records drawn by hypothesis besides the branch scenarios
    kept: list[str] = field(default_factory=list)  # databases left with --keep-db
    ported: Ported | None = None  # the addon's manifest names another series: replayed ported
    not_exercised: list[str] = field(default_factory=list)  # "not exercised: <unit>: <why>"
    units: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # unit -> acting / not_acting: scenarios
    engine: str = "embedded"  # "embedded" (the replay runtime) or "odoo"
    odoo: str | None = None  # the real Odoo the odoo engine ran ("Odoo 18.0 at PATH (PYTHON)")
    fields: str = "residual"  # --fields: "data" replays the custom fields and models of the data module
    renamed: list[str] = field(default_factory=list)  # --fields data: "model.f -> model.x_f", as mapped

    @property
    def different(self) -> bool:
        return any(r.differences for r in self.results)

    @property
    def stated_only(self) -> bool:
        """Different only where CONVERSION.md says the actions behave differently."""
        return self.different and all(r.stated for r in self.results if r.differences)

    @property
    def equivalent(self) -> bool:
        return not self.different and not self.not_exercised

    @property
    def verdict(self) -> str:
        return "different" if self.different else "not exercised" if self.not_exercised else "equivalent"

    @property
    def exit_code(self) -> int:
        return {"equivalent": 0, "different": 1, "not exercised": 2}[self.verdict]


def verify_addon(addon_path: Path, series: str, actions: Path | None = None, scenario_file: Path | None = None,
                 dsn: str | None = None, keep_db: bool = False, examples: int = DEFAULT_EXAMPLES,
                 odoo: OdooInstall | None = None, addons_path: Sequence[Path] = (),
                 fields: str = "residual") -> VerifyResult:
    """`odoo`: replay in that real Odoo (the `odoo` engine) instead of the embedded runtime.
    `addons_path`: folders holding the custom addons the addon depends on (installed in both
    runs; the real Odoo's are its own addons path). `fields`: "data" verifies the data module of
    `convert --fields data` (verify/fields_data.py)."""
    addon = _addon(addon_path, series)
    given = addons_by_name(discover([str(p) for p in addons_path], include_core=True)) if addons_path else {}
    conversion = convert_addon(addon, series, given=given)  # the one analysis of the addon
    missing = [n for n in conversion.dependencies.missing if n not in conversion.dependencies.core_missing]
    if missing:
        raise CannotVerify(f"cannot replay: {addon.name} depends on {', '.join(missing)}, which the replay must "
                           "install too: give the folder holding it with --addons-path")
    data = fields_data(addon, conversion, series, given, odoo is not None) if fields == "data" else None
    if not conversion.moved and not (data and data.names):
        raise CannotVerify(f"nothing to verify: no unit of {addon.name} converts for {series}")
    generated_from = data.conversion if data else conversion  # the data module and run B's residual
    with tempfile.TemporaryDirectory(prefix="migrator-verify-") as scratch:
        work = Path(scratch)
        sources, ported = prepare(addon, conversion, series, work, actions, generated_from)
        if data is not None:
            sources = dataclasses.replace(sources, names=data.names,
                                          keeping_path=keeping_residual(conversion, work / "keeping", series))
        # each version's registry, built once: the module's also builds the scenarios
        module = _module_registry(sources, odoo is not None, scenario_file is not None)
        residual = build_registry(series, addon.name, sources.residual_path, sources.dependency_paths) \
            if odoo is None else None
        with cannot_verify("building the scenarios"):  # models and fields the addon's code declares
            generated = probes([plan for plan, _ in conversion.moved], module) if module else []
            scenarios = load_scenarios(scenario_file) if scenario_file else [s for p in generated for s in p.branches()]
            if data is not None and not scenario_file and module:
                scenarios += data.scenarios(module, generated)
        models = {plan.model for plan, _ in conversion.moved} | {m for s in scenarios for m in s.models()} \
            | {r.model for p in generated for r in p.fixtures.records.values()}
        result = VerifyResult(addon.name, series, sources.actions_path.name, ported=ported,
                              engine="odoo" if odoo else "embedded", odoo=odoo.describe() if odoo else None,
                              fields=fields, renamed=data.names.lines() if data else [])
        with Harness(resolve_dsn(dsn), keep=keep_db) as harness:
            with _runs(harness, sources, models, module, residual, odoo, conversion) as (run_a, run_b):
                _replay_scenarios(run_a, run_b, scenarios, conversion, result, "file" if scenario_file else "branch")
                if not scenario_file and examples:
                    for probe in generated:
                        _explore(run_a, run_b, probe, examples, result, conversion)
            result.kept = list(harness.created) if keep_db else []
    return result


def prepare(addon: Addon, conversion: Conversion, series: str, work: Path, actions: Path | None = None,
            generated_from: Conversion | None = None) -> tuple[Sources, Ported | None]:
    """What the two runs load, written under `work`: the data module (unless `actions` names
    one), the addon and the custom addons it depends on, copied and ported to `series` in
    their manifests (verify replays a module of another series as if it were of `series`),
    and the residual module. `generated_from`: the conversion the data module and the
    residual come from, when not `conversion` (`--fields data`)."""
    generated_from = generated_from or conversion
    if actions is None:
        findings = write_module(generated_from, work)
        if findings:
            raise CannotVerify(f"the generated module does not pass check: {findings[0].message}")
        actions = work / generated_from.name
    elif not (actions / "__manifest__.py").is_file():
        raise UsageError(f"{actions}: not a module folder (no __manifest__.py)")
    module_path, ported = ported_copy(Path(addon.path), series, work / "module")
    write_residual(generated_from, work / "residual")
    port_manifest(work / "residual" / addon.name, series)
    dependencies = tuple(ported_copy(Path(d.path), series, work / "dependencies")[0]
                         for d in conversion.dependencies.addons)
    sources = _sources(addon, generated_from, module_path, work / "residual" / addon.name, actions, series,
                       dependencies)
    return sources, ported


def _module_registry(sources: Sources, real_odoo: bool, scenario_file: bool) -> Any:
    """The addon in the runtime: run A's, and what generated scenarios are built from. Real
    Odoo replaying a scenario file does without it when the runtime cannot load the addon."""
    try:
        return build_registry(sources.series, sources.addon, sources.addon_path, sources.dependency_paths)
    except CannotVerify as exc:
        if real_odoo and scenario_file:
            return None
        if real_odoo:
            raise CannotVerify(f"{exc}; scenarios are built in the replay runtime: give real Odoo a scenario "
                               "file (--scenario)") from exc
        raise


@contextmanager
def _runs(harness: Harness, sources: Sources, models: set[str], module: Any, residual: Any,
          odoo: OdooInstall | None, conversion: Conversion) -> Iterator[tuple[Any, Any]]:
    """Run A and run B of the engine asked for."""
    if odoo is None:
        with open_runs(harness, sources, models, module, residual) as runs:
            yield runs
        return
    from migrator.verify.odoo_engine.runs import open_odoo_runs

    with open_odoo_runs(harness, sources, odoo, [(plan.model, plan.method) for plan, _ in conversion.moved]) as runs:
        yield runs


def play(run: Any, scenario: Scenario) -> Observation:
    """One scenario through one run of either engine."""
    return replay(run, scenario) if isinstance(run, Run) else run.replay(scenario)


def _replay_scenarios(run_a: Any, run_b: Any, scenarios: list[Scenario], conversion: Conversion,
                      result: VerifyResult, found_by: str) -> None:
    """Each scenario through both runs, and without the logic (what acting is measured
    against); then which units they exercised."""
    for scenario in scenarios:
        found = _compare(run_a, run_b, scenario, found_by)
        found.without = play(run_b.without(), scenario)
        found.stated = stated(conversion, scenario, found.differences)
        result.results.append(found)
    exercises = _exercises(conversion, result.results)
    result.units = {ex.name: {"acting": ex.acting, "not_acting": ex.quiet} for ex in exercises}
    result.not_exercised = not_exercised(exercises, generated=found_by == "branch")


def _addon(path: Path, series: str) -> Addon:
    if not (path / "__manifest__.py").is_file() and not (path / "__openerp__.py").is_file():
        raise UsageError(f"{path}: not an addon folder (no __manifest__.py)")
    found = [a for a in discover([str(path)], series=series) if Path(a.path).resolve() == path.resolve()]
    if not found:
        raise UsageError(f"{path}: no addon found")
    return found[0]


def _sources(addon: Addon, conversion: Conversion, module: Path, residual: Path, actions: Path,
             series: str, dependencies: tuple[Path, ...]) -> Sources:
    """Which cron or server action stands for each moved method in each run."""
    name = actions.name
    addon_crons, action_crons, buttons, time_rules = {}, {}, {}, set()
    for plan, records in conversion.moved:
        if plan.cron is not None and plan.cron.method:
            addon_crons[plan.cron.method] = _full(plan.cron.xmlid, addon.name)
        if plan.trigger == "on_time":
            time_rules.add(plan.method)
        for record in records:
            if record.model == "ir.cron":
                action_crons[plan.method] = f"{name}.{record.xmlid}"
        action = bound_action(records) if plan.trigger == "manual" else None
        if action is not None:  # a multi's children come before it in 16.0-18.0
            buttons[f"{plan.model}.{plan.method}"] = f"{name}.{action.xmlid}"
        elif replaced_button(plan) is not None:  # Odoo's own button, the rule following its write
            buttons[f"{plan.model}.{plan.method}"] = ""
    return Sources(addon.name, module, residual, actions, series, addon_crons, action_crons,
                   buttons, frozenset(time_rules), dependencies)


def _exercises(conversion: Conversion, results: list[ScenarioResult]) -> list[Exercise]:
    """Per moved unit, the scenarios where run A showed it acting, and not acting."""
    exercises = []
    for plan, _records in conversion.moved:
        ex = Exercise(plan)
        for found in results:
            if found.without is None or not involves(found.scenario, plan):
                continue
            if acts(plan, compare(found.module, found.without)):
                ex.acting.append(found.scenario.name)
            else:
                ex.quiet.append(found.scenario.name)
                ex.failed += [o for o in found.module.outcomes if o.startswith("error")]
                for model in effect_models(plan):
                    gone = found.module.vanished.get(model, 0) - found.without.vanished.get(model, 0)
                    if gone > 0:
                        ex.vanished[model] = max(ex.vanished.get(model, 0), gone)
            if found.scenario.kind == "branch" and ex.expected is None and " inside " in found.scenario.name:
                ex.expected = found.scenario.name
        exercises.append(ex)
    return exercises


def _full(xmlid: str, module: str) -> str:
    return xmlid if "." in xmlid else f"{module}.{xmlid}"


def _compare(run_a: Any, run_b: Any, scenario: Scenario, found_by: str) -> ScenarioResult:
    a = play(run_a, scenario)
    b = play(run_b, scenario)
    return ScenarioResult(scenario, named(compare(a, b), getattr(run_b, "names", None)), a, b, found_by)


def _explore(run_a: Any, run_b: Any, probe: Probe, examples: int, result: VerifyResult,
             conversion: Conversion) -> None:
    """Records drawn by hypothesis (fixed seed, bounded); the first that shows a difference
    is shrunk to the smallest one and reported."""
    def differs(pair: tuple[dict, dict]) -> bool:
        result.examples += 1
        scenario = probe.scenario(pair[0], pair[1], "drawn")
        return bool(compare(play(run_a, scenario), play(run_b, scenario)))

    config = settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                      phases=(Phase.generate, Phase.shrink), verbosity=Verbosity.quiet,
                      suppress_health_check=list(HealthCheck))
    try:
        initial, change = find(probe.strategy(), differs, settings=config)
    except NoSuchExample:
        return
    scenario = probe.scenario(initial, change, "smallest record showing a difference")
    found = _compare(run_a, run_b, scenario, "property")
    found.stated = stated(conversion, scenario, found.differences)
    result.results.append(found)
