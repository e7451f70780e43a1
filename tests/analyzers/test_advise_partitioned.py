"""Indexes on a partitioned table: PostgreSQL refuses ``CREATE INDEX CONCURRENTLY`` on one (15
and 18), so the advisor's suggestion, its ``--format sql`` and its revision build the index
the way that never blocks the table's writes — ``ON ONLY`` the table (and each partitioned
partition), ``CONCURRENTLY`` on each leaf, each attached to its parent's — and every step
converges when run again. Before, the advisor printed ``CREATE INDEX CONCURRENTLY … ON`` the
partitioned table: invalid DDL. The catalog sizes a partitioned table by its leaves (the parent
has no pages of its own, and no row count until someone ANALYZEs it: autovacuum never does)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.catalog import read_tables
from pgwarden.analyzers.advisor.parse import TableRef
from pgwarden.analyzers.advisor.revision import write_revision
from tests.analyzers.revision_helpers import run_revision

hypopg = pytest.mark.requires_ext("hypopg")

# 60,000 events over three partitions; the newest year partitioned again by kind
EVENTS = """
CREATE TABLE ev (id bigint NOT NULL, ts timestamptz NOT NULL, account_id integer NOT NULL,
                 kind text NOT NULL, body text NOT NULL) PARTITION BY RANGE (ts);
CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE ev_2025 PARTITION OF ev FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')
    PARTITION BY LIST (kind);
CREATE TABLE ev_2026_log PARTITION OF ev_2026 FOR VALUES IN ('log');
CREATE TABLE ev_2026_other PARTITION OF ev_2026 DEFAULT;
INSERT INTO ev
SELECT g, timestamptz '2024-01-01' + g * interval '25 minutes', 1 + (g * 7919) % 3000,
       CASE WHEN g % 3 = 0 THEN 'log' ELSE 'metric' END, 'event ' || g
FROM generate_series(1, 60000) g;
"""
QUERY = "SELECT id, ts, kind FROM ev WHERE account_id = 42 ORDER BY ts DESC LIMIT 20"
LEAVES = {"ev_2024", "ev_2025", "ev_2026_log", "ev_2026_other"}


@pytest.fixture
def events_dsn(db_dsn: str) -> str:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(EVENTS)
        for leaf in sorted(LEAVES):  # the leaves only, as autovacuum would: not the parents
            conn.execute(f"VACUUM ANALYZE {leaf}")
    return db_dsn


def _indexes(dsn: str) -> dict[str, tuple[str, bool]]:
    """index name -> (its table, valid)."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT c.relname, t.relname, i.indisvalid FROM pg_index i "
                            "JOIN pg_class c ON c.oid = i.indexrelid "
                            "JOIN pg_class t ON t.oid = i.indrelid "
                            "WHERE t.relname LIKE 'ev%'").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_a_partitioned_table_is_sized_by_its_leaves(events_dsn: str) -> None:
    with psycopg.connect(events_dsn) as conn:
        (t,) = read_tables(conn, [TableRef(None, "ev")]).values()
    assert t.reltuples == pytest.approx(60000, rel=0.05)
    assert t.relpages > 100 and t.bytes > 100 * 8192
    assert {p.name for p in t.partitions if p.leaf} == LEAVES
    assert [p.name for p in t.partitions if not p.leaf] == ["ev_2026"]


@hypopg
def test_the_suggestion_on_a_partitioned_table_builds_and_converges(events_dsn: str,
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "workload.sql"
    path.write_text(QUERY + ";\n")
    (kept,) = [d for d in advise(events_dsn, queries_file=path).kept if d.candidate.table == "ev"]
    c = kept.candidate
    steps = c.statements()
    # the old single statement is refused by the server
    with psycopg.connect(events_dsn, autocommit=True) as conn, \
            pytest.raises(psycopg.errors.FeatureNotSupported):
        conn.execute(c.ddl())
    assert steps[0].startswith("CREATE INDEX IF NOT EXISTS") and " ON ONLY " in steps[0]
    assert sum(" CONCURRENTLY " in s for s in steps) == len(LEAVES)
    assert sum(s.startswith("ALTER INDEX") for s in steps) == len(LEAVES) + 1
    for _ in range(2):  # a re-run of every step is harmless
        with psycopg.connect(events_dsn, autocommit=True) as conn:
            for text in steps:
                conn.execute(text)
    built = _indexes(events_dsn)
    assert built[c.name] == ("ev", True)  # valid: every part attached
    assert {table for table, valid in built.values() if valid} >= LEAVES | {"ev", "ev_2026"}


@hypopg
def test_the_revision_builds_a_partitioned_index_finishes_a_killed_run_and_drops_it(
        events_dsn: str, tmp_path: Path) -> None:
    """The revision's helper (pgwarden.migrations.ops.create_index_concurrently) finds the
    partitions itself. A run killed after the first step left the parent's index ON ONLY
    (invalid, no parts): the re-run completes it. The downgrade drops it with its parts."""
    path = tmp_path / "workload.sql"
    path.write_text(QUERY + ";\n")
    kept = [d for d in advise(events_dsn, queries_file=path).kept if d.candidate.table == "ev"]
    versions = tmp_path / "versions"
    versions.mkdir()
    written = write_revision(kept, versions)
    name = kept[0].candidate.name
    with psycopg.connect(events_dsn, autocommit=True) as conn:  # the killed run's first step
        conn.execute(kept[0].candidate.statements()[0])
    assert _indexes(events_dsn)[name] == ("ev", False)
    run_revision(written, events_dsn, "upgrade")
    built = _indexes(events_dsn)
    assert built[name] == ("ev", True)
    assert {t for t, valid in built.values() if valid} >= LEAVES
    run_revision(written, events_dsn, "upgrade")  # converges
    run_revision(written, events_dsn, "downgrade")
    assert _indexes(events_dsn) == {}
