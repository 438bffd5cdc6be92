"""Replay throughput of `migrator verify`: records per second through both versions of a
module (the addon's Python, then its automation rules), against plain psycopg inserts and
updates of the same rows measured in the same database and the same run.

    .venv/bin/python bench/replay_bench.py [--records N] [--repeat N] [--addon NAME] [--dsn DSN]

A record is one sale order created and then written (state set to cancel), the write
triggering the module's override in run A and the automation rule in run B. The raw
baseline inserts the same rows (the stored columns the replay wrote) and runs the same
updates, one statement per row, as an application would without an ORM.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from psycopg import sql

from migrator.discover import discover
from migrator.generate import convert_addon, write_module, write_residual
from migrator.pg import Harness, resolve_dsn
from migrator.verify.ported import port_manifest, ported_copy
from migrator.verify.replay import replay
from migrator.verify.runs import Run, open_runs
from migrator.verify.scenario import Record, Scenario, Step
from migrator.verify.verifier import _sources

ROOT = Path(__file__).resolve().parent.parent


def scenario(records: int) -> Scenario:
    steps = [Step("create", f"o{i}", "sale.order",
                  {"partner_id": "@ann", "commitment_date": {"now": 3}, "client_order_ref": f"R{i}"})
             for i in range(records)]
    steps += [Step("write", f"o{i}", values={"state": "cancel"}) for i in range(records)]
    return Scenario("bench", (Record("ann", "res.partner", {"name": "Ann", "email": "ann@example.com"}),),
                    tuple(steps))


def raw(run: Run, records: int) -> float:
    """The same rows by hand: INSERT each order with the columns the replay stored, UPDATE
    each (the state and the reset date), in one transaction rolled back."""
    conn = run.conn
    partner = 3  # a seeded partner: the replay's starting record is not part of the timing either
    columns = ["name", "state", "partner_id", "partner_invoice_id", "partner_shipping_id", "company_id",
               "user_id", "date_order", "commitment_date", "client_order_ref", "picking_policy",
               "create_uid", "create_date", "write_uid", "write_date"]
    insert = sql.SQL("INSERT INTO sale_order ({}) VALUES ({}) RETURNING id").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.SQL(", ").join(sql.Placeholder() * len(columns)))
    update = "UPDATE sale_order SET state = 'cancel', commitment_date = NULL, write_date = now() WHERE id = %s"
    start = time.perf_counter()
    ids = []
    for i in range(records):
        ids.append(conn.execute(insert, ("New", "draft", partner, partner, partner, 1, 2, "2025-03-03 09:00",
                                         "2025-03-06 09:00", f"R{i}", "direct", 2, "2025-03-03 09:00", 2,
                                         "2025-03-03 09:00")).fetchone()[0])
    for order in ids:
        conn.execute(update, (order,))
    elapsed = time.perf_counter() - start
    conn.rollback()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--addon", default="tecnova_sale_cancel_reset")
    parser.add_argument("--dsn", default=None)
    args = parser.parse_args()
    [addon] = discover([str(ROOT / "corpus" / args.addon)], series="18.0")
    conversion = convert_addon(addon, "18.0")
    with tempfile.TemporaryDirectory() as scratch, Harness(resolve_dsn(args.dsn)) as harness:
        work = Path(scratch)
        write_module(conversion, work)
        write_residual(conversion, work / "residual")
        # a module of another series is replayed ported in its manifest, as verify does
        module, _ = ported_copy(Path(addon.path), "18.0", work / "module")
        port_manifest(work / "residual" / addon.name, "18.0")
        sources = _sources(addon, conversion, module, work / "residual" / addon.name, work / conversion.name,
                           "18.0")
        with open_runs(harness, sources, {"sale.order"}) as (run_a, run_b):
            bench = scenario(args.records)
            replayed, baseline = [], []
            for _ in range(args.repeat):
                start = time.perf_counter()
                a, b = replay(run_a, bench), replay(run_b, bench)
                replayed.append(time.perf_counter() - start)
                assert a.records == b.records and set(a.outcomes) == {"ok"}, "the runs differ"
                baseline.append(raw(run_a, args.records) + raw(run_b, args.records))
    best, raw_best = min(replayed), min(baseline)
    rows = 2 * args.records  # each record goes through both versions
    print(f"addon {args.addon}, {args.records} records (create + write) through both versions, "
          f"best of {args.repeat}")
    print(f"replay (both runs, with observation and diff input): {best:.3f} s = {rows / best:,.0f} records/s")
    print(f"plain psycopg inserts + updates of the same rows:      {raw_best:.3f} s = {rows / raw_best:,.0f} records/s")
    print(f"ratio replay / raw: {best / raw_best:.2f}x")


if __name__ == "__main__":
    main()
