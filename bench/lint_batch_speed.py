"""How long one batch of a batched backfill holds its row locks, and how many rows a join
DELETE really touches against what the planner estimates: the figures behind the linter's
``backfill-batch-too-large`` rule and its join estimate (pgwarden/analyzers/lint/sizes.py).

Run: python bench/lint_batch_speed.py [--pg-bin system] [--scales 1 10] [--busy N]
On a throwaway local cluster, the corpus database (bench/lint_corpus/schema.sql and fill.sql,
customers 20,000 × scale rows, order_items 100,000 × scale) is built at each scale; then:

- batches: for a batch width of 1,000 / 2,500 / 5,000 / 10,000 key values, ten batches of
  ``UPDATE … SET new_col = expr WHERE key > lo AND key <= lo + width`` (each its own
  transaction, as a loop that COMMITs after every batch runs them) on ``customers.id`` (one row
  per key) and ``order_items.order_id`` (two rows per key). A writer that wants a row of the
  batch waits from the row's lock to the COMMIT: at most the batch's time, printed (median and
  longest of the ten, with the COMMIT) with the rows per second it implies;
- joins: ``DELETE FROM audit_log a USING orders o WHERE a.row_id = o.id AND o.status = …``
  (the restriction on the joined table), EXPLAIN's estimated rows against EXPLAIN ANALYZE's
  actual rows and time, rolled back.

``--busy N`` sessions keep the server's CPUs busy the whole time (default 2 per CPU, as
bench/lint_work_speed.py: a migration runs on a live database; 0 for a quiet server).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _local import busy_sessions, corpus_database, throwaway_cluster  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "lint_corpus"
WIDTHS = (1_000, 2_500, 5_000, 10_000)
BATCHES = 10
BUDGET_MS = 100.0  # sizes.SMALL_WORK_S
# (table, key, type and expression of the new column): the corpus's batched backfills' shapes
TARGETS = (("customers", "id", "text", "upper(country)"),
           ("order_items", "order_id", "bigint", "round(unit_price * 100)::bigint"))
JOIN = ("DELETE FROM audit_log a USING orders o WHERE a.table_name = 'orders' AND a.row_id = o.id "
        "AND o.status = 'cancelled'")


def batches(dsn: str, scale: int, results: list[tuple[float, float]]) -> None:
    with psycopg.connect(dsn, autocommit=True) as c:
        for table, key, typ, expr in TARGETS:
            for width in WIDTHS:
                col = sql.Identifier(f"bench_{width}")
                t, k = sql.Identifier(table), sql.Identifier(key)
                c.execute(sql.SQL("ALTER TABLE {} ADD COLUMN {} {}").format(t, col, sql.SQL(typ)))
                stmt = sql.SQL("UPDATE {t} SET {col} = {expr} WHERE {k} > %s AND {k} <= %s "
                               "AND {col} IS NULL").format(t=t, col=col, k=k, expr=sql.SQL(expr))
                times, rows = [], []
                for i in range(BATCHES):
                    lo = i * width
                    t0 = time.perf_counter()
                    with c.transaction():
                        cur = c.execute(stmt, (lo, lo + width))
                    if cur.rowcount <= 0:
                        break  # past the end of the table
                    times.append(time.perf_counter() - t0)
                    rows.append(cur.rowcount)
                if not times:
                    continue
                best, med, worst = min(times), statistics.median(times), max(times)
                per = statistics.median(rows)
                results.append((per, best))
                print(f"scale {scale:>2}  {table:12s} {width:>6,} keys {per:>7,.0f} rows/batch "
                      f"×{len(times):>2}  fastest {best * 1000:7.1f} ms  median {med * 1000:7.1f} ms"
                      f"  longest {worst * 1000:7.1f} ms  {per / best:>9,.0f} rows/s (fastest)",
                      flush=True)


def join(dsn: str, scale: int) -> None:
    import json

    with psycopg.connect(dsn) as c:
        row = c.execute(sql.SQL("EXPLAIN (FORMAT JSON) " + JOIN)).fetchone()  # type: ignore[arg-type]
        plan = (json.loads(row[0]) if isinstance(row[0], str) else row[0]) if row else []
        est = plan[0]["Plan"]["Plans"][0]["Plan Rows"] if plan else 0
        t0 = time.perf_counter()
        cur = c.execute(sql.SQL(JOIN))  # type: ignore[arg-type]
        took = time.perf_counter() - t0
        c.rollback()
    print(f"scale {scale:>2}  join DELETE: planner {est:>9,} rows, actual {cur.rowcount:>9,} rows "
          f"in {took * 1000:7.1f} ms ({cur.rowcount / took:,.0f} rows/s)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg-bin", default="system")
    ap.add_argument("--scales", type=int, nargs="*", default=[1, 10])
    ap.add_argument("--busy", type=int, default=2 * (os.cpu_count() or 1))
    args = ap.parse_args()
    with throwaway_cluster(args.pg_bin, "pgwarden-batchspeed-") as cluster:
        st = cluster.status()
        psql = str(Path(st.bindir) / "psql")
        dsns = {s: corpus_database(cluster, psql, f"batch_s{s}", s) for s in args.scales}
        print(f"PostgreSQL {st.version}; {args.busy} busy session(s)", flush=True)
        with busy_sessions(cluster.dsn("postgres"), args.busy):
            for s, dsn in dsns.items():
                join(dsn, s)
            results: list[tuple[float, float]] = []
            for s, dsn in dsns.items():
                batches(dsn, s, results)
        # as bench/lint_work_speed.py: each size's fastest run, the fixed cost the longest of
        # those at the smallest batch, the rate the slowest above it
        smallest = min(r for r, _ in results)
        fixed = max(t for r, t in results if r == smallest)
        rate = min(r / t for r, t in results if r > smallest)
        print(f"\nbatch (UPDATE of a key range + COMMIT): fixed {fixed * 1000:.1f} ms (fastest at "
              f"{smallest:,.0f} rows, longest of those), slowest rate above it {rate:,.0f} rows/s; "
              f"a batch within {BUDGET_MS:.0f} ms: {(BUDGET_MS / 1000 - fixed) * rate:,.0f} rows",
              flush=True)

if __name__ == "__main__":
    sys.exit(main())
