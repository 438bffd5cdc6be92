"""Conversion coverage on real code: the pinned OCA addons through audit -> convert -> check.

Per kind of unit: how many the audit finds, calls convertible (no_code / code), convert writes
records for, and how many of those sit in a data module that passes `check`; every unit where
audit and convert disagree; and, against the hand labels of bench/coverage_labels.tsv, how far
the audit agrees with a reviewer, which share of the methods a reviewer calls convertible is
converted, and every converted method the labels call not convertible. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from audit_bench import Pin, fetch, interleave, read_pins  # also puts the checkout on sys.path
from coverage_labels import CATEGORIES, SIMPLE, Label, LabelError, match_labels, read_labels
from coverage_measure import AddonOutcome, MethodOutcome, measure_addon

from migrator.atomic import write_atomic
from migrator.discover import discover
from migrator.discover.dependencies import addons_by_name, reachable
from migrator.model import KINDS, Addon

HERE = Path(__file__).resolve().parent
LISTS = (HERE / "oca_addons.txt", HERE / "coverage_addons.txt")
LABELS = HERE / "coverage_labels.tsv"


# ------------------------------------------------------------------------------- measuring

def measure(folders: list[tuple[Path, str]], jobs: int, alone: bool = False) -> list[AddonOutcome]:
    """Every addon folder (with its series) measured, in the given order. Each addon is given
    the pinned addons of its series it depends on, as `migrator convert ADDON --addons-path
    DIR` gives them (unless `alone`)."""
    by_series: dict[str, list[str]] = {}
    for folder, series in folders:
        by_series.setdefault(series, []).append(str(folder))
    # One discover per series, as a deployment has one (the same addon in two series would
    # otherwise be duplicates).
    found: dict[str, tuple[Addon, dict[str, Addon]]] = {}
    for paths in by_series.values():
        addons = discover(paths)
        pool = {} if alone else addons_by_name(addons)
        found.update((a.path, (a, reachable(a, pool))) for a in addons)
    work = [(*found[str(folder.resolve())], series) for folder, series in folders if str(folder.resolve()) in found]
    if jobs <= 1 or len(work) < 2:
        return [measure_addon(a, s, given) for a, given, s in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(measure_addon, *zip(*((a, s, given) for a, given, s in work)), chunksize=4))


# ------------------------------------------------------------------------------- figures

def unit_figures(outcomes: Iterable[AddonOutcome]) -> dict:
    """Per kind and per series: units found, convertible, converted, converted and checked."""
    kinds = {k: Counter() for k in KINDS}
    series: dict[str, Counter] = {}
    for addon in outcomes:
        for method in addon.methods:
            for unit in method.units:
                for row in (kinds.setdefault(unit.kind, Counter()), series.setdefault(addon.series, Counter())):
                    row["found"] += 1
                    row["convertible"] += unit.audit_convertible
                    row["no_code"] += unit.convertible == "no_code"
                    row["converted"] += unit.converted
                    row["checked"] += unit.converted and addon.check_passed
    total = sum(kinds.values(), Counter())
    return {"kinds": {k: dict(v) for k, v in kinds.items()}, "series": {s: dict(series[s]) for s in sorted(series)},
            "total": dict(total)}


def disagreements(outcomes: Iterable[AddonOutcome]) -> list[str]:
    """Every unit where what the audit promises and what convert does differ."""
    lines = []
    for addon in outcomes:
        for method in addon.methods:
            for unit in method.units:
                where = f"{addon.series}/{addon.addon}/{method.file}:{unit.line} {method.model}.{method.method} ({unit.kind})"
                if unit.audit_convertible and not unit.converted:
                    lines.append(f"{where}: audit says {unit.convertible}, convert refuses: {brief(unit.reasons)}")
                elif not unit.audit_convertible and unit.converted:
                    lines.append(f"{where}: audit says no, convert wrote records")
        lines += [f"{addon.series}/{addon.addon}/{o}: convert planned a unit the audit does not list"
                  for o in addon.orphans]
    return lines


def refusals(outcomes: Iterable[AddonOutcome]) -> dict[str, int]:
    """Per blocker code, the units not converted that carry it (a unit may carry several)."""
    codes: Counter = Counter()
    for addon in outcomes:
        for method in addon.methods:
            for unit in method.units:
                if not unit.converted:
                    codes.update({reason.split(":", 1)[0] for reason in unit.reasons})
    return dict(codes.most_common())


def label_figures(matched: list[tuple[Label, MethodOutcome]]) -> dict:
    """Labels against the audit's convertible and against what convert wrote."""
    agree = Counter((label.convertible, method.audit_convertible) for label, method in matched)
    convertible = [(label, method) for label, method in matched if label.convertible]
    simple = [(label, method) for label, method in convertible if label.simple]

    def share(rows: list[tuple[Label, MethodOutcome]]) -> dict:
        return {"methods": len(rows), "converted": sum(m.converted for _, m in rows),
                "checked": sum(m.checked for _, m in rows)}

    return {
        "labelled": len(matched),
        "labelled_convertible": len(convertible),
        "labelled_simple": len(simple),
        # (label convertible, audit convertible) -> methods
        "agreement": {"both_convertible": agree[(True, True)], "both_not": agree[(False, False)],
                      "label_only": agree[(True, False)], "audit_only": agree[(False, True)]},
        "converted_of_convertible": share(convertible),
        "converted_of_simple": share(simple),
        "by_category": {c: share([(lb, m) for lb, m in convertible if lb.category == c]) for c in CATEGORIES},
        "false_conversions": [f"{m.where()}: {lb.reason}" for lb, m in matched if not lb.convertible and m.any_converted],
        "converted": [f"{m.where()} [{lb.category}]" + ("" if m.checked else " (its module fails check)")
                      for lb, m in convertible if m.converted],
        "missed": [f"{m.where()} [{lb.category}]: {brief(m.reasons)}" for lb, m in convertible if not m.converted],
        "audit_only": [f"{m.where()}: labelled not: {lb.reason}"
                       for lb, m in matched if not lb.convertible and m.audit_convertible],
    }


# ------------------------------------------------------------------------------- printing

def brief(reasons: Iterable[str]) -> str:
    """Reasons joined, the same blocker on several lines said once with its lines."""
    lines: dict[str, list[str]] = {}
    for reason in reasons:
        text, sep, line = reason.rpartition(" (line ")
        if sep and line.endswith(")") and line[:-1].isdigit():
            lines.setdefault(text, []).append(line[:-1])
        else:
            lines.setdefault(reason, [])
    parts = []
    for text, numbers in lines.items():
        numbers = sorted(set(numbers), key=int)
        if len(numbers) > 3:
            text += f" (lines {', '.join(numbers[:3])} and {len(numbers) - 3} more)"
        elif numbers:
            text += f" (line{'s' if len(numbers) > 1 else ''} {', '.join(numbers)})"
        parts.append(text)
    return "; ".join(parts)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def print_units(fig: dict) -> None:
    print(f"{'kind':14} {'units':>6} {'convertible':>12} {'(no_code)':>10} {'converted':>10} {'check ok':>9}")
    rows = [*fig["kinds"].items(), ("total", fig["total"])]
    for name, row in rows:
        if name == "total":
            print("-" * 66)
        print(f"{name:14} {row.get('found', 0):6} {row.get('convertible', 0):12} {row.get('no_code', 0):10} "
              f"{row.get('converted', 0):10} {row.get('checked', 0):9}")
    print("\nby series:   " + "   ".join(
        f"{s}: {r.get('found', 0)} units, {r.get('convertible', 0)} convertible, {r.get('converted', 0)} converted"
        for s, r in fig["series"].items()))


def print_labels(fig: dict, errors: list[str], skipped: int) -> None:
    a = fig["agreement"]
    n = fig["labelled"]
    print(f"\nhand labels: {n} methods matched ({fig['labelled_convertible']} labelled convertible, "
          f"{fig['labelled_simple']} of them simple)" + (f"; {skipped} of addons not measured" if skipped else ""))
    print("labels vs audit (per method: convertible = it has units and none is `no`):")
    print(f"  {'':22} {'audit convertible':>18} {'audit not':>10}")
    print(f"  {'labelled convertible':22} {a['both_convertible']:18} {a['label_only']:10}")
    print(f"  {'labelled not':22} {a['audit_only']:18} {a['both_not']:10}")
    print(f"  agreement: {a['both_convertible'] + a['both_not']} of {n} ({_pct(a['both_convertible'] + a['both_not'], n).strip()})")
    c, s = fig["converted_of_convertible"], fig["converted_of_simple"]
    print(f"converted: {c['converted']} of {c['methods']} methods labelled convertible "
          f"({_pct(c['converted'], c['methods']).strip()}, {c['checked']} in a module passing check); "
          f"simple ({', '.join(SIMPLE)}): {s['converted']} of {s['methods']} "
          f"({_pct(s['converted'], s['methods']).strip()}, {s['checked']} passing check)")
    print("  by category: " + ", ".join(f"{k} {v['converted']}/{v['methods']}" for k, v in fig["by_category"].items()
                                        if v["methods"]))
    _listing("labelled convertible and converted", fig["converted"])
    _listing("false conversions (converted, labelled not)", fig["false_conversions"])
    _listing("audit says convertible, labelled not", fig["audit_only"])
    _listing("labelled convertible, not converted (what blocked it)", fig["missed"])
    _listing("label errors", errors)


def _listing(title: str, lines: list[str]) -> None:
    print(f"\n{title}: {len(lines)}")
    for line in lines:
        print(f"  {line}")


# ------------------------------------------------------------------------------- main

def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N addons of each list (spread over series)")
    parser.add_argument("--labelled-only", action="store_true", help="only the addons that have hand labels")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the hand-label file")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--alone", action="store_true",
                        help="measure each addon without the pinned addons it depends on")
    args = parser.parse_args()

    try:
        labels = read_labels(args.labels)
    except LabelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    pins: list[Pin] = []
    for path in LISTS:
        pins += interleave(read_pins(path))[: args.limit]
    if args.labelled_only:
        wanted = {(lb.series, lb.addon) for lb in labels}
        pins = [p for p in pins if (p.series, p.addon) in wanted]
    folders = list(zip(fetch(pins), (p.series for p in pins)))

    start = time.perf_counter()
    outcomes = measure(folders, args.jobs, args.alone)
    seconds = time.perf_counter() - start
    methods = [m for o in outcomes for m in o.methods]
    print(f"{len(outcomes)} addons ({', '.join(f'{s}: {n}' for s, n in sorted(Counter(o.series for o in outcomes).items()))}), "
          f"{len(methods)} methods, measured in {seconds:.1f} s with {args.jobs} jobs "
          f"(CPython {platform.python_version()}, {os.cpu_count()} cores); "
          + ("each addon alone" if args.alone else "each with the pinned addons of its series it depends on") + "\n")

    units = unit_figures(outcomes)
    print_units(units)
    crashed = [f"{o.series}/{o.addon}: {o.error}" for o in outcomes if o.error]
    failed_check = [f"{o.series}/{o.addon}: {'; '.join(o.check_findings)}" for o in outcomes if o.check_findings]
    modules = sum(o.converted_module for o in outcomes)
    print(f"\ndata modules written: {modules}, passing check: {modules - len(failed_check)}")
    _listing("modules failing check", failed_check)
    refused = refusals(outcomes)
    print("\nunits not converted, per blocker code: " + ", ".join(f"{c} {n}" for c, n in refused.items()))
    differ = disagreements(outcomes)
    _listing("audit/convert disagreements (per unit)", differ)
    _listing("addons whose measurement crashed", crashed)

    measured = {(o.series, o.addon) for o in outcomes}
    matched, errors, skipped = match_labels(labels, methods, measured)
    lab = label_figures(matched)
    print_labels(lab, errors, len(skipped))

    if args.json:
        write_atomic(args.json, json.dumps({
            "date": date.today().isoformat(), "commit": _commit(), "python": platform.python_version(),
            "addons": len(outcomes), "methods": len(methods), "seconds": round(seconds, 1),
            "units": units, "modules": {"written": modules, "check_failed": failed_check},
            "refusals": refused, "disagreements": differ, "crashed": crashed, "labels": {**lab, "errors": errors, "skipped": len(skipped)},
        }, indent=2) + "\n")
    return 1 if errors or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
