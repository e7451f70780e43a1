"""A comparison of two columns of a row as a partial index's WHERE (issue 15, advisor round
13): ``qty_on_hand < reorder_point`` keeps a few percent of the rows, which no column statistic
tells and the planner rates at a third whatever the data. The advisor reads it from the
statement, counts its share on a sample of the table's pages, and prices the partial index with
that share (hypopg would size and cost it at the planner's third)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.parse import TableRef, analyze
from pgwarden.analyzers.advisor.workload import is_own

hypopg = pytest.mark.requires_ext("hypopg")

STOCK = TableRef(None, "stock")
SITES = TableRef(None, "sites")
CATALOG = {
    STOCK: {"id": "bigint", "site_id": "integer", "qty": "integer", "low_mark": "integer",
            "counted_at": "timestamp with time zone"},
    SITES: {"id": "integer", "name": "text", "qty": "integer"},
}


def comparisons(text: str, ref: TableRef = STOCK) -> tuple[tuple[str, str, str], ...]:
    parsed = analyze(text, CATALOG)
    return next((u.comparisons for u in parsed.uses if u.table == ref), ())


def test_two_columns_of_one_row_compared_are_read_as_a_comparison() -> None:
    assert comparisons("SELECT id FROM stock WHERE site_id = $1 AND qty < low_mark") == \
        (("qty", "<", "low_mark"),)
    assert comparisons("SELECT s.id FROM stock s JOIN sites t ON t.id = s.site_id "
                       "WHERE s.low_mark >= s.qty AND t.name = $1") == (("low_mark", ">=", "qty"),)
    assert comparisons("UPDATE stock SET counted_at = now() WHERE qty <> low_mark") == \
        (("qty", "<>", "low_mark"),)


def test_columns_of_two_rows_are_no_comparison_of_a_row() -> None:
    # a self-join's two sides, a join of two tables, an outer query's row: not one row
    assert comparisons("SELECT a.id FROM stock a JOIN stock b ON b.site_id = a.site_id "
                       "WHERE a.qty < b.low_mark") == ()
    assert comparisons("SELECT s.id FROM stock s JOIN sites t ON t.id = s.site_id "
                       "WHERE s.qty < t.qty") == ()
    assert comparisons("SELECT t.id FROM sites t WHERE EXISTS (SELECT 1 FROM stock s "
                       "WHERE s.site_id = t.id AND s.low_mark > t.qty)") == ()
    # a column against a value is a range, as before
    assert comparisons("SELECT id FROM stock WHERE qty < $1") == ()


@pytest.fixture
def stock_dsn(db_dsn: str) -> str:
    """120,000 stock rows of 12 sites in no site order; 3% below their low mark (spread
    evenly)."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("""
CREATE TABLE stock (id bigint PRIMARY KEY, site_id integer NOT NULL, sku_id integer NOT NULL,
                    qty integer NOT NULL, low_mark integer NOT NULL, bin text NOT NULL);
INSERT INTO stock
SELECT g, 1 + (g * 7919) % 12, g / 12, CASE WHEN g % 100 < 3 THEN g % 7 ELSE 70 + g % 200 END,
       10 + g % 60, 'B-' || g % 500
FROM generate_series(1, 120000) g""")
        conn.execute("VACUUM ANALYZE stock")
    return db_dsn


def queries(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "workload.sql"
    path.write_text(";\n".join(statements) + ";\n")
    return path


@hypopg
def test_a_rare_comparison_of_two_columns_becomes_the_partial_index_where(
        stock_dsn: str, tmp_path: Path) -> None:
    """A site's low-stock list: the index on site_id alone reads a twelfth of the table (10,000
    rows over every page); the partial one only the site's 3% below the mark. Before, the
    advisor had no candidate with that WHERE (the planner rates the comparison at a third)."""
    path = queries(tmp_path, "SELECT sku_id, qty, low_mark, bin FROM stock "
                             "WHERE site_id = 4 AND qty < low_mark")
    advice = advise(stock_dsn, queries_file=path)
    kept = [d for d in advice.kept if d.candidate.table == "stock"]
    assert [d.candidate.where for d in kept] == ['"qty" < "low_mark"'], \
        [d.candidate.describe() for d in advice.decisions]
    (d,) = kept
    assert [k.expr for k in d.candidate.keys] == ["site_id"]
    assert d.candidate.fraction is not None and 0.015 < d.candidate.fraction < 0.05
    assert "counted on a sample" in d.reason
    # an UPDATE of either column changes whether the row is in the index: not HOT
    assert {"qty", "low_mark"} <= d.candidate.columns


@hypopg
def test_a_comparison_most_rows_pass_gets_no_partial_index(stock_dsn: str,
                                                           tmp_path: Path) -> None:
    """qty >= low_mark keeps 97% of the rows: no partial index on it is proposed or listed."""
    path = queries(tmp_path, "SELECT sku_id, qty FROM stock WHERE site_id = 4 AND qty >= low_mark")
    advice = advise(stock_dsn, queries_file=path)
    assert not [d for d in advice.decisions if d.candidate.sampled], \
        [d.candidate.describe() for d in advice.decisions if d.candidate.sampled]


def test_the_sample_count_is_recognised_as_the_advisor_s_own_statement() -> None:
    """Without the privilege to switch pg_stat_statements off for its session, the advisor's
    count on the sample would be recorded; its first line marks it as pgwarden's own, so a
    later run leaves it out of the workload."""
    assert is_own(sqlfiles.load("analyzers/advisor/sample_share"))
