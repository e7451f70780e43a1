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
SEARCH = {"search_pl", "search_en", "search_unaccented"}  # a full-text GIN index serves them on both sides


def round_trip_floor(dsn: str, n: int = 200) -> tuple[float, float]:
    """P50/P95 of `SELECT 1` on one connection: the client + scheduling floor of every latency."""
    with psycopg.connect(dsn, prepare_threshold=None) as conn:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            conn.execute("SELECT 1").fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    return workload.percentile(times, 50), workload.percentile(times, 95)


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
    parser.add_argument("--existing", action="store_true",
                        help="use --dsn's database as it is (already seeded, at revision 0003)")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    if args.existing:
        dsn, timings = args.dsn, {}
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")
    else:
        dsn, timings = prepare(args, "0003", log)
    floor = round_trip_floor(dsn)
    log(f"round-trip floor (SELECT 1): P50 {floor[0]:.2f} ms, P95 {floor[1]:.2f} ms")
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
    targeted = [r for r in rows if r["query"] not in SEARCH]
    targeted_ratio = round(sum(r["before_p95_ms"] for r in targeted)
                           / sum(r["after_p95_ms"] for r in targeted), 1)
    report = {"scale": args.scale, "iterations": args.iterations, "timings": timings,
              "queries": rows, "overall_p95_before_ms": before.all_p95_ms,
              "overall_p95_after_ms": after.all_p95_ms, "overall_p95_ratio": overall,
              "sum_of_p95_ratio": total_p95_ratio, "revision_0004_queries_sum_of_p95_ratio": targeted_ratio,
              "round_trip_floor_ms": {"p50": round(floor[0], 3), "p95": round(floor[1], 3)},
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
    print(f"sum of per-query P95: {total_p95_ratio}x faster; over the 8 queries revision 0004 serves "
          f"(searches excluded: a full-text GIN index serves them on both sides): {targeted_ratio}x")
    print(f"round-trip floor (SELECT 1 on the same kind of connection): P50 {floor[0]:.2f} ms, "
          f"P95 {floor[1]:.2f} ms")
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
