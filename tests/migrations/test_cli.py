"""``pgwarden migrate`` from the command line: output, JSON, exit codes, refusals."""

from __future__ import annotations

import json
from collections.abc import Callable

import psycopg

Cli = Callable[..., tuple[int, str, str]]


def test_status_up_status(cli: Cli, db_dsn: str) -> None:
    code, out, _ = cli("--dsn", db_dsn, "migrate", "status")
    assert code == 1 and "pending: 6 revision(s)" in out
    code, out, _ = cli("--dsn", db_dsn, "migrate", "up", "--dry-run")
    assert code == 0 and "would apply 6 revision(s)" in out
    assert migrate_current(db_dsn) == []
    code, out, err = cli("--dsn", db_dsn, "migrate", "up")
    assert code == 0, err
    assert "applied 0001" in out and "database is at 0006 (head)" in out
    assert "populated materialized view public.workshop_statistics" in err
    code, out, _ = cli("--dsn", db_dsn, "migrate", "status", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["current"] == ["0006"] and doc["clean"] is True


def test_status_reports_invalid_indexes_and_unpopulated_views(cli: Cli, cms_db_dsn: str) -> None:
    with psycopg.connect(cms_db_dsn, autocommit=True) as conn:
        conn.execute("REFRESH MATERIALIZED VIEW enrollments_per_day WITH NO DATA")
        conn.execute("UPDATE pg_index SET indisvalid = false"
                     " WHERE indexrelid = 'user_sessions_expires_at_idx'::regclass")
    code, out, _ = cli("--dsn", cms_db_dsn, "migrate", "status")
    assert code == 1
    assert "INVALID index public.user_sessions_expires_at_idx" in out
    assert "unpopulated materialized view public.enrollments_per_day" in out


def test_down_refuses_data_loss_without_yes(cli: Cli, cms_db_dsn: str) -> None:
    code, _, err = cli("--dsn", cms_db_dsn, "migrate", "down", "base")
    assert code == 2 and "destroys data (0001:" in err
    assert migrate_current(cms_db_dsn) == ["0006"]
    code, out, _ = cli("--dsn", cms_db_dsn, "migrate", "down", "0001")  # derived data only
    assert code == 0 and "undid 0002" in out and "database is at 0001" in out
    code, out, _ = cli("--dsn", cms_db_dsn, "migrate", "down", "base", "--yes")
    assert code == 0 and migrate_current(cms_db_dsn) == []


def test_bad_input_is_one_line(cli: Cli, db_dsn: str) -> None:
    code, _, err = cli("--dsn", db_dsn, "migrate", "up", "nope")
    assert code == 2 and err.strip().count("\n") == 0 and "nope" in err
    code, _, err = cli("--dsn", "postgresql://u:hunter22@127.0.0.1:1/x", "migrate", "up")
    assert code == 4 and "hunter22" not in err


def test_sql_is_offline_and_version_aware(cli: Cli) -> None:
    code, out15, _ = cli("migrate", "sql", "--server-major", "15")
    assert code == 0
    assert "SET lock_timeout = '2000ms'" in out15
    assert "CREATE INDEX CONCURRENTLY IF NOT EXISTS" in out15
    assert "s.blk_read_time" in out15 and "shared_blk_read_time" not in out15
    code, out18, _ = cli("migrate", "sql", "--from", "0004", "0005")
    assert code == 0 and "s.shared_blk_read_time" in out18 and "CREATE TABLE users" not in out18
    code, down, _ = cli("migrate", "sql", "--from", "0005", "0004")
    assert code == 0 and "DROP VIEW IF EXISTS monitoring.slow_queries" in down


def migrate_current(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        exists = conn.execute("SELECT to_regclass('alembic_version')").fetchone()
        if not exists or exists[0] is None:
            return []
        return [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
