"""The role check every writing command makes: at the start, and again before each batch.

``RoleGuard.check_start()`` raises ``StandbyError`` when the node is not the primary
(``pg_is_in_recovery()``; with ``[topology] patroni``, also when Patroni names another member as
leader, or none): ``maintain`` turns that into ``skipped: standby`` (exit 0), ``migrate`` into
exit 2 naming the primary. ``RoleGuard.check()`` asks the same questions mid-run and raises
``Interrupted`` (exit 3): a switchover in the middle stops the run cleanly, and a lost connection
(a switchover shuts the old primary down) counts as one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from typing import Any

import psycopg

from pgwarden import sql as sqlfiles
from pgwarden.db import one_line
from pgwarden.errors import EXIT_PARTIAL, PgwardenError
from pgwarden.topology.model import TopologySettings
from pgwarden.topology.patroni import PatroniError, read_cluster
from pgwarden.topology.role import StandbyError, is_standby


class Interrupted(PgwardenError):
    """The node stopped being the primary (or the connection to it was lost) mid-run: the run
    stopped cleanly between batches; the next run on the primary converges (exit 3)."""

    exit_code = EXIT_PARTIAL

    def __init__(self, message: str, *, reason: str, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.reason = reason   # a few words: "lost the connection to the server", ...


@dataclass
class Verdict:
    """Whether the node may write, and if not why (one line) and who the primary is."""

    primary_ok: bool
    why: str = ""
    primary: str | None = None


def upstream_of_standby(conn: Any) -> str | None:
    """The primary a standby streams from (``pg_stat_wal_receiver``; NULL without
    pg_read_all_stats), as ``host:port``, or None."""
    try:
        row = conn.execute(sqlfiles.load("topology/wal_receiver")).fetchone()
    except psycopg.Error:
        return None
    if row is None:
        return None
    host, port = (row["host"], row["port"]) if isinstance(row, dict) else (row[0], row[1])
    return f"{host}:{port}" if host else None


def judge(conn: Any, topology: TopologySettings | None) -> Verdict:
    """Ask the server, then Patroni when configured. psycopg errors propagate."""
    standby = is_standby(conn)
    if topology is not None and topology.patroni:
        view = read_cluster(topology.patroni)
        leader = view.leader
        me = view.member_at(conn.info.host, conn.info.port)
        if leader is None:
            return Verdict(False, "Patroni reports no leader (a switchover or failover is under "
                                  "way)")
        if standby:
            return Verdict(False, "this server is a standby (in recovery)", leader.describe())
        if me is not None and not me.is_leader:
            return Verdict(False, f"Patroni says member {me.name} is a {me.role}, not the leader",
                           leader.describe())
        return Verdict(True)
    if standby:
        return Verdict(False, "this server is a standby (in recovery)", upstream_of_standby(conn))
    return Verdict(True)


class RoleGuard:
    """Checks that ``conn`` is on the primary: once at the start, then before each batch."""

    def __init__(self, conn: Any, topology: TopologySettings | None, *, what: str,
                 dsn: str | None = None, on_check: Callable[[], None] | None = None):
        self.conn = conn
        self.dsn = dsn
        # where the connection went (kept: a lost connection cannot say it any more)
        self.address: tuple[str | None, int | None] = (conn.info.host, conn.info.port)
        self.new_primary: str | None = None   # who leads now, once a switchover is seen
        self.topology = topology
        self.what = what
        self.on_check = on_check   # tests: called before each mid-run check

    def check_start(self) -> None:
        """Raise ``StandbyError`` (naming the primary when known) unless this is the primary."""
        v = judge(self.conn, self.topology)
        if not v.primary_ok:
            where = f"; the primary is {v.primary}" if v.primary else ""
            raise StandbyError(f"{self.what} needs the primary: {v.why}{where}", primary=v.primary)

    def lost(self, exc: BaseException) -> Interrupted:
        """The ``Interrupted`` for a connection lost mid-run."""
        now = (f"; the primary is now {self.new_primary}" if self.new_primary
               else "; a switchover, failover or restart?")
        return Interrupted(
            f"{self.what} interrupted: lost the connection to the server mid-run "
            f"({one_line(str(exc))}){now}",
            reason="lost the connection to the server",
            hint="what was committed stays; run it again on the primary to converge")

    def primary_gone(self, wait: float = 10.0) -> bool:
        """After the connection was lost: is there positive evidence that this node stopped
        being the primary (a switchover or failover)? Patroni names another member leader, or
        the server comes back as a standby. A server that comes back as the primary, or gives
        no answer within ``wait`` seconds, is a restart or a terminated session: False (the
        caller reports the lost connection, exit 4)."""
        if self.dsn is None:
            return False
        from pgwarden.db import Timeouts, connect

        deadline = time.monotonic() + wait
        while True:
            leads = self.topology is None or not self.topology.patroni  # without Patroni: the server
            if self.topology is not None and self.topology.patroni:
                try:
                    view = read_cluster(self.topology.patroni)
                except PatroniError:
                    view = None
                me = view.member_at(*self.address) if view is not None else None
                leader = view.leader if view is not None else None
                if me is not None and leader is not None and leader.name != me.name:
                    self.new_primary = leader.describe()
                    return True
                leads = me is not None and leader is not None and leader.name == me.name
            try:
                with closing(connect(self.dsn, timeouts=Timeouts(connect_timeout=2))) as conn:
                    if is_standby(conn):
                        self.new_primary = upstream_of_standby(conn)
                        return True
                    if leads:
                        return False    # back, and still the primary: it was a restart
            except (PgwardenError, psycopg.Error):
                pass
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.3)

    def check(self) -> None:
        """Raise ``Interrupted`` when the node is no longer the primary, or the connection was
        lost and ``dsn`` no longer reaches a primary there (a switchover); a lost connection to
        a primary that is still there re-raises the psycopg error."""
        if self.on_check is not None:
            self.on_check()
        try:
            if self.conn.closed or self.conn.broken:
                raise psycopg.OperationalError("the connection is closed")
            v = judge(self.conn, self.topology)
        except psycopg.Error as exc:
            if self.primary_gone():
                raise self.lost(exc) from None
            raise  # the primary is still there: a terminated session, not a switchover
        except PatroniError as exc:
            raise Interrupted(f"{self.what} interrupted: cannot confirm this node still leads: "
                              f"{exc.message}", reason="Patroni does not answer",
                              hint="run it again when Patroni answers") from None
        if not v.primary_ok:
            where = f"; the primary is now {v.primary}" if v.primary else ""
            raise Interrupted(f"{self.what} interrupted: this node stopped being the primary "
                              f"mid-run: {v.why}{where}",
                              reason="this node stopped being the primary",
                              hint="what was committed stays; the next run on the primary "
                                   "converges")


def primary_dsn(dsn: str, topology: TopologySettings | None, *, wait: float = 0.0) -> str | None:
    """A DSN that reaches the primary now: ``dsn`` with the host and port of Patroni's leader
    (polled up to ``wait`` seconds while a switchover elects one), else ``dsn`` itself when it
    answers as a primary (a multi-host URL with ``target_session_attrs=read-write`` does)."""
    from psycopg.conninfo import make_conninfo

    from pgwarden.db import Timeouts, connect

    deadline = time.monotonic() + wait
    while True:
        candidate: str | None = dsn
        if topology is not None and topology.patroni:
            try:
                leader = read_cluster(topology.patroni).leader
            except PatroniError:
                leader = None
            candidate = (make_conninfo(dsn, host=leader.host, port=leader.port)
                         if leader is not None and leader.host and leader.port else None)
        if candidate is not None:
            try:
                with closing(connect(candidate, timeouts=Timeouts(connect_timeout=2))) as conn:
                    if not is_standby(conn):
                        return candidate
            except (PgwardenError, psycopg.Error):
                pass
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.5)


def record_interruption(dsn: str, topology: TopologySettings | None, run_ids: list[int],
                        backend_pid: int, reason: str) -> list[int]:
    """Close the run's ``pgwarden.task_runs`` rows as interrupted on the primary that took over
    (the old one is read-only now). Rows still 'running' and opened by our session only; when the
    primary cannot be reached the next run's reaper closes them. Returns the ids closed."""
    if not run_ids:
        return []
    target = primary_dsn(dsn, topology, wait=20.0 if topology is not None and topology.patroni
                         else 0.0)
    if target is None:
        return []
    from pgwarden.db import Timeouts, connect

    try:
        with closing(connect(target, timeouts=Timeouts(connect_timeout=2))) as conn:
            rows = conn.execute(sqlfiles.load("maintenance/task_run_interrupted"),
                                {"ids": run_ids, "pid": backend_pid, "reason": reason}).fetchall()
    except (PgwardenError, psycopg.Error):
        return []
    return [int(r["id"]) for r in rows]
