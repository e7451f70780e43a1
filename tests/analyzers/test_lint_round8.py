"""Round 8 of the linter's precision (issue 15, held-out-9's false alarms), against a real
server (15 or 18): a normalising backfill's ``col <> f(col)`` (a case or blank fold, a
``round``/``trunc`` to a constant number of digits) is sized by testing the statistics' values
— the most common ones by their frequencies, the histogram's bounds as a sample of the rest,
as the planner's histogram_selectivity does — instead of the planner's default for ``<>``
(nearly every row)."""

from __future__ import annotations

from typing import Any

import psycopg

from pgwarden.analyzers.lint.catalog import read
from tests.analyzers.lint_helpers import rules_and_tiers as _rules


def _updated(dsn: str, sql_text: str) -> int:
    """Rows the server's UPDATE writes (rolled back)."""
    with psycopg.connect(dsn) as c:
        n = c.execute(sql_text).rowcount
        c.rollback()
    return n


def test_a_fold_the_histogram_shows_done_is_sized_by_its_sample(
        db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """``UPDATE … SET email = lower(email) WHERE email <> lower(email)`` on 100,000 distinct,
    already lower-case emails writes no row (the server's count), but the old linter took the
    planner's default for ``<>`` (99.5% of the rows, ~1.8 s of row locks: a hazard). The
    histogram's 100 bounds are all lower-case: now the share is the planner's floor, no
    finding. Where 30% of the emails are mixed-case the histogram shows it and the backfill
    stays a hazard (the server writes ~30,000 rows)."""
    conn.execute("CREATE TABLE done_t (id bigint PRIMARY KEY, email text NOT NULL)")
    conn.execute("INSERT INTO done_t SELECT g, 'user' || g || '@example.com' "
                 "FROM generate_series(1, 100000) g")
    conn.execute("CREATE TABLE mixed_t (id bigint PRIMARY KEY, email text NOT NULL)")
    conn.execute("INSERT INTO mixed_t SELECT g, CASE WHEN g % 10 < 3 THEN 'User' ELSE 'user' "
                 "END || g || '@example.com' FROM generate_series(1, 100000) g")
    conn.execute("ANALYZE done_t")
    conn.execute("ANALYZE mixed_t")
    cat = read(db_dsn)
    done = "UPDATE done_t SET email = lower(email) WHERE email <> lower(email);\n"
    mixed = "UPDATE mixed_t SET email = lower(email) WHERE email <> lower(email);\n"
    assert _updated(db_dsn, done) == 0
    assert _updated(db_dsn, mixed) == 30000
    assert _rules(done, catalog=cat) == []
    assert _rules(mixed, catalog=cat) == [("backfill-whole-table", "hazard")]


def test_a_rounding_the_column_already_holds_is_sized_by_its_values(
        db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """``WHERE price <> round(price, 2)`` on a column whose values all have two decimals (a
    ``numeric(10,2)``) matches no row; the old linter took 99.5% of them (~1.8 s: a hazard) and
    in a loop of 10,000-row batches flagged each batch. The statistics' values (most common and
    histogram bounds) are tested with the same rounding: no finding. Values with three
    decimals keep the hazard."""
    conn.execute("CREATE TABLE cents_t (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL)")
    conn.execute("INSERT INTO cents_t SELECT g, (g % 9000) / 4.0 FROM generate_series(1, 100000) g")
    conn.execute("CREATE TABLE mills_t (id bigint PRIMARY KEY, price numeric NOT NULL)")
    conn.execute("INSERT INTO mills_t SELECT g, g / 1000.0 FROM generate_series(1, 100000) g")
    conn.execute("ANALYZE cents_t")
    conn.execute("ANALYZE mills_t")
    cat = read(db_dsn)
    cents = "UPDATE cents_t SET price = round(price, 2) WHERE price <> round(price, 2);\n"
    mills = "UPDATE mills_t SET price = round(price, 2) WHERE price <> round(price, 2);\n"
    assert _updated(db_dsn, cents) == 0
    assert _updated(db_dsn, mills) > 80000
    assert _rules(cents, catalog=cat) == []
    assert _rules(mills, catalog=cat) == [("backfill-whole-table", "hazard")]
    batched = """CREATE PROCEDURE fix_cents(batch integer DEFAULT 10000)
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 1;
BEGIN
    WHILE lo <= 100000 LOOP
        UPDATE cents_t SET price = round(price, 2)
        WHERE id >= lo AND id < lo + batch AND price <> round(price, 2);
        COMMIT;
        lo := lo + batch;
    END LOOP;
END $$;
CALL fix_cents();
"""
    assert _rules(batched, catalog=cat) == []
    assert _rules(batched.replace("cents_t", "mills_t"), catalog=cat) == [
        ("backfill-batch-too-large", "hazard")]


def test_an_in_list_of_groups_is_sized_by_the_grouped_column(
        db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """``UPDATE cust SET vip = true WHERE id IN (SELECT cust_id FROM ords GROUP BY cust_id
    HAVING sum(total) > c)``: the old linter could not size the IN and took it to be a batch (no
    finding), while the server updates 43,300 of 100,000 customers in one statement. The
    subquery supplies at most one value per group — the grouped column's distinct count — of
    which the HAVING keeps the planner's default third (the figure the same query written
    ``UPDATE … FROM (SELECT … GROUP BY … HAVING …)`` already got): ~33,000 rows, a hazard."""
    conn.execute("CREATE TABLE cust (id bigint PRIMARY KEY, vip boolean NOT NULL DEFAULT false)")
    conn.execute("INSERT INTO cust (id) SELECT g FROM generate_series(1, 100000) g")
    conn.execute("CREATE TABLE ords (id bigint PRIMARY KEY, cust_id bigint NOT NULL, "
                 "total numeric NOT NULL)")
    conn.execute("INSERT INTO ords SELECT g, 1 + g % 100000, (g::bigint * 7919) % 1000 "
                 "FROM generate_series(1, 300000) g")
    conn.execute("ANALYZE cust")
    conn.execute("ANALYZE ords")
    cat = read(db_dsn)
    grouped = ("UPDATE cust SET vip = true WHERE id IN (SELECT cust_id FROM ords "
               "GROUP BY cust_id HAVING sum(total) > 1700);\n")
    assert _updated(db_dsn, grouped) > 25000
    assert _rules(grouped, catalog=cat) == [("backfill-whole-table", "hazard")]
    assert _rules(grouped) == []  # without the catalog no size: unchanged
