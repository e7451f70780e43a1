"""Bilingual search: Polish inflections, English stems, unaccented queries, and the fallback."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from pgwarden.migrations import api as migrate
from pgwarden.migrations.settings import MigrateSettings

WORKSHOPS = [
    ("warsztaty-ceramiki", {"pl": "Warsztaty ceramiki dla dorosłych", "en": "Pottery workshop"},
     {"pl": "Lepienie w glinie", "en": "Working with clay"}),
    ("zlobek-sztuki", {"pl": "Żłobek sztuki", "en": "Art nursery"},
     {"pl": "Zajęcia dla najmłodszych", "en": "Classes for toddlers"}),
    ("lodz-spacer", {"pl": "Spacer po Łodzi", "en": "A walk around the city"}, None),
    ("cykl", {"pl": "Cykl warsztatów fotograficznych", "en": "Photography series"}, None),
]


def _insert(conn: psycopg.Connection[Any]) -> None:
    for slug, title, short in WORKSHOPS:
        conn.execute("INSERT INTO workshops (slug, title, short_description) VALUES (%s, %s, %s)",
                     (slug, psycopg.types.json.Jsonb(title),
                      psycopg.types.json.Jsonb(short) if short else None))


def _search(conn: psycopg.Connection[Any], q: str) -> list[str]:
    rows = conn.execute("SELECT slug FROM workshops WHERE search_vector @@ workshop_search_query(%s)"
                        " ORDER BY ts_rank(search_vector, workshop_search_query(%s)) DESC, slug",
                        (q, q)).fetchall()
    return [r[0] for r in rows]


def test_polish_english_and_unaccented_search(cms_db_dsn: str) -> None:
    with psycopg.connect(cms_db_dsn, autocommit=True) as conn:
        mode = conn.execute("SELECT count(*) FROM pg_ts_dict WHERE dictname = 'polish_hunspell'"
                            ).fetchone()
        if mode == (0,):
            pytest.skip("this server has no Polish hunspell dictionary (see test_fallback_*)")
        _insert(conn)
        # "warsztatów" (genitive plural) <-> "warsztat" <-> "Warsztaty", both directions
        assert sorted(_search(conn, "warsztatów")) == ["cykl", "warsztaty-ceramiki"]
        assert sorted(_search(conn, "warsztat")) == ["cykl", "warsztaty-ceramiki"]
        assert _search(conn, "workshops") == ["warsztaty-ceramiki"]  # English stem
        assert _search(conn, "zlobek") == ["zlobek-sztuki"]  # typed without diacritics
        assert _search(conn, "żłobków") == ["zlobek-sztuki"]  # inflected, with diacritics
        assert _search(conn, "lodzi") == ["lodz-spacer"]
        assert _search(conn, "clay") == ["warsztaty-ceramiki"]  # weight B text is searched
        assert _search(conn, "rower") == []
        # title (A) outranks short description (B)
        conn.execute("INSERT INTO workshops (slug, title, short_description) VALUES "
                     "('glina', '{\"pl\": \"Glina\"}', '{\"pl\": \"ceramika i warsztat\"}')")
        found = _search(conn, "warsztat")
        assert set(found[:2]) == {"cykl", "warsztaty-ceramiki"} and found[2:] == ["glina"]
        # "Glina" in a title (A) outranks "glinie" (stemmed to glina) in a short description (B)
        assert _search(conn, "glina") == ["glina", "warsztaty-ceramiki"]
        # an edit of the text re-computes the vector; a seat update leaves it alone
        conn.execute("UPDATE workshops SET title = '{\"pl\": \"Rower\"}' WHERE slug = 'glina'")
        assert _search(conn, "rowerów") == ["glina"]


def test_existing_rows_are_backfilled_and_indexed(db_dsn: str) -> None:
    migrate.upgrade(db_dsn, "0001")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        _insert(conn)
    migrate.upgrade(db_dsn, "0002")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM workshops WHERE search_vector IS NULL"
                            ).fetchone() == (0,)
        assert _search(conn, "zlobek") == ["zlobek-sztuki"]
        valid = conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = "
                             "'workshops_search_vector_idx'::regclass").fetchone()
        assert valid == (True,)


def test_fallback_when_the_dictionary_is_missing(db_dsn: str) -> None:
    notices: list[str] = []
    settings = MigrateSettings(polish_dictionary="no_such_dictionary")
    migrate.upgrade(db_dsn, "0002", settings=settings, on_notice=notices.append)
    assert any("falls back to \"simple\"" in n and "no_such_dictionary.dict" in n for n in notices)
    assert migrate.status(db_dsn).polish_search == "simple (fallback)"
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        _insert(conn)
        # no stemming, but exact words, English stems and unaccented forms still work
        assert _search(conn, "warsztaty") == ["warsztaty-ceramiki"]
        assert _search(conn, "warsztatów") == ["cykl"]  # the exact word only
        assert _search(conn, "pottery") == ["warsztaty-ceramiki"]
        assert _search(conn, "zlobek") == ["zlobek-sztuki"]
