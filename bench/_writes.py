"""The write side of the paired advisor benchmarks: what the indexes add to the writes.

Where a write round's time goes (``bench/advisor_workloads.py`` on ``orders``, 4 single-row
statements, the local cluster: fsync and synchronous_commit off, loopback, a Python client,
2 cores shared with other work): 2.1-3.7 ms as the client times it, depending on the load; the
backend runs 0.9-1.1 ms of it on a CPU (Linux schedstat), of which ``pg_stat_database.
active_time`` sees 0.6-0.9 ms (parse to commit) and pg_stat_statements 0.3-0.45 ms (planning
and ExecutorRun only: not ExecutorStart, which opens and locks every index of the table, nor
the commit, both of which grow with the indexes; a first attempt that charged every copy the
same remainder on top of pg_stat_statements' time called the hand-tuned set 1.05x where the
client saw 1.39x). The rest is the client, the loopback and waiting for a core: the noise. A
copy whose connection the scheduler happened to treat worse came out up to 20% slower than
its identical twin ("none again" measured 0.79-1.05x of "none" on the client's clock alone).

So each copy's write time per write round is measured in two parts:

* the server's own work: the CPU time of the copy's backend over the write phase (the
  writes run on connections of their own); where /proc is not readable (a server on another
  host), the growth of ``active_time`` of the copy's database instead (each backend flushes its
  statistics when it exits, and the phase ends when every one has);
* the remainder of the client's wall-clock time (the trimmed mean of each statement's times,
  10% cut at each end, summed, minus the server's part), of which the median across the
  copies is charged to every copy alike.

``write = server(copy) + median over copies of (wall - server)``. The backend's CPU time,
active_time, pg_stat_statements' planning + execution and the raw wall-clock time are all
reported. Each write statement runs on every copy in a freshly shuffled order before the
next statement (interleaved per statement, not per round of statements); the ratios to
"none" are taken within each measured round and their median kept.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

# the server's whole handling of statements per database (ms, PostgreSQL 14+)
ACTIVE_TIME = "SELECT datname, active_time FROM pg_stat_database WHERE datname = ANY(%s)"
BACKENDS = "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)"
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
    server_us: float  # pg_stat_database.active_time: the server's whole handling
    exec_us: float  # pg_stat_statements: planning + execution
    cpu_us: float | None  # the backend's CPU time (Linux schedstat; None: not readable)

    @property
    def own_us(self) -> float:
        """The server's own work: its CPU time where readable, else its active time."""
        return self.cpu_us if self.cpu_us is not None else self.server_us


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


def cpu_ns(pid: int) -> int | None:
    """Nanoseconds the process ``pid`` has run on a CPU (Linux schedstat; None elsewhere, or
    for a server on another host)."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def active_ms(admin: psycopg.Connection[Any], dbnames: Sequence[str]) -> dict[str, float]:
    rows = admin.execute(ACTIVE_TIME, (list(dbnames),)).fetchall()
    return {str(r[0]): float(r[1] or 0.0) for r in rows}


def wait_gone(admin: psycopg.Connection[Any], pids: Sequence[int], timeout: float = 30.0) -> None:
    """Until the backends ``pids`` have exited (and so flushed their statistics)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = admin.execute(BACKENDS, (list(pids),)).fetchone()
        if not row or not row[0]:
            break
        time.sleep(0.05)
    admin.execute("SELECT pg_stat_clear_snapshot()")


def timed_writes(dsns: Mapping[str, str], dbnames: Mapping[str, str],
                 admin: psycopg.Connection[Any], statements: Sequence[str],
                 draws: Sequence[Mapping[str, Any]], turns: random.Random
                 ) -> dict[str, WriteFigure]:
    """Run every statement with each write round's values (``draws``) on every copy, on
    connections of their own, the copies in a new shuffled order for each statement; each
    copy's figure per write round. No other session may use the copies meanwhile."""
    names = list(dsns)
    dbs = [dbnames[n] for n in names]
    times: dict[str, list[list[float]]] = {n: [[] for _ in statements] for n in names}
    conns = {n: psycopg.connect(dsns[n], autocommit=True) for n in names}
    pids = [c.info.backend_pid for c in conns.values()]
    try:
        for c in conns.values():
            prepare_session(c)
        before, before_x = active_ms(admin, dbs), server_ms(admin, dbs)
        cpu0 = {n: cpu_ns(c.info.backend_pid) for n, c in conns.items()}
        for params in draws:
            for i, text in enumerate(statements):
                order = list(names)
                turns.shuffle(order)
                for n in order:
                    t0 = time.perf_counter()
                    conns[n].execute(text, params)
                    times[n][i].append(time.perf_counter() - t0)
        cpu1 = {n: cpu_ns(c.info.backend_pid) for n, c in conns.items()}
    finally:
        for c in conns.values():
            c.close()
    wait_gone(admin, pids)
    after, after_x = active_ms(admin, dbs), server_ms(admin, dbs)
    rounds = max(len(draws), 1)
    out = {}
    for n in names:
        db = dbnames[n]
        a, b = cpu0[n], cpu1[n]
        out[n] = WriteFigure(sum(trimmed_mean(ts) for ts in times[n]) * 1e6,
                             (after.get(db, 0.0) - before.get(db, 0.0)) * 1000 / rounds,
                             (after_x.get(db, 0.0) - before_x.get(db, 0.0)) * 1000 / rounds,
                             (b - a) / 1000 / rounds if a is not None and b is not None else None)
    return out


def combined(figures: Mapping[str, WriteFigure]) -> dict[str, float]:
    """Each copy's write time per write round (us): its server time plus the median over the
    copies of the client's part (wall-clock minus server: Python, libpq, the loopback)."""
    rest = statistics.median(f.wall_us - f.own_us for f in figures.values())
    return {n: f.own_us + rest for n, f in figures.items()}
