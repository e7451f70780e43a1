"""The CMS hot-query workload before and after revision 0004 (performance indexes), same data.

Run: python bench/cms_workload.py [--scale 10] [--iterations 40] [--dsn DSN] [--json]

Creates a fresh database (default: on the local cluster), migrates it to 0003 ("before": the
core schema, full-text search with its GIN index, statistics views; no hot-query indexes),
seeds it with ``pgwarden demo seed``, VACUUM ANALYZE, replays the workload
(``pgwarden.demo.workload``: every named query ``--iterations`` times, skewed parameters), then
upgrades to head (0004 builds its indexes CONCURRENTLY), ANALYZE, and replays the same draws
(same seed). Prints per-query P50/P95 before and after, the ratios, the P95 ratio over all
executions, and each query's scan nodes after 0004 (EXPLAIN with representative values).
Goal (issue 3): overall P95 at least 20x faster, every hot query index-backed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
from _cms import add_server_options, prepare  # noqa: E402

from pgwarden.demo import workload  # noqa: E402

GOAL = 20.0


def scans(dsn: str) -> dict[str, list[str]]:
    with psycopg.connect(dsn) as conn:
        params = workload.representative_params(conn)
        return {q.name: workload.explain_scans(conn, q, params[q.name]) for q in workload.QUERIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--replay-seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="one JSON report on stdout")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    dsn, timings = prepare(args, "0003", log)
    scans_before = scans(dsn)
    workload.replay(dsn, 2, args.replay_seed + 1000)  # warm the cache, same for both sides
    before = workload.replay(dsn, args.iterations, args.replay_seed)
    log(f"before 0004: {args.iterations} iterations in {before.duration_s:.1f} s")

    from pgwarden import migrate

    t0 = time.monotonic()
    migrate.upgrade(dsn, "head", on_notice=lambda text: None)
    timings["upgrade_to_head_s"] = round(time.monotonic() - t0, 2)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ANALYZE")
    log(f"upgraded to head (0004 indexes built CONCURRENTLY) in {timings['upgrade_to_head_s']} s")
    workload.replay(dsn, 2, args.replay_seed + 1000)
    after = workload.replay(dsn, args.iterations, args.replay_seed)
    scans_after = scans(dsn)

    b, a = before.by_name(), after.by_name()
    rows = []
    for q in workload.QUERIES:
        x, y = b[q.name], a[q.name]
        rows.append({"query": q.name, "before_p50_ms": x.p50_ms, "before_p95_ms": x.p95_ms,
                     "after_p50_ms": y.p50_ms, "after_p95_ms": y.p95_ms,
                     "p95_ratio": round(x.p95_ms / y.p95_ms, 1),
                     "scans_before": scans_before[q.name], "scans_after": scans_after[q.name],
                     "index_backed": workload.is_index_backed(scans_after[q.name])})
    overall = round(before.all_p95_ms / after.all_p95_ms, 1)
    total_p95_ratio = round(sum(r["before_p95_ms"] for r in rows) / sum(r["after_p95_ms"] for r in rows), 1)
    report = {"scale": args.scale, "iterations": args.iterations, "timings": timings,
              "queries": rows, "overall_p95_before_ms": before.all_p95_ms,
              "overall_p95_after_ms": after.all_p95_ms, "overall_p95_ratio": overall,
              "sum_of_p95_ratio": total_p95_ratio,
              "goal_met": overall >= GOAL and all(r["index_backed"] for r in rows)}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print()
    print(f"{'query':34s} {'before p50':>10s} {'p95':>9s} {'after p50':>10s} {'p95':>8s} {'p95 ratio':>9s}")
    for r in rows:
        print(f"{r['query']:34s} {r['before_p50_ms']:10.2f} {r['before_p95_ms']:9.2f} "
              f"{r['after_p50_ms']:10.2f} {r['after_p95_ms']:8.2f} {r['p95_ratio']:8.1f}x")
    print(f"{'all executions':34s} {before.all_p50_ms:10.2f} {before.all_p95_ms:9.2f} "
          f"{after.all_p50_ms:10.2f} {after.all_p95_ms:8.2f} {overall:8.1f}x")
    print(f"sum of per-query P95: {total_p95_ratio}x faster")
    print("\nscan nodes after 0004 (EXPLAIN, representative values):")
    for r in rows:
        print(f"  {r['query']:34s} {'index-backed' if r['index_backed'] else 'SEQ SCAN'}: "
              + "; ".join(r["scans_after"]))
    lag = [r["query"] for r in rows if r["p95_ratio"] < GOAL]
    print(f"\ngoal: overall P95 >= {GOAL:g}x and every hot query index-backed -> "
          f"{'met' if report['goal_met'] else 'MISSED'}; overall P95 ratio {overall}x"
          + (f"; queries under {GOAL:g}x on their own: {', '.join(lag)}" if lag else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
