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
4. The copies are measured side by side, paired: one connection each, and every read (a
   second workload with other parameter values, replay seed 2) and every write round runs on
   each copy in turn with the same values, in an order shuffled for each statement, so a
   burst of load from elsewhere on the machine hits every copy alike (measuring one copy after
   the other, seconds apart, let such bursts decide the write ratio) and no copy always runs
   right after the same other one (with a rotated order, "none" mostly followed its identical
   twin and came out a few per cent faster than it). Between rounds each copy's
   written tables are vacuumed, so each round starts every copy from the same table state
   (autovacuum is off on the measured copies, so no worker starts on one of them mid-round). A
   second copy without extra indexes ("none again") is measured the same way: its ratio to
   "none" shows what the measurement's noise is. An unmeasured round of reads and writes warms
   every copy first (the indexes just built are not in shared buffers yet). Read time = sum of
   the per-query execution times. The writes run as in ``bench/_writes.py`` (since the write
   budget): each statement on every copy in turn, on connections of their own, a copy's time
   being its backend's CPU time plus the copies' common remainder of the client's time. Each
   figure is the median over the rounds.
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
from _cms import add_server_options, prepare, run_then_stop, with_dbname  # noqa: E402
from _writes import combined, timed_writes  # noqa: E402
from psycopg import sql  # noqa: E402
from psycopg.conninfo import conninfo_to_dict  # noqa: E402

from pgwarden.demo import workload  # noqa: E402

HERE = Path(__file__).resolve().parent
WRITES = [s for s in pglast.split((HERE / "advisor_writes.sql").read_text(), with_parser=False)]
STATUSES = ("pending", "confirmed", "waitlisted", "cancelled", "completed")
# the measured copies are vacuumed explicitly between rounds, all alike; an autovacuum or
# autoanalyze worker starting on one copy in the middle of a round would weigh on that copy only
NO_AUTOVACUUM = """
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT c.oid::regclass FROM pg_class c
           WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace LOOP
    EXECUTE format('ALTER TABLE %s SET (autovacuum_enabled = false)', t);
  END LOOP;
END $$"""


def copy_db(dsn: str, template: str, name: str) -> str:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)))
    return with_dbname(dsn, name)


def write_params(sample: list[Any], rng: random.Random) -> dict[str, Any]:
    e, q, u, s = rng.choice(sample)
    return {"enrollment_id": e, "question_id": q, "user_id": u, "session_id": s,
            "status": rng.choice(STATUSES)}


def write_workload(dsn: str, rounds: int, seed: int) -> float:
    """Run the write statements ``rounds`` times each; seconds taken."""
    rng = random.Random(seed)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET application_name = 'cms-writes'")
        sample = conn.execute((HERE / "advisor_sample.sql").read_text()).fetchall()
        t0 = time.perf_counter()
        for _ in range(rounds):
            params = write_params(sample, rng)
            for text in WRITES:
                conn.execute(text, params)
        return time.perf_counter() - t0


def paired_round(conns: dict[str, psycopg.Connection[Any]], pools: workload.Pools, iterations: int,
                 write_rounds: int, seed: int, sample: list[Any], copies: dict[str, str],
                 admin: psycopg.Connection[Any]
                 ) -> tuple[dict[str, dict[str, list[float]]], dict[str, float]]:
    """One measurement round on every copy side by side: (ms per execution per query per
    copy, write seconds per copy). Each statement runs on every copy with the same values.
    The writes run on connections of their own (``bench/_writes.py``): a copy's write time is
    its backend's CPU time plus the copies' common remainder of the client's time."""
    names = list(conns)
    texts = {q.name: q.text for q in workload.QUERIES}
    reads: dict[str, dict[str, list[float]]] = {n: {q.name: [] for q in workload.QUERIES}
                                                for n in names}
    rng = random.Random(seed)
    turns = random.Random(seed + 1)  # the copies' order, shuffled for every statement

    def shuffled() -> list[str]:
        order = list(names)
        turns.shuffle(order)
        return order

    for _ in range(iterations):
        order = list(workload.QUERIES)
        rng.shuffle(order)
        for q in order:
            params = workload.draw(q, rng, pools)
            for n in shuffled():
                t0 = time.perf_counter()
                conns[n].execute(texts[q.name], params).fetchall()
                reads[n][q.name].append((time.perf_counter() - t0) * 1000)
    draws = [write_params(sample, rng) for _ in range(write_rounds)]
    figures = timed_writes(copies, {n: str(conninfo_to_dict(dsn)["dbname"])
                                    for n, dsn in copies.items()}, admin, WRITES, draws, turns)
    writes = {n: us * write_rounds / 1e6 for n, us in combined(figures).items()}
    for n in names:  # every copy starts the next round from the same table state
        conns[n].execute("VACUUM enrollments, user_sessions, responses, audit_logs")
    return reads, writes


def index_count(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_user_indexes").fetchone()
    return int(row[0]) if row else 0


def hot_share(dsn: str) -> float:
    """Share of the copy's row updates that were HOT (no new index entries)."""
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT sum(n_tup_hot_upd)::float8 / greatest(sum(n_tup_upd), 1) "
                           "FROM pg_stat_user_tables").fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


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
    return run_then_stop(run, argv)


def run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.set_defaults(scale=2.0)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--write-rounds", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved measurement rounds")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--max-write-overhead", type=float, default=None,
                        help="the advisor's write budget (default: its own default)")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    from pgwarden.analyzers.advisor import advise
    from pgwarden.analyzers.advisor.render import sql_lines
    from pgwarden.analyzers.advisor.settings import AdviseSettings
    from pgwarden.migrations import api as migrate

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
    settings = AdviseSettings() if args.max_write_overhead is None else \
        AdviseSettings(max_write_overhead=args.max_write_overhead)
    advice = advise(train, settings=settings)
    advise_s = time.monotonic() - t0
    ddl = sql_lines(advice)
    log(f"advisor: {len(advice.kept)} indexes in {advise_s:.1f} s "
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
    copies["none again"] = copy_db(base_dsn, template, f"{template}_none2")  # noise control
    results: dict[str, dict[str, Any]] = {}
    for dsn in copies.values():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(NO_AUTOVACUUM)
            conn.execute("VACUUM (ANALYZE)")
    conns = {name: psycopg.connect(dsn, autocommit=True) for name, dsn in copies.items()}
    admin = psycopg.connect(base_dsn, autocommit=True)
    try:
        for c in conns.values():
            c.prepare_threshold = None  # every execution planned with its values, as an ORM's
            c.execute("SET application_name = 'cms-workload'")
        first = conns["none"]
        pools = workload.load_pools(first, 2)
        sample = first.execute((HERE / "advisor_sample.sql").read_text()).fetchall()
        # warm every copy alike, writes included: a freshly built index is not in shared
        # buffers, and its first touches would be charged to the first measured round
        paired_round(conns, workload.load_pools(first, 1000), 2, args.write_rounds, 1000, sample,
                     copies, admin)
        rounds: list[tuple[dict[str, dict[str, list[float]]], dict[str, float]]] = []
        for rnd in range(args.rounds):
            rounds.append(paired_round(conns, pools, args.iterations, args.write_rounds,
                                       2 + rnd, sample, copies, admin))
            r, w = rounds[-1]
            log(f"round {rnd + 1}/{args.rounds}: " + ", ".join(
                f"{n} read {sum(map(sum, r[n].values())):.0f} ms, writes {w[n]:.2f} s"
                for n in copies))
    finally:
        for c in conns.values():
            c.close()  # a backend sends its statistics when it ends
        admin.close()
    time.sleep(1.0)
    for name, dsn in copies.items():
        read_rounds = [sum(map(sum, r[name].values())) for r, _ in rounds]
        write_rounds = [w[name] for _, w in rounds]
        every = {q.name: [t for r, _ in rounds for t in r[name][q.name]] for q in workload.QUERIES}
        all_times = [t for ts in every.values() for t in ts]
        results[name] = {
            "read_ms": round(statistics.median(read_rounds), 1),
            "p95_ms": round(workload.percentile(all_times, 95), 2),
            "read_rounds_ms": [round(t, 1) for t in read_rounds],
            "write_rounds_s": [round(x, 3) for x in write_rounds],
            "write_s": round(statistics.median(write_rounds), 3), "indexes": index_count(dsn),
            "hot_updates": hot_share(dsn),
            "per_query_p95": {q: round(workload.percentile(ts, 95), 2) for q, ts in every.items()},
            "per_query_mean": {q: round(statistics.mean(ts), 2) for q, ts in every.items()}}
        log(f"{name:10s} read {results[name]['read_ms']:9.1f} ms  p95 {results[name]['p95_ms']:7.2f} ms"
            f"  writes {results[name]['write_s']:6.2f} s  indexes {results[name]['indexes']}"
            f"  HOT updates {results[name]['hot_updates']:.0%}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "thousand.sql"
        n = thousand_statements(train, path)
        t0 = time.monotonic()
        big = advise(train, queries_file=path)
        big_s = time.monotonic() - t0
    log(f"advisor on {n} distinct statements: {big_s:.1f} s ({len(big.kept)} indexes kept, "
        f"{len(big.skipped)} skipped)")

    none, hand, adv = results["none"], results["hand-tuned"], results["advised"]
    again = results["none again"]
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
        "hand_write_vs_none": round(hand["write_s"] / none["write_s"], 3),
        "noise_read": round(again["read_ms"] / none["read_ms"], 3),
        "noise_write": round(again["write_s"] / none["write_s"], 3),
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
    print(f"{'query (P95 / mean ms)':34s} {'none':>13s} {'hand':>13s} {'advised':>13s}")
    for q in none["per_query_p95"]:
        print(f"{q:34s}" + "".join(f" {r['per_query_p95'][q]:6.2f}/{r['per_query_mean'][q]:6.2f}"
                                   for r in (none, hand, adv)))
    print(f"read time: none {none['read_ms']:.0f} ms, hand-tuned {hand['read_ms']:.0f} ms, "
          f"advised {adv['read_ms']:.0f} ms -> advised/hand-tuned {report['read_vs_hand']}x "
          f"(none/hand-tuned {report['read_none_vs_hand']}x)")
    print(f"indexes added: hand-tuned {extra_hand}, advised {extra_adv}; invalid DDL {invalid}")
    print(f"write workload: advised/none {report['write_vs_none']}x, "
          f"advised/hand-tuned {report['write_vs_hand']}x (hand-tuned/none "
          f"{report['hand_write_vs_none']}x)")
    print(f"noise control (a second copy without extra indexes): reads {report['noise_read']}x, "
          f"writes {report['noise_write']}x of none")
    print(f"advisor: {advise_s:.1f} s on the replayed workload; {big_s:.1f} s on {n} statements")
    for goal, ok in goals.items():
        print(f"  {'met ' if ok else 'MISSED'}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
