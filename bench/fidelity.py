"""Differential fidelity: every corpus scenario through both engines, the embedded runtime
held against real Odoo scenario by scenario.

    .venv/bin/python bench/fidelity.py [--series 18.0 ...] [--own] [--module NAME ...] [--details] [--fresh]

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

Real Odoo's results are kept in the user cache (bench/fidelity-odoo/), keyed by what they
depend on: the corpus module and its dependencies, the toolkit's convert and verify code
(migrator/generate, templates, migrator/verify), the series and the Odoo tree; a kept result
is used only when its scenarios are the ones the runtime replayed. So a change to the runtime
alone replays the embedded side only. `--fresh` replays both.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
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
from migrator.verify.diff import ABSENT, compare  # noqa: E402
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
# mail-side rows are labelled by their content: a reference to one (a message's parent, a
# mail's message) is compared as a reference, since what the engines' own messages hold
# (creation messages, tracking) is not the logic's effect
_MAIL_ROW = re.compile(r"\b((?:mail|sms)\.[a-z_.]+)\[[0-9a-f]{8}\]")


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
    cached: bool = False  # real Odoo's result is a kept one (same inputs)

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
    return sorted(p.name.removesuffix("_actions") for p in (GOLDEN / series).glob("*_actions"))


def own_series(module: str) -> str | None:
    found = discover([str(CORPUS / module)])
    return found[0].series if found else None


def corpus_dependencies(module: str, series: str) -> Path | None:
    """The folder of the corpus modules `module` depends on, copied and ported to `series` in
    their manifests, in the user's cache (made once, so that the template's fingerprint stays;
    delete it after changing those corpus modules); both engines install them from there."""
    depends = [d for d in read_manifest(CORPUS / module).get("depends", []) if (CORPUS / d).is_dir()]
    if not depends:
        return None
    folder = Path(user_cache_dir("odoo-migrator")) / "bench" / "corpus-dependencies" / series
    for name in depends:
        if not (folder / name).is_dir():
            shutil.copytree(CORPUS / name, folder / name)
            port_manifest(folder / name, series)
    return folder


def run_both(module: str, series: str, odoo: OdooInstall, fresh: bool = True) -> Engines:
    """Both engines on `module`; real Odoo's result taken from the cache unless `fresh`."""
    found = Engines(module, series)
    scenario = SCENARIOS / f"{module}.yaml"
    options: dict[str, Any] = {"examples": 0, "scenario_file": scenario if scenario.is_file() else None}
    folder = corpus_dependencies(module, series)
    if folder is not None:
        options["addons_path"] = [folder]
        odoo = dataclasses.replace(odoo, addons_path=(*odoo.addons_path, folder))
    kept = _kept(module, series, odoo)
    for name, install in (("embedded", None), ("odoo", odoo)):
        if name == "odoo" and not fresh and kept.is_file():
            cached = pickle.loads(kept.read_bytes())
            if found.embedded is None or cached["scenarios"] == _scenarios(found.embedded):
                found.odoo, found.failed, found.seconds["odoo"] = cached["result"], cached["failed"], cached["seconds"]
                found.cached = True
                continue
        start = time.perf_counter()
        try:
            setattr(found, name, verify_addon(CORPUS / module, series, odoo=install, **options))
        except (CannotVerify, UsageError) as exc:
            if name == "embedded":
                found.refused = str(exc)
            else:
                found.failed = str(exc)
        found.seconds[name] = time.perf_counter() - start
    if not found.cached:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(pickle.dumps({"result": found.odoo, "failed": found.failed, "seconds": found.seconds["odoo"],
                                       "scenarios": _scenarios(found.odoo)}))
    if found.embedded and found.odoo:
        found.scenarios = [(e.scenario.name, disagreements(e, o, found.embedded))
                           for e, o in zip(found.embedded.results, found.odoo.results, strict=True)]
    return found


def _scenarios(result: VerifyResult | None) -> list | None:
    return [r.scenario for r in result.results] if result else None


# What real Odoo's result does not depend on: the embedded engine's own files.
EMBEDDED_ONLY = ("replay.py", "runs.py")


def _kept(module: str, series: str, odoo: OdooInstall) -> Path:
    """Where real Odoo's result on `module` is kept: named by everything it depends on but
    the embedded runtime."""
    digest = hashlib.sha256(f"{module}|{series}|{odoo.describe()}|{odoo.addons_path}".encode())
    depends = [d for d in read_manifest(CORPUS / module).get("depends", []) if (CORPUS / d).is_dir()]
    folders = [CORPUS / module, *(CORPUS / d for d in depends), ROOT / "migrator" / "generate",
               ROOT / "templates", ROOT / "migrator" / "verify"]
    scenario = SCENARIOS / f"{module}.yaml"
    files = [f for folder in folders for f in sorted(folder.rglob("*")) if f.is_file() and "__pycache__" not in f.parts
             and not (f.parent.name == "verify" and f.name in EMBEDDED_ONLY)]
    for path in files + ([scenario] if scenario.is_file() else []):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return Path(user_cache_dir("odoo-migrator")) / "bench" / "fidelity-odoo" / f"{module}-{series}-{digest.hexdigest()[:16]}.pickle"


def disagreements(embedded: ScenarioResult, odoo: ScenarioResult, result: VerifyResult) -> list[str]:
    """Where the two engines' effects of the logic differ, in run A and in run B, on what the
    runtime observes: an effect only one engine shows, or what differs in an effect both show."""
    observed = _observed(embedded)
    found = []
    for run in ("module", "actions"):
        label = f"run {'A' if run == 'module' else 'B'}"
        mine = _effects(getattr(embedded, run), embedded.without, observed)
        theirs = _effects(getattr(odoo, run), odoo.without, observed)
        for key in sorted(set(mine) | set(theirs)):
            ours, odoos = list(mine.get(key, [])), list(theirs.get(key, []))
            for effect in list(ours):  # the same effect in both engines
                if effect in odoos:
                    ours.remove(effect)
                    odoos.remove(effect)
            if len(ours) == len(odoos) == 1:
                found.append(f"{label}: {key}: {_delta(ours[0], odoos[0])}")
                continue
            found += [f"{label}: runtime only: {key}: {_shown(effect)}" for effect in ours]
            found += [f"{label}: Odoo only: {key}: {_shown(effect)}" for effect in odoos]
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


def _effects(run: Any, without: Any, observed: dict[str, set[str]]) -> dict[str, list[tuple[Any, Any]]]:
    """The run's differences from the replay without the logic, on what the runtime observes
    (models it has a table for, their fields), records it does not name masked: by what
    differs (model, record, field; several mail rows may share one), the value with the
    logic and without it."""
    if without is None:
        return {}
    found: dict[str, list[tuple[Any, Any]]] = {}
    for diff in compare(run, without):
        if diff.model and diff.model not in observed:
            continue
        if diff.field and diff.model and diff.field not in observed[diff.model] and diff.field != "deleted":
            continue
        key = _masked(f"{diff.model} {diff.record} {diff.field}".strip())
        with_logic = _masked(_kept_fields(diff.module, diff.model, observed))
        # a record the logic removed (or kept from being made): its absence is the effect
        without_logic = _masked(_kept_fields(diff.actions, diff.model, observed)) if diff.module != ABSENT \
            else "(exists)"
        found.setdefault(key, []).append((with_logic, without_logic))
    return found


def _kept_fields(value: Any, model: str, observed: dict[str, set[str]]) -> Any:
    if isinstance(value, dict) and model in observed:
        return {k: v for k, v in sorted(value.items()) if k in observed[model]}
    return value


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return _MAIL_ROW.sub(r"\1[…]", _UNNAMED.sub(r"\1(?)", value))
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def _shown(effect: tuple[Any, Any]) -> str:
    with_logic, without = effect
    return f"{with_logic!r} (without the logic: {'none' if without == ABSENT else without!r})"


def _delta(mine: tuple[Any, Any], theirs: tuple[Any, Any]) -> str:
    """What differs between the two engines' versions of one effect."""
    parts = []
    for name, (a, b) in (("with the logic", (mine[0], theirs[0])), ("without", (mine[1], theirs[1]))):
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            parts.append(f"{name}: " + ", ".join(f"{k}: runtime {a.get(k)!r}, Odoo {b.get(k)!r}" for k in keys))
        else:
            parts.append(f"{name}: runtime {a!r}, Odoo {b!r}")
    return "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", action="append", help="series to verify on (default 18.0)")
    parser.add_argument("--own", action="store_true", help="also each module on its own series")
    parser.add_argument("--module", action="append", help="only these corpus modules")
    parser.add_argument("--details", action="store_true", help="print each disagreement")
    parser.add_argument("--fresh", action="store_true", help="replay in real Odoo even when its result is kept")
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
        found = run_both(module, series, installs[series], fresh=args.fresh)  # type: ignore[arg-type]
        rows.append(found)
        verdicts = [r.verdict if r else ("refused" if name == "embedded" else "failed")
                    for name, r in (("embedded", found.embedded), ("odoo", found.odoo))]
        agree = f"{found.agreeing}/{len(found.scenarios)}" if found.scenarios else "-"
        print(f"{module:<34} {series:<6} {verdicts[0]:<14} {verdicts[1]:<14} {agree:>7} "
              f"{found.seconds['embedded']:>6.1f} {found.seconds['odoo']:>7.1f}{' (kept)' if found.cached else ''}",
              flush=True)
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
