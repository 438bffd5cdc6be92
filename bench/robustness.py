"""Robustness over the pinned OCA addons of bench/oca_addons.txt: audit, convert (each addon
on its own series) and verify with the embedded engine, counting crashes, audit/convert
disagreements and the time of each stage. See bench/README.md.

    .venv/bin/python bench/robustness.py [--limit N] [--verify-limit N] [--timeout S] [--jobs N] [--json FILE]

A crash is a traceback out of a stage, or an `internal-error` finding. Verify runs each addon in
a child process bounded by --timeout (a timeout is counted apart, not as a crash); its expected
outcomes are "equivalent", "different" and "cannot verify" (exit 2, with the reason).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout
sys.path.insert(0, str(HERE))

from audit_bench import LIST, fetch, interleave, read_pins  # noqa: E402


def audit_and_convert(folder: Path, series: str, scratch: Path) -> dict:
    """Audit then convert (and write, with the residual) one addon; what each said."""
    from migrator.audit import audit_addon
    from migrator.discover import discover
    from migrator.generate import convert_addon, write_module, write_residual

    row: dict = {"addon": f"{series}/{folder.name}", "crashes": [], "disagreements": []}
    started = time.perf_counter()
    try:
        [addon] = discover([str(folder)], series=series)
        audit = audit_addon(addon)
        row["crashes"] += [f"audit: {f.message}" for f in audit.errors if f.code == "internal-error"]
    except Exception:
        row["crashes"].append("audit: " + traceback.format_exc(limit=-3))
        row["audit_s"] = time.perf_counter() - started
        return row
    row["audit_s"] = time.perf_counter() - started
    started = time.perf_counter()
    try:
        conversion = convert_addon(addon, series)
        if conversion.files:
            write_module(conversion, scratch / "out")
            write_residual(conversion, scratch / "residual")
    except Exception:
        row["crashes"].append("convert: " + traceback.format_exc(limit=-3))
        row["convert_s"] = time.perf_counter() - started
        return row
    row["convert_s"] = time.perf_counter() - started
    row["moved"] = len(conversion.moved)
    moved = {(plan.model, plan.method) for plan, _ in conversion.moved}
    for unit in audit.units:
        said = unit.convertible != "no"
        did = (unit.model, unit.method) in moved
        if said != did:
            row["disagreements"].append(
                f"{unit.model}.{unit.method} ({unit.evidence.file}:{unit.evidence.line_start}): "
                f"audit {unit.convertible}, convert {'converts it' if did else 'does not'}")
    return row


def verify_one(folder: Path, series: str, dsn: str, timeout: float) -> dict:
    """`migrator verify` in a child process: its outcome, or the traceback it died with."""
    started = time.perf_counter()
    # the pinned addons of its series beside it: the custom addons it depends on
    cmd = [sys.executable, "-m", "migrator", "verify", str(folder), "--series", series, "--dsn", dsn,
           "--addons-path", str(folder.parent), "--format", "json"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=HERE.parent)
    except subprocess.TimeoutExpired:
        return {"verify": "timeout", "verify_s": time.perf_counter() - started}
    out = {"verify_s": time.perf_counter() - started}
    if "Traceback (most recent call last)" in run.stderr or run.returncode not in (0, 1, 2):
        out["verify"] = "crash"
        out["verify_crash"] = run.stderr.strip().splitlines()[-1:] or [f"exit {run.returncode}"]
    else:
        out["verify"] = {0: "equivalent", 1: "different", 2: "cannot verify"}[run.returncode]
        if run.returncode == 2 and not run.stderr.strip():  # exit 2 with a report: not exercised
            out["verify"] = "not exercised"
            out["verify_reason"] = [line for line in json.loads(run.stdout).get("not_exercised", [])][:1]
        elif run.returncode == 2:
            out["verify_reason"] = run.stderr.strip().splitlines()[-1:]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="the first N addons, round-robin over the series")
    parser.add_argument("--verify-limit", type=int, help="verify only the first N of them (default: all)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per addon's verify (default 120)")
    parser.add_argument("--jobs", type=int, default=2, help="verify processes at once (default 2)")
    parser.add_argument("--dsn", help="PostgreSQL server for verify (default: one embedded server)")
    parser.add_argument("--json", type=Path, help="also write every addon's row as JSON")
    args = parser.parse_args()

    pins = interleave(read_pins(LIST))[: args.limit]
    folders = fetch(pins)
    rows = []
    with tempfile.TemporaryDirectory(prefix="migrator-robustness-") as scratch:
        for pin, folder in zip(pins, folders):
            target = Path(scratch) / pin.series / pin.addon
            rows.append(audit_and_convert(folder, pin.series, target))
    dsn = args.dsn or _embedded_dsn()
    todo = [(pin, folder, row) for pin, folder, row in zip(pins, folders, rows)
            if row.get("moved")][: args.verify_limit]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.jobs) as pool:
        for row, result in zip([r for _, _, r in todo],
                               pool.map(lambda t: verify_one(t[1], t[0].series, dsn, args.timeout), todo)):
            row.update(result)
            if result["verify"] == "crash":
                row["crashes"].append("verify: " + " ".join(result["verify_crash"]))
    verify_wall = time.perf_counter() - started
    _print(rows, len(todo), verify_wall, args)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def _embedded_dsn() -> str:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver
    return pgserver.get_server(tempfile.mkdtemp(prefix="migrator-robustness-pg-"), cleanup_mode="delete").get_uri()


def _print(rows: list[dict], verified: int, verify_wall: float, args) -> None:
    crashes = [(r["addon"], c) for r in rows for c in r["crashes"]]
    disagreements = [(r["addon"], d) for r in rows for d in r["disagreements"]]
    outcomes = Counter(r["verify"] for r in rows if "verify" in r)
    print(f"addons: {len(rows)} ({sum(1 for r in rows if r.get('moved'))} with units that convert; "
          f"{verified} verified, timeout {args.timeout:g} s each)")
    print(f"crashes: {len(crashes)} in {len({a for a, _ in crashes})} addons (target 0)")
    for addon, text in crashes:
        print(f"  {addon}: {text.strip().splitlines()[-1]}")
    print(f"audit/convert disagreements: {len(disagreements)} units in {len({a for a, _ in disagreements})} addons")
    for addon, text in disagreements:
        print(f"  {addon}: {text}")
    print("verify outcomes: " + (", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "none"))
    for row in rows:  # what stopped each: the next gap of the runtime, or a dependency not pinned
        if row.get("verify") in ("cannot verify", "not exercised", "timeout"):
            reason = " ".join(row.get("verify_reason") or [row["verify"]])
            print(f"  {row['addon']}: {reason.removeprefix('error: ')[:200]}")
    print("time per stage (s):")
    for stage in ("audit_s", "convert_s", "verify_s"):
        values = [r[stage] for r in rows if stage in r]
        if values:
            print(f"  {stage[:-2]:8} total {sum(values):8.2f}  addons {len(values):4}  "
                  f"mean {sum(values) / len(values):6.3f}  max {max(values):7.2f}")
    print(f"  verify wall clock with {args.jobs} processes: {verify_wall:.1f}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
