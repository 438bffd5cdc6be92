"""One timed audit of the benchmark's addons with the migrator of a given checkout.

Run by audit_bench.py --against, once per round and tree, in a fresh process, so that two
checkouts (this one and, say, main) are timed alternately under the same load:

    python bench/time_audit.py CHECKOUT JOBS FOLDERS.json

prints the seconds of discover + run_audit. Imports are outside the timing, in both trees.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    checkout, jobs, folders_file = Path(sys.argv[1]).resolve(), int(sys.argv[2]), Path(sys.argv[3])
    sys.path.insert(0, str(checkout))
    import migrator
    from migrator.audit import run_audit
    from migrator.discover import discover

    if not Path(migrator.__file__).resolve().is_relative_to(checkout):
        sys.exit(f"migrator was imported from {migrator.__file__}, not from {checkout}")
    by_series: dict[str, list[str]] = json.loads(folders_file.read_text())
    start = time.perf_counter()
    addons = [a for paths in by_series.values() for a in discover(paths)]
    run_audit(addons, jobs=jobs)
    print(f"{time.perf_counter() - start:.4f}")


if __name__ == "__main__":
    main()
