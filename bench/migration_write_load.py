"""Writers under revision 0004: pgbench write latency with and without the index builds running.

Run: python bench/migration_write_load.py [--scale 10] [--baseline 20] [--rate 100] [--dsn DSN]

Creates a fresh database (default: on the local cluster), migrates it to 0003, seeds it, then
runs pgbench over loopback with a CMS write script (an enrollment upserted, an audit-log row
inserted, the workshop's seat counter updated: one transaction) at a fixed rate:
1. baseline: ``--baseline`` seconds with no migration;
2. migration: the same load while ``pgwarden.migrations.api.upgrade(dsn, "0004")`` builds every
   performance index CONCURRENTLY; the load runs in back-to-back pgbench chunks of
   ``--chunk`` seconds until the migration has finished, plus one more chunk.
Per-transaction latencies come from pgbench's log (-l; with --rate they include schedule lag,
i.e. what a writer waiting on a lock would feel). Prints max and p99 for both phases and
whether any writer waited longer than the migration's lock_timeout (2 s by default).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cms import add_server_options, prepare  # noqa: E402
from psycopg.conninfo import conninfo_to_dict  # noqa: E402

from pgwarden.demo.seed import plan  # noqa: E402
from pgwarden.demo.workload import percentile  # noqa: E402

WRITE_SCRIPT = """\
\\set k random(0, {workshops} - 1)
\\set p random({staff}, {users} - 1)
BEGIN;
INSERT INTO enrollments (workshop_id, participant_id, status)
    VALUES (md5('{seed}:w:' || :k)::uuid, md5('{seed}:u:' || :p)::uuid, 'pending')
    ON CONFLICT (workshop_id, participant_id) DO UPDATE SET status = 'confirmed', updated_at = now();
INSERT INTO audit_logs (table_name, record_id, operation, new_values)
    VALUES ('enrollments', md5('{seed}:w:' || :k)::uuid, 'UPDATE', '{{"status": "confirmed"}}');
UPDATE workshops SET seat_reserved = seat_reserved + 1 WHERE id = md5('{seed}:w:' || :k)::uuid;
END;
"""


def find_pgbench() -> str:
    found = shutil.which("pgbench")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"), reverse=True)
    if not candidates:
        raise SystemExit("pgbench not found (Debian: postgresql-client or /usr/lib/postgresql/*/bin)")
    return candidates[0]


def run_pgbench(pgbench: str, dsn: str, script: Path, seconds: int, rate: int, clients: int,
                logdir: Path, tag: str) -> list[float]:
    """One pgbench run; the per-transaction latencies in ms (from its -l log)."""
    info = conninfo_to_dict(dsn)
    env = {**os.environ, "PGHOST": str(info.get("host", "127.0.0.1")),
           "PGPORT": str(info.get("port", "5432")), "PGUSER": str(info.get("user", "")),
           "PGDATABASE": str(info.get("dbname", "")), "PGAPPNAME": "cms-writer"}
    if info.get("password"):
        env["PGPASSWORD"] = str(info["password"])
    if info.get("passfile"):  # the local cluster's generated password (pgwarden local)
        env["PGPASSFILE"] = str(info["passfile"])
    prefix = logdir / tag
    subprocess.run([pgbench, "-n", "-f", str(script), "-c", str(clients), "-j", str(min(clients, 2)),
                    "-T", str(seconds), "-R", str(rate), "-l", "--log-prefix", str(prefix)],
                   env=env, check=True, capture_output=True, text=True)
    latencies = []
    for path in glob.glob(f"{prefix}.*"):
        with open(path) as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3 and parts[2] != "skipped":
                    latencies.append(int(parts[2]) / 1000.0)
    return latencies


def summary(latencies: list[float]) -> dict[str, Any]:
    return {"transactions": len(latencies), "p50_ms": round(percentile(latencies, 50), 2),
            "p99_ms": round(percentile(latencies, 99), 2), "max_ms": round(max(latencies), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.add_argument("--baseline", type=int, default=20, help="seconds of load without migration")
    parser.add_argument("--chunk", type=int, default=5, help="seconds per pgbench run during migration")
    parser.add_argument("--rate", type=int, default=100, help="transactions per second (all clients)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--existing", action="store_true",
                        help="use --dsn's database as it is (seeded with --scale/--seed, at revision 0003)")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    from pgwarden.migrations import api as migrate
    from pgwarden.migrations.settings import MigrateSettings

    lock_timeout_ms = MigrateSettings().lock_timeout.seconds * 1000
    if args.existing:
        dsn, timings = args.dsn, {}
    else:
        dsn, timings = prepare(args, "0003", log)
    p = plan(args.scale, args.seed)
    pgbench = find_pgbench()
    with tempfile.TemporaryDirectory(prefix="pgwarden-bench-") as tmp:
        logdir = Path(tmp)
        os.chmod(logdir, 0o777)
        script = logdir / "cms_writes.sql"
        script.write_text(WRITE_SCRIPT.format(workshops=p.workshops, staff=p.staff, users=p.users,
                                              seed=args.seed))
        log(f"baseline: {args.baseline} s of writes at {args.rate} tps ({args.clients} clients) ...")
        base = run_pgbench(pgbench, dsn, script, args.baseline, args.rate, args.clients, logdir, "base")

        outcome: dict[str, Any] = {}

        def migrate_now() -> None:
            t0 = time.monotonic()
            try:
                migrate.upgrade(dsn, "0004", on_notice=lambda text: None)
                outcome["ok"] = True
            except Exception as exc:  # noqa: BLE001 - reported below
                outcome["error"] = str(exc)
            outcome["seconds"] = round(time.monotonic() - t0, 2)

        log("migration: the same writes while revision 0004 builds its indexes CONCURRENTLY ...")
        during: list[float] = []
        worker = threading.Thread(target=migrate_now)
        chunk = 0
        while True:
            if chunk == 1:
                worker.start()  # one chunk of load is already running before the builds start
                during += run_pgbench(pgbench, dsn, script, args.chunk, args.rate, args.clients,
                                      logdir, f"mig{chunk}")
            else:
                finished = chunk > 1 and not worker.is_alive()
                during += run_pgbench(pgbench, dsn, script, args.chunk, args.rate, args.clients,
                                      logdir, f"mig{chunk}")
                if finished:
                    break
            chunk += 1
        worker.join()
    b, m = summary(base), summary(during)
    stalled = m["max_ms"] > lock_timeout_ms
    report = {"scale": args.scale, "rate_tps": args.rate, "clients": args.clients, "timings": timings,
              "migration": outcome, "lock_timeout_ms": lock_timeout_ms, "baseline": b,
              "during_migration": m, "writers_stalled_beyond_lock_timeout": stalled}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0 if outcome.get("ok") else 1
    print()
    print(f"revision 0004 {'applied' if outcome.get('ok') else 'FAILED: ' + outcome.get('error', '')}"
          f" in {outcome.get('seconds')} s while writers ran")
    print(f"{'phase':22s} {'transactions':>12s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
    for name, s in (("baseline", b), ("during revision 0004", m)):
        print(f"{name:22s} {s['transactions']:12d} {s['p50_ms']:8.2f} {s['p99_ms']:8.2f} {s['max_ms']:8.2f}")
    print(f"writers stalled beyond lock_timeout ({lock_timeout_ms:.0f} ms): {'YES' if stalled else 'no'}")
    return 0 if outcome.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
