"""``pgwarden --fleet FILE health`` over 100 databases: --jobs 1 against --jobs 8.

Run: python bench/fleet_health.py [--databases 100] [--per-host 4]
It starts two throwaway local clusters in temporary folders (the system PostgreSQL and the
embedded PostgreSQL 18 when both exist; else two of the same), creates half the databases on
each (CREATE DATABASE from a small template), writes a fleet file matching them with include
patterns, then runs the fleet health in a fresh pgwarden process per setting and prints:
wall time (in the process, resolution included), the ratio against --jobs 1, the peak number
of pgwarden health sessions seen on each server (sampled from pg_stat_activity every 10 ms;
must stay at or under --per-host) and the peak RSS of the pgwarden process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from psycopg import sql

from pgwarden.local import LocalCluster

PREFIX = "fleetbench_"
CHILD = ("import resource, sys, time; from pgwarden.cli import run; t = time.monotonic(); "
         "code = run(sys.argv[1:]); "
         "print(json.dumps({'code': code, 'seconds': time.monotonic() - t, "
         "'maxrss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), file=sys.stderr)")


class Sampler(threading.Thread):
    def __init__(self, dsn: str):
        super().__init__(daemon=True)
        self.dsn, self.peak, self.stop = dsn, 0, threading.Event()

    def run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.stop.is_set():
                row = conn.execute("SELECT count(*) FROM pg_stat_activity "
                                   "WHERE application_name = 'pgwarden health'").fetchone()
                self.peak = max(self.peak, int(row[0]) if row else 0)
                time.sleep(0.01)


def make_databases(cluster: LocalCluster, n: int, offset: int) -> None:
    with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(f"{PREFIX}template")))
        for i in range(offset, offset + n):
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(f"{PREFIX}{i:03d}"), sql.Identifier(f"{PREFIX}template")))
        conn.execute(sql.SQL("ALTER DATABASE {} WITH is_template true").format(
            sql.Identifier(f"{PREFIX}template")))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--databases", type=int, default=100)
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 8])
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pgwarden-fleet-bench-"))
    clusters = [LocalCluster(work / "a" / ".pgwarden", pg_bin="system"),
                LocalCluster(work / "b" / ".pgwarden", pg_bin="embedded")]
    try:
        for c in clusters:
            c.start()
        half = args.databases // 2
        t = time.monotonic()
        make_databases(clusters[0], half, 0)
        make_databases(clusters[1], args.databases - half, half)
        print(f"created {args.databases} databases on 2 servers in {time.monotonic() - t:.1f}s")
        fleet = work / "fleet.toml"
        fleet.write_text("".join(
            f'[[clusters]]\nname = "s{i}"\ndsn = {json.dumps(c.dsn("postgres"))}\n'
            f'include = ["{PREFIX}[0-9]*"]\n\n' for i, c in enumerate(clusters)))
        fleet.chmod(0o600)
        base = None
        for jobs in args.jobs:
            samplers = [Sampler(c.dsn("postgres")) for c in clusters]
            for s in samplers:
                s.start()
            proc = subprocess.run(
                [sys.executable, "-c", "import json; " + CHILD, "--fleet", str(fleet), "--jobs",
                 str(jobs), "--per-host", str(args.per_host), "--timeout", "60s", "health",
                 "--json"], capture_output=True, text=True, check=False)
            for s in samplers:
                s.stop.set()
                s.join(5)
            stats = json.loads(proc.stderr.strip().splitlines()[-1])
            rows = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
            summary = rows[-1]
            base = base or stats["seconds"]
            print(f"--jobs {jobs:>2} --per-host {args.per_host}: {summary['targets']} targets "
                  f"{summary['counts']} exit {stats['code']}; wall {stats['seconds']:.2f}s "
                  f"(x{base / stats['seconds']:.2f} vs --jobs {args.jobs[0]}); peak sessions "
                  f"per server {[s.peak for s in samplers]} (limit {min(jobs, args.per_host)}); "
                  f"peak RSS {stats['maxrss_kb'] / 1024:.0f} MB")
    finally:
        for c in clusters:
            c.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
