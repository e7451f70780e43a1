"""Round 4 of the linter's precision (issue 15, held-out-5's misses), against a real server:
what a DO block runs is linted (a CREATE INDEX behind ``EXECUTE '…'``), and the locks TRUNCATE,
CREATE TRIGGER and ALTER TABLE … RENAME TO take are held to COMMIT while later statements of the
transaction work (checked with a writer that times out on the lock)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.analyzers.lint import lint_sql
from pgwarden.analyzers.lint.catalog import read
from tests.analyzers.lint_helpers import rules_and_tiers as _rules

SCHEMA = """
CREATE TABLE shop (id bigint PRIMARY KEY, status text NOT NULL, shipped_at timestamp, qty int);
INSERT INTO shop SELECT g, 'new', NULL, g % 7 FROM generate_series(1, 20000) g;
CREATE TABLE shop_copy (LIKE shop);
"""

TRIGGER_FN = ("CREATE FUNCTION shop_lower() RETURNS trigger LANGUAGE plpgsql AS "
              "$$ BEGIN NEW.status := lower(NEW.status); RETURN NEW; END $$")



def _writer_waits(db_dsn: str, ddl: list[str], table: str, work: str, after: str) -> None:
    """Session A runs ``ddl`` then ``work`` in one open transaction: a writer of ``table`` (the
    name the application knows) times out on the lock A holds; after A commits, a write (to
    ``after``, the table's name then) goes through."""
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as writer:
        for s in ddl:
            a.execute(s)
        a.execute(work)
        writer.execute("SET lock_timeout = '200ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            writer.execute(sql.SQL("INSERT INTO {} (id, status) VALUES (-1, 'w')").format(
                sql.Identifier(table)))
        a.commit()
        writer.execute(sql.SQL("INSERT INTO {} (id, status) VALUES (-2, 'w')").format(
            sql.Identifier(after)))


def test_do_block_execute_of_a_constant_is_linted(db_dsn: str,
                                                  conn: psycopg.Connection[Any]) -> None:
    """``DO … EXECUTE 'CREATE INDEX …'`` (the idempotent-migration idiom) builds the index under
    SHARE, writers waiting for the whole build — as the plain statement does. The old linter
    never looked inside the block."""
    text = ("DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'shop_x') THEN\n"
            "    EXECUTE 'CREATE INDEX shop_x ON shop (shipped_at)';\n  END IF;\nEND\n$$;\n")
    assert _rules(text) == [("index-not-concurrent", "hazard")]
    static = "DO $$\nBEGIN\n  CREATE INDEX shop_y ON shop (qty);\nEND\n$$;\n"
    assert _rules(static) == [("index-not-concurrent", "hazard")]
    conn.execute(SCHEMA)
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as probe:
        a.execute(text.replace("DO $$", "DO $do$").replace("$$;", "$do$;"))
        modes = {r[0] for r in probe.execute(
            "SELECT mode FROM pg_locks WHERE relation = 'shop'::regclass AND granted")}
        assert "ShareLock" in modes  # CREATE INDEX's lock: it blocks INSERT/UPDATE/DELETE
        a.rollback()


def test_do_block_safe_statements_stay_clean() -> None:
    """The neighbouring safe cases: a DO block adding a NOT VALID CHECK (the idempotent
    constraint idiom), and one building an index on a table the same migration created."""
    not_valid = ("DO $$\nBEGIN\n  EXECUTE 'ALTER TABLE shop ADD CONSTRAINT shop_qty CHECK (qty >= 0) "
                 "NOT VALID';\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND\n$$;\n")
    assert _rules(not_valid) == []
    new_table = ("CREATE TABLE fresh (id int, at date);\n"
                 "DO $$\nBEGIN\n  CREATE INDEX fresh_at ON fresh (at);\nEND\n$$;\n")
    assert _rules(new_table) == []
    dynamic = "DO $$\nBEGIN\n  EXECUTE format('CREATE INDEX %I ON shop (qty)', 'i');\nEND\n$$;\n"
    assert _rules(dynamic) == []  # text built at run time: nothing the linter can read


@pytest.mark.parametrize(("ddl", "work", "locked"), [
    (["TRUNCATE shop"], "INSERT INTO shop SELECT * FROM shop_copy", "shop"),
    ([TRIGGER_FN, "CREATE TRIGGER shop_lower BEFORE INSERT OR UPDATE ON shop "
                  "FOR EACH ROW EXECUTE FUNCTION shop_lower()"],
     "UPDATE shop SET status = lower(status) WHERE status <> lower(status)", "shop"),
    (["ALTER TABLE shop RENAME TO shop_old"], "INSERT INTO shop_copy SELECT * FROM shop_old",
     "shop_old"),
])
def test_ddl_lock_held_across_work_blocks_writers(db_dsn: str, conn: psycopg.Connection[Any],
                                                  ddl: list[str], work: str, locked: str) -> None:
    """TRUNCATE (ACCESS EXCLUSIVE), CREATE TRIGGER (SHARE ROW EXCLUSIVE) and RENAME TO (ACCESS
    EXCLUSIVE) keep their lock to COMMIT: a statement that works through data after them in the
    same transaction blocks writers for all of its work. The old linter saw only LOCK TABLE."""
    text = "BEGIN;\n" + "".join(f"{s};\n" for s in ddl) + f"{work};\nCOMMIT;\n"
    found = [r for r in lint_sql(text).findings if r.rule == "lock-held-across-work"]
    assert [(f.tier, locked in f.message) for f in found] == [("hazard", True)]
    conn.execute(SCHEMA)
    conn.execute("INSERT INTO shop_copy SELECT * FROM shop")
    _writer_waits(db_dsn, ddl, "shop", work, locked)


@pytest.mark.parametrize("ddl", [
    "TRUNCATE shop",
    "CREATE TRIGGER shop_lower BEFORE INSERT ON shop FOR EACH ROW EXECUTE FUNCTION shop_lower()",
    "ALTER TABLE shop RENAME TO shop_old",
])
def test_ddl_lock_without_work_after_it_stays_clean(ddl: str) -> None:
    """The neighbouring safe cases: the same DDL followed only by INSERT … VALUES in its
    transaction, and the DDL in autocommit before the work (its lock is gone by then)."""
    in_tx = f"BEGIN;\n{ddl};\nINSERT INTO audit (note) VALUES ('done');\nCOMMIT;\n"
    assert "lock-held-across-work" not in {f.rule for f in lint_sql(in_tx).findings}
    copy = "INSERT INTO shop_copy SELECT * FROM shop_copy;\n"
    autocommit = ddl + ";\n" + copy
    assert "lock-held-across-work" not in {f.rule for f in lint_sql(autocommit).findings}


def _relfilenode(c: psycopg.Connection[Any], table: str) -> int:
    row = c.execute("SELECT relfilenode FROM pg_class WHERE oid = %s::regclass", [table]).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize(("table", "statement", "rewrites"), [
    ("shop", "ALTER TABLE shop SET LOGGED", False),        # already logged: nothing to do
    ("scratch", "ALTER TABLE scratch SET UNLOGGED", False),  # already unlogged
    ("scratch", "ALTER TABLE scratch SET LOGGED", True),   # the neighbouring rewrite
    ("shop", "ALTER TABLE shop SET UNLOGGED", True),
])
def test_set_logged_judged_from_the_catalog(db_dsn: str, conn: psycopg.Connection[Any],
                                            table: str, statement: str, rewrites: bool) -> None:
    """With --dsn the linter knows each table's persistence (pg_class.relpersistence): SET
    LOGGED on a table that is already logged (or SET UNLOGGED on an unlogged one) is a no-op in
    PostgreSQL, the relfilenode unchanged; the old linter reported a rewrite for it anyway. The
    other direction rewrites and stays a hazard; without the catalog every one is reported."""
    conn.execute(SCHEMA)
    conn.execute("CREATE UNLOGGED TABLE scratch AS SELECT * FROM shop")
    conn.execute("ANALYZE shop")
    conn.execute("ANALYZE scratch")
    cat = read(db_dsn)
    expected = [("rewrite-set-logged", "hazard")] if rewrites else []
    assert sorted((f.rule, f.tier) for f in lint_sql(statement + ";", catalog=cat).findings) == \
        expected
    assert _rules(statement + ";") == [("rewrite-set-logged", "hazard")]
    # the migration's own statements are followed: a table it made unlogged is unlogged
    flip = "ALTER TABLE shop SET UNLOGGED;\nALTER TABLE shop SET UNLOGGED;\n"
    assert len(lint_sql(flip, catalog=cat).findings) == 1
    with psycopg.connect(db_dsn, autocommit=True) as c:
        before = _relfilenode(c, table)
        c.execute(statement)
        assert (_relfilenode(c, table) != before) is rewrites


def test_last_n_of_an_integer_key_is_a_small_backfill(db_dsn: str,
                                                      conn: psycopg.Connection[Any]) -> None:
    """``WHERE id > (SELECT max(id) - N FROM t)`` touches the last N keys, whatever the table's
    size; the planner's default for a subquery (a third of the table) made the old linter
    report a 33,000-row backfill for a 1,000-row UPDATE. A wider window, or a subquery with its
    own WHERE (its max can be anywhere: every row above it matches too), stays a hazard."""
    conn.execute("CREATE TABLE ledger (id bigint PRIMARY KEY, status text, note text)")
    conn.execute("INSERT INTO ledger SELECT g, (ARRAY['new','paid'])[1 + g % 2], NULL "
                 "FROM generate_series(1, 100000) g")
    conn.execute("VACUUM ANALYZE ledger")
    cat = read(db_dsn)
    small = "UPDATE ledger SET note = 'x' WHERE id > (SELECT max(id) - 1000 FROM ledger);"
    outside = "UPDATE ledger SET note = 'x' WHERE id >= (SELECT max(id) FROM ledger) - 1000;"
    for text in (small, outside):
        assert [f.rule for f in lint_sql(text, catalog=cat).findings if f.tier == "hazard"] == []
    wide = "UPDATE ledger SET note = 'x' WHERE id > (SELECT max(id) - 40000 FROM ledger);"
    scoped = ("UPDATE ledger SET note = 'x' "
              "WHERE id > (SELECT max(id) - 1000 FROM ledger WHERE id <= 50000);")
    for text in (wide, scoped):
        assert [f.rule for f in lint_sql(text, catalog=cat).findings if f.tier == "hazard"] == \
            ["backfill-whole-table"]
    # what the server does: the window's rows, not a third of the table
    with psycopg.connect(db_dsn) as c:
        assert c.execute(small).rowcount == 1000
        assert c.execute(outside).rowcount == 1001
        assert c.execute(scoped).rowcount == 51000  # every row above the subquery's own max
        c.rollback()


def test_upsert_from_a_whole_relation_is_a_backfill(db_dsn: str,
                                                    conn: psycopg.Connection[Any]) -> None:
    """``INSERT … SELECT … FROM feed ON CONFLICT (id) DO UPDATE`` updates (and row-locks, to
    COMMIT) every row of the table whose key the feed has: a writer of one of them waits. The
    old linter saw an INSERT and nothing else. Neighbours: the upsert of a VALUES list, ON
    CONFLICT DO NOTHING, and — with the catalog — a feed of 100 rows stay clean."""
    conn.execute(SCHEMA)
    conn.execute("CREATE TABLE feed (id bigint PRIMARY KEY, qty int)")
    conn.execute("INSERT INTO feed SELECT id, qty + 1 FROM shop")
    conn.execute("CREATE TABLE small_feed (id bigint PRIMARY KEY, qty int)")
    conn.execute("INSERT INTO small_feed SELECT g, 1 FROM generate_series(1, 100) g")
    for t in ("shop", "feed", "small_feed"):
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(t)))
    cat = read(db_dsn)
    upsert = ("INSERT INTO shop (id, status, qty) SELECT f.id, 'new', f.qty FROM {} f "
              "ON CONFLICT (id) DO UPDATE SET qty = EXCLUDED.qty;")
    whole = upsert.format("feed")
    for kw in ({}, {"catalog": cat}):
        assert [(f.rule, f.tier) for f in lint_sql(whole, **kw).findings] == \
            [("backfill-whole-table", "hazard")]
    assert [f.rule for f in lint_sql(upsert.format("small_feed"), catalog=cat).findings
            if f.tier == "hazard"] == []
    values = ("INSERT INTO shop (id, status, qty) VALUES (1, 'new', 3), (2, 'new', 4) "
              "ON CONFLICT (id) DO UPDATE SET qty = EXCLUDED.qty;")
    nothing = "INSERT INTO shop (id, status, qty) SELECT id, 'new', qty FROM feed ON CONFLICT DO NOTHING;"
    assert _rules(values) == [] and _rules(nothing) == []
    # what the server does: every conflicting row is updated and locked until COMMIT
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as writer:
        assert a.execute(whole).rowcount == 20000
        writer.execute("SET lock_timeout = '200ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            writer.execute("UPDATE shop SET status = 'w' WHERE id = 12345")
        a.commit()
        writer.execute("UPDATE shop SET status = 'w' WHERE id = 12345")
