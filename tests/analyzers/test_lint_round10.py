"""Round 10 of the linter's precision (issue 15, held-out-12's one --dsn miss), against a real
server (15 or 18): a containment or key operator against a value (``attrs ? 'schema'``, ``tags
@> ARRAY[...]``) keeps the planner's default share of the rows, 1% (its matchingsel falls back
to it: pg_stats keeps whole values, not keys). Before, the clause was unknown, so ``WHERE attrs
IS NULL OR NOT attrs ? 'schema'`` — every row of the table — was not sized at all and the
UPDATE passed."""

from __future__ import annotations

from typing import Any

import psycopg

from pgwarden.analyzers.lint.catalog import read
from tests.analyzers.lint_helpers import rows_touched as _touched
from tests.analyzers.lint_helpers import rules_and_tiers as _rules


def _items(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE item_t (id bigint PRIMARY KEY, attrs jsonb, tags text[])")
    conn.execute("INSERT INTO item_t SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE "
                 "jsonb_build_object('color', g % 7) END, ARRAY['t' || g % 50] "
                 "FROM generate_series(1, 200000) g")
    conn.execute("ANALYZE item_t")


def test_not_a_key_operator_is_most_of_the_rows(db_dsn: str,
                                               conn: psycopg.Connection[Any]) -> None:
    """Tagging every row that lacks a key updates all 200,000 rows (the server's count): a
    hazard. The old linter could not size ``attrs ? 'schema'`` and said nothing."""
    _items(conn)
    cat = read(db_dsn)
    text = ("UPDATE item_t SET attrs = coalesce(attrs, '{}'::jsonb) || '{\"schema\": 2}'::jsonb "
            "WHERE attrs IS NULL OR NOT attrs ? 'schema';\n")
    assert _touched(db_dsn, text) == 200000
    assert _rules(text, catalog=cat) == [("backfill-whole-table", "hazard")]


def test_a_key_operator_alone_is_a_small_share(db_dsn: str,
                                              conn: psycopg.Connection[Any]) -> None:
    """``WHERE tags @> ARRAY['t7']`` touches 2% of the rows (4,000 here), the key operator
    alone is taken at the planner's 1%: a batch, no finding, with or without statistics."""
    _items(conn)
    cat = read(db_dsn)
    text = "UPDATE item_t SET attrs = NULL WHERE tags @> ARRAY['t7'];\n"
    assert _touched(db_dsn, text) == 4000
    assert _rules(text, catalog=cat) == []
