"""Audit speed over the pinned OCA addons of bench/oca_addons.txt.

Downloads the missing wheels into the user cache, unpacks them, then times on the same files:
a bare `ast.parse` of every .py file (the baseline), the full audit (discover + run_audit)
with 2 jobs and with 1, and, for information, `libcst.parse_module`. See bench/README.md.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wheelcache import PREFIX, addons_dir, pip_download, unpack, wheel_dir, wheels_in

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

LIST = Path(__file__).with_name("oca_addons.txt")


@dataclass(frozen=True)
class Pin:
    series: str
    addon: str
    version: str


def read_pins(path: Path) -> list[Pin]:
    pins: list[Pin] = []
    series = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("# ") and line[2:].replace(".", "").isdigit():
            series = line[2:]
        elif line and not line.startswith("#"):
            name, version = line.split("==")
            pins.append(Pin(series, name[len(PREFIX):].replace("-", "_").lower(), version))
    return pins


def interleave(pins: list[Pin]) -> list[Pin]:
    """Round-robin over the series, so that --limit keeps every series."""
    by_series: dict[str, list[Pin]] = {}
    for pin in pins:
        by_series.setdefault(pin.series, []).append(pin)
    rows = list(by_series.values())
    return [row[i] for i in range(max(map(len, rows), default=0)) for row in rows if i < len(row)]


def fetch(pins: list[Pin]) -> list[Path]:
    """Download the missing wheels, unpack them all; the addon folders, in pin order."""
    dest = wheel_dir()
    have = {(name, version): path for name, version, path in wheels_in(dest)}
    missing = [p for p in pins if (p.addon, p.version) not in have]
    if missing:
        print(f"downloading {len(missing)} wheels to {dest}", file=sys.stderr)
        for start in range(0, len(missing), 50):
            chunk = missing[start:start + 50]
            if not pip_download([f"{PREFIX}{p.addon}=={p.version}" for p in chunk], dest):
                sys.exit("pip download failed; see its output above")
        have = {(name, version): path for name, version, path in wheels_in(dest)}
    folders = []
    for pin in pins:
        folder = addons_dir() / pin.series / pin.addon
        unpack(have[(pin.addon, pin.version)], pin.addon, folder)
        folders.append(folder)
    return folders


def python_files(folders: list[Path]) -> list[Path]:
    return [f for folder in folders for f in sorted(folder.rglob("*.py"))]


def parse_all(files: list[Path]) -> list[Path]:
    """Parse every file; the files Python cannot parse (real addons hold some)."""
    failed = []
    for f in files:
        try:
            ast.parse(f.read_bytes(), filename=str(f))
        except (SyntaxError, ValueError):
            failed.append(f)
    return failed


def cst_all(files: list[Path]) -> None:
    import libcst

    for f in files:
        try:
            libcst.parse_module(f.read_bytes())
        except libcst.ParserSyntaxError:
            pass


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    """Best wall time of `repeat` runs, and the last run's return value."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - start)
    return best, value


def audit(folders: list[Path], jobs: int):
    from migrator.audit import run_audit
    from migrator.discover import discover

    # One discover per series, as a real deployment has one: the same addon in four series
    # would otherwise be flagged as duplicates.
    by_series: dict[str, list[str]] = {}
    for folder in folders:
        by_series.setdefault(folder.parent.name, []).append(str(folder))
    addons = [a for paths in by_series.values() for a in discover(paths)]
    return run_audit(addons, jobs=jobs)


def stages(folders: list[Path]) -> dict[str, float]:
    """Seconds spent in each stage of a one-job audit (the pipeline's functions timed in place;
    the rewrite is part of the planning)."""
    import migrator.audit
    import migrator.generate.transform

    spent: dict[str, float] = {}
    patched = [(migrator.audit, "analyze", "analyze (ast.parse, facts, lines)"),
               (migrator.audit, "classify", "classify (rules, units)"),
               (migrator.audit, "decide", "decide (planning)"),
               (migrator.generate.transform, "transform_method", "  of which the libcst rewrite"),
               (migrator.audit, "plan_module", "verdicts and savings")]
    originals = [(module, name, getattr(module, name)) for module, name, _ in patched]
    spent.update((label, 0.0) for _, _, label in patched)  # printed in this order

    def timed(run, label):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return run(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper

    for module, name, label in patched:
        setattr(module, name, timed(getattr(module, name), label))
    try:
        start = time.perf_counter()
        audit(folders, 1)
        spent["audit, jobs=1 (in all)"] = time.perf_counter() - start
    finally:
        for module, name, run in originals:
            setattr(module, name, run)
    return spent


def crashed(result) -> list[str]:
    """Modules whose audit crashed: an `internal-error` finding."""
    return sorted(
        f"{m.series}/{m.name}: {e.message}"
        for m in result.modules for e in m.errors if e.code == "internal-error"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="only the first N addons (spread over series)")
    parser.add_argument("--jobs", type=int, default=2, help="jobs of the parallel audit run")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per timing")
    parser.add_argument("--cst-sample", type=int, default=5,
                        help="time libcst on every Nth file only and extrapolate (1: all files)")
    parser.add_argument("--stages", action="store_true",
                        help="also time each stage of a one-job audit (one more run)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="also time the audit of another checkout (e.g. main), alternating with "
                             "this one, --repeat rounds, each run in a fresh process")
    args = parser.parse_args()

    pins = interleave(read_pins(LIST))[: args.limit]
    folders = fetch(pins)
    files = python_files(folders)
    if not files:
        sys.exit("no .py files in the chosen addons")
    mb = sum(f.stat().st_size for f in files) / 1e6
    modules = len(folders)
    print(f"{modules} addons, {len(files)} .py files, {mb:.1f} MB of Python "
          f"({platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores)")

    rows: dict[str, float] = {}
    rows["ast.parse (baseline)"], unparsable = best_of(args.repeat, lambda: parse_all(files))
    for f in unparsable:
        print(f"not parsable by this Python: {f.relative_to(addons_dir())}")

    # libcst is slow: one run only, and on a sample unless --cst-sample 1.
    sample = files[:: args.cst_sample]
    cst_time, _ = best_of(1, lambda: cst_all(sample))
    if args.cst_sample > 1:
        ast_sample, _ = best_of(args.repeat, lambda: parse_all(sample))
        cst_ratio = cst_time / ast_sample
        rows["libcst.parse_module (est.)"] = cst_ratio * rows["ast.parse (baseline)"]
    else:
        rows["libcst.parse_module"] = cst_time

    crashes: list[str] | None = None
    audit_error = None
    try:
        for jobs in dict.fromkeys((args.jobs, 1)):
            rows[f"audit, jobs={jobs}"], result = best_of(args.repeat, lambda: audit(folders, jobs))
            crashes = crashed(result)
    except (NotImplementedError, ImportError) as exc:
        # The audit is still being written: report the other figures all the same.
        audit_error = f"audit not available yet: {type(exc).__name__} {exc}".strip()

    base = rows["ast.parse (baseline)"]
    print(f"\n{'measurement':28} {'modules':>7} {'files':>6} {'MB':>5} {'seconds':>8} "
          f"{'modules/s':>10} {'x baseline':>11}")
    for label, secs in rows.items():
        print(f"{label:28} {modules:7} {len(files):6} {mb:5.1f} {secs:8.2f} "
              f"{modules / secs:10.1f} {secs / base:11.2f}")
    if args.cst_sample > 1:
        print(f"\nlibcst timed once on every {args.cst_sample}th file ({len(sample)} files): "
              f"{cst_ratio:.1f} x ast.parse on that sample, applied to the baseline.")
    if audit_error:
        print(f"\n{audit_error}")
    else:
        target = rows[f"audit, jobs={args.jobs}"] / base
        print(f"\naudit jobs={args.jobs}: {target:.2f} x baseline (target <= 2.0)")
        print(f"modules with an internal-error finding: {len(crashes)} (target 0)")
        for line in crashes:
            print(f"  {line}")

    spent = stages(folders) if args.stages and not audit_error else None
    if spent:
        print(f"\n{'stage (one job, one run)':36} {'seconds':>8} {'x baseline':>11}")
        for label, secs in spent.items():
            print(f"{label:36} {secs:8.2f} {secs / base:11.2f}")

    compared = compare(folders, args.against, args.jobs, args.repeat) if args.against else None

    if args.json:
        args.json.write_text(json.dumps({
            "date": date.today().isoformat(),
            "python": platform.python_version(),
            "cores": os.cpu_count(),
            "modules": modules, "files": len(files), "mb": round(mb, 2),
            "repeat": args.repeat, "cst_sample": args.cst_sample,
            "seconds": {k: round(v, 3) for k, v in rows.items()},
            "unparsable": [str(f.relative_to(addons_dir())) for f in unparsable],
            "internal_errors": crashes, "audit_error": audit_error,
            "stages": {k: round(v, 3) for k, v in spent.items()} if spent else None,
            "against": compared,
        }, indent=2) + "\n", encoding="utf-8")


def compare(folders: list[Path], other: Path, jobs: int, rounds: int) -> dict:
    """Best of `rounds` alternating runs of this checkout's audit and `other`'s, same addons."""
    import subprocess
    import tempfile

    here = Path(__file__).resolve().parent.parent
    by_series: dict[str, list[str]] = {}
    for folder in folders:
        by_series.setdefault(folder.parent.name, []).append(str(folder))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(by_series, f)
    timer = Path(__file__).with_name("time_audit.py")
    best = {"this": float("inf"), "other": float("inf")}
    # round 0 warms both trees up (bytecode written, files cached) and is not counted
    for round_ in range(rounds + 1):
        for key, tree in (("this", here), ("other", other)):
            out = subprocess.run([sys.executable, str(timer), str(tree), str(jobs), f.name],
                                 capture_output=True, text=True, check=True)
            if round_:
                best[key] = min(best[key], float(out.stdout.strip().splitlines()[-1]))
    os.unlink(f.name)
    ratio = best["this"] / best["other"]
    print(f"\naudit jobs={jobs}, best of {rounds} alternating runs, each in a fresh process:")
    print(f"  this checkout {best['this']:8.2f} s")
    print(f"  {str(other):13} {best['other']:8.2f} s")
    print(f"  ratio this / other: {ratio:.3f}")
    return {"checkout": str(other), "jobs": jobs, "rounds": rounds, "this": round(best["this"], 3),
            "other": round(best["other"], 3), "ratio": round(ratio, 3)}


if __name__ == "__main__":
    main()
