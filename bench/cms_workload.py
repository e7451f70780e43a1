"""The CMS hot-query workload before and after revision 0004 (performance indexes), same data.

Run: python bench/cms_workload.py [--scale 10] [--iterations 40] [--dsn DSN] [--json]

Creates a fresh database (default: on the local cluster), migrates it to 0003 ("before": the
core schema, full-text search with its GIN index, statistics views; no hot-query indexes),
seeds it with ``pgwarden demo seed``, VACUUM ANALYZE, replays the workload
(``pgwarden.demo.workload``: every named query ``--iterations`` times, skewed parameters), then
upgrades to 0005 ("after 0004": 0004 builds its indexes CONCURRENTLY; 0005 adds monitoring
views only), ANALYZE, replays the same draws (same seed), then upgrades to head ("after head":
0006 ranks the searches in a RUM index when the server has rum) and replays them again.
Prints per-query P50/P95 on the three sides, the ratios, the P95 ratio over all executions,
and each query's scan nodes at head (EXPLAIN with representative values).
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
    workload.replay(dsn, 2, args.replay_seed + 1000)  # warm the cache, same for every side
    before = workload.replay(dsn, args.iterations, args.replay_seed)
    log(f"before 0004: {args.iterations} iterations in {before.duration_s:.1f} s")

    from pgwarden.migrations import api as migrate

    def upgrade_and_replay(target: str, label: str) -> workload.ReplayResult:
        t0 = time.monotonic()
        migrate.upgrade(dsn, target, on_notice=lambda text: None)
        timings[f"upgrade_to_{target}_s"] = round(time.monotonic() - t0, 2)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("ANALYZE")
        log(f"upgraded to {target} ({label}) in {timings[f'upgrade_to_{target}_s']} s")
        workload.replay(dsn, 2, args.replay_seed + 1000)
        return workload.replay(dsn, args.iterations, args.replay_seed)

    after4 = upgrade_and_replay("0005", "0004's indexes built CONCURRENTLY; 0005: monitoring views")
    after = upgrade_and_replay("head", "0006: search ranking index")
    with psycopg.connect(dsn) as conn:
        rum = conn.execute("SELECT to_regclass('workshops_search_rank_idx') IS NOT NULL").fetchone()
        timings["search_ranked_in_rum_index"] = bool(rum and rum[0])
    scans_after = scans(dsn)

    b, a4, a = before.by_name(), after4.by_name(), after.by_name()
    rows = []
    for q in workload.QUERIES:
        x, y4, y = b[q.name], a4[q.name], a[q.name]
        rows.append({"query": q.name, "before_p50_ms": x.p50_ms, "before_p95_ms": x.p95_ms,
                     "after_0004_p50_ms": y4.p50_ms, "after_0004_p95_ms": y4.p95_ms,
                     "after_p50_ms": y.p50_ms, "after_p95_ms": y.p95_ms,
                     "p95_ratio_0004": round(x.p95_ms / y4.p95_ms, 1),
                     "p95_ratio": round(x.p95_ms / y.p95_ms, 1),
                     "scans_before": scans_before[q.name], "scans_after": scans_after[q.name],
                     "index_backed": workload.is_index_backed(scans_after[q.name])})
    overall = round(before.all_p95_ms / after.all_p95_ms, 1)
    overall4 = round(before.all_p95_ms / after4.all_p95_ms, 1)
    backed = all(r["index_backed"] for r in rows)
    report = {"scale": args.scale, "iterations": args.iterations, "timings": timings,
              "queries": rows, "overall_p95_before_ms": before.all_p95_ms,
              "overall_p95_after_0004_ms": after4.all_p95_ms, "overall_p95_ratio_0004": overall4,
              "overall_p95_after_ms": after.all_p95_ms, "overall_p95_ratio": overall,
              "round_trip_floor_ms": {"p50": round(floor[0], 3), "p95": round(floor[1], 3)},
              "goal_met_after_0004": overall4 >= GOAL and backed,
              "goal_met": overall >= GOAL and backed}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print()
    print(f"{'P50 / P95 ms':32s} {'before (0003)':>15s} {'after 0004':>15s} {'after head':>15s} "
          f"{'P95 ratio: 0004':>16s} {'head':>7s}")
    for r in rows:
        print(f"{r['query']:32s} {r['before_p50_ms']:7.2f} {r['before_p95_ms']:7.2f} "
              f"{r['after_0004_p50_ms']:7.2f} {r['after_0004_p95_ms']:7.2f} "
              f"{r['after_p50_ms']:7.2f} {r['after_p95_ms']:7.2f} "
              f"{r['p95_ratio_0004']:15.1f}x {r['p95_ratio']:6.1f}x")
    print(f"{'all executions':32s} {before.all_p50_ms:7.2f} {before.all_p95_ms:7.2f} "
          f"{after4.all_p50_ms:7.2f} {after4.all_p95_ms:7.2f} {after.all_p50_ms:7.2f} "
          f"{after.all_p95_ms:7.2f} {overall4:15.1f}x {overall:6.1f}x")
    ranked = "yes" if timings["search_ranked_in_rum_index"] else "no"
    print(f"searches ranked in the RUM index at head: {ranked}")
    print(f"round-trip floor (SELECT 1 on the same kind of connection): P50 {floor[0]:.2f} ms, "
          f"P95 {floor[1]:.2f} ms")
    print("\nscan nodes at head (EXPLAIN, representative values):")
    for r in rows:
        print(f"  {r['query']:34s} {'index-backed' if r['index_backed'] else 'SEQ SCAN'}: "
              + "; ".join(r["scans_after"]))
    for label, ratio, met in (("after 0004", overall4, report["goal_met_after_0004"]),
                              ("after head", overall, report["goal_met"])):
        print(f"goal {label}: overall P95 >= {GOAL:g}x and every hot query index-backed -> "
              f"{'met' if met else 'MISSED'} ({ratio}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
