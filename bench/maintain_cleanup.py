"""Benchmark: `pgwarden maintain cleanup` of 1M expired rows while a pgbench writer runs on the
same table. Prints the writer's p99 latency without and with the cleanup running (goal <= 2x)
and the rows deleted per second (goal >= 50k/s). With ``--replicas 1`` a hot standby streams
from the primary and the clean-up's lag guard is on (``--max-lag-bytes``, ``--max-lag``): the
standby's largest replay lag during the run is printed against the limit, sampled every 100 ms.

Own schema shaped like the CMS's audit_logs (bigint identity key, created_at, jsonb payload), on
a throwaway local cluster in a temp dir (pgwarden.local.LocalCluster), pgbench over loopback.

    python bench/maintain_cleanup.py [--rows 1000000] [--seconds 20] [--clients 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from pgwarden.config import Duration
from pgwarden.local import LocalCluster
from pgwarden.maintenance import Options, run_tasks
from pgwarden.maintenance.settings import CleanupPolicy, CleanupSettings, MaintenanceSettings

SCHEMA = """
CREATE TABLE audit_logs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    operation text NOT NULL,
    new_values jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_logs (table_name, operation, new_values, created_at)
SELECT 'workshops', 'UPDATE', jsonb_build_object('n', g, 'title', md5(g::text)),
       now() - interval '400 days' - make_interval(secs => g)
FROM generate_series(1, {rows}) g;
INSERT INTO audit_logs (table_name, operation, new_values, created_at)
SELECT 'workshops', 'INSERT', jsonb_build_object('n', g), now() - make_interval(secs => g)
FROM generate_series(1, {fresh}) g;
CREATE INDEX audit_logs_created_at_idx ON audit_logs (created_at);
"""

WRITER = """\\set n random(1, 100000)
INSERT INTO audit_logs (table_name, operation, new_values)
  VALUES ('sessions', 'INSERT', jsonb_build_object('n', :n));
SELECT count(*) FROM audit_logs WHERE created_at > now() - interval '1 second';
"""


def pgbench(bindir: Path, dsn: str, script: Path, seconds: int, clients: int, logdir: Path,
            ) -> subprocess.Popen[bytes]:
    # the DSN as pgbench's dbname: libpq expands it (host, port, user and the passfile)
    return subprocess.Popen(
        [str(bindir / "pgbench"), "-n",
         "-c", str(clients), "-j", str(clients), "-T", str(seconds), "-f", str(script), "-l",
         "--log-prefix", str(logdir / "tx"), dsn],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=logdir)


def latencies(logdir: Path, start: float | None = None, end: float | None = None) -> list[float]:
    """Per-transaction latencies in ms from pgbench -l logs (optionally within [start, end])."""
    out: list[float] = []
    for f in logdir.glob("tx*"):
        for line in f.read_text().splitlines():
            parts = line.split()
            if len(parts) < 6:
                continue  # the last line of a log cut short when pgbench was stopped
            lat_us, sec, usec = int(parts[2]), int(parts[4]), int(parts[5])
            t = sec + usec / 1e6
            if (start is None or t >= start) and (end is None or t <= end):
                out.append(lat_us / 1000)
    return out


def p99(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(len(s) * 0.99))] if s else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--fresh", type=int, default=100_000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=10_000)
    ap.add_argument("--pause", default="10ms")
    ap.add_argument("--pg-bin", default="system")
    ap.add_argument("--replicas", type=int, default=0, help="hot standbys (0 or 1)")
    ap.add_argument("--max-lag-bytes", type=int, default=16 * 1024 * 1024)
    ap.add_argument("--max-lag", default="5s")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pgw-bench-cleanup-"))
    cluster = LocalCluster(tmp / ".pgwarden", pg_bin=args.pg_bin)
    state, _ = cluster.start()
    if args.replicas:
        from pgwarden.local import standbys

        standbys.ensure(cluster, state, args.replicas)
    try:
        dsn = cluster.dsn(state=state)
        bindir = Path(state.bindir)
        if not (bindir / "pgbench").exists():
            bindir = Path("/usr/lib/postgresql/15/bin")
        t0 = time.monotonic()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS audit_logs")
            conn.execute(SCHEMA.format(rows=int(args.rows), fresh=int(args.fresh)).encode())
            conn.execute("VACUUM ANALYZE audit_logs")
        print(f"setup: {args.rows:,} expired + {args.fresh:,} fresh rows in {time.monotonic() - t0:.1f}s")
        script = tmp / "writer.sql"
        script.write_text(WRITER)
        # 1. baseline: the writer alone
        base_dir = tmp / "base"
        base_dir.mkdir()
        proc = pgbench(bindir, dsn, script, args.seconds, args.clients, base_dir)
        _, err = proc.communicate()
        assert proc.returncode == 0, err.decode()
        base = latencies(base_dir)
        # 2. the writer with the cleanup running
        run_dir = tmp / "run"
        run_dir.mkdir()
        guard = {"max_replica_lag_bytes": args.max_lag_bytes,
                 "max_replica_lag": Duration(args.max_lag)} if args.replicas else {}
        settings = MaintenanceSettings(cleanup=CleanupSettings(
            batch_size=args.batch_size, pause=Duration(args.pause), **guard,  # type: ignore[arg-type]
            policies=[CleanupPolicy(table="public.audit_logs", time_column="created_at",
                                    older_than=Duration("365d"))]))
        proc = pgbench(bindir, dsn, script, args.seconds + 60, args.clients, run_dir)
        time.sleep(2)
        result: dict[str, float] = {}

        def clean() -> None:
            c0 = time.time()
            rep = run_tasks(dsn, ["cleanup"], settings, Options())
            result.update(start=c0, end=time.time(), rows=rep.results[0].rows, code=rep.exit_code)

        lags: list[tuple[int, float]] = []
        stop = threading.Event()

        def sample() -> None:  # the standby's replay lag as the primary sees it
            with psycopg.connect(dsn, autocommit=True) as conn:
                while not stop.is_set():
                    row = conn.execute(
                        "SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0),"
                        " coalesce(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication"
                    ).fetchone()
                    lags.append((int(row[0]), float(row[1])) if row else (0, 0.0))
                    stop.wait(0.1)

        sampler = threading.Thread(target=sample)
        if args.replicas:
            sampler.start()
        th = threading.Thread(target=clean)
        th.start()
        th.join()
        stop.set()
        if args.replicas:
            sampler.join()
        time.sleep(1)
        proc.terminate()
        proc.communicate()
        during = latencies(run_dir, result["start"], result["end"])
        took = result["end"] - result["start"]
        b99, d99 = p99(base), p99(during)
        print(f"writer alone:         {len(base):7,} tx  p99 {b99:7.2f} ms  max {max(base):7.2f} ms")
        print(f"writer during cleanup:{len(during):7,} tx  p99 {d99:7.2f} ms  max {max(during):7.2f} ms")
        print(f"cleanup: {int(result['rows']):,} rows in {took:.1f}s = {result['rows'] / took:,.0f} rows/s "
              f"(batch {args.batch_size}, pause {args.pause}, exit {int(result['code'])})")
        if args.replicas:
            worst_b = max((b for b, _ in lags), default=0)
            worst_s = max((t for _, t in lags), default=0.0)
            print(f"standby replay lag during the run: max {worst_b / 1048576:,.1f} MB "
                  f"(limit {args.max_lag_bytes / 1048576:,.1f} MB), max {worst_s:.2f} s "
                  f"(limit {args.max_lag}); {len(lags)} samples")
        ratio = d99 / b99
        print(f"p99 ratio {ratio:.2f}x (goal <= 2x: {'met' if ratio <= 2 else 'NOT met'}); "
              f"rate goal >= 50k/s: {'met' if result['rows'] / took >= 50_000 else 'NOT met'}")
    finally:
        cluster.destroy()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
