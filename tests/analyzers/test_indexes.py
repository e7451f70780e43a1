"""``pgwarden indexes`` on real indexes: unused, duplicate, prefix-redundant, invalid."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.indexes import report


@pytest.fixture
def hygiene_dsn(db_dsn: str) -> str:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("""
            CREATE TABLE t (id int PRIMARY KEY, a int, b int, c text UNIQUE, d int);
            INSERT INTO t SELECT g, g % 10, g % 7, 'v' || g, 1 FROM generate_series(1, 2000) g;
            CREATE INDEX t_a ON t (a);
            CREATE INDEX t_a_b ON t (a, b);
            CREATE INDEX t_b_1 ON t (b);
            CREATE INDEX t_b_2 ON t (b);
            CREATE INDEX t_used ON t (d, a DESC);  -- never read: unused
            CREATE UNIQUE INDEX t_c_dup ON t (c);
        """)
        # an index whose CONCURRENTLY build failed stays INVALID
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("CREATE UNIQUE INDEX CONCURRENTLY t_d_broken ON t (d)")
        conn.execute("SET enable_seqscan = off")
        conn.execute("VACUUM ANALYZE t")
        conn.execute("SELECT a, b FROM t WHERE a = 3 AND b = 2").fetchall()  # t_a_b, index-only
    # statistics are flushed by the backend at exit / every second; wait until they show
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        for _ in range(50):
            conn.execute("SELECT pg_stat_clear_snapshot()")
            row = conn.execute("SELECT idx_scan FROM pg_stat_user_indexes "
                               "WHERE indexrelname = 't_a_b'").fetchone()
            if row and row[0]:
                break
            conn.execute("SELECT pg_sleep(0.2)")
    return db_dsn


def test_findings_each_with_its_drop(hygiene_dsn: str) -> None:
    r = report(hygiene_dsn)
    by = {f.index.split(".")[1]: f for f in r.findings}
    assert by["t_d_broken"].kind == "invalid"
    assert "CREATE UNIQUE INDEX CONCURRENTLY t_d_broken" in by["t_d_broken"].why
    assert by["t_a"].kind == "redundant" and "t_a_b" in by["t_a"].why
    dup = [f for f in r.findings if f.kind == "duplicate"]
    # the older twin is kept; the unique twin of the UNIQUE constraint goes, the constraint's
    # own index stays
    assert sorted(f.index for f in dup) == ["public.t_b_2", "public.t_c_dup"]
    assert "t_c_key" not in by and "t_c_key" in by["t_c_dup"].why
    # t_b_1 is the twin kept (t_b_2 goes as its duplicate), no index leads with it either, and
    # no query ever read it: unused, not redundant
    assert by["t_b_1"].kind == "unused", by["t_b_1"].why
    assert "no index scan since" in by["t_b_1"].why
    assert "t_a_b" not in by and "t_pkey" not in by, {k: (f.kind, f.why) for k, f in by.items()}
    assert by["t_used"].kind == "unused" and "no index scan since" in by["t_used"].why
    for f in r.findings:
        assert f.fix == f"DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"{f.index.split('.')[1]}\";"


def test_cli_reports_reset_time_and_sql_applies(hygiene_dsn: str, cli: Any, tmp_path: Any) -> None:
    code, out, _ = cli("--dsn", hygiene_dsn, "indexes", "--json", "--min-stats-age", "0")
    assert code == 1
    doc = json.loads(out)
    assert "stats_since" in doc and doc["server_started"]
    code, out, _ = cli("--dsn", hygiene_dsn, "indexes", "--min-stats-age", "0")
    assert code == 1 and "usage counted since" in out and "fix: DROP INDEX CONCURRENTLY" in out
    code, out, _ = cli("--dsn", hygiene_dsn, "indexes", "--format", "sql", "--min-stats-age", "0")
    script = tmp_path / "drop.sql"
    script.write_text(out)
    done = subprocess.run(["/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", hygiene_dsn,
                           "-f", str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    code, out, _ = cli("--dsn", hygiene_dsn, "indexes", "--json", "--min-stats-age", "0")
    assert json.loads(out)["findings"] == [] and code == 0


def test_young_statistics_make_unused_unknown(hygiene_dsn: str, cli: Any) -> None:
    """A week of counters by default (postgres-checkup's rule): the test server's are minutes
    old, so an index without scans is 'unknown', with no DROP; duplicates still are findings."""
    code, out, _ = cli("--dsn", hygiene_dsn, "indexes", "--json")
    doc = json.loads(out)
    by = {f["index"].split(".")[1]: f for f in doc["findings"]}
    assert by["t_used"]["kind"] == "unknown" and by["t_used"]["fix"] == ""
    assert "younger than min_stats_age 7d" in by["t_used"]["why"]
    assert doc["min_stats_age_s"] == 7 * 86400
    code, sql_out, _ = cli("--dsn", hygiene_dsn, "indexes", "--format", "sql")
    assert "t_used" not in sql_out
