"""plans check / diff / assert_plan on a small seeded schema of our own (real PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.analyzers.plans import Thresholds, assert_plan, check, diff, load_queries
from pgwarden.analyzers.plans.diff import scratch_name

Cli = Callable[..., tuple[int, str, str]]

SCHEMA = """
CREATE TABLE workshops (id bigint PRIMARY KEY, title text NOT NULL);
CREATE TABLE enrollments (
    id bigint PRIMARY KEY, workshop_id bigint NOT NULL, participant_id bigint NOT NULL,
    status text NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO workshops SELECT g, 'w' || g FROM generate_series(1, 500) g;
INSERT INTO enrollments
SELECT g, 1 + g % 500, 1 + g % 4000, (ARRAY['new','paid','cancelled'])[1 + g % 3],
       now() - g * interval '1 minute'
FROM generate_series(1, 30000) g;
"""
INDEX = "CREATE INDEX enrollments_participant_idx ON enrollments (participant_id)"
QUERIES = {
    "participant_enrollments": "-- a participant's enrollments\nSELECT e.id, e.status, w.title "
                               "FROM enrollments e JOIN workshops w ON w.id = e.workshop_id "
                               "WHERE e.participant_id = 42 ORDER BY e.created_at DESC LIMIT 50;\n",
    "workshop_by_id": "SELECT title FROM workshops WHERE id = 7;\n",
}


@pytest.fixture
def seeded(conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    conn.execute(SCHEMA)
    conn.execute(INDEX)
    conn.execute("ANALYZE")
    return conn


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir()
    for name, text in QUERIES.items():
        (folder / f"{name}.sql").write_text(text)
    return folder


def test_check_fails_when_an_index_is_dropped_and_passes_when_restored(
        seeded: psycopg.Connection[Any], db_dsn: str, queries: Path, tmp_path: Path, cli: Cli) -> None:
    baseline = tmp_path / "plans.json"
    code, out, _ = cli("--dsn", db_dsn, "plans", "check", str(queries), "--baseline", str(baseline),
                       "--update")
    assert code == 0, out
    stored = json.loads(baseline.read_text())["queries"]
    assert stored["participant_enrollments"]["indexes"] == ["enrollments_participant_idx"]

    assert check(db_dsn, queries, baseline).exit_code == 0
    seeded.execute("DROP INDEX enrollments_participant_idx")
    seeded.execute("ANALYZE enrollments")
    rep = check(db_dsn, queries, baseline)
    kinds = sorted(r.kind for r in rep.regressions)
    assert rep.exit_code == 1
    assert kinds == ["cost-growth", "index-unused", "seq-scan"], rep.regressions
    code, out, _ = cli("--dsn", db_dsn, "plans", "check", str(queries), "--baseline", str(baseline),
                       "--format", "markdown")
    assert code == 1
    assert "### Query plans: 3 regression(s)" in out
    assert "**index-unused**: no longer uses index enrollments_participant_idx" in out
    assert "Seq Scan on enrollments (~30,000 rows)" in out

    seeded.execute(INDEX)
    seeded.execute("ANALYZE enrollments")
    code, out, _ = cli("--dsn", db_dsn, "plans", "check", str(queries), "--baseline", str(baseline),
                       "--json")
    assert code == 0, out
    assert json.loads(out)["regressions"] == []


def test_thresholds_and_first_run(seeded: psycopg.Connection[Any], db_dsn: str, queries: Path,
                                  tmp_path: Path) -> None:
    seeded.execute("DROP INDEX enrollments_participant_idx")
    seeded.execute("ANALYZE enrollments")
    no_baseline = tmp_path / "none.json"
    rep = check(db_dsn, queries, no_baseline)
    assert [r.kind for r in rep.regressions] == ["seq-scan"]  # no baseline: a big seq scan fails
    rep = check(db_dsn, queries, no_baseline, thresholds=Thresholds(seq_scan_rows=100_000))
    assert rep.exit_code == 0  # under the threshold it is fine


def test_analyze_catches_a_sort_spilling_to_disk(seeded: psycopg.Connection[Any], db_dsn: str,
                                                 tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "all_sorted.sql").write_text(
        "SELECT * FROM enrollments ORDER BY status, created_at, workshop_id, participant_id")
    seeded.execute(sql.SQL("ALTER DATABASE {} SET work_mem = '64kB'").format(
        sql.Identifier(psycopg.conninfo.conninfo_to_dict(db_dsn)["dbname"])))
    rep = check(db_dsn, folder, tmp_path / "p.json", analyze=True,
                thresholds=Thresholds(seq_scan_rows=10**9))
    assert [r.kind for r in rep.regressions] == ["spill"]
    assert "Sort spilled" in rep.regressions[0].detail
    plain = check(db_dsn, folder, tmp_path / "p.json", thresholds=Thresholds(seq_scan_rows=10**9))
    assert plain.exit_code == 0  # without --analyze nothing ran, nothing spilled


def test_bad_query_and_bad_folder(seeded: psycopg.Connection[Any], db_dsn: str, tmp_path: Path,
                                  cli: Cli) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "broken.sql").write_text("SELECT nope FROM enrollments")
    rep = check(db_dsn, folder, tmp_path / "p.json")
    assert rep.regressions[0].kind == "error" and "UndefinedColumn" in rep.regressions[0].detail
    code, _, err = cli("--dsn", db_dsn, "plans", "check", str(tmp_path / "missing"))
    assert code == 2 and "does not exist" in err


def test_assert_plan(seeded: psycopg.Connection[Any]) -> None:
    sql = "SELECT id FROM enrollments WHERE participant_id = %s"
    plan = assert_plan(seeded, sql, (42,), uses_index_on="enrollments", no_seq_scan_on=["enrollments"])
    assert "enrollments_participant_idx" in plan.indexes
    with pytest.raises(AssertionError, match="no index is used on enrollments"):
        assert_plan(seeded, "SELECT * FROM enrollments WHERE status = 'paid'", uses_index_on="enrollments")
    with pytest.raises(AssertionError, match="Seq Scan on enrollments"):
        assert_plan(seeded, "SELECT count(*) FROM enrollments", no_seq_scan_on=["enrollments"])


def test_diff_between_revisions(seeded: psycopg.Connection[Any], db_dsn: str, admin_dsn: str,
                                queries: Path) -> None:
    seeded.execute("DROP INDEX enrollments_participant_idx")
    template = seeded.info.dbname
    seeded.close()  # the clone source must be idle
    # the leftover of a killed run is dropped by name and the re-run goes through
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{scratch_name(template, "3")}"')
    migrated: list[str] = []

    def migrate(dsn: str, rev: str) -> None:  # revision "4" adds the index revision "3" lacks
        migrated.append(rev)
        if rev == "4":
            with psycopg.connect(dsn, autocommit=True) as c:
                c.execute(INDEX)

    rep = diff(db_dsn, "3", "4", load_queries(queries), migrate=migrate)
    assert migrated == ["3", "4"]
    by_name = {d.name: d for d in rep.queries}
    moved = by_name["participant_enrollments"]
    assert moved.changed
    assert "Seq Scan enrollments" in moved.before_scans
    assert "enrollments_participant_idx" in moved.after_scans
    assert not by_name["workshop_by_id"].changed
    # scratch databases are gone
    with psycopg.connect(db_dsn, autocommit=True) as c:
        left = c.execute("SELECT datname FROM pg_database WHERE datname LIKE 'pgwarden_plans_%'").fetchall()
    assert left == []


def test_a_query_file_runs_exactly_one_statement(seeded: psycopg.Connection[Any], db_dsn: str,
                                                 tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "sneaky.sql").write_text("SELECT 1;\nCOMMIT;\nDROP TABLE workshops;\n")
    code, _, err = cli("--dsn", db_dsn, "plans", "check", "--analyze", str(folder),
                       "--baseline", str(tmp_path / "p.json"))
    assert code == 2 and "holds 3 statements" in err
    assert seeded.execute("SELECT to_regclass('workshops') IS NOT NULL").fetchone() == (True,)
    # comments around the one statement are fine; only the statement is sent
    (folder / "sneaky.sql").write_text("-- a title\nSELECT title FROM workshops WHERE id = 7;\n-- end\n")
    (query,) = load_queries(folder)
    assert query.text == "SELECT title FROM workshops WHERE id = 7"
