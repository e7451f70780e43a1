"""Round 5 of the linter's precision (issue 15, held-out-6's misses and false alarms), against
a real server: the casts a CREATE EXTENSION (citext) or a CREATE CAST … WITHOUT FUNCTION adds
are known to a later ALTER COLUMN … TYPE of the same run (the relfilenode stays: no rewrite);
``col <> upper(col)`` is tested on pg_stats' common values (a batch over already-normalised
rows locks none); a column against another expression of itself gets the planner's ``<>``
default; ``SELECT … FOR UPDATE`` row-locks what its WHERE matches until COMMIT (a writer
times out, or goes through, on each)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.lint.catalog import read
from tests.analyzers.lint_helpers import relfilenode as _relfilenode
from tests.analyzers.lint_helpers import rules_and_tiers as _rules

SCHEMA = """
CREATE TABLE shop (id bigint PRIMARY KEY, email varchar(200) NOT NULL, qty int);
INSERT INTO shop SELECT g, 'u' || g || '@example.org', g % 7 FROM generate_series(1, 20000) g;
ANALYZE shop;
"""




def test_citext_casts_of_create_extension_are_known(db_dsn: str,
                                                    conn: psycopg.Connection[Any]) -> None:
    """``CREATE EXTENSION citext`` then ``ALTER COLUMN email TYPE citext`` (varchar(200)): the
    extension's script creates ``CAST (varchar AS citext) WITHOUT FUNCTION``, so PostgreSQL only
    relabels the column. The old linter read the catalog's casts from before the extension
    existed and reported a rewrite. A change citext cannot relabel (integer → citext) still
    rewrites and stays a hazard, and so does one with no citext in the catalog or the file."""
    if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'citext'").fetchone() is None:
        pytest.skip("citext is not installed on this server")
    conn.execute(SCHEMA)
    cat = read(db_dsn)  # before the extension exists: no citext casts in pg_cast
    change = "CREATE EXTENSION IF NOT EXISTS citext;\nALTER TABLE shop ALTER COLUMN email TYPE citext;\n"
    assert _rules(change, catalog=cat) == []
    assert _rules(change) == []  # without the catalog: the old type is taken to be text/varchar
    no_ext = "ALTER TABLE shop ALTER COLUMN email TYPE citext;\n"
    assert _rules(no_ext, catalog=cat) == [("rewrite-column-type", "hazard")]
    from_int = "CREATE EXTENSION IF NOT EXISTS citext;\nALTER TABLE shop ALTER COLUMN qty TYPE citext;\n"
    assert _rules(from_int, catalog=cat) == [("rewrite-column-type", "hazard")]
    before = _relfilenode(conn, "shop")
    for s in change.strip().split(";\n"):
        conn.execute(s.rstrip(";"))
    assert _relfilenode(conn, "shop") == before
    conn.execute("ALTER TABLE shop ALTER COLUMN qty TYPE citext")
    assert _relfilenode(conn, "shop") != before


def test_create_cast_without_function_is_known(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """A domain-free binary cast the migration creates itself (CREATE CAST … WITHOUT FUNCTION)
    makes a later type change a relabel, as pg_cast does; a cast WITH FUNCTION does not."""
    conn.execute(SCHEMA)
    conn.execute("CREATE TYPE shoptext")
    conn.execute("CREATE FUNCTION shoptext_in(cstring) RETURNS shoptext LANGUAGE internal "
                 "IMMUTABLE STRICT AS 'textin'")
    conn.execute("CREATE FUNCTION shoptext_out(shoptext) RETURNS cstring LANGUAGE internal "
                 "IMMUTABLE STRICT AS 'textout'")
    conn.execute("CREATE TYPE shoptext (INPUT = shoptext_in, OUTPUT = shoptext_out, "
                 "LIKE = text, CATEGORY = 'S')")
    cat = read(db_dsn)
    relabel = ("CREATE CAST (varchar AS shoptext) WITHOUT FUNCTION AS ASSIGNMENT;\n"
               "ALTER TABLE shop ALTER COLUMN email TYPE shoptext;\n")
    assert _rules(relabel, catalog=cat) == []
    assert _rules(relabel.split("\n", 1)[1], catalog=cat) == [("rewrite-column-type", "hazard")]
    before = _relfilenode(conn, "shop")
    for s in relabel.strip().split(";\n"):
        conn.execute(s.rstrip(";"))
    assert _relfilenode(conn, "shop") == before


BATCHES = """CREATE PROCEDURE fold_codes() LANGUAGE plpgsql AS $$
DECLARE lo bigint := 0; hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM codes;
    WHILE lo < hi LOOP
        UPDATE codes SET code = upper(code) WHERE id > lo AND id <= lo + 20000 AND code <> upper(code);
        lo := lo + 20000;
        COMMIT;
    END LOOP;
END $$;
CALL fold_codes();
"""


@pytest.mark.parametrize("mixed", [False, True])
def test_already_normalised_rows_are_not_a_batch(db_dsn: str, conn: psycopg.Connection[Any],
                                                 mixed: bool) -> None:
    """``WHERE … AND code <> upper(code)`` in batches of 20,000 keys: with every common value
    already upper case (pg_stats' most common values), each batch updates and row-locks no
    row, and a writer of a row in the range goes straight through; the old linter took every
    key of the range as a row to update (~350 ms of row locks a batch). When the common values
    are mixed case the batch does update its rows: a hazard still, and a writer times out."""
    conn.execute("CREATE TABLE codes (id bigint PRIMARY KEY, code text NOT NULL)")
    conn.execute("INSERT INTO codes SELECT g, (ARRAY['EUR', 'USD', %s])[g %% 3 + 1] "
                 "FROM generate_series(1, 60000) g", ("pln" if mixed else "PLN",))
    conn.execute("ANALYZE codes")
    cat = read(db_dsn)
    found = _rules(BATCHES, catalog=cat)
    assert found == ([("backfill-batch-too-large", "hazard")] if mixed else [])
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as writer:
        a.execute("UPDATE codes SET code = upper(code) WHERE id > 0 AND id <= 20000 "
                  "AND code <> upper(code)")
        writer.execute("SET lock_timeout = '200ms'")
        if mixed:
            with pytest.raises(psycopg.errors.LockNotAvailable):
                writer.execute("UPDATE codes SET code = code WHERE id = 2")
        else:
            writer.execute("UPDATE codes SET code = code WHERE id = 2")
        a.rollback()


@pytest.mark.parametrize("filled", [True, False])
def test_column_against_an_expression_of_itself(db_dsn: str, conn: psycopg.Connection[Any],
                                                filled: bool) -> None:
    """``UPDATE … WHERE price <> round(price, 1)`` in one statement: with the column's
    statistics (--dsn) the planner's default for ``<>`` over its non-null rows applies — nearly
    all of 200,000 rows, row-locked to COMMIT (a writer times out). The old linter took any
    comparison with an expression of the row as a batch and said nothing. When the column is
    NULL in all but a few rows, the same UPDATE touches only those and stays quiet; without the
    catalog (no statistics) it is left alone as before."""
    conn.execute("CREATE TABLE prices (id bigint PRIMARY KEY, price numeric)")
    conn.execute("INSERT INTO prices SELECT g, CASE WHEN %s OR g <= 20 THEN g * 1.37 END "
                 "FROM generate_series(1, 200000) g", (filled,))
    conn.execute("ANALYZE prices")
    cat = read(db_dsn)
    text = "UPDATE prices SET price = round(price, 1) WHERE price <> round(price, 1);\n"
    assert _rules(text, catalog=cat) == ([("backfill-whole-table", "hazard")] if filled else [])
    assert _rules(text) == []
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as writer:
        a.execute(text)
        writer.execute("SET lock_timeout = '200ms'")
        if filled:
            with pytest.raises(psycopg.errors.LockNotAvailable):
                writer.execute("UPDATE prices SET price = 1 WHERE id = 150001")
        else:
            writer.execute("UPDATE prices SET price = 1 WHERE id = 150001")
        a.rollback()


@pytest.mark.parametrize(("query", "hazard"), [
    ("SELECT id FROM members WHERE status = 'active' FOR UPDATE", True),
    ("SELECT count(*) FROM (SELECT id FROM members WHERE status = 'active' FOR UPDATE) l", True),
    ("SELECT id FROM members WHERE status = 'active' FOR SHARE", True),
    ("SELECT id FROM members WHERE status = 'active' LIMIT 10 FOR UPDATE", False),
    ("SELECT id FROM members WHERE status = 'active' FOR UPDATE SKIP LOCKED", True),
    ("SELECT id FROM members WHERE status = 'gone' FOR UPDATE", False),
    ("SELECT id FROM members WHERE status = 'active' FOR KEY SHARE", False),
])
def test_select_for_update_of_many_rows(db_dsn: str, conn: psycopg.Connection[Any], query: str,
                                        hazard: bool) -> None:
    """``SELECT … FOR UPDATE`` (also in a subquery) row-locks every row its WHERE matches until
    COMMIT, as an UPDATE of them would: 200,000 active members by the statistics, and a writer
    of one of them times out. The old linter said nothing about it. SKIP LOCKED without a LIMIT
    still locks them all; a LIMIT, a WHERE matching no row, or FOR KEY SHARE (blocks no UPDATE
    of a non-key column) stay quiet."""
    conn.execute("CREATE TABLE members (id bigint PRIMARY KEY, status text NOT NULL, n int)")
    conn.execute("INSERT INTO members SELECT g, 'active', 0 FROM generate_series(1, 200000) g")
    conn.execute("ANALYZE members")
    cat = read(db_dsn)
    text = f"BEGIN;\n{query};\nUPDATE members SET n = 1 WHERE id = 1;\nCOMMIT;\n"
    assert _rules(text, catalog=cat) == ([("backfill-whole-table", "hazard")] if hazard else [])
    with psycopg.connect(db_dsn) as a, psycopg.connect(db_dsn, autocommit=True) as writer:
        a.execute(query)
        writer.execute("SET lock_timeout = '200ms'")
        if hazard:
            with pytest.raises(psycopg.errors.LockNotAvailable):
                writer.execute("UPDATE members SET n = 2 WHERE id = 150001")
        else:
            writer.execute("UPDATE members SET n = 2 WHERE id = 150001")
        a.rollback()
