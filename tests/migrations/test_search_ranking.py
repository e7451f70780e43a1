"""Revision 0006: the public search ranked inside a RUM index, and its ts_rank fallback."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from pgwarden.errors import MissingExtension
from pgwarden.migrations import api as migrate
from pgwarden.migrations.settings import MigrateSettings
from tests.migrations.helpers import NO_DICTIONARY

QUICK = MigrateSettings(polish_dictionary=NO_DICTIONARY)

# (slug, title, short description, status): "ogród" in the title (weight A) of some, only in
# the short description (B) of another, in a draft (never found) and a deleted one
ROWS = [
    ("ogrod-1", "Ogród sensoryczny", "Zajęcia w plenerze", "published", False),
    ("ogrod-2", "Ogród i ogród zimowy", "Zajęcia dla dzieci", "published", False),
    ("ogrod-3", "Warsztat stolarski", "Budujemy domek w ogród", "published", False),
    ("ogrod-4", "Ogród społeczny", "Sąsiedzi razem", "draft", False),
    ("ogrod-5", "Ogród miejski", "Spacer", "published", True),
    ("inny", "Ceramika", "Glina", "published", False),
]


def _seed(conn: psycopg.Connection[Any]) -> None:
    for i, (slug, title, short, status, deleted) in enumerate(ROWS):
        conn.execute(
            "INSERT INTO workshops (slug, title, short_description, status, start_date, deleted_at)"
            " VALUES (%s, jsonb_build_object('pl', %s::text), jsonb_build_object('pl', %s::text), %s,"
            " now() + make_interval(days => %s), CASE WHEN %s THEN now() END)",
            (slug, title, short, status, i, deleted))


def _search(conn: psycopg.Connection[Any], q: str, n: int = 20) -> list[tuple[str, float]]:
    rows = conn.execute("SELECT slug, rank FROM workshop_search('simple_unaccent', %s, %s)", (q, n))
    return [(slug, round(rank, 5)) for slug, rank in rows.fetchall()]


def _function_body(conn: psycopg.Connection[Any]) -> str:
    row = conn.execute("SELECT prosrc FROM pg_proc WHERE proname = 'workshop_search'").fetchone()
    assert row is not None
    return str(row[0])


def _ts_rank_order(conn: psycopg.Connection[Any], q: str) -> list[tuple[str, float]]:
    rows = conn.execute(
        "SELECT slug, ts_rank(search_vector, websearch_to_tsquery('simple_unaccent', %s)) AS r"
        " FROM workshops WHERE search_vector @@ websearch_to_tsquery('simple_unaccent', %s)"
        " AND status = 'published' AND deleted_at IS NULL ORDER BY r DESC, start_date", (q, q))
    return [(slug, round(r, 5)) for slug, r in rows.fetchall()]


@pytest.mark.requires_ext("rum")
def test_rum_ranked_search_returns_what_ts_rank_ranks(db_dsn: str) -> None:
    migrate.upgrade(db_dsn, "0005", settings=QUICK)
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        _seed(conn)
        before = _search(conn, "ogrod")
        assert "ts_rank" in _function_body(conn)
    migrate.upgrade(db_dsn, "0006", settings=QUICK)
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        assert "<=>" in _function_body(conn)
        after = _search(conn, "ogrod")
        # live published matches only, title matches (A) before the short description's (B),
        # two title occurrences before one; for a one-word query the score is ts_rank's
        assert [s for s, _ in after] == ["ogrod-2", "ogrod-1", "ogrod-3"]
        assert after == before == _ts_rank_order(conn, "ogrod")
        assert _search(conn, "ogrod", 1) == after[:1]
        assert _search(conn, "rower") == []
        # the call is inlined: among 3,000 other workshops the partial RUM index returns the
        # matches in rank order
        conn.execute("INSERT INTO workshops (slug, title, status, start_date) SELECT 'x' || i,"
                     " jsonb_build_object('pl', 'Ceramika ' || i), 'published', now()"
                     " FROM generate_series(1, 3000) AS i")
        conn.execute("ANALYZE workshops")
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT * FROM workshop_search('simple_unaccent', 'ogrod', 2)").fetchall())
        assert "Index Scan using workshops_search_rank_idx" in plan and "Order By" in plan, plan
        assert _search(conn, "ogrod") == after
        # the trigger keeps the index current: an edited title is found at once
        conn.execute("UPDATE workshops SET title = '{\"pl\": \"Ogród ziołowy\"}' WHERE slug = 'inny'")
        assert "inny" in [s for s, _ in _search(conn, "ogrod")]
    migrate.downgrade(db_dsn, "0005", settings=QUICK)
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        assert "ts_rank" in _function_body(conn)
        assert conn.execute("SELECT to_regclass('workshops_search_rank_idx')").fetchone() == (None,)
        assert "inny" in [s for s, _ in _search(conn, "ogrod")]


def test_ts_rank_setting_leaves_the_search_as_it_is(db_dsn: str) -> None:
    notices: list[str] = []
    settings = MigrateSettings(polish_dictionary=NO_DICTIONARY, search_ranking="ts_rank")
    migrate.upgrade(db_dsn, "0006", settings=settings, on_notice=notices.append)
    assert any("search_ranking = ts_rank" in n for n in notices), notices
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        _seed(conn)
        assert "ts_rank" in _function_body(conn)
        assert conn.execute("SELECT to_regclass('workshops_search_rank_idx')").fetchone() == (None,)
        assert [s for s, _ in _search(conn, "ogrod")] == ["ogrod-2", "ogrod-1", "ogrod-3"]
    migrate.downgrade(db_dsn, "0005", settings=settings)  # nothing to drop: converges
    assert migrate.status(db_dsn).current == ("0005",)


def test_without_rum_auto_keeps_ts_rank_and_rum_mode_fails(db_dsn: str, template_db: dict[str, Any]) -> None:
    if "rum" in template_db["available"]:
        pytest.skip("this server has the rum extension (the no-rum path runs on the PostgreSQL 18 pass)")
    notices: list[str] = []
    migrate.upgrade(db_dsn, "0006", settings=QUICK, on_notice=notices.append)
    assert any("rum extension is not available" in n for n in notices), notices
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        assert "ts_rank" in _function_body(conn)
    migrate.downgrade(db_dsn, "0005", settings=QUICK)
    strict = MigrateSettings(polish_dictionary=NO_DICTIONARY, search_ranking="rum")
    with pytest.raises(MissingExtension, match="rum extension is not installed"):
        migrate.upgrade(db_dsn, "0006", settings=strict)
    assert migrate.status(db_dsn).current == ("0005",)
