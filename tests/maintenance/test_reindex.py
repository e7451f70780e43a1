"""reindex: an INVALID index made on purpose, real btree bloat, stale statistics, disk refusal,
leftovers of a cancelled REINDEX CONCURRENTLY."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from tests.maintenance.conftest import objects, wait_for

BASE = """
[maintenance]
lock_timeout = "300ms"
lock_retries = 1
[maintenance.reindex]
min_index_size = "64kB"
"""


def _invalid_index(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE accounts (id int, email text) WITH (autovacuum_enabled = false)")
    conn.execute("INSERT INTO accounts SELECT g, 'u' || (g % 900) || '@x' FROM generate_series(1, 1000) g")
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email)")
    assert conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email_key'::regclass"
                        ).fetchone() == (False,)


def test_invalid_index_is_rebuilt(conn: psycopg.Connection[Any], db_dsn: str,
                                  cli: Callable[..., tuple[int, str, str]],
                                  config: Callable[..., str]) -> None:
    _invalid_index(conn)
    cfg = config("", BASE)
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--dry-run", "--json")
    assert code == 0, err
    [plan] = [o for o in objects(out) if o["object"] == "public.accounts_email_key"]
    assert plan["action"] == "reindex concurrently" and "INVALID" in plan["reason"]
    # still duplicates: the rebuild fails, is reported, and leaves no _ccnew behind
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--json")
    assert code == 3
    [res] = objects(out)
    assert res["outcome"] == "failed" and "is duplicated" in res["message"]
    assert "dropped its leftovers accounts_email_key_ccnew" in res["message"]
    assert conn.execute("SELECT count(*) FROM pg_class WHERE relname ~ '_ccnew'").fetchone() == (0,)
    conn.execute("DELETE FROM accounts WHERE id > 900")
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--json")
    assert code == 0, out + err
    assert [o["outcome"] for o in objects(out)] == ["done"]
    assert conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email_key'::regclass"
                        ).fetchone() == (True,)


def _bloated(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE readings (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false)")
    conn.execute("INSERT INTO readings SELECT g, g FROM generate_series(1, 40000) g")
    conn.execute("CREATE INDEX readings_v_idx ON readings (v)")
    wait_for(conn, "SELECT n_tup_ins > 0 FROM pg_stat_user_tables WHERE relname = 'readings'")
    conn.execute("ANALYZE readings")
    conn.execute("DELETE FROM readings WHERE id % 10 <> 0")
    conn.execute("VACUUM readings")  # frees the index entries, not the pages: real bloat


@pytest.mark.requires_ext("pgstattuple")
def test_bloat_needs_fresh_statistics_and_is_confirmed(
        conn: psycopg.Connection[Any], db_dsn: str, cli: Callable[..., tuple[int, str, str]],
        config: Callable[..., str]) -> None:
    _bloated(conn)
    cfg = config("", BASE)
    wait_for(conn, "SELECT n_mod_since_analyze > 30000 FROM pg_stat_user_tables WHERE relname = 'readings'")
    code, out, _ = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--json")
    assert code == 0
    res = {o["object"]: o for o in objects(out)}
    stale = res["public.readings_v_idx"]
    assert stale["outcome"] == "not-needed" and "confidence low" in stale["reason"]
    assert "not acted on" in stale["reason"] and "ANALYZE public.readings" in stale["reason"]
    conn.execute("ANALYZE readings")
    wait_for(conn, "SELECT n_mod_since_analyze = 0 FROM pg_stat_user_tables WHERE relname = 'readings'")
    before = conn.execute("SELECT pg_relation_size('readings_v_idx')").fetchone()[0]
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--json")
    assert code == 0, err
    res = {o["object"]: o for o in objects(out)}
    for idx in ("public.readings_v_idx", "public.readings_pkey"):
        assert res[idx]["outcome"] == "done"
        assert "confidence high" in res[idx]["reason"] and "pgstatindex measures" in res[idx]["reason"]
    after = conn.execute("SELECT pg_relation_size('readings_v_idx')").fetchone()[0]
    assert after < before / 4


def test_refuses_without_disk_room(conn: psycopg.Connection[Any], db_dsn: str,
                                   cli: Callable[..., tuple[int, str, str]],
                                   config: Callable[..., str]) -> None:
    _invalid_index(conn)
    cfg = config("free_space_margin = 1e12\n", BASE)
    code, out, _ = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--json")
    assert code == 3
    [res] = objects(out)
    assert res["outcome"] == "skipped" and "not enough free disk" in res["message"]
    assert "shutil.disk_usage" in res["message"] and "postmaster.pid matches port" in res["message"]


def test_cancelled_reindex_leftover_is_dropped(conn: psycopg.Connection[Any], db_dsn: str,
                                               cli: Callable[..., tuple[int, str, str]],
                                               config: Callable[..., str]) -> None:
    _invalid_index(conn)
    conn.execute("DELETE FROM accounts WHERE id > 900")
    # A REINDEX CONCURRENTLY cancelled by lock_timeout leaves <name>_ccnew behind.
    with psycopg.connect(db_dsn) as writer:
        writer.execute("INSERT INTO accounts VALUES (5000, 'w@x')")  # holds ROW EXCLUSIVE
        with pytest.raises(psycopg.errors.LockNotAvailable):
            conn.execute("SET lock_timeout = '200ms'")
            conn.execute("REINDEX INDEX CONCURRENTLY accounts_email_key")
        writer.rollback()
    conn.execute("RESET lock_timeout")
    left = conn.execute("SELECT relname FROM pg_class WHERE relname ~ '_ccnew'").fetchall()
    assert left == [("accounts_email_key_ccnew",)]
    code, out, err = cli("--dsn", db_dsn, "--config", config("", BASE), "maintain", "reindex", "--json")
    assert code == 0, err
    res = {o["object"]: o for o in objects(out)}
    assert res["public.accounts_email_key_ccnew"]["action"] == "drop leftover index"
    assert res["public.accounts_email_key_ccnew"]["outcome"] == "done"
    assert res["public.accounts_email_key"]["outcome"] == "done"
    assert conn.execute("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                        "WHERE c.relname ~ '^accounts' AND NOT x.indisvalid").fetchone() == (0,)
