"""The clean-up's replica-lag guard against a real standby whose replay is paused (issue 13,
section 5): it pauses while the standby is behind, resumes when replay resumes, reports each
pause; with lag it cannot read it fails closed (exit 3) unless lag_unknown = "ignore"."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from pgwarden.maintenance import lag
from tests.conftest import ROLE_PASSWORD, role_dsn
from tests.replicas.conftest import Pair

EXPIRED, FRESH = 6000, 500  # as SCHEMA inserts them

SCHEMA = """
CREATE TABLE events (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL,
                     payload text NOT NULL);
INSERT INTO events (created_at, payload)
SELECT now() - interval '400 days' - g * interval '1 minute', repeat('x', 200)
FROM generate_series(1, 6000) g;
INSERT INTO events (created_at, payload)
SELECT now() - g * interval '1 minute', repeat('y', 200) FROM generate_series(1, 500) g;
"""


def _config(tmp_path: Path, extra: str) -> str:
    path = tmp_path / "pgwarden.toml"
    path.write_text(f"""
[maintenance.cleanup]
batch_size = 200
pause = "0s"
{extra}

[[maintenance.cleanup.policies]]
table = "events"
time_column = "created_at"
older_than = "365d"
""")
    return str(path)


def _counts(dsn: str) -> tuple[int, int]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FILTER (WHERE created_at < now() - interval '365 days'),"
                           " count(*) FILTER (WHERE created_at >= now() - interval '365 days')"
                           " FROM events").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _run(dsn: str, config: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pgwarden.cli", "--dsn", dsn, "--config",
                             config, "maintain", "cleanup", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _outcome(out: str) -> dict[str, Any]:
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return next(r for r in rows if r.get("object") == "public.events")


def test_pauses_while_the_standby_is_behind_and_resumes(pair: Pair, tmp_path: Path) -> None:
    with psycopg.connect(pair.primary, autocommit=True) as conn:
        conn.execute(SCHEMA)
    pair.wait_replayed()
    config = _config(tmp_path, 'max_replica_lag_bytes = 65536\nmax_lag_wait = "120s"')
    with psycopg.connect(pair.standby, autocommit=True) as sb:
        sb.execute("SELECT pg_wal_replay_pause()")
        proc = _run(pair.primary, config)
        try:
            # the guard stops deleting once the paused standby is 64 kB behind
            deadline = time.monotonic() + 60
            last, stable_since = _counts(pair.primary)[0], time.monotonic()
            while time.monotonic() - stable_since < 2.0:
                assert time.monotonic() < deadline, "the clean-up never paused"
                assert proc.poll() is None, proc.communicate()
                time.sleep(0.2)
                now = _counts(pair.primary)[0]
                if now != last:
                    last, stable_since = now, time.monotonic()
            assert 0 < last < EXPIRED, f"paused with {last} expired rows left"
            assert proc.poll() is None, "a paused clean-up must wait, not give up"
        finally:
            sb.execute("SELECT pg_wal_replay_resume()")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert _counts(pair.primary) == (0, FRESH)
    outcome = _outcome(out)
    assert outcome["outcome"] == "done" and outcome["rows"] == EXPIRED
    message = outcome["message"]
    assert "6000 rows deleted" in message and "x for" in message and "paused" in message
    assert message.count("standby standby1 is") == 1 and "of WAL behind" in message


def _unprivileged(pair: Pair) -> str:
    role = "lag_noprivs"
    with psycopg.connect(pair.primary, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(ROLE_PASSWORD)))
        conn.execute(SCHEMA)
        conn.execute(sql.SQL("ALTER TABLE events OWNER TO {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(
            sql.Identifier(pair.name), sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(sql.Identifier(role)))
    return role_dsn(pair.primary, role)


def test_unreadable_lag_fails_closed(pair: Pair, tmp_path: Path) -> None:
    dsn = _unprivileged(pair)
    config = _config(tmp_path, 'max_replica_lag = "5s"\nmax_lag_wait = "1s"')
    proc = _run(dsn, config)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, (out, err)
    outcome = _outcome(out)
    assert outcome["outcome"] == "skipped"
    assert "cannot be read" in outcome["message"] and "pg_monitor" in outcome["message"]
    assert _counts(pair.primary) == (EXPIRED, FRESH), "nothing may be deleted blind"


def test_unreadable_lag_ignored_when_told(pair: Pair, tmp_path: Path) -> None:
    dsn = _unprivileged(pair)
    config = _config(tmp_path, 'max_replica_lag = "5s"\nlag_unknown = "ignore"')
    proc = _run(dsn, config)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, (out, err)
    assert _counts(pair.primary) == (0, FRESH)


def test_verdict_reads_seconds_bytes_and_inactive_slots() -> None:
    limits = lag.Limits(max_lag_s=2.0, max_lag_bytes=1 << 20)
    ok = [lag.Lag("standby", "s1", 0.5, 1000, True)]
    assert lag.verdict(ok, limits) == (None, False)
    slow = [lag.Lag("standby", "s1", 3.5, 1000, True)]
    assert "3.5 s behind" in str(lag.verdict(slow, limits)[0])
    far = [lag.Lag("standby", "s1", None, 5 << 20, True)]
    assert "5.0 MB of WAL behind" in str(lag.verdict(far, limits)[0])
    slot = [lag.Lag("slot", "old_slot", None, 2 << 20, True)]
    assert "inactive slot old_slot holds" in str(lag.verdict(slot, limits)[0])
    hidden = [lag.Lag("standby", "s1", None, None, False)]
    reason, unknown = lag.verdict(hidden, limits)
    assert unknown and "cannot be read" in str(reason)
    assert lag.verdict(hidden, lag.Limits(max_lag_s=2.0, lag_unknown="ignore")) == (None, False)
    assert lag.verdict(slow, lag.Limits()) == (None, False)


