"""How fast PostgreSQL does the work a lint finding is about: the rates behind ``--dsn``'s
"small table" downgrade (pgwarden/analyzers/lint/sizes.py).

Run: python bench/lint_work_speed.py [--pg-bin system] [--rows 200000 1000000]
On a throwaway local cluster (default settings: maintenance_work_mem 64MB, shared_buffers
128MB), for a table of N rows shaped like an orders table (bigint id, bigint customer, short
text status, numeric total, timestamp, jsonb, a 40-character text) plus a referenced table of
N/10 rows, times each kind of work a blocking statement does while it holds its lock, and
prints rows per second and 8 kB pages per second:

- index: CREATE INDEX (btree bigint, btree text, UNIQUE btree bigint)
- index-gin: CREATE INDEX USING gin (jsonb_path_ops, and gin_trgm_ops on the text)
- scan: ADD CHECK (validated), SET NOT NULL, VALIDATE of a FOREIGN KEY
- rewrite: ALTER COLUMN TYPE bigint → numeric, VACUUM FULL
- update: UPDATE of every row (one column)

Each statement is run twice on a fresh copy of the table (the faster run kept, the machine is
shared). The linter uses the SLOWEST rate of each kind measured here.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

SETUP = """
DROP TABLE IF EXISTS t, r;
CREATE TABLE r (id bigint PRIMARY KEY, name text);
INSERT INTO r SELECT g, 'r' || g FROM generate_series(1, greatest({n} / 10, 1)) g;
CREATE TABLE t (id bigint PRIMARY KEY, r_id bigint, status text, total numeric(12,2),
                created_at timestamp, attrs jsonb, note text, score bigint);
INSERT INTO t SELECT g, 1 + g % greatest({n} / 10, 1), (ARRAY['new','paid','shipped'])[1 + g % 3],
       g % 1000 + 0.5, timestamp '2025-01-01' + g * interval '1 second',
       jsonb_build_object('color', g % 7, 'size', g % 11),
       md5(g::text) || 'abcdefgh', g
FROM generate_series(1, {n}) g;
"""
WORK: list[tuple[str, str]] = [
    ("index", "CREATE INDEX t_r ON t (r_id)"),
    ("index", "CREATE INDEX t_note ON t (note)"),
    ("index", "CREATE UNIQUE INDEX t_score ON t (score)"),
    ("index-gin", "CREATE INDEX t_attrs ON t USING gin (attrs jsonb_path_ops)"),
    ("index-gin", "CREATE INDEX t_trgm ON t USING gin (note gin_trgm_ops)"),
    ("scan", "ALTER TABLE t ADD CONSTRAINT t_ck CHECK (total >= 0)"),
    ("scan", "ALTER TABLE t ALTER COLUMN status SET NOT NULL"),
    ("scan", "ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (r_id) REFERENCES r (id)"),
    ("rewrite", "ALTER TABLE t ALTER COLUMN score TYPE numeric"),
    ("rewrite", "VACUUM FULL t"),
    ("update", "UPDATE t SET score = score + 1"),
]


def measure(dsn: str, n: int) -> list[tuple[str, str, float, float]]:
    out = []
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for kind, stmt in WORK:
            best = float("inf")
            pages = 0
            for _ in range(2):
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
            print(f"{n:>9,} rows {pages:>7,} pages  {kind:9s} {n / best:>12,.0f} rows/s "
                  f"{pages / best:>9,.0f} pages/s  {best * 1000:8.1f} ms  {stmt}", flush=True)
    return out


def main() -> None:
    from pgwarden.local import LocalCluster

    ap = argparse.ArgumentParser()
    ap.add_argument("--pg-bin", default="system")
    ap.add_argument("--rows", type=int, nargs="*", default=[200_000, 1_000_000])
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="pgwarden-workspeed-"))
    cluster = LocalCluster(base / ".pgwarden", pg_bin=args.pg_bin)
    results: list[Any] = []
    try:
        cluster.start()
        print(f"PostgreSQL {cluster.status().version}", flush=True)
        for n in args.rows:
            results += measure(cluster.dsn("postgres"), n)
    finally:
        cluster.destroy()
        shutil.rmtree(base, ignore_errors=True)
    print("\nslowest per kind:")
    for kind in dict.fromkeys(k for k, *_ in results):
        rows = min(r for k, _, r, _ in results if k == kind)
        pages = min(p for k, _, _, p in results if k == kind)
        print(f"  {kind:9s} {rows:>12,.0f} rows/s {pages:>9,.0f} pages/s")


if __name__ == "__main__":
    sys.exit(main())
