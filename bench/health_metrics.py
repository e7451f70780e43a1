"""Cost of one ``pgwarden health`` run and one ``pgwarden metrics`` collection (a scrape).

Run: python bench/health_metrics.py [--dsn DSN] [--tables N] [--runs R]
Without --dsn it starts a throwaway local cluster (pgwarden.local) in a temporary folder.
It creates a scratch database with N tables (each with a serial and an index), N/10
materialized views, pgwarden's maintenance state with 10 000 task runs, then times, in the same
process: the baseline (connect + read the server facts, what every command pays), a full
health run, and a metrics collection. Target: each well under 1 s at 1 000 tables, so a
60-second scrape interval costs the server little.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import sql

from pgwarden import db
from pgwarden.health import run as health_run
from pgwarden.maintenance.state import ensure_state
from pgwarden.metrics import render

SCRATCH = "pgwarden_bench_health"


def setup(admin_dsn: str, dsn: str, tables: int) -> None:
    with psycopg.connect(admin_dsn, autocommit=True) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(SCRATCH)))
        c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(SCRATCH)))
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        with c.transaction():
            for i in range(tables):
                t = sql.Identifier("public", f"t{i}")
                c.execute(sql.SQL("CREATE TABLE {} (id serial PRIMARY KEY, v int, note text)").format(t))
                c.execute(sql.SQL("INSERT INTO {} (v, note) SELECT g, 'x' FROM generate_series(1, 20) g")
                          .format(t))
                c.execute(sql.SQL("CREATE INDEX ON {} (v)").format(t))
                if i % 10 == 0:
                    c.execute(sql.SQL("CREATE MATERIALIZED VIEW {} AS SELECT count(*) FROM {}").format(
                        sql.Identifier("public", f"mv{i}"), t))
        c.execute("ANALYZE")
    with db.session(dsn) as c:
        ensure_state(c)
        c.execute("INSERT INTO pgwarden.task_runs (task, started_at, finished_at, outcome) "
                  "SELECT (ARRAY['refresh','vacuum','reindex','cleanup'])[1 + g % 4], "
                  "now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '5 s', "
                  "'success' FROM generate_series(1, 10000) g")
        c.execute("INSERT INTO pgwarden.mview_refresh (view_schema, view_name, last_success_at, "
                  "last_duration_s, last_outcome) SELECT schemaname, matviewname, now(), 0.1, "
                  "'success' FROM pg_matviews WHERE matviewname ~ '0$'")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def baseline(dsn: str) -> None:
    with db.session(dsn) as c:
        db.read_server_facts(c)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dsn")
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    cluster = None
    tmp = None
    if args.dsn:
        admin = args.dsn
    else:
        from pgwarden.local import LocalCluster

        tmp = tempfile.TemporaryDirectory()
        cluster = LocalCluster(Path(tmp.name) / ".pgwarden")
        cluster.start()
        admin = cluster.dsn("postgres")
    dsn = psycopg.conninfo.make_conninfo(admin, dbname=SCRATCH)
    try:
        setup(admin, dsn, args.tables)
        results = {
            "baseline (connect + facts)": timed(lambda: baseline(dsn), args.runs),
            "pgwarden health (14 checks)": timed(lambda: health_run(dsn), args.runs),
            "pgwarden metrics (1 scrape)": timed(lambda: render(dsn), args.runs),
        }
        base = statistics.median(results["baseline (connect + facts)"])
        print(f"{args.tables} tables, {args.tables // 10} materialized views, 10000 task runs, "
              f"{args.runs} runs each")
        for name, xs in results.items():
            med = statistics.median(xs)
            print(f"{name:30s} median {med * 1000:7.1f} ms   max {max(xs) * 1000:7.1f} ms   "
                  f"{med / base:5.1f}x baseline")
        worst = max(statistics.median(results[k]) for k in list(results)[1:])
        print(f"target: health and metrics < 1000 ms -> {'met' if worst < 1 else 'MISSED'}")
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(SCRATCH)))
        if cluster is not None:
            cluster.destroy()
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
