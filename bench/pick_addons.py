"""Build bench/oca_addons.txt: about 100 OCA addons per series, each pinned to an exact version.

Run once by hand (`.venv/bin/python bench/pick_addons.py PYPI_TSV`); the benchmark itself only
reads the committed list. PYPI_TSV is a tab-separated list of PyPI names with their latest
version (name, version, ...). Names are chosen evenly over sorted name lists per business area,
so the pick is deterministic; pip resolves the newest version of each name within the series,
and names pip cannot resolve are dropped.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from wheelcache import PREFIX, pip_download, wheel_dir, wheels_in

SERIES = ("16.0", "17.0", "18.0", "19.0")
# Business areas and how many addons of each to take per series; shortfalls are filled
# from the addons of no listed area.
QUOTAS = {
    "sale": 14, "stock": 13, "account": 13, "project": 7, "mail": 7, "crm": 5, "hr": 8,
    "purchase": 6, "product": 5, "mrp": 4, "partner": 4, "base": 3, "web": 3, "helpdesk": 2,
}
# Large, widely used addons, tried in every series they may exist in.
BIG = (
    "account_financial_report", "mis_builder", "queue_job", "contract", "helpdesk_mgmt",
    "fieldservice", "base_rest", "dms", "sale_order_type", "report_xlsx", "connector",
    "stock_available_to_promise_release", "shopfloor", "edi_oca",
)
PER_SERIES = 100


def series_of(version: str) -> str:
    return ".".join(version.split(".")[:2])


def spread(names: list[str], count: int) -> list[str]:
    """`count` names evenly spaced over the sorted list."""
    names = sorted(names)
    if count >= len(names):
        return names
    return [names[i * len(names) // count] for i in range(count)]


def choose(tsv: Path) -> dict[str, list[str]]:
    latest: dict[str, str] = {}
    with tsv.open(encoding="utf-8") as f:
        for line in f:
            name, version = line.split("\t", 2)[:2]
            if name.startswith("odoo-addon-"):
                latest[name[len("odoo-addon-"):].replace("-", "_")] = series_of(version)
    picked: dict[str, list[str]] = {}
    for series in SERIES:
        # An addon whose latest release is of this series surely has a wheel for it.
        pool = sorted(n for n, s in latest.items() if s == series)
        by_area: dict[str, list[str]] = defaultdict(list)
        for name in pool:
            area = name.split("_")[0]
            by_area[area if area in QUOTAS else ""].append(name)
        names = [n for n in BIG if n in latest and float(latest[n]) >= float(series)]
        for area, quota in QUOTAS.items():
            names += spread([n for n in by_area[area] if n not in names], quota)
        rest = [n for n in pool if n not in names]
        names += spread(rest, max(0, PER_SERIES - len(names)))
        picked[series] = names
    return picked


def resolve(series: str, names: list[str]) -> dict[str, str]:
    """Let pip pick the newest wheel of each name within the series; name -> version."""
    major = int(series.split(".")[0])
    spec = f">={major}.0,<{major}.1"
    dest = wheel_dir()
    failed: list[str] = []
    for start in range(0, len(names), 40):
        chunk = names[start:start + 40]
        if not pip_download([f"{PREFIX}{n}{spec}" for n in chunk], dest):
            # One unresolvable name fails the whole call: retry one by one.
            failed += [n for n in chunk if not pip_download([f"{PREFIX}{n}{spec}"], dest)]
    found: dict[str, str] = {}
    for name, version, _ in wheels_in(dest):
        if name in names and series_of(version) == series:
            if name not in found or _key(version) > _key(found[name]):
                found[name] = version
    if failed:
        print(f"{series}: dropped {len(failed)}: {' '.join(failed)}", file=sys.stderr)
    return found


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("oca_addons.txt"))
    args = parser.parse_args()
    lines = [
        "# OCA addons of the audit benchmark, pinned (written by bench/pick_addons.py).",
    ]
    for series, names in choose(args.tsv).items():
        found = resolve(series, names)
        lines += ["", f"# {series}"]
        lines += [f"{PREFIX}{n}=={found[n]}" for n in names if n in found]
        print(f"{series}: {len(found)} of {len(names)} pinned", file=sys.stderr)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
