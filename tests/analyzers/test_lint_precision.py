"""The linter's precision (issue 15) against a real server: the breaking tier and --fail-on,
table sizes downgrading a small table's blocking work to advice (and the claim checked by
timing the work), the WHERE estimate of a backfill checked against the planner's own EXPLAIN,
and timestamp → timestamptz judged from the session TimeZone (checked by relfilenode)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pglast import parse_sql
from psycopg import sql

from pgwarden.analyzers.lint import lint_sql
from pgwarden.analyzers.lint.catalog import read
from pgwarden.analyzers.lint.model import State
from pgwarden.analyzers.lint.sizes import SMALL_WORK_S, matched_rows, touched_fraction

Cli = Callable[..., tuple[int, str, str]]

SCHEMA = """
CREATE TABLE small (id bigint PRIMARY KEY, note text, at timestamp);
INSERT INTO small SELECT g, 'n' || g, timestamp '2025-01-01' + g * interval '1 min'
FROM generate_series(1, 2000) g;
CREATE TABLE big (id bigint PRIMARY KEY, total numeric(12,2), status text, note text);
INSERT INTO big SELECT g, g % 1000 + 0.5, (ARRAY['new','paid','shipped'])[1 + g % 3],
       CASE WHEN g % 50 = 0 THEN 'x' END
FROM generate_series(1, 300000) g;
CREATE TABLE unanalyzed (id bigint, note text);
CREATE TABLE ev (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE ev_2 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO ev SELECT g, timestamptz '2025-01-01' + g * interval '2 min' FROM generate_series(1, 400000) g;
"""


def _setup(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA)
    conn.execute("VACUUM ANALYZE small")
    conn.execute("VACUUM ANALYZE big")
    conn.execute("VACUUM ANALYZE ev_1")
    conn.execute("VACUUM ANALYZE ev_2")
    conn.execute("ANALYZE ev")
    # rows, but never vacuumed or analyzed: reltuples is -1, the size unknown
    conn.execute("INSERT INTO unanalyzed SELECT g, 'n' FROM generate_series(1, 1000) g")


def _tiers(sql_text: str, **kw: Any) -> list[tuple[str, str]]:
    return sorted((f.rule, f.tier) for f in lint_sql(sql_text, **kw).findings)


def test_breaking_tier_fails_only_with_fail_on(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "m.sql"
    f.write_text("ALTER TABLE users DROP COLUMN notes;\nALTER TABLE users RENAME TO accounts;\n")
    code, out, _ = cli("lint", str(f))
    assert code == 0, out
    assert "drop-column (BREAKING)" in out
    assert "2 finding(s) (2 breaking, not failing without --fail-on breaking)" in out
    assert cli("lint", "--fail-on", "lock,breaking", str(f))[0] == 1
    assert cli("lint", "--fail-on", "breaking", str(f))[0] == 1
    assert cli("lint", "--strict", str(f))[0] == 1
    assert cli("lint", "--fail-on", "advice", str(f))[0] == 0
    code, out, _ = cli("lint", "--json", "--fail-on", "breaking", str(f))
    data = json.loads(out)
    assert data["breaking"] == 2 and data["fail_on"] == ["breaking", "lock"]
    assert {x["tier"] for x in data["findings"]} == {"breaking"}
    code, _, err = cli("lint", "--fail-on", "everything", str(f))
    assert code == 2 and "unknown --fail-on tier(s): everything" in err
    # a lock hazard fails whatever --fail-on says
    f.write_text("CREATE INDEX i ON users (email);\n")
    assert cli("lint", "--fail-on", "advice", str(f))[0] == 1


def test_fail_on_from_config(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "m.sql"
    f.write_text("DROP TABLE legacy;\n")
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text('[lint]\nfail_on = ["breaking"]\n')
    assert cli("lint", str(f))[0] == 0
    assert cli("--config", str(cfg), "lint", str(f))[0] == 1


def test_small_table_work_is_advice_and_really_short(db_dsn: str,
                                                     conn: psycopg.Connection[Any]) -> None:
    _setup(conn)
    cat = read(db_dsn)
    assert cat.stats.sizes["small"].rows == pytest.approx(2000, rel=0.05)
    assert cat.stats.sizes["unanalyzed"].rows is None
    assert cat.stats.sizes["ev"].rows == pytest.approx(400000, rel=0.05)  # summed over partitions
    assert "ev_1" in cat.partitions
    # without the catalog every non-concurrent build is a hazard
    assert _tiers("CREATE INDEX small_note ON small (note);") == [("index-not-concurrent", "hazard")]
    report = lint_sql("CREATE INDEX small_note ON small (note);", catalog=cat)
    assert [(f.rule, f.tier) for f in report.findings] == [("index-not-concurrent", "advice")]
    assert "ms of work by the catalog's sizes" in report.findings[0].message
    assert report.exit_code == 0
    for stmt in ("CREATE INDEX big_note ON big (note);",
                 "VACUUM FULL big;",
                 "CREATE INDEX unanalyzed_note ON unanalyzed (note);",  # size unknown
                 "CREATE INDEX ev_at ON ev (at);",                      # the whole tree is built
                 "CREATE INDEX big_trgm ON big USING gin (status gin_trgm_ops);"):
        assert [t for _, t in _tiers(stmt, catalog=cat)] == ["hazard"], stmt
    assert _tiers("ALTER TABLE small ADD CONSTRAINT small_ck CHECK (id > 0);", catalog=cat) == \
        [("check-not-valid-missing", "advice")]
    # a rewrite is a lock hazard however small the table (the definition)
    assert _tiers("VACUUM FULL small;", catalog=cat) == [("vacuum-full", "hazard")]
    # a CHECK on 300,000 rows is not: scans are budgeted at the slowest measured (781,000 rows/s)
    assert _tiers("ALTER TABLE big ADD CONSTRAINT big_ck CHECK (total > 0);", catalog=cat) == \
        [("check-not-valid-missing", "hazard")]
    # a FOREIGN KEY also reads the referenced table: small → big is not small work
    assert _tiers("ALTER TABLE small ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES big (id);",
                  catalog=cat) == [("foreign-key-not-valid-missing", "hazard")]
    # the claim itself: the work on the small table really ends well inside lock_timeout (2 s),
    # the one on the big table takes longer than the budget
    for stmt in ("CREATE INDEX small_note ON small (note)",
                 "ALTER TABLE small ADD CONSTRAINT small_ck CHECK (id > 0)"):
        t0 = time.perf_counter()
        conn.execute(stmt)  # type: ignore[arg-type]
        assert time.perf_counter() - t0 < 2.0, stmt
    t0 = time.perf_counter()
    conn.execute("CREATE INDEX big_note ON big (note)")
    assert time.perf_counter() - t0 > SMALL_WORK_S / 4


def _explain_rows(conn: psycopg.Connection[Any], table: str, where: str) -> float:
    plan = conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) SELECT 1 FROM {} WHERE ").format(
        sql.Identifier(table)) + sql.SQL(where)).fetchone()  # type: ignore[operator]
    assert plan is not None
    return float(plan[0][0]["Plan"]["Plan Rows"])


def test_where_estimate_matches_the_planner(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    _setup(conn)
    cat = read(db_dsn)
    state = State()
    cat.seed(state)
    for where in ("total IS NOT NULL", "note IS NULL", "note IS NOT NULL", "status = 'paid'",
                  "status <> 'paid'", "status IN ('new', 'paid')", "total < 100",
                  "total >= 900.5", "id <= 1000", "id BETWEEN 1000 AND 50000",
                  "status = 'paid' AND note IS NULL", "status = 'new' OR total < 10",
                  "NOT (total < 500)"):
        text = f"SELECT 1 FROM big WHERE {where}"  # noqa: S608 - parsed by pglast, never run
        node: Any = parse_sql(text)[0].stmt.whereClause
        ours = matched_rows(state, "big", node)
        theirs = _explain_rows(conn, "big", where)
        assert ours is not None, where
        # the same statistics, the same formulas for these clauses: within 25 % or 500 rows
        assert abs(ours - theirs) <= max(0.25 * theirs, 500), (where, ours, theirs)
    node = parse_sql("SELECT 1 FROM big WHERE lower(status) = 'x'")[0].stmt.whereClause
    assert matched_rows(state, "big", node) is None  # an expression: unknown, no guess


def test_backfill_matching_most_rows_is_a_hazard(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    _setup(conn)
    cat = read(db_dsn)
    every = "UPDATE big SET note = 'y' WHERE total IS NOT NULL;"
    # without statistics, the planner's defaults: IS NOT NULL keeps 99.5 % of the rows
    assert _tiers(every) == [("backfill-whole-table", "hazard")]
    assert "by the planner's default selectivities" in lint_sql(every).findings[0].message
    report = lint_sql(every, catalog=cat)
    assert [(f.rule, f.tier) for f in report.findings] == [("backfill-whole-table", "hazard")]
    assert "matches ~300,000 of 300,000 rows" in report.findings[0].message
    assert _tiers("UPDATE big SET note = 'y' WHERE id <= 1000;", catalog=cat) == []
    # 1/3 of 2 %: ~2,000 rows, a batch; a third of the table is not
    assert _tiers("DELETE FROM big WHERE status = 'paid' AND note IS NOT NULL;", catalog=cat) == []
    assert _tiers("DELETE FROM big WHERE note IS NOT NULL OR status = 'paid';", catalog=cat) == \
        [("backfill-whole-table", "hazard")]
    # a column this migration added without a default is NULL in every row
    assert _tiers("ALTER TABLE big ADD COLUMN cents bigint;\n"
                  "UPDATE big SET cents = total * 100 WHERE cents IS NULL;", catalog=cat) == \
        [("backfill-whole-table", "hazard")]
    # no WHERE on a small table: a short statement, advice
    assert _tiers("UPDATE small SET note = 'z';", catalog=cat) == [("backfill-whole-table", "advice")]
    # the claim: the whole-table UPDATE of big holds its row locks longer than the budget
    t0 = time.perf_counter()
    conn.execute(every)
    assert time.perf_counter() - t0 > SMALL_WORK_S


def _relfilenode(conn: psycopg.Connection[Any], table: str) -> int:
    row = conn.execute("SELECT relfilenode FROM pg_class WHERE relname = %s", (table,)).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("zone,rewrites", [("UTC", False), ("Etc/UTC", False),
                                           ("Europe/Warsaw", True)])
def test_timestamptz_judged_from_the_session_timezone(db_dsn: str, conn: psycopg.Connection[Any],
                                                      zone: str, rewrites: bool) -> None:
    conn.execute(SCHEMA.split("CREATE TABLE big")[0])
    dbname = conn.info.dbname
    conn.execute(sql.SQL("ALTER DATABASE {} SET timezone = {}").format(sql.Identifier(dbname),
                                                                      sql.Literal(zone)))
    cat = read(db_dsn)
    assert cat.timezone == zone
    alter = "ALTER TABLE small ALTER COLUMN at TYPE timestamptz;"
    expected = [("rewrite-column-type", "hazard")] if rewrites else []
    assert _tiers(alter, catalog=cat) == expected
    # the file's own SET wins over the server's setting
    assert _tiers("SET timezone = 'UTC';\n" + alter, catalog=cat) == []
    assert _tiers("SET timezone = 'America/New_York';\n" + alter, catalog=cat) == \
        [("rewrite-column-type", "hazard")]
    assert _tiers("SET timezone = 'America/New_York';\nRESET timezone;\n" + alter, catalog=cat) \
        == expected
    # what the server really does, in a new session that gets the database's TimeZone
    with psycopg.connect(db_dsn, autocommit=True) as c:
        before = _relfilenode(c, "small")
        c.execute(alter)
        assert (_relfilenode(c, "small") != before) is rewrites


def test_where_defaults_and_joins_match_the_planner(db_dsn: str,
                                                    conn: psycopg.Connection[Any]) -> None:
    """A value only known when the statement runs (a subquery) gets the planner's default
    selectivity, now() is folded to the current time as the planner folds it, and an
    UPDATE … FROM / DELETE … USING touches the target rows the other side supplies."""
    _setup(conn)
    cat = read(db_dsn)
    state = State()
    cat.seed(state)
    for table, where in (("big", "id < (SELECT max(id) - 1000 FROM big)"),
                         ("big", "status = 'paid' AND total > (SELECT avg(total) FROM big)"),
                         ("small", "at < now() - interval '7 days'"),
                         ("small", "at > now()")):
        text = f"DELETE FROM {table} WHERE {where}"  # noqa: S608 - parsed by pglast, never run
        frac = touched_fraction(state, table, parse_sql(text)[0].stmt)
        rows = cat.stats.sizes[table].rows
        theirs = _explain_rows(conn, table, where)
        assert frac is not None and rows is not None, where
        assert abs(frac * rows - theirs) <= max(0.25 * theirs, 500), (where, frac * rows, theirs)
    whole = ("UPDATE big b SET note = s.x FROM (SELECT id, 'y' AS x FROM big) s "
             "WHERE s.id = b.id;")
    assert _tiers(whole) == [("backfill-whole-table", "hazard")]
    assert _tiers(whole, catalog=cat) == [("backfill-whole-table", "hazard")]
    # restricted on the other side (one customer), or the other side's rows are few (orphans)
    assert _tiers("UPDATE big b SET note = s.note FROM small s WHERE s.id = b.id AND s.id = 7;",
                  catalog=cat) == []
    assert _tiers("DELETE FROM big b USING (SELECT b2.id FROM big b2 LEFT JOIN small s "
                  "ON s.id = b2.id WHERE s.id IS NULL AND b2.status = 'x') o WHERE o.id = b.id;") \
        == []
    # the claim: the UPDATE … FROM touches (and row-locks until COMMIT) every row of big
    with psycopg.connect(db_dsn) as c:
        touched = c.execute(whole.rstrip(";")).rowcount  # type: ignore[arg-type]
        c.rollback()
    assert touched == 300000


def test_statement_timeout_bounds_the_lock(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """A statement_timeout within the 100 ms budget cancels the statement before its lock has
    blocked anyone for long: no lock hazard. With the sizes, work longer than the timeout means
    the migration fails (breaking); without them, advice."""
    _setup(conn)
    cat = read(db_dsn)
    text = ("SET statement_timeout = '50ms';\nUPDATE big SET note = upper(note) "
            "WHERE note IS NOT NULL OR status = 'paid';\nRESET statement_timeout;\n")
    assert _tiers(text) == [("backfill-whole-table", "advice")]
    report = lint_sql(text, catalog=cat)
    assert [(f.rule, f.tier) for f in report.findings] == [("backfill-whole-table", "breaking")]
    assert "statement_timeout 50 ms cancels it" in report.findings[0].message
    assert report.exit_code == 0 and lint_sql(text, catalog=cat, fail_on=("breaking",)).exit_code == 1
    # SET LOCAL lasts to the end of the transaction; a long timeout bounds nothing
    assert _tiers("BEGIN;\nSET LOCAL statement_timeout = 50;\nCOMMIT;\nUPDATE big SET note = 'y';\n"
                  , catalog=cat) == [("backfill-whole-table", "hazard")]
    assert _tiers("SET statement_timeout = '10min';\nUPDATE big SET note = 'y';\n", catalog=cat) \
        == [("backfill-whole-table", "hazard")]
    # what the server does: cancels it, and a writer waits at most about that long
    with psycopg.connect(db_dsn, autocommit=True) as c:
        c.execute("SET statement_timeout = '50ms'")
        t0 = time.perf_counter()
        with pytest.raises(psycopg.errors.QueryCanceled):
            c.execute("UPDATE big SET note = upper(note) WHERE note IS NOT NULL OR status = 'paid'")
        assert time.perf_counter() - t0 < 1.0
    assert conn.execute("SELECT count(*) FROM big WHERE note = 'X'").fetchone() == (0,)


def test_index_on_only_a_partitioned_table_builds_nothing(db_dsn: str,
                                                          conn: psycopg.Connection[Any]) -> None:
    _setup(conn)
    cat = read(db_dsn)
    assert "ev" in cat.partitioned and "big" not in cat.partitioned
    only = "CREATE INDEX ev_at ON ONLY ev (at);"
    assert _tiers(only) == [] and _tiers(only, catalog=cat) == []
    # ONLY on a plain table builds the index like any other
    assert _tiers("CREATE INDEX big_note ON ONLY big (note);", catalog=cat) == \
        [("index-not-concurrent", "hazard")]
    # the server: an INVALID index on the parent, no partition indexed, in no time
    t0 = time.perf_counter()
    conn.execute(only.rstrip(";"))  # type: ignore[arg-type]
    assert time.perf_counter() - t0 < SMALL_WORK_S * 5
    row = conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ev_at'::regclass") \
        .fetchone()
    assert row == (False,)
    assert conn.execute("SELECT count(*) FROM pg_index WHERE indrelid IN "
                        "('ev_1'::regclass, 'ev_2'::regclass)").fetchone() == (0,)


def test_lock_table_held_across_work_blocks_writers(db_dsn: str,
                                                    conn: psycopg.Connection[Any]) -> None:
    """LOCK TABLE … IN SHARE MODE then a copy of the table: a writer waits for the whole copy."""
    _setup(conn)
    text = ("CREATE TABLE big_copy (LIKE big);\nBEGIN;\nLOCK TABLE big IN SHARE MODE;\n"
            "INSERT INTO big_copy SELECT * FROM big;\nCOMMIT;\n")
    assert _tiers(text) == [("lock-held-across-work", "hazard")]
    conn.execute("CREATE TABLE big_copy (LIKE big)")
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as writer:
        a.execute("LOCK TABLE big IN SHARE MODE")
        a.execute("INSERT INTO big_copy SELECT * FROM big")
        writer.execute("SET lock_timeout = '200ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            writer.execute("UPDATE big SET note = 'w' WHERE id = 1")
        a.commit()
        writer.execute("UPDATE big SET note = 'w' WHERE id = 1")


def test_type_change_of_a_column_a_view_reads_fails(db_dsn: str,
                                                    conn: psycopg.Connection[Any]) -> None:
    """With the catalog the linter knows which columns views read: ALTER COLUMN … TYPE on one
    fails on the server whatever the types (breaking), and is no rewrite hazard."""
    conn.execute(SCHEMA.split("CREATE TABLE big")[0])
    conn.execute("CREATE VIEW small_days AS SELECT id, at::date AS day FROM small")
    cat = read(db_dsn)
    assert cat.view_columns[("small", "at")] == {"small_days"}
    alter = "ALTER TABLE small ALTER COLUMN at TYPE timestamptz USING at AT TIME ZONE 'UTC';"
    assert _tiers(alter) == [("rewrite-column-type", "hazard")]  # without the catalog: unknown
    assert _tiers(alter, catalog=cat) == [("column-type-used-by-view", "breaking")]
    # one ALTER TABLE: the failing subcommand fails the others too (nothing is rewritten)
    assert _tiers("ALTER TABLE small ALTER COLUMN note TYPE varchar(10), "
                  "ALTER COLUMN at TYPE timestamptz;", catalog=cat) == \
        [("column-type-used-by-view", "breaking")]
    # a column no view reads, and the view dropped first in the same migration
    assert _tiers("ALTER TABLE small ALTER COLUMN note TYPE varchar(10);", catalog=cat) == \
        [("rewrite-column-type", "hazard")]
    assert _tiers("DROP VIEW small_days;\n" + alter, catalog=cat) == \
        [("rewrite-column-type", "hazard")]
    with pytest.raises(psycopg.errors.FeatureNotSupported, match="used by a view or rule"):
        conn.execute(alter.rstrip(";"))  # type: ignore[arg-type]


def test_binary_coercible_casts_from_the_catalog(db_dsn: str,
                                                 conn: psycopg.Connection[Any]) -> None:
    """pg_cast's binary-coercible casts (castmethod 'b') make a type change a relabel: no
    rewrite, checked by the relfilenode."""
    conn.execute("CREATE EXTENSION IF NOT EXISTS citext")
    conn.execute("CREATE TABLE people (id int PRIMARY KEY, email varchar(200), code char(3))")
    conn.execute("INSERT INTO people SELECT g, 'p' || g || '@example.org', 'abc' "
                 "FROM generate_series(1, 1000) g")
    cat = read(db_dsn)
    assert ("varchar", "citext") in cat.binary_casts and ("text", "varchar") in cat.binary_casts
    free = "ALTER TABLE people ALTER COLUMN email TYPE citext;"
    rewrite = "ALTER TABLE people ALTER COLUMN code TYPE citext;"  # char → citext: a function
    assert _tiers(free) == [("rewrite-column-type", "hazard")]  # the old type is unknown
    assert _tiers(free, catalog=cat) == []
    assert _tiers(rewrite, catalog=cat) == [("rewrite-column-type", "hazard")]
    for stmt, rewrites in ((free, False), (rewrite, True)):
        before = _relfilenode(conn, "people")
        conn.execute(stmt.rstrip(";"))  # type: ignore[arg-type]
        assert (_relfilenode(conn, "people") != before) is rewrites, stmt
