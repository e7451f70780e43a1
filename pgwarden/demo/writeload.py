"""A write probe: application-like writes in a background thread, each one timed.

The demo runs it while the performance revision builds its indexes, to show that writers
never wait longer than the migration's lock_timeout (CONCURRENTLY builds take only a SHARE
UPDATE EXCLUSIVE lock, which does not conflict with INSERT/UPDATE/DELETE).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import Any

import psycopg

from pgwarden import sql as sqlfiles
from pgwarden.db import Timeouts, connect
from pgwarden.demo.workload import percentile


@dataclass(frozen=True)
class ProbeResult:
    writes: int
    errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    duration_s: float
    first_error: str | None = None


class WriteProbe:
    """``with WriteProbe(dsn) as probe: …`` then ``probe.result``."""

    def __init__(self, dsn: str, *, interval_s: float = 0.01, seed: int = 7):
        self.dsn = dsn
        self.interval_s = interval_s
        self.rng = random.Random(seed)
        self._stop = threading.Event()
        self._latencies: list[float] = []
        self._errors = 0
        self._first_error: str | None = None
        self._thread: threading.Thread | None = None
        self._started = 0.0
        self.result: ProbeResult | None = None

    def _run(self) -> None:
        # An application connection: no lock_timeout of its own, so any wait is measured.
        with connect(self.dsn, timeouts=Timeouts(lock_timeout=None, statement_timeout=60),
                     application_name="cms-app-writer",
                     row_factory=psycopg.rows.tuple_row) as conn:
            ids = [r[0] for r in conn.execute(sqlfiles.load("demo/story/write_probe_ids"),
                                              {"n": 500}).fetchall()]
            if not ids:
                return
            update = sqlfiles.load("demo/story/write_probe_update")
            insert = sqlfiles.load("demo/story/write_probe_insert")
            while not self._stop.is_set():
                target: Any = self.rng.choice(ids)
                t0 = time.perf_counter()
                try:
                    with conn.transaction():
                        conn.execute(update, {"id": target})
                        conn.execute(insert, {"id": target})
                except psycopg.Error as exc:
                    self._errors += 1
                    self._first_error = self._first_error or str(exc).splitlines()[0]
                self._latencies.append((time.perf_counter() - t0) * 1000)
                self._stop.wait(self.interval_s)

    def __enter__(self) -> WriteProbe:
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="pgwarden-write-probe", daemon=True)
        self._thread.start()
        time.sleep(0.2)  # let it take a few baseline samples before the caller starts
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        lat = self._latencies
        self.result = ProbeResult(writes=len(lat), errors=self._errors,
                                  p50_ms=round(percentile(lat, 50), 2) if lat else 0.0,
                                  p99_ms=round(percentile(lat, 99), 2) if lat else 0.0,
                                  max_ms=round(max(lat, default=0.0), 2),
                                  duration_s=round(time.monotonic() - self._started, 2),
                                  first_error=self._first_error)
