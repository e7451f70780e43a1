"""Benchmark: `pgwarden maintain refresh` of workshop_statistics while readers query it.

Readers run point and top-N queries against the view in a loop; we record each query's latency
for a baseline period, then while pgwarden refreshes the view (REFRESH ... CONCURRENTLY, chosen
because the view has a usable unique index), and, for contrast, during a plain blocking REFRESH.
Goal: readers never wait on pgwarden's refresh (max latency during it of the same order as the
baseline, far below the refresh's duration).

The CMS schema is migrated and seeded with `pgwarden demo seed` on a throwaway local cluster in a
temp dir (pgwarden.local.LocalCluster). ``--scale 100`` is the 100k-workshop scale; the default
is smaller to fit a shared 2-core machine (the figures in docs/benchmarks.md say which was used).

    python bench/maintain_refresh.py [--scale 10] [--readers 4] [--seconds 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from pgwarden.local import LocalCluster
from pgwarden.maintenance import Options, run_tasks
from pgwarden.maintenance.settings import MaintenanceSettings

QUERIES = (
    "SELECT * FROM workshop_statistics WHERE workshop_id = %s",
    "SELECT workshop_id FROM workshop_statistics ORDER BY workshop_id LIMIT 10 OFFSET %s",
)


class Readers:
    def __init__(self, dsn: str, n: int, ids: list[object]):
        self.dsn, self.n, self.ids = dsn, n, ids
        self.samples: list[tuple[float, float]] = []   # (start time, latency ms)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(n)]

    def _run(self, i: int) -> None:
        rnd = random.Random(i)
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.stop.is_set():
                q = QUERIES[rnd.randrange(2)]
                arg = rnd.choice(self.ids) if q.endswith("= %s") else rnd.randrange(100)
                t = time.time()
                conn.execute(q, (arg,)).fetchall()
                with self.lock:
                    self.samples.append((t, (time.time() - t) * 1000))

    def __enter__(self) -> Readers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()

    def window(self, start: float, end: float) -> list[float]:
        with self.lock:
            return [lat for t, lat in self.samples if start <= t <= end]


def describe(name: str, xs: list[float]) -> str:
    s = sorted(xs)
    return (f"{name:34} {len(s):7,} queries  median {statistics.median(s):6.2f} ms  "
            f"p99 {s[int(len(s) * 0.99)]:7.2f} ms  max {s[-1]:8.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=10.0)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--pg-bin", default="system")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pgw-bench-refresh-"))
    cluster = LocalCluster(tmp / ".pgwarden", pg_bin=args.pg_bin)
    state, _ = cluster.start()
    try:
        from pgwarden.demo.seed import seed
        from pgwarden.migrations import api as migrate

        dsn = cluster.dsn(state=state)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for ext in ("pg_trgm", "unaccent"):
                conn.execute(f"CREATE EXTENSION IF NOT EXISTS {ext}")
        t0 = time.monotonic()
        migrate.upgrade(dsn, "head", on_notice=lambda text: None)
        res = seed(dsn, scale=args.scale, seed=42)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("ANALYZE")
            conn.execute("REFRESH MATERIALIZED VIEW workshop_statistics")
            ids = [r[0] for r in conn.execute("SELECT workshop_id FROM workshop_statistics")]
            enroll = conn.execute("SELECT count(*) FROM enrollments").fetchone()
        print(f"setup: scale {args.scale}: {len(ids):,} workshops, {enroll[0] if enroll else 0:,} "
              f"enrollments ({sum(res.rows.values()):,} rows) in {time.monotonic() - t0:.0f}s")
        settings = MaintenanceSettings()
        with Readers(dsn, args.readers, ids) as readers:
            b0 = time.time()
            time.sleep(args.seconds)
            b1 = time.time()
            rep = run_tasks(dsn, ["refresh"], settings,
                            Options(force=True, views=("workshop_statistics",)))
            r1 = time.time()
            o = rep.results[0].outcomes[0]
            time.sleep(1)
            p0 = time.time()
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("REFRESH MATERIALIZED VIEW workshop_statistics")
            p1 = time.time()
        base = readers.window(b0, b1)
        during = readers.window(b1, r1)
        plain = readers.window(p0, p1)
        print(describe("baseline (no refresh)", base))
        print(describe(f"during pgwarden {o.action}", during))
        print(describe("during plain REFRESH (contrast)", plain))
        print(f"pgwarden refresh took {r1 - b1:.2f}s ({o.outcome}); plain REFRESH took {p1 - p0:.2f}s")
        ratio = max(during) / max(base)
        verdict = "met" if max(during) < (r1 - b1) * 1000 / 4 else "NOT met"
        print(f"max reader latency during pgwarden refresh / baseline max: {ratio:.2f}x; readers "
              f"never waited for the refresh ({max(during):.1f} ms max vs a {(r1 - b1) * 1000:.0f} ms "
              f"refresh): {verdict}")
    finally:
        cluster.destroy()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
