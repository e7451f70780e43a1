"""How fast PostgreSQL does the work a lint finding is about: the rates behind ``--dsn``'s
"small table" downgrade (pgwarden/analyzers/lint/sizes.py).

Run: python bench/lint_work_speed.py [--pg-bin system] [--rows 2000 20000 200000] [--busy N]
On a throwaway local cluster (default settings: maintenance_work_mem 64MB, shared_buffers
128MB), with ``--busy N`` sessions keeping the server's CPUs busy the whole time (a migration
runs on a live database: default 2 per CPU, 0 for a quiet server), for a table of N rows
shaped like an orders table (bigint id, bigint customer, short text status, numeric total,
timestamp, jsonb, a 40-character text, a boolean, a uuid) plus a referenced table of N/10 rows,
times each kind of work a blocking statement does while it holds its lock, and prints rows per
second and 8 kB pages per second:

- btree-index: CREATE INDEX on a text key (a 40-character text, a short status, bigint + text)
- btree-scalar: CREATE INDEX on fixed-width keys (bigint, UNIQUE bigint, timestamp, boolean,
  numeric, uuid, bigint + timestamp): the linter prices these at the ratio of the two kinds'
  slowest rates in one run
- gin-index: CREATE INDEX USING gin with a few keys per row (jsonb_path_ops, jsonb_ops, an array)
- gin-many-keys: CREATE INDEX USING gin with dozens of keys per row (gin_trgm_ops on the text,
  a to_tsvector expression)
- check-scan, not-null-scan, fk-scan: ADD CHECK (validated), SET NOT NULL, ADD FOREIGN KEY
- rewrite: ALTER COLUMN TYPE bigint → numeric, VACUUM FULL
- update: UPDATE of every row (one column)
- delete: DELETE of every row (no new row versions, no index entries: only each row's xmax)

``--only KIND …`` times those kinds alone.

Each statement is run three times on a fresh copy of the table (the fastest run kept, the
machine is shared). Printed at the end, per kind: the fixed cost (the longest time at the smallest size:
new files, catalog updates, the commit's sync — what a statement costs however small the table)
and the slowest rates at the larger sizes. The linter's estimate is fixed + size / rate.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _local import busy_sessions, throwaway_cluster  # noqa: E402

SETUP = """
DROP TABLE IF EXISTS t, r;
CREATE TABLE r (id bigint PRIMARY KEY, name text);
INSERT INTO r SELECT g, 'r' || g FROM generate_series(1, greatest({n} / 10, 1)) g;
CREATE TABLE t (id bigint PRIMARY KEY, r_id bigint, status text, total numeric(12,2),
                created_at timestamp, attrs jsonb, note text, score bigint, tags text[],
                flag boolean, ref uuid);
INSERT INTO t SELECT g, 1 + g % greatest({n} / 10, 1), (ARRAY['new','paid','shipped'])[1 + g % 3],
       g % 1000 + 0.5, timestamp '2025-01-01' + g * interval '1 second',
       jsonb_build_object('color', g % 7, 'size', g % 11),
       md5(g::text) || 'abcdefgh', g, ARRAY['t' || g % 13, 'u' || g % 17, 'v' || g % 5],
       g % 7 = 0, md5(g::text)::uuid
FROM generate_series(1, {n}) g;
"""
WORK: list[tuple[str, str]] = [
    ("btree-index", "CREATE INDEX t_note ON t (note)"),
    ("btree-index", "CREATE INDEX t_status ON t (status)"),
    ("btree-index", "CREATE INDEX t_r_note ON t (r_id, note)"),
    ("btree-scalar", "CREATE INDEX t_r ON t (r_id)"),
    ("btree-scalar", "CREATE UNIQUE INDEX t_score ON t (score)"),
    ("btree-scalar", "CREATE INDEX t_created ON t (created_at)"),
    ("btree-scalar", "CREATE INDEX t_flag ON t (flag)"),
    ("btree-scalar", "CREATE INDEX t_r_created ON t (r_id, created_at)"),
    ("btree-scalar", "CREATE INDEX t_total ON t (total)"),
    ("btree-scalar", "CREATE INDEX t_ref ON t (ref)"),
    ("gin-index", "CREATE INDEX t_attrs ON t USING gin (attrs jsonb_path_ops)"),
    ("gin-index", "CREATE INDEX t_attrs_ops ON t USING gin (attrs)"),
    ("gin-index", "CREATE INDEX t_tags ON t USING gin (tags)"),
    ("gin-many-keys", "CREATE INDEX t_trgm ON t USING gin (note gin_trgm_ops)"),
    ("gin-many-keys", "CREATE INDEX t_fts ON t USING gin (to_tsvector('simple', note))"),
    ("check-scan", "ALTER TABLE t ADD CONSTRAINT t_ck CHECK (total >= 0)"),
    ("not-null-scan", "ALTER TABLE t ALTER COLUMN status SET NOT NULL"),
    ("fk-scan", "ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (r_id) REFERENCES r (id)"),
    ("rewrite", "ALTER TABLE t ALTER COLUMN score TYPE numeric"),
    ("rewrite", "VACUUM FULL t"),
    ("update", "UPDATE t SET score = score + 1"),
    ("delete", "DELETE FROM t"),
]


def measure(dsn: str, n: int, only: list[str]) -> list[tuple[str, str, float, float]]:
    out = []
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for kind, stmt in WORK:
            if only and kind not in only:
                continue
            best = float("inf")
            pages = 0
            for _ in range(3):
                c.execute(sql.SQL(SETUP).format(n=sql.Literal(n)))  # type: ignore[arg-type]
                c.execute("VACUUM ANALYZE t")
                c.execute("VACUUM ANALYZE r")
                row = c.execute("SELECT relpages FROM pg_class WHERE relname = 't'").fetchone()
                pages = int(row[0]) if row else 0
                c.execute("CHECKPOINT")
                t0 = time.perf_counter()
                c.execute(stmt)  # type: ignore[call-overload]
                best = min(best, time.perf_counter() - t0)
            out.append((kind, stmt, n / best, pages / best))
            print(f"{n:>9,} rows {pages:>7,} pages  {kind:13s} {n / best:>12,.0f} rows/s "
                  f"{pages / best:>9,.0f} pages/s  {best * 1000:8.1f} ms  {stmt}", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg-bin", default="system")
    ap.add_argument("--rows", type=int, nargs="*", default=[2_000, 20_000, 200_000])
    ap.add_argument("--busy", type=int, default=2 * (os.cpu_count() or 1))
    ap.add_argument("--only", nargs="*", default=[], help="kinds of work to time (default all)")
    args = ap.parse_args()
    results: list[Any] = []
    with throwaway_cluster(args.pg_bin, "pgwarden-workspeed-") as cluster:
        print(f"PostgreSQL {cluster.status().version}; {args.busy} busy session(s)", flush=True)
        with busy_sessions(cluster.dsn("postgres"), args.busy):
            for n in args.rows:
                results += [(n, *r) for r in measure(cluster.dsn("postgres"), n, args.only)]
    smallest = min(args.rows)
    print(f"\nper kind: fixed cost (longest at {smallest:,} rows), slowest rates above it:")
    for kind in dict.fromkeys(k for _, k, *_ in results):
        fixed = max(n / r for n, k, _, r, _ in results if k == kind and n == smallest)
        rows = min(r for n, k, _, r, _ in results if k == kind and n > smallest)
        pages = min(p for n, k, _, _, p in results if k == kind and n > smallest)
        print(f"  {kind:13s} fixed {fixed * 1000:7.1f} ms {rows:>12,.0f} rows/s {pages:>9,.0f} pages/s")


if __name__ == "__main__":
    sys.exit(main())
