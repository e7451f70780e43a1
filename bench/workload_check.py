"""A workload of ``bench/_workloads.py`` checked without the advisor: every read and every write
runs without error, and the DBA's hand-tuned index set helps the reads.

Run: python bench/workload_check.py [--workloads eventlog] [--scale 1] [--iterations 5]
     [--write-rounds 200] [--explain] [--keep] [--dsn DSN]

For each workload: its template as ``bench/advisor_workloads.py`` builds it (schema without
secondary indexes, seeded, VACUUM ANALYZE), two copies, "none" and "hand-tuned" (the
``hand_tuned`` statements applied through psql, autovacuum off, VACUUM ANALYZE); every read
``--iterations`` times with the same drawn values on both copies (which copy goes first
alternates), then ``--write-rounds`` write rounds, each statement on both copies in turn.
Printed: per read, the mean milliseconds per call on each copy, their ratio and the rows
returned per call; per write statement, the mean microseconds per call each way and the rows
it touched per call. The advisor is never run: this is the check a new workload gets before
its first benchmark run. Exit code 1 when a hand-tuned statement fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
from _cms import add_server_options, run_then_stop, server_dsn  # noqa: E402
from _workloads import WORKLOADS, Spec  # noqa: E402
from advisor_workloads import NO_AUTOVACUUM, apply_ddl, build_template, recreate  # noqa: E402
from psycopg import sql  # noqa: E402

COPIES = ("none", "hand-tuned")


def explain(conn: psycopg.Connection[Any], text: str, params: dict[str, Any]) -> list[str]:
    rows = conn.execute(sql.SQL("EXPLAIN (COSTS OFF) ") + sql.SQL(text), params).fetchall()
    return [str(r[0]) for r in rows]


def check(server: str, spec: Spec, args: argparse.Namespace, log: Any) -> int:
    prefix = f"{args.dbname}_{spec.name}"
    template, build_s = build_template(server, spec, prefix, args.scale)
    with psycopg.connect(template) as conn:
        pools = spec.load_pools(conn)
        sizes = conn.execute("SELECT c.relname, c.reltuples::bigint, "
                             "pg_size_pretty(pg_table_size(c.oid)) FROM pg_class c "
                             "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
                             "ORDER BY c.reltuples DESC").fetchall()
    log(f"[{spec.name}] template built in {build_s:.1f} s at scale {args.scale:g}: "
        + ", ".join(f"{name} {rows:,} rows ({size})" for name, rows, size in sizes))
    log("  pools: " + ", ".join(f"{k} {len(v)}" for k, v in pools.items()))
    dsns = {"none": recreate(server, f"{prefix}_none", prefix),
            "hand-tuned": recreate(server, f"{prefix}_hand", prefix)}
    invalid = apply_ddl(dsns["hand-tuned"], list(spec.hand_tuned), log)
    for dsn in dsns.values():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(NO_AUTOVACUUM)
            conn.execute("VACUUM (ANALYZE)")
    conns = {n: psycopg.connect(dsns[n], autocommit=True) for n in COPIES}
    try:
        rng = random.Random(args.seed)
        if args.explain:
            for q in spec.reads:
                plan = explain(conns["hand-tuned"], q.text, q.draw(rng, pools))
                log(f"  plan of {q.name} (hand-tuned):\n      " + "\n      ".join(plan))
            params = spec.write_draw(random.Random(args.seed), pools)
            for k, text in enumerate(spec.writes):
                for n in COPIES:
                    plan = explain(conns[n], text, params)
                    log(f"  plan of w{k + 1} ({n}):\n      " + "\n      ".join(plan))
        read_ms = {n: {q.name: 0.0 for q in spec.reads} for n in COPIES}
        rows = {q.name: 0 for q in spec.reads}
        for i in range(args.iterations):
            order = list(spec.reads)
            rng.shuffle(order)
            for q in order:
                params = q.draw(rng, pools)
                for n in COPIES if i % 2 == 0 else reversed(COPIES):
                    t0 = time.perf_counter()
                    got = conns[n].execute(q.text, params).fetchall()
                    read_ms[n][q.name] += (time.perf_counter() - t0) * 1000
                    if n == "none":
                        rows[q.name] += len(got)
        write_us = {n: [0.0] * len(spec.writes) for n in COPIES}
        touched = [0] * len(spec.writes)
        for i in range(args.write_rounds):
            params = spec.write_draw(rng, pools)
            for k, text in enumerate(spec.writes):
                for n in COPIES if i % 2 == 0 else reversed(COPIES):
                    t0 = time.perf_counter()
                    cur = conns[n].execute(text, params)
                    write_us[n][k] += (time.perf_counter() - t0) * 1e6
                    if n == "none":
                        touched[k] += cur.rowcount
    finally:
        for c in conns.values():
            c.close()

    its, wr = max(args.iterations, 1), max(args.write_rounds, 1)
    print(f"\n{spec.name}: {len(spec.hand_tuned)} hand-tuned indexes ({invalid} failed), "
          f"{args.iterations} calls per read, {args.write_rounds} write rounds")
    print(f"  {'read (ms per call)':22s} {'none':>10s} {'hand-tuned':>10s} {'none/hand':>10s} "
          f"{'rows/call':>10s}")
    for q in spec.reads:
        none, hand = read_ms["none"][q.name] / its, read_ms["hand-tuned"][q.name] / its
        print(f"  {q.name:22s} {none:10.3f} {hand:10.3f} {none / max(hand, 1e-9):9.1f}x "
              f"{rows[q.name] / its:10.1f}")
    total = {n: sum(read_ms[n].values()) / its for n in COPIES}
    print(f"  {'all reads':22s} {total['none']:10.3f} {total['hand-tuned']:10.3f} "
          f"{total['none'] / max(total['hand-tuned'], 1e-9):9.1f}x")
    print(f"  {'write (us per call)':22s} {'none':>10s} {'hand-tuned':>10s} {'hand/none':>10s} "
          f"{'rows/call':>10s}")
    for k, text in enumerate(spec.writes):
        none, hand = write_us["none"][k] / wr, write_us["hand-tuned"][k] / wr
        label = f"w{k + 1} " + " ".join(text.split()[:3])
        print(f"  {label[:22]:22s} {none:10.0f} {hand:10.0f} {hand / max(none, 1e-9):9.2f}x "
              f"{touched[k] / wr:10.1f}")
    wtotal = {n: sum(write_us[n]) / wr for n in COPIES}
    print(f"  {'a write round':22s} {wtotal['none']:10.0f} {wtotal['hand-tuned']:10.0f} "
          f"{wtotal['hand-tuned'] / max(wtotal['none'], 1e-9):9.2f}x")
    for k, text in enumerate(spec.writes):
        print(f"  w{k + 1}: {' '.join(text.split())[:100]}")
    if not args.keep:
        with psycopg.connect(server, autocommit=True) as admin:
            for name in (prefix, f"{prefix}_none", f"{prefix}_hand"):
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)))
    return 1 if invalid else 0


def main(argv: list[str] | None = None) -> int:
    return run_then_stop(run, argv)


def run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.set_defaults(scale=1.0, dbname="pgwarden_bench_check", seed=7)
    parser.add_argument("--workloads", default=",".join(WORKLOADS),
                        help=f"comma-separated, of {', '.join(WORKLOADS)}")
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--write-rounds", type=int, default=200)
    parser.add_argument("--explain", action="store_true",
                        help="print the reads' plans on hand-tuned, the writes' on both copies")
    parser.add_argument("--keep", action="store_true", help="leave the databases for a look")
    args = parser.parse_args(argv)
    names = args.workloads.split(",")
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workload {', '.join(unknown)} (known: {', '.join(WORKLOADS)})")

    def log(msg: str) -> None:
        print(msg, flush=True)

    server = server_dsn(args)
    return max(check(server, WORKLOADS[n], args, log) for n in names)


if __name__ == "__main__":
    sys.exit(main())
