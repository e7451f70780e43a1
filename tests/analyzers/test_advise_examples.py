"""Round 15 (issue 15, rides' scoring): the application's own constants.

pg_stat_statements writes $n for every literal, so ``right(phone, 9) = $1`` reads ``right(phone,
$2) = $1`` and ``(ts AT TIME ZONE 'Europe/Warsaw')::date`` reads ``… AT TIME ZONE $2``: no index
on the expression can be read off it (rides, run 18: support_phone 33.9 ms against the DBA's
0.8, city_day 30.1 against 1.1). pg_qualstats keeps an example of each statement it sampled as
the client sent it; when the example is the statement with literals where pg_stat_statements
wrote $n, the advisor reads the example."""

from __future__ import annotations

import psycopg
import pytest

from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.workload import Statement, with_literals

NORMALISED = "SELECT id FROM people WHERE right(phone, $2) = $1 AND score > $3 LIMIT $4"
EXAMPLE = "SELECT id FROM people WHERE right(phone, 9) = $1 AND score > -5 LIMIT 10"


def test_the_example_is_read_when_only_literals_differ() -> None:
    st = with_literals(Statement(NORMALISED, queryid=1), EXAMPLE)
    assert st.text == EXAMPLE and st.query == NORMALISED


@pytest.mark.parametrize("example", [
    # a value the application binds under a number pg_stat_statements gave a literal
    "SELECT id FROM people WHERE right(phone, 9) = $1 AND score > $2 LIMIT 10",
    # another statement under the same queryid (a different column)
    "SELECT id FROM people WHERE left(phone, 9) = $1 AND score > -5 LIMIT 10",
    # a $n standing for something that is not a literal
    "SELECT id FROM people WHERE right(phone, length(x)) = $1 AND score > -5 LIMIT 10",
    # no literal to take: nothing differs
    NORMALISED,
    "",
])
def test_anything_else_keeps_the_normalised_text(example: str) -> None:
    st = with_literals(Statement(NORMALISED, queryid=1), example)
    assert st.text == NORMALISED


def test_one_number_stands_for_one_literal() -> None:
    normalised = "SELECT id FROM people WHERE a = $1 OR b = $1"
    assert with_literals(Statement(normalised), "SELECT id FROM people WHERE a = 1 OR b = 2"
                         ).text == normalised


@pytest.fixture
def people_dsn(db_dsn: str) -> str:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        preload = conn.execute("SHOW shared_preload_libraries").fetchone()
        if not preload or "pg_qualstats" not in preload[0]:
            pytest.skip("pg_qualstats is not preloaded on this server")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_qualstats")
        conn.execute("CREATE TABLE people (id bigint PRIMARY KEY, city int NOT NULL, "
                     "phone text NOT NULL, seen timestamptz NOT NULL, meta jsonb NOT NULL)")
        conn.execute("INSERT INTO people SELECT g, g % 20, '+48' || (500000000 + g)::text, "
                     "timestamptz '2026-01-01' + g * interval '3 minutes', "
                     "jsonb_build_object('ref', 'R' || g) FROM generate_series(1, 100000) g")
        conn.execute("VACUUM ANALYZE people")
        conn.execute("SET pg_qualstats.sample_rate = 1")
        conn.execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database "
                     "WHERE datname = current_database()), 0)")
        for i in range(10):
            conn.execute("SELECT id FROM people WHERE right(phone, 9) = %s",
                         (str(500000100 + i),)).fetchall()
            conn.execute("SELECT count(*) FROM people WHERE city = %s AND "
                         "(seen AT TIME ZONE 'Europe/Warsaw')::date = %s",
                         (i, f"2026-03-{10 + i}")).fetchall()
            conn.execute("SELECT id FROM people WHERE meta->>'ref' = %s",
                         (f"R{1000 + i}",)).fetchall()
    return db_dsn


@pytest.mark.requires_ext("hypopg")
@pytest.mark.requires_ext("pg_qualstats")
def test_an_expression_with_the_applications_constant_is_indexed(people_dsn: str) -> None:
    with psycopg.connect(people_dsn) as conn:
        texts = [r[0] for r in conn.execute(
            "SELECT query FROM pg_stat_statements WHERE query LIKE '%people WHERE%'")]
    # what pg_stat_statements shows: the constants are parameters
    assert any("right(phone, $2) = $1" in t for t in texts), texts
    advice = advise(people_dsn)
    kept = [d.candidate.describe() for d in advice.decisions if d.kept]
    assert any("right" in k and "phone, 9" in k for k in kept), kept
    # after the equality column, the expression with its time zone: one range of the index
    assert any(k.startswith("people (city, (") and "Europe/Warsaw" in k for k in kept), kept
    # a jsonb key: the value compared is text, not the column's jsonb (typed as the column, the
    # statement could not be planned and was skipped: banking's dispute_by_arn, run 19)
    assert not advice.skipped, advice.skipped
    assert "people ((meta ->> 'ref'))" in kept, kept
