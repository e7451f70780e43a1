"""The index advisor against the hand-tuned revision 0004, on the seeded CMS database.

Run: python bench/advisor.py [--scale 2] [--iterations 20] [--dsn DSN] [--json]

1. A database migrated to 0003 (the CMS without its performance revision 0004), seeded with
   ``pgwarden demo seed``, VACUUM ANALYZE: the template of every copy below.
2. Training copy: pg_stat_statements emptied for it, the skewed read workload replayed
   (``pgwarden.demo.workload``, replay seed 1) with the write workload, then
   ``pgwarden advise`` (API) reads pg_stat_statements and suggests indexes.
3. Three fresh copies: none (no extra index), hand-tuned (``migrate`` to 0004), advised (the
   advisor's ``--format sql`` applied with ``psql -v ON_ERROR_STOP=1 -f``; each statement
   that fails counts as invalid DDL). ANALYZE each.
4. Each copy replays a second read workload with other parameter values (replay seed 2) and
   the write workload. Read time = sum of the per-query execution times.
5. The advisor is timed on 1,000 distinct statements (the hot queries with literal values
   drawn from the data, as a ``--queries`` file).

Goals (issue 5): advised read time within 1.2x of hand-tuned, no more indexes than
hand-tuned + 1, zero invalid DDL, write workload at most 10% slower, advisor < 30 s on 1,000
statements.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pglast  # noqa: E402
import psycopg  # noqa: E402
from _cms import add_server_options, prepare, with_dbname  # noqa: E402
from psycopg import sql  # noqa: E402

from pgwarden.demo import workload  # noqa: E402

HERE = Path(__file__).resolve().parent
WRITES = [s for s in pglast.split((HERE / "advisor_writes.sql").read_text(), with_parser=False)]
STATUSES = ("pending", "confirmed", "waitlisted", "cancelled", "completed")


def copy_db(dsn: str, template: str, name: str) -> str:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)))
    return with_dbname(dsn, name)


def write_workload(dsn: str, rounds: int, seed: int) -> float:
    """Run the write statements ``rounds`` times each; seconds taken."""
    rng = random.Random(seed)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET application_name = 'cms-writes'")
        sample = conn.execute((HERE / "advisor_sample.sql").read_text()).fetchall()
        t0 = time.perf_counter()
        for _ in range(rounds):
            e, q, u, s = rng.choice(sample)
            params = {"enrollment_id": e, "question_id": q, "user_id": u, "session_id": s,
                      "status": rng.choice(STATUSES)}
            for text in WRITES:
                conn.execute(text, params)
        return time.perf_counter() - t0


def index_count(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_user_indexes").fetchone()
    return int(row[0]) if row else 0


def thousand_statements(dsn: str, path: Path) -> int:
    """1,000 distinct statements: the hot queries with literal values drawn from the data."""
    with psycopg.connect(dsn) as conn:
        pools = workload.load_pools(conn, 7)
        rng = random.Random(7)
        seen: set[str] = set()
        for _ in range(20000):
            q = rng.choice(workload.QUERIES)
            text = workload.render(conn, q, workload.draw(q, rng, pools)).strip().rstrip(";")
            text = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("--"))
            seen.add(text)
            if len(seen) == 1000:
                break
    path.write_text(";\n".join(sorted(seen)) + ";\n")
    return len(seen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.set_defaults(scale=2.0)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--write-rounds", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved measurement rounds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    from pgwarden import migrate
    from pgwarden.analyzers.advisor import advise
    from pgwarden.analyzers.render import sql_lines

    base_dsn, timings = prepare(args, "0003", log)
    template = args.dbname
    with psycopg.connect(base_dsn, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
    train = copy_db(base_dsn, template, f"{template}_train")
    with psycopg.connect(train, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'").fetchone():
            conn.execute("CREATE EXTENSION IF NOT EXISTS hypopg")
        conn.execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database "
                     "WHERE datname = current_database()), 0)")
    workload.replay(train, args.iterations, 1)
    write_workload(train, args.write_rounds // 4, 1)
    t0 = time.monotonic()
    advice = advise(train)
    advise_s = time.monotonic() - t0
    ddl = sql_lines(advice)
    log(f"advisor: {len(ddl)} indexes in {advise_s:.1f} s "
        f"({'hypopg' if advice.validated else 'unvalidated'}), {len(advice.queries)} queries, "
        f"{len(advice.skipped)} skipped")
    for d in advice.kept:
        log(f"  {d.candidate.describe()}  [{d.candidate.kind}, "
            f"{'measured' if d.measured else 'UNVALIDATED'}]")

    copies = {"none": copy_db(base_dsn, template, f"{template}_none"),
              "hand-tuned": copy_db(base_dsn, template, f"{template}_hand"),
              "advised": copy_db(base_dsn, template, f"{template}_advised")}
    migrate.upgrade(copies["hand-tuned"], "0004", on_notice=lambda text: None)
    invalid = 0
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "advice.sql"
        for line in ddl:
            script.write_text(line + "\n")
            done = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                                   copies["advised"], "-f", str(script)],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                invalid += 1
                log(f"  INVALID DDL: {line}: {done.stderr.strip()}")
    results: dict[str, dict[str, Any]] = {}
    for dsn in copies.values():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE)")
        workload.replay(dsn, 2, 1000)  # warm the cache alike
    # the machine is shared: the copies take turns, round after round, and each figure is the
    # median over the rounds
    reads: dict[str, list[Any]] = {name: [] for name in copies}
    writes: dict[str, list[float]] = {name: [] for name in copies}
    for rnd in range(args.rounds):
        for name, dsn in copies.items():
            reads[name].append(workload.replay(dsn, args.iterations, 2))
            writes[name].append(write_workload(dsn, args.write_rounds, 2 + rnd))
        log(f"round {rnd + 1}/{args.rounds}: " + ", ".join(
            f"{n} {sum(q.total_ms for q in reads[n][-1].queries):.0f} ms" for n in copies))
    for name, dsn in copies.items():
        totals = sorted((sum(q.total_ms for q in r.queries), i) for i, r in enumerate(reads[name]))
        read_ms, mid = totals[len(totals) // 2]
        r = reads[name][mid]
        w = statistics.median(writes[name])
        results[name] = {"read_ms": round(read_ms, 1), "p95_ms": r.all_p95_ms,
                         "read_rounds_ms": [round(t, 1) for t in sorted(t for t, _ in totals)],
                         "write_rounds_s": [round(x, 2) for x in writes[name]],
                         "write_s": round(w, 2), "indexes": index_count(dsn),
                         "per_query_p95": {q.name: q.p95_ms for q in r.queries}}
        log(f"{name:10s} read {read_ms:9.1f} ms  p95 {r.all_p95_ms:7.2f} ms  "
            f"writes {w:6.2f} s  indexes {results[name]['indexes']}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "thousand.sql"
        n = thousand_statements(train, path)
        t0 = time.monotonic()
        big = advise(train, queries_file=path)
        big_s = time.monotonic() - t0
    log(f"advisor on {n} distinct statements: {big_s:.1f} s ({len(big.kept)} indexes kept, "
        f"{len(big.skipped)} skipped)")

    none, hand, adv = results["none"], results["hand-tuned"], results["advised"]
    extra_hand = hand["indexes"] - none["indexes"]
    extra_adv = adv["indexes"] - none["indexes"]
    report = {
        "scale": args.scale, "iterations": args.iterations, "timings": timings,
        "advisor_s": round(advise_s, 2), "validated": advice.validated,
        "advised_ddl": ddl, "results": results,
        "read_vs_hand": round(adv["read_ms"] / hand["read_ms"], 2),
        "read_none_vs_hand": round(none["read_ms"] / hand["read_ms"], 2),
        "indexes_hand": extra_hand, "indexes_advised": extra_adv, "invalid_ddl": invalid,
        "write_vs_none": round(adv["write_s"] / none["write_s"], 3),
        "write_vs_hand": round(adv["write_s"] / hand["write_s"], 3),
        "thousand_statements": n, "thousand_s": round(big_s, 1),
    }
    goals = {
        "read within 1.2x of hand-tuned": report["read_vs_hand"] <= 1.2,
        "indexes <= hand-tuned + 1": extra_adv <= extra_hand + 1,
        "zero invalid DDL": invalid == 0,
        "writes <= 10% slower than none": report["write_vs_none"] <= 1.10,
        "advisor < 30 s on 1,000 statements": big_s < 30,
    }
    report["goals"] = goals
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print()
    print(f"{'query (P95 ms)':34s} {'none':>8s} {'hand':>8s} {'advised':>8s}")
    for q in none["per_query_p95"]:
        print(f"{q:34s} {none['per_query_p95'][q]:8.2f} {hand['per_query_p95'][q]:8.2f} "
              f"{adv['per_query_p95'][q]:8.2f}")
    print(f"read time: none {none['read_ms']:.0f} ms, hand-tuned {hand['read_ms']:.0f} ms, "
          f"advised {adv['read_ms']:.0f} ms -> advised/hand-tuned {report['read_vs_hand']}x "
          f"(none/hand-tuned {report['read_none_vs_hand']}x)")
    print(f"indexes added: hand-tuned {extra_hand}, advised {extra_adv}; invalid DDL {invalid}")
    print(f"write workload: advised/none {report['write_vs_none']}x, "
          f"advised/hand-tuned {report['write_vs_hand']}x")
    print(f"advisor: {advise_s:.1f} s on the replayed workload; {big_s:.1f} s on {n} statements")
    for goal, ok in goals.items():
        print(f"  {'met ' if ok else 'MISSED'}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
