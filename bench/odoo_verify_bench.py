"""Real-Odoo verify of one module, as a user runs it: `verify --odoo` with the generated
scenarios and the default drawn records, timed once the module's template database exists
(target: within 2 minutes), with the embedded engine's time on the same module in the same run
as the baseline.

    .venv/bin/python bench/odoo_verify_bench.py [--module NAME] [--series 18.0] [--repeat N]

Needs MIGRATOR_ODOO_<series> (docs/verify.md#real-odoo-engine-odoo). The first verification
builds the template when it does not exist yet; its time is printed apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from migrator.verify.odoo_engine.locate import Wanted, env_name, locate  # noqa: E402
from migrator.verify.verifier import verify_addon  # noqa: E402

TARGET = 120.0  # seconds, once the template exists


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", default="tecnova_crm_closing_reminder")
    parser.add_argument("--series", default="18.0")
    parser.add_argument("--repeat", type=int, default=2, help="timed verifications once the template exists")
    args = parser.parse_args()
    odoo = locate(args.series, Wanted())
    if odoo is None:
        print(f"{env_name(args.series)} is not set: no real Odoo {args.series}")
        return 2
    addon = ROOT / "corpus" / args.module
    start = time.perf_counter()
    first = verify_addon(addon, args.series, odoo=odoo)
    print(f"first verification (builds the template if missing): {time.perf_counter() - start:.1f} s, "
          f"{first.verdict}")
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = verify_addon(addon, args.series, odoo=odoo)
        timings.append(time.perf_counter() - start)
    start = time.perf_counter()
    embedded = verify_addon(addon, args.series)
    baseline = time.perf_counter() - start
    best = min(timings)
    print(f"{args.module} on {odoo.describe()}: {result.verdict}, {len(result.results)} scenarios, "
          f"{result.examples} records drawn")
    print(f"real-Odoo verify, template ready: best {best:.1f} s of {len(timings)} "
          f"({', '.join(f'{t:.1f}' for t in timings)}); target {TARGET:.0f} s: {'met' if best <= TARGET else 'MISSED'}")
    print(f"embedded engine, same module: {baseline:.1f} s ({embedded.verdict}); real Odoo takes "
          f"{best / baseline:.1f} x as long")
    return 0


if __name__ == "__main__":
    sys.exit(main())
