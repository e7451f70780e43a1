"""The write side of the paired advisor benchmarks: what the indexes add to the writes.

Where a single-row write's time goes (``bench/advisor_workloads.py`` on ``orders``, the local
cluster: fsync and synchronous_commit off, loopback, a Python client): about 300 us per
statement as the client times it, of which the server spends 25-35 us planning and executing
it without secondary indexes (pg_stat_statements) and 45-65 us with the hand-tuned set; the
rest, some 270 us, is the client, the round trip, parsing and the commit, which do not depend
on the indexes. That rest is what made the old write figure noisy: a copy whose backend the
scheduler of the 2 shared cores happened to treat worse came out 5-9% slower than its
identical twin (the "none again" control measured 0.91-1.05x of "none"), a difference as large
as the whole index cost being measured.

So each copy's write time per write round is measured in two parts:

* the server's planning + execution time of the write statements, from pg_stat_statements of
  the copy's database (``track_planning`` on in the measuring sessions; the difference of two
  snapshots around the write phase): this is where an index entry, a lost HOT update, a page
  split, the planner opening more indexes cost;
* the rest of a statement's time, the client's wall-clock time (the trimmed mean of each
  statement's times, 10% cut at each end) minus the server's: index-independent by the list
  above, so the median of it across the copies is charged to every copy alike.

``write = server(copy) + median over copies of (wall - server)``: the time a client would see,
without the per-connection luck. Both parts are reported, and the raw wall-clock ratio too.
Each write statement runs on every copy in a freshly shuffled order before the next statement
(interleaved per statement, not per round of statements), on connections opened anew for each
measured round (a new backend each round), and each figure is the median over the rounds.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

# planning + execution of the write statements per database (a superuser sees every database)
SERVER_TIME = """
SELECT d.datname, sum(s.total_exec_time + s.total_plan_time), sum(s.calls)
FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
WHERE d.datname = ANY(%s) AND s.query ~* '^\\s*(insert|update|delete)'
GROUP BY d.datname"""
TRIM = 0.1  # share of each statement's times cut at each end


@dataclass(frozen=True)
class WriteFigure:
    """One copy's writes in one measured round, per write round (microseconds)."""

    wall_us: float  # the client's time, the sum over the statements of their trimmed means
    server_us: float  # pg_stat_statements: planning + execution


def prepare_session(conn: psycopg.Connection[Any]) -> None:
    """A measuring session: planned per execution (as an ORM's), planning time recorded."""
    conn.prepare_threshold = None
    try:
        conn.execute("SET pg_stat_statements.track_planning = on")
    except psycopg.Error:  # not a superuser: the planning time is left out, for every copy
        pass


def trimmed_mean(values: Sequence[float], cut: float = TRIM) -> float:
    ordered = sorted(values)
    k = int(len(ordered) * cut)
    kept = ordered[k:len(ordered) - k] or ordered
    return sum(kept) / len(kept)


def server_ms(admin: psycopg.Connection[Any], dbnames: Sequence[str]) -> dict[str, float]:
    rows = admin.execute(SERVER_TIME, (list(dbnames),)).fetchall()
    return {str(r[0]): float(r[1] or 0.0) for r in rows}


def timed_writes(conns: Mapping[str, psycopg.Connection[Any]], dbnames: Mapping[str, str],
                 admin: psycopg.Connection[Any], statements: Sequence[str],
                 draws: Sequence[Mapping[str, Any]], turns: random.Random
                 ) -> dict[str, WriteFigure]:
    """Run every statement with each write round's values (``draws``) on every copy, the copies
    in a new shuffled order for each statement; each copy's figure per write round."""
    names = list(conns)
    times: dict[str, list[list[float]]] = {n: [[] for _ in statements] for n in names}
    before = server_ms(admin, [dbnames[n] for n in names])
    for params in draws:
        for i, text in enumerate(statements):
            order = list(names)
            turns.shuffle(order)
            for n in order:
                t0 = time.perf_counter()
                conns[n].execute(text, params)
                times[n][i].append(time.perf_counter() - t0)
    after = server_ms(admin, [dbnames[n] for n in names])
    rounds = max(len(draws), 1)
    out = {}
    for n in names:
        db = dbnames[n]
        wall = sum(trimmed_mean(ts) for ts in times[n]) * 1e6
        server = (after.get(db, 0.0) - before.get(db, 0.0)) * 1000 / rounds
        out[n] = WriteFigure(wall, server)
    return out


def combined(figures: Mapping[str, WriteFigure]) -> dict[str, float]:
    """Each copy's write time per write round (us): its server time plus the median over the
    copies of the index-independent rest (client, round trip, parse, commit)."""
    rest = statistics.median(f.wall_us - f.server_us for f in figures.values())
    return {n: f.server_us + rest for n, f in figures.items()}
