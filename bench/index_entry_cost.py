"""Calibrate ``[advise] index_entry_cost``: one index entry written, in planner cost units.

Run: python bench/index_entry_cost.py [--rows 200000] [--writes 20000] [--dsn DSN]

The advisor weighs what an index saves the reads (planner cost units, the planner's own
estimate) against what it costs the writes (index entries written, times
``index_entry_cost``). This script measures both sides on this server, in the same process:

1. Time per index entry: single-row INSERTs (each its own autocommit statement, as an
   application sends them) into a scratch table shaped like ``enrollments``, once with only
   its primary key and once with four more btree indexes; the difference divided by the
   entries the four indexes add.
2. Time per planner cost unit: a mix of reads on the same table (point lookups, a range with
   ORDER BY ... LIMIT, a filtered count over an index range, a sequential aggregate), each run
   with ``EXPLAIN (ANALYZE)``: the sum of their actual times divided by the sum of the planner's
   total cost for them.

The ratio is what one index entry costs in the planner's units on this machine. Figures in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
import psycopg.sql  # noqa: E402
from _cms import fresh_database, server_dsn, stop_started  # noqa: E402

CREATE = """
CREATE TABLE calib (
    id bigserial PRIMARY KEY,
    workshop_id integer NOT NULL,
    participant_id integer NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    note text
)
"""
FILL = """
INSERT INTO calib (workshop_id, participant_id, status, created_at, note)
SELECT (random() * 5000)::int, (random() * 100000)::int,
       (ARRAY['pending', 'confirmed', 'waitlisted', 'cancelled', 'completed'])[1 + mod(i, 5)],
       now() - make_interval(secs => i), repeat('x', 40)
FROM generate_series(1, %(rows)s) AS i;
"""
EXTRA = [
    "CREATE INDEX calib_workshop ON calib (workshop_id, created_at)",
    "CREATE INDEX calib_participant ON calib (participant_id, status)",
    "CREATE INDEX calib_created ON calib (created_at)",
    "CREATE INDEX calib_status ON calib (status, workshop_id)",
]
UPDATE_STATUS = "UPDATE calib SET status = %s WHERE id = %s"
UPDATE_NOTE = "UPDATE calib SET note = %s WHERE id = %s"
INSERT = ("INSERT INTO calib (workshop_id, participant_id, status, created_at, note) "
          "VALUES (%s, %s, %s, now(), 'y')")
READS = [
    ("SELECT * FROM calib WHERE id = %s", lambda r: (r.randint(1, 100_000),)),
    ("SELECT id, created_at FROM calib WHERE workshop_id = %s ORDER BY created_at DESC LIMIT 20",
     lambda r: (r.randint(0, 5000),)),
    ("SELECT count(*) FROM calib WHERE participant_id BETWEEN %s AND %s + 500",
     lambda r: (lambda x: (x, x))(r.randint(0, 99_000))),
    ("SELECT status, count(*) FROM calib WHERE created_at > now() - make_interval(secs => %s) "
     "GROUP BY status", lambda r: (r.randint(1000, 20_000),)),
    ("SELECT avg(length(note)) FROM calib WHERE status = %s",
     lambda r: (r.choice(["pending", "cancelled"]),)),
]


def insert_ms(conn: psycopg.Connection[Any], n: int, seed: int) -> float:
    rng = random.Random(seed)
    statuses = ["pending", "confirmed", "waitlisted", "cancelled", "completed"]
    t0 = time.perf_counter()
    for _ in range(n):
        conn.execute(INSERT, (rng.randint(0, 5000), rng.randint(0, 100_000), rng.choice(statuses)))
    return (time.perf_counter() - t0) * 1000


def update_ms(conn: psycopg.Connection[Any], ids: list[int], n: int, seed: int, *, indexed: bool) -> float:
    """``n`` single-row UPDATEs of rows drawn from ``ids``: of ``status`` (an indexed column: the
    update cannot be HOT, every index gets an entry) or of ``note`` (no indexed column: HOT
    where the page has room, which pruning of the earlier versions keeps making)."""
    rng = random.Random(seed)
    statuses = ["pending", "confirmed", "waitlisted", "cancelled", "completed"]
    text = UPDATE_STATUS if indexed else UPDATE_NOTE
    t0 = time.perf_counter()
    for _ in range(n):
        value = rng.choice(statuses) if indexed else rng.choice(["a", "b", "c", "d"]) * 40
        conn.execute(text, (value, rng.choice(ids)))
    return (time.perf_counter() - t0) * 1000


def hot_counts(conn: psycopg.Connection[Any]) -> tuple[int, int]:
    if conn.info.server_version >= 150000:  # this backend's counters, now rather than within 1 s
        conn.execute("SELECT pg_stat_force_next_flush()")
    row = conn.execute("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables "
                       "WHERE relname = 'calib'").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def ms_per_cost_unit(conn: psycopg.Connection[Any], rounds: int, seed: int) -> tuple[float, float, float]:
    """(actual ms, planner cost, ms per unit) over ``rounds`` of every read."""
    rng = random.Random(seed)
    actual = cost = 0.0
    for _ in range(rounds):
        for text, draw in READS:
            row = conn.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + text, draw(rng)).fetchone()
            assert row is not None
            doc = row[0][0]
            actual += float(doc["Execution Time"])
            cost += float(doc["Plan"]["Total Cost"])
    return actual, cost, actual / cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dsn", help="a database on the server to use (default: the local cluster)")
    parser.add_argument("--pg-bin", default=None)
    parser.add_argument("--dbname", default="pgwarden_bench_calib")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--writes", type=int, default=20_000, help="INSERTs per measurement")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions (median)")
    args = parser.parse_args(argv)
    base = server_dsn(args)
    try:
        dsn = fresh_database(base, args.dbname)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SET jit = off")
            conn.execute(CREATE)
            conn.execute(FILL, {"rows": args.rows})
            conn.execute("VACUUM ANALYZE calib")
            insert_ms(conn, 2000, 0)  # warm up
            per_entry, per_unit, per_lost = [], [], []
            for rep in range(args.repeat):
                conn.execute("DROP INDEX IF EXISTS calib_workshop, calib_participant, calib_created, "
                             "calib_status")
                conn.execute("VACUUM ANALYZE calib")
                base_ms = insert_ms(conn, args.writes, 10 + rep)
                for ddl in EXTRA:
                    conn.execute(ddl)
                conn.execute("VACUUM ANALYZE calib")
                insert_ms(conn, 2000, 100 + rep)  # the new indexes into shared buffers
                with_ms = insert_ms(conn, args.writes, 10 + rep)
                entry = (with_ms - base_ms) / (args.writes * len(EXTRA))
                # a lost HOT update: the same rows updated in an indexed column and in another
                # one (a sample of 1,000 rows, as the CMS write workload updates), with every
                # index in place; each run starts from a vacuumed table
                ids = [r[0] for r in conn.execute("SELECT id FROM calib ORDER BY random() LIMIT 1000")]
                loss = []
                for indexed in (False, True, False, True):
                    conn.execute("VACUUM calib")
                    before = hot_counts(conn)
                    ms = update_ms(conn, ids, args.writes, 30 + rep, indexed=indexed)
                    after = hot_counts(conn)
                    share = (after[1] - before[1]) / max(after[0] - before[0], 1)
                    loss.append((indexed, ms, share))
                hot_ms = statistics.mean(ms for indexed, ms, _ in loss if not indexed)
                cold_ms = statistics.mean(ms for indexed, ms, _ in loss if indexed)
                hot_share = statistics.mean(s for indexed, _, s in loss if not indexed)
                cold_share = statistics.mean(s for indexed, _, s in loss if indexed)
                # per update that did lose HOT: an update setting the value it already had
                # (a fifth of them) stays HOT
                lost = (cold_ms - hot_ms) / (args.writes * max(hot_share - cold_share, 0.01))
                actual, cost, unit = ms_per_cost_unit(conn, 40, 20 + rep)
                per_entry.append(entry)
                per_unit.append(unit)
                per_lost.append(lost)
                print(f"repeat {rep + 1}: {args.writes:,} inserts {base_ms:8.1f} ms with the primary key "
                      f"only, {with_ms:8.1f} ms with {len(EXTRA)} more indexes -> "
                      f"{entry * 1000:6.2f} us per entry; {args.writes:,} updates {hot_ms:8.1f} ms "
                      f"({hot_share:.0%} HOT), {cold_ms:8.1f} ms of an indexed column "
                      f"({cold_share:.0%} HOT) -> {lost * 1000:6.2f} us per lost HOT update; "
                      f"reads {actual:8.1f} ms for {cost:,.0f} cost units -> {unit * 1000:6.2f} us "
                      "per unit", flush=True)
            entry, unit = statistics.median(per_entry), statistics.median(per_unit)
            lost = statistics.median(per_lost)
            n_ix = len(EXTRA) + 1
            print(f"median: {entry * 1000:.2f} us per index entry, {lost * 1000:.2f} us per lost HOT "
                  f"update, {unit * 1000:.2f} us per planner cost unit")
            print(f"calibrated index_entry_cost = {entry / unit:.2f} planner cost units per entry "
                  f"(pgwarden's default: 1.0)")
            print(f"a lost HOT update on this {n_ix}-index table = {lost / unit:.1f} planner cost units; "
                  f"the advisor charges it {n_ix} entries x index_entry_cost, "
                  f"{n_ix * entry / unit:.1f} at the calibrated value: the rest, "
                  f"{(lost - n_ix * entry) / unit:.1f} units, is the update's own cost "
                  "(hot_update_cost)")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                psycopg.sql.Identifier(args.dbname)))
    finally:
        stop_started()
    return 0


if __name__ == "__main__":
    sys.exit(main())
