"""``pgwarden --fleet FILE metrics``: one scrape answers for every target.

Every family of the single-target collector is exported once, its samples carrying a
``target`` label, plus ``pgwarden_target_up{target}`` (1 when the target answered within the
timeout and could be read) and ``pgwarden_target_scrape_duration_seconds{target}``. Targets are
collected by the fleet runner (--jobs, --per-host, --timeout), so a hung target costs one
timeout and a 0, never the scrape. With ``--serve`` each target keeps a small bounded pool of
connection between scrapes (``POOL_SIZE`` each: a scrape that finds them all busy waits up to
the timeout, it never opens more).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from pgwarden import db
from pgwarden.errors import ConnectError
from pgwarden.fleet.model import OK, PARTIAL, Row, Target, row_for
from pgwarden.metrics.collector import PgwardenCollector

POOL_SIZE = 1


class Pool:
    """At most ``size`` open connections to one target, reused across scrapes."""

    def __init__(self, dsn: str, size: int, timeouts: db.Timeouts, wait_s: float):
        self.dsn, self.size, self.timeouts, self.wait_s = dsn, size, timeouts, wait_s
        self._idle: list[psycopg.Connection[Any]] = []
        self._open = 0
        self._cond = threading.Condition()

    @property
    def open_connections(self) -> int:
        return self._open

    @contextmanager
    def borrow(self) -> Iterator[psycopg.Connection[Any]]:
        conn = self._take()
        ok = False
        try:
            yield conn
            ok = True
        finally:
            self._give(conn, ok)

    def _take(self) -> psycopg.Connection[Any]:
        deadline = time.monotonic() + self.wait_s
        with self._cond:
            while True:
                while self._idle:
                    conn = self._idle.pop()
                    if not conn.closed:
                        return conn
                    self._open -= 1
                if self._open < self.size:
                    self._open += 1
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ConnectError(f"all {self.size} pooled connections to "
                                       f"{db.redact(db.describe_target(self.dsn))} are busy")
                self._cond.wait(left)
        try:
            return db.connect(self.dsn, timeouts=self.timeouts, application_name="pgwarden metrics")
        except BaseException:
            with self._cond:
                self._open -= 1
                self._cond.notify()
            raise

    def _give(self, conn: psycopg.Connection[Any], ok: bool) -> None:
        idle = ok and not conn.closed and conn.info.transaction_status == \
            psycopg.pq.TransactionStatus.IDLE
        if not idle:
            conn.close()
        with self._cond:
            if idle:
                self._idle.append(conn)
            else:
                self._open -= 1
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            for conn in self._idle:
                conn.close()
            self._open -= len(self._idle)
            self._idle.clear()


class _PooledCollector(PgwardenCollector):
    def __init__(self, target: Target, pool: Pool):
        super().__init__(target.dsn, target.config.section("metrics"),
                         target.config.section("health"))
        self.pool = pool

    def _connection(self) -> Any:
        return self.pool.borrow()


class FleetCollector(Collector):
    """Collects every target through the fleet runner on each scrape."""

    def __init__(self, targets: Sequence[Target], *, jobs: int, per_host: int, timeout: float,
                 pooled: bool = False, unresolved: Sequence[Row] = ()):
        self.targets = list(targets)
        self.jobs, self.per_host, self.timeout = jobs, per_host, timeout
        self.unresolved = list(unresolved)
        self.rows: list[Row] = []
        self.pools: dict[str, Pool] = {}
        if pooled:
            for t in self.targets:
                settings = t.config.section("metrics")
                stmt = min(settings.statement_timeout.seconds or timeout, timeout)
                self.pools[t.name] = Pool(t.dsn, POOL_SIZE, db.Timeouts(
                    lock_timeout=1.0, statement_timeout=stmt,
                    connect_timeout=max(1.0, min(10.0, timeout))), wait_s=timeout)

    def describe(self) -> list[Metric]:
        return []

    def _collector(self, t: Target) -> PgwardenCollector:
        if t.name in self.pools:
            return _PooledCollector(t, self.pools[t.name])
        from pgwarden.fleet.commands import _bounded

        return PgwardenCollector(t.dsn, _bounded(t.config.section("metrics"), self.timeout),
                                 t.config.section("health"))

    def _work(self, t: Target) -> Row:
        c = self._collector(t)
        families = list(c.collect())
        up = next((s.value for f in families if f.name == "pgwarden_up" for s in f.samples), 0)
        if not up:
            raise ConnectError(c.errors[0] if c.errors else "could not collect")
        status = PARTIAL if c.errors else OK
        msg = "; ".join(c.errors) or "collected"
        return row_for(t, status, msg, detail={"families": families})

    def collect(self) -> Iterator[Metric]:
        from pgwarden.fleet.runner import run

        rows = run(self.targets, self._work, jobs=self.jobs, per_host=self.per_host,
                   timeout=self.timeout)
        self.rows = [*self.unresolved, *rows]
        merged: dict[str, Metric] = {}
        up = GaugeMetricFamily("pgwarden_target_up",
                               "1 when the fleet target answered within the timeout and was read",
                               labels=["target"])
        took = GaugeMetricFamily("pgwarden_target_scrape_duration_seconds",
                                 "How long collecting the fleet target took", labels=["target"])
        for r in self.rows:
            up.add_metric([r.target], 1 if r.status in (OK, PARTIAL) else 0)
            took.add_metric([r.target], r.seconds)
            for fam in r.detail.get("families", ()):
                into = merged.get(fam.name)
                if into is None:
                    into = merged[fam.name] = Metric(fam.name, fam.documentation, fam.type,
                                                     fam.unit)
                for s in fam.samples:
                    into.add_sample(s.name, {**s.labels, "target": r.target}, s.value,
                                    s.timestamp, s.exemplar)
        yield up
        yield took
        yield from merged.values()

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()

