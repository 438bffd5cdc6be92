"""Differential fidelity: every corpus scenario through both engines, the embedded runtime
held against real Odoo scenario by scenario.

    .venv/bin/python bench/fidelity.py [--series 18.0 ...] [--own] [--module NAME ...] [--details]

Needs a real Odoo per series (MIGRATOR_ODOO_18_0=/path/to/odoo/src, or [tool.migrator];
docs/verify.md#real-odoo). Every convertible corpus module is verified on each series asked
for (default: 18.0 and, with --own, each module's own series too) by both engines, without
drawn records (the same branch scenarios, or the module's file in tests/scenarios/).

Per scenario and run (A, the module; B, the actions), the logic's effects are compared: what
the run shows that the same scenario without the logic (run B's database, no rule, cron or
button at work) does not (migrator/verify/diff.py's compare). Real Odoo does more on its own
than the runtime replays (creation messages, computed core fields, notifications): those
appear in both the run and its replay without the logic, so they are not effects. What the
runtime does not observe at all (models it has no table for, fields it does not store) is
left out and listed; everything else must agree. Printed: per module the verdicts, the
scenarios agreeing, the time of each engine; then the agreement over all scenarios, the
runtime's refusals, and how often the runtime said "equivalent" where Odoo said "different"
(must be 0).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from platformdirs import user_cache_dir  # noqa: E402

from migrator.discover import discover  # noqa: E402
from migrator.errors import UsageError  # noqa: E402
from migrator.verify.diff import ABSENT, Difference, compare  # noqa: E402
from migrator.verify.errors import CannotVerify  # noqa: E402
from migrator.runtime.manifest import read_manifest  # noqa: E402
from migrator.verify.odoo_engine.locate import OdooInstall, Wanted, env_name, locate  # noqa: E402
from migrator.verify.ported import port_manifest  # noqa: E402
from migrator.verify.verifier import ScenarioResult, VerifyResult, verify_addon  # noqa: E402

CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "golden"
SCENARIOS = ROOT / "tests" / "scenarios"
# a record neither engine names (a partner made along with a user): its id is each engine's own
_UNNAMED = re.compile(r"\b([a-z_]+(?:\.[a-z_]+)+)\(\d+\)")


@dataclass
class Engines:
    """One module on one series through both engines."""

    module: str
    series: str
    embedded: VerifyResult | None = None
    odoo: VerifyResult | None = None
    refused: str | None = None  # the embedded runtime's refusal
    failed: str | None = None  # real Odoo's
    seconds: dict[str, float] = field(default_factory=dict)
    scenarios: list[tuple[str, list[str]]] = field(default_factory=list)  # name -> disagreements

    @property
    def agreeing(self) -> int:
        return sum(1 for _name, found in self.scenarios if not found)

    @property
    def unsound(self) -> bool:
        """The runtime says equivalent where real Odoo says different."""
        return bool(self.embedded and self.odoo and self.embedded.verdict == "equivalent"
                    and self.odoo.verdict == "different")


def convertible(series: str) -> list[str]:
    """The corpus modules with a generated data module for `series` (tests/golden)."""
    return sorted(p.name.removesuffix("_actions") for p in (GOLDEN / series).iterdir())


def own_series(module: str) -> str | None:
    found = discover([str(CORPUS / module)])
    return found[0].series if found else None


def corpus_dependencies(module: str, series: str, odoo: OdooInstall) -> OdooInstall:
    """Real Odoo installs the corpus modules `module` depends on too: copies of them, ported
    to `series` in their manifests, in a folder of the user's cache (made once, so that the
    template's fingerprint stays; delete it after changing those corpus modules)."""
    depends = [d for d in read_manifest(CORPUS / module).get("depends", []) if (CORPUS / d).is_dir()]
    if not depends:
        return odoo
    folder = Path(user_cache_dir("odoo-migrator")) / "bench" / "corpus-dependencies" / series
    for name in depends:
        if not (folder / name).is_dir():
            shutil.copytree(CORPUS / name, folder / name)
            port_manifest(folder / name, series)
    return dataclasses.replace(odoo, addons_path=(*odoo.addons_path, folder))


def run_both(module: str, series: str, odoo: OdooInstall) -> Engines:
    found = Engines(module, series)
    odoo = corpus_dependencies(module, series, odoo)
    scenario = SCENARIOS / f"{module}.yaml"
    options: dict[str, Any] = {"examples": 0, "scenario_file": scenario if scenario.is_file() else None}
    for name, install in (("embedded", None), ("odoo", odoo)):
        start = time.perf_counter()
        try:
            setattr(found, name, verify_addon(CORPUS / module, series, odoo=install, **options))
        except (CannotVerify, UsageError) as exc:
            if name == "embedded":
                found.refused = str(exc)
            else:
                found.failed = str(exc)
        found.seconds[name] = time.perf_counter() - start
    if found.embedded and found.odoo:
        found.scenarios = [(e.scenario.name, disagreements(e, o, found.embedded))
                           for e, o in zip(found.embedded.results, found.odoo.results, strict=True)]
    return found


def disagreements(embedded: ScenarioResult, odoo: ScenarioResult, result: VerifyResult) -> list[str]:
    """Where the two engines' effects of the logic differ, in run A and in run B, on what the
    runtime observes."""
    observed = _observed(embedded)
    found = []
    for run in ("module", "actions"):
        mine = _effects(getattr(embedded, run), embedded.without, observed)
        theirs = _effects(getattr(odoo, run), odoo.without, observed)
        found += [f"run {'A' if run == 'module' else 'B'}: runtime only: {d}" for d in sorted(mine - theirs)]
        found += [f"run {'A' if run == 'module' else 'B'}: Odoo only: {d}" for d in sorted(theirs - mine)]
    outcomes = (embedded.module.outcomes, embedded.actions.outcomes)
    if outcomes != (odoo.module.outcomes, odoo.actions.outcomes):
        found.append(f"outcomes: runtime {outcomes}, Odoo {(odoo.module.outcomes, odoo.actions.outcomes)}")
    return found


def _observed(result: ScenarioResult) -> dict[str, set[str]]:
    """The models and fields the runtime's observations hold (any of its runs)."""
    seen: dict[str, set[str]] = {}
    for obs in (result.module, result.actions, result.without):
        if obs is None:
            continue
        for model, records in obs.records.items():
            for values in records.values():
                seen.setdefault(model, set()).update(values)
        for model, rows in obs.mail.items():
            for values in rows:
                seen.setdefault(model, set()).update(values)
    return seen


def _effects(run: Any, without: Any, observed: dict[str, set[str]]) -> set[str]:
    """The run's differences from the replay without the logic, as text, on what the runtime
    observes (models it has a table for, their fields), records it does not name masked."""
    if without is None:
        return set()
    found = set()
    for diff in compare(run, without):
        if diff.model and diff.model not in observed:
            continue
        if diff.field and diff.model and diff.field not in observed[diff.model] and diff.field != "deleted":
            continue
        found.add(_UNNAMED.sub(r"\1(?)", _text(diff, observed)))
    return found


def _text(diff: Difference, observed: dict[str, set[str]]) -> str:
    def shown(value: Any) -> Any:
        if isinstance(value, dict) and diff.model in observed:
            return {k: v for k, v in sorted(value.items()) if k in observed[diff.model]}
        return value

    with_logic = shown(diff.module)
    without = shown(diff.actions)
    return f"{diff.model} {diff.record} {diff.field}: {with_logic!r} (without the logic: " \
           f"{without if without != ABSENT else 'none'!r})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", action="append", help="series to verify on (default 18.0)")
    parser.add_argument("--own", action="store_true", help="also each module on its own series")
    parser.add_argument("--module", action="append", help="only these corpus modules")
    parser.add_argument("--details", action="store_true", help="print each disagreement")
    args = parser.parse_args()
    targets: list[tuple[str, str]] = []
    for series in args.series or ["18.0"]:
        targets += [(m, series) for m in convertible(series)]
    if args.own:
        for series in ("16.0", "17.0", "18.0", "19.0"):
            targets += [(m, series) for m in convertible(series) if own_series(m) == series]
    targets = sorted({t for t in targets if not args.module or t[0] in args.module}, key=lambda t: (t[1], t[0]))
    installs: dict[str, OdooInstall | None] = {}
    rows: list[Engines] = []
    print(f"{'module':<34} {'series':<6} {'embedded':<14} {'odoo':<14} {'agree':>7} {'emb s':>6} {'odoo s':>7}")
    for module, series in targets:
        if series not in installs:
            installs[series] = locate(series, Wanted())
        if installs[series] is None:
            print(f"{module:<34} {series:<6} skipped: {env_name(series)} is not set")
            continue
        found = run_both(module, series, installs[series])  # type: ignore[arg-type]
        rows.append(found)
        verdicts = [r.verdict if r else ("refused" if name == "embedded" else "failed")
                    for name, r in (("embedded", found.embedded), ("odoo", found.odoo))]
        agree = f"{found.agreeing}/{len(found.scenarios)}" if found.scenarios else "-"
        print(f"{module:<34} {series:<6} {verdicts[0]:<14} {verdicts[1]:<14} {agree:>7} "
              f"{found.seconds['embedded']:>6.1f} {found.seconds['odoo']:>7.1f}", flush=True)
        for text in filter(None, (found.refused and f"runtime: {found.refused}",
                                  found.failed and f"odoo: {found.failed}")):
            print(f"    {text}")
        if args.details:
            for name, items in found.scenarios:
                for item in items:
                    print(f"    {name}: {item}")
    compared = [r for r in rows if r.scenarios]
    total = sum(len(r.scenarios) for r in compared)
    agreeing = sum(r.agreeing for r in compared)
    print()
    print(f"scenarios through both engines: {total}; the runtime agrees with real Odoo on {agreeing} "
          f"({100 * agreeing / total if total else 0:.1f}%)")
    print(f"modules the runtime refuses (cannot replay): {sum(1 for r in rows if r.refused)}; "
          f"real Odoo failed: {sum(1 for r in rows if r.failed)}")
    print(f"runtime 'equivalent' where real Odoo says 'different': {sum(1 for r in rows if r.unsound)}")
    print(f"vacuous 'equivalent' (equivalent with a unit not exercised): "
          f"{sum(1 for r in rows for x in (r.embedded, r.odoo) if x and x.verdict == 'equivalent' and x.not_exercised)}")
    timed = [r.seconds["odoo"] for r in rows if r.odoo]
    if timed:
        print(f"real-Odoo verify per module: median {sorted(timed)[len(timed) // 2]:.1f} s, max {max(timed):.1f} s "
              f"(templates built before the first module of each dependency set count in its time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
