"""The watcher: a second connection that keeps migrations apart and sees who blocks them.

It holds the ``migrate`` advisory lock for the whole run (a second run exits 75 naming the
first) and polls ``pg_blocking_pids()`` of the migrating backend with pg_locks and
pg_stat_activity (``sql/migrate/blockers.sql``): when a lock timeout fires, the error does
not say who held the lock, and the holder may be gone by then.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles

APPLICATION_NAME = "pgwarden migrate"


@dataclass
class Blocker:
    """Who held the lock the migration waited for (as seen by the watcher)."""

    waiting_mode: str
    waiting_object: str
    pid: int
    user: str | None
    application: str | None
    client: str | None
    state: str | None
    xact_start: Any
    mode: str | None
    query: str | None

    def describe(self) -> str:
        since = f", in transaction since {self.xact_start:%H:%M:%S}" if self.xact_start else ""
        held = f" holding {self.mode}" if self.mode else ""
        return (f"{self.waiting_mode} on {self.waiting_object}, held by pid {self.pid} (user "
                f"{self.user or '-'}, application {self.application or '-'}, client "
                f"{self.client or '-'}, {self.state or 'unknown state'}{since}{held}; query: "
                f"{db.redact(self.query or '')!r})")



class Watcher:
    """A second connection: holds the ``migrate`` advisory lock and records lock blockers."""

    def __init__(self, dsn: str, *, wait: bool = False, interval: float = 0.05):
        self.conn = db.connect(dsn, application_name=f"{APPLICATION_NAME} (watcher)",
                               timeouts=db.Timeouts(lock_timeout=1.0, statement_timeout=5.0))
        self.wait = wait
        self.interval = interval
        self.pid: int | None = None
        self.last: list[Blocker] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def watch(self, pid: int) -> None:
        self.pid = pid
        self._thread = threading.Thread(target=self._loop, name="pgwarden-migrate-watcher",
                                        daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        query = sqlfiles.load("migrate/blockers")
        while not self._stop.wait(self.interval):
            try:
                with self.conn.cursor(row_factory=dict_row) as cur:
                    cur.execute(query, {"pid": self.pid})
                    rows = cur.fetchall()
            except psycopg.Error:
                return
            if rows:
                found = [Blocker(r["waiting_mode"], r["waiting_object"], r["blocker_pid"],
                                 r["blocker_user"], r["blocker_application"], r["blocker_client"],
                                 r["blocker_state"], r["blocker_xact_start"], r["blocker_mode"],
                                 r["blocker_query"]) for r in rows]
                with self._lock:
                    self.last = found

    def take(self) -> list[Blocker]:
        """The blockers seen since the last call (and forget them)."""
        with self._lock:
            found, self.last = self.last, []
        return found

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self.conn.close()


@contextmanager
def watched(dsn: str, *, wait: bool, take_lock: bool = True) -> Iterator[Watcher]:
    """A watcher holding the ``migrate`` advisory lock (``take_lock=False``: the caller holds
    it already, as the stepwise run with replicas does across its revisions)."""
    watcher = Watcher(dsn, wait=wait)
    try:
        if not take_lock:
            yield watcher
            return
        with db.advisory_lock(watcher.conn, "migrate", wait=wait):
            yield watcher
    finally:
        watcher.close()


