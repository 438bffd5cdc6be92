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
from typing import Any

from psycopg import sql

from migrator.discover import discover
from migrator.generate import convert_addon
from migrator.pg import Harness, resolve_dsn
from migrator.runtime.cursor import reset
from migrator.verify import collect
from migrator.verify.replay import replay
from migrator.verify.runs import Run, open_runs
from migrator.verify.scenario import Record, Scenario, Step
from migrator.verify.values import resolve
from migrator.verify.verifier import prepare

ROOT = Path(__file__).resolve().parent.parent
ORDER = {"partner_id": "@ann", "commitment_date": {"now": 3}}  # and its client_order_ref
WRITE = {"state": "cancel"}


def scenario(records: int) -> Scenario:
    steps = [Step("create", f"o{i}", "sale.order", {**ORDER, "client_order_ref": f"R{i}"}) for i in range(records)]
    steps += [Step("write", f"o{i}", values=WRITE) for i in range(records)]
    return Scenario("bench", (Record("ann", "res.partner", {"name": "Ann", "email": "ann@example.com"}),),
                    tuple(steps))


def stored(run: Run, bench: Scenario) -> tuple[dict[str, Any], dict[str, Any]]:
    """The row one order of the scenario leaves in the run's database (its columns that are
    not NULL), and the columns its write changes, read back from the run's own create and
    write. Which columns sale_order has, and which are required, depend on the Odoo modules
    the addon depends on (the runtime's tables have the catalogue's fields of those modules
    only: `Registry.restrict_to`), so the baseline takes them from the run, not from a list.
    The order's customer is a seeded partner: the baseline's rows must name one that stays."""
    run.set_clock(bench.start)
    env = run.environment()
    ids = {record.ref: (record.model, env.ref("base.partner_admin").id) for record in bench.records}
    order = env["sale.order"].create(resolve(env, "sale.order", bench.steps[0].values, ids, env.clock.now()))
    created = _row(env, order.id)
    order.write(WRITE)
    written = _row(env, order.id)
    return ({c: v for c, v in created.items() if v is not None and c != "id"},
            {c: v for c, v in written.items() if v != created[c]})


def _row(env: Any, record_id: int) -> dict[str, Any]:
    env.cr.execute("SELECT * FROM sale_order WHERE id = %s", (record_id,))
    return env.cr.dictfetchone()


def raw(run: Run, bench: Scenario, records: int) -> float:
    """The same rows by hand: INSERT each order with the columns the run stored, UPDATE each
    with the columns its write changed, one statement per row; all rolled back, and the
    sequences put back, as after a replay."""
    conn = run.conn
    before = collect.sequences(conn.cursor())
    try:
        inserted, changed = stored(run, bench)
        conn.rollback()
        reset(conn)
        insert = sql.SQL("INSERT INTO sale_order ({}) VALUES ({}) RETURNING id").format(
            sql.SQL(", ").join(map(sql.Identifier, inserted)), sql.SQL(", ").join(sql.Placeholder() * len(inserted)))
        update = sql.SQL("UPDATE sale_order SET {} WHERE id = %s").format(
            sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder()) for c in changed))
        start = time.perf_counter()
        ids = [conn.execute(insert, [*inserted.values()]).fetchone()[0] for _ in range(records)]
        for order in ids:
            conn.execute(update, (*changed.values(), order))
        return time.perf_counter() - start
    finally:
        conn.rollback()
        collect.restore_sequences(conn.cursor(), before)
        conn.rollback()
        reset(conn)


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
        # what verify replays: the module and its dependencies ported to the series, the
        # residual and the data module
        sources, _ = prepare(addon, conversion, "18.0", Path(scratch))
        with open_runs(harness, sources, {"sale.order"}) as (run_a, run_b):
            bench = scenario(args.records)
            replayed, baseline = [], []
            for _ in range(args.repeat):
                start = time.perf_counter()
                a, b = replay(run_a, bench), replay(run_b, bench)
                replayed.append(time.perf_counter() - start)
                assert a.records == b.records and set(a.outcomes) == {"ok"}, "the runs differ"
                baseline.append(raw(run_a, bench, args.records) + raw(run_b, bench, args.records))
    best, raw_best = min(replayed), min(baseline)
    rows = 2 * args.records  # each record goes through both versions
    print(f"addon {args.addon}, {args.records} records (create + write) through both versions, "
          f"best of {args.repeat}")
    print(f"replay (both runs, with observation and diff input): {best:.3f} s = {rows / best:,.0f} records/s")
    print(f"plain psycopg inserts + updates of the same rows:      {raw_best:.3f} s = {rows / raw_best:,.0f} records/s")
    print(f"ratio replay / raw: {best / raw_best:.2f}x")


if __name__ == "__main__":
    main()
