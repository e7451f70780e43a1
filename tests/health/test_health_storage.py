"""Storage checks provoked on a real server: invalid index, sequences, wraparound, cache."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from pgwarden.health import Status, run
from pgwarden.health.settings import HealthSettings


def test_failed_concurrent_unique_index_is_reported(db_dsn: str, conn: Any, cli: Any) -> None:
    conn.execute("CREATE TABLE dup (v int); INSERT INTO dup VALUES (1), (1)")
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v_key ON dup (v)")
    code, out, _ = cli("--dsn", db_dsn, "health", "--check", "invalid_indexes", "--format", "nagios")
    assert code == 1
    assert "public.dup_v_key" in out
    result = run(db_dsn, None, ["invalid_indexes"]).results[0]
    assert result.fix is not None and result.fix.startswith('DROP INDEX CONCURRENTLY "public"."dup_v_key";')
    conn.execute("DROP INDEX dup_v_key")
    assert run(db_dsn, None, ["invalid_indexes"]).results[0].status is Status.OK


def test_sequences_near_their_limit(db_dsn: str, conn: Any) -> None:
    assert run(db_dsn, None, ["sequences"]).results[0].status is Status.OK
    # a bigint sequence feeding an integer column: the column's 2^31-1 is the real limit
    conn.execute("CREATE SEQUENCE big_seq; CREATE TABLE narrow (id int DEFAULT nextval('big_seq'))")
    conn.execute("SELECT setval('big_seq', 2100000000)")
    # a plain bigint sequence at the same value is nowhere near its limit
    conn.execute("CREATE SEQUENCE roomy_seq; SELECT setval('roomy_seq', 2100000000)")
    result = run(db_dsn, None, ["sequences"]).results[0]
    assert result.status is Status.CRITICAL
    assert [d["sequence"] for d in result.details] == ["public.big_seq"]
    assert result.details[0]["column"] == "public.narrow.id"
    assert result.details[0]["limit"] == 2147483647
    assert (result.fix or "").startswith('ALTER TABLE "public"."narrow" ALTER COLUMN "id" TYPE bigint;')
    conn.execute("SELECT setval('big_seq', 1700000000)")  # 79 %: warning only
    assert run(db_dsn, None, ["sequences"]).results[0].status is Status.WARNING


def test_wraparound_headroom_and_thresholds(db_dsn: str) -> None:
    for check in ("xid_wraparound", "multixact_wraparound"):
        result = run(db_dsn, None, [check]).results[0]
        assert result.status is Status.OK and result.fix is None
        assert all(0 < d["headroom"] <= 2**31 for d in result.details)
        assert "left before wraparound" in result.summary
    # the thresholds are shares of 2^31; set them around this server's real xid age
    xid = run(db_dsn, None, ["xid_wraparound"]).results[0]
    used = max(d["used"] for d in xid.details)
    age = max(d["age"] for d in xid.details)
    assert age > 0
    share = age / 2**31
    below, above = share / 2, share * 2
    warn = run(db_dsn, HealthSettings(wraparound_warning=below, wraparound_critical=above),
               ["xid_wraparound"]).results[0]
    assert warn.status is Status.WARNING, (used, warn.summary)
    assert warn.fix is not None and "VACUUM (FREEZE" in warn.fix
    crit = run(db_dsn, HealthSettings(wraparound_warning=below / 2, wraparound_critical=below),
               ["xid_wraparound"]).results[0]
    assert crit.status is Status.CRITICAL
    # the Nagios perfdata carries the thresholds as percentages
    perf = crit.perfdata[0]
    assert perf.warn == pytest.approx(below / 2 * 100) and perf.crit == pytest.approx(below * 100)


def test_cache_hit_ratio_needs_traffic_then_judges(db_dsn: str, conn: Any) -> None:
    quiet = run(db_dsn, HealthSettings(cache_hit_min_blocks=10**12), ["cache_hit_ratio"])
    assert "too little traffic" in quiet.results[0].summary
    conn.execute("SELECT count(*) FROM pg_class")
    judged = run(db_dsn, HealthSettings(cache_hit_min_blocks=1, cache_hit_warning=1.0,
                                        cache_hit_critical=1.0), ["cache_hit_ratio"])
    # demanding a 100 % hit ratio: any block read from disk makes it critical
    row = conn.execute("SELECT blks_read FROM pg_stat_database WHERE datname = current_database()"
                       ).fetchone()
    expected = Status.CRITICAL if row[0] > 0 else Status.OK
    assert judged.results[0].status is expected


def test_replication_and_pg_stat_statements_on_a_lone_server(db_dsn: str) -> None:
    report = run(db_dsn, None, ["replication_lag", "replication_slots", "pg_stat_statements"])
    assert [r.status for r in report.results] == [Status.OK] * 3
    assert report.results[0].summary.startswith("no replication")


def test_inactive_replication_slot_warns(db_dsn: str, conn: Any) -> None:
    conn.execute("SELECT pg_create_physical_replication_slot('pgw_test_slot', true)")
    try:
        result = run(db_dsn, None, ["replication_slots"]).results[0]
        assert result.status is Status.WARNING
        assert "pgw_test_slot (inactive" in result.summary
    finally:
        conn.execute("SELECT pg_drop_replication_slot('pgw_test_slot')")
