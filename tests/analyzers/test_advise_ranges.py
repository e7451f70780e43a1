"""Range columns (issue 15, advisor round 11): a query filtering a range column through a range
constructor built from parameters (``during && tstzrange($1, $1 + interval $2)``, as
pg_stat_statements records it) is planned, not skipped: the constructor's bounds are typed with
the range's subtype."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.advisor import advise
from tests.analyzers.conftest import reset_statements

hypopg = pytest.mark.requires_ext("hypopg")

# 40,000 one-hour slots of 400 rooms over 100 days, a rare state (0.5%)
SLOTS = """
CREATE TABLE slot (id bigint PRIMARY KEY, room_id integer NOT NULL, guest_id bigint NOT NULL,
                   during tstzrange NOT NULL, state text NOT NULL);
INSERT INTO slot
SELECT g, 1 + g % 400, 1 + (g * 7919) % 50,
       tstzrange(timestamptz '2026-01-01' + (g / 400) * interval '1 day' + (g % 12) * interval '1 hour',
                 timestamptz '2026-01-01' + (g / 400) * interval '1 day' + (g % 12 + 1) * interval '1 hour'),
       CASE WHEN g % 200 = 0 THEN 'held' ELSE 'done' END
FROM generate_series(1, 40000) g
"""


@pytest.fixture
def slots_dsn(db_dsn: str) -> str:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(SLOTS)
        conn.execute("VACUUM ANALYZE slot")
        reset_statements(conn)
    return db_dsn


def run(dsn: str, text: str, params: list[tuple[object, ...]]) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for p in params * 3:
            conn.execute(text, p).fetchall()


def test_range_constructor_bounds_are_typed_not_skipped(slots_dsn: str) -> None:
    day = dt.datetime(2026, 2, 3, tzinfo=dt.UTC)
    run(slots_dsn, "SELECT id FROM slot WHERE room_id = %s "
        "AND during && tstzrange(%s, %s + interval '1 day')",
        [(7, day, day), (8, day, day)])
    run(slots_dsn, "SELECT count(*) FROM slot WHERE during && tstzrange(now() - %s, now())",
        [(dt.timedelta(days=7),)])
    advice = advise(slots_dsn)
    assert not [s for s in advice.skipped if "slot" in s.query], advice.skipped
    planned = [q for q in advice.queries if "tstzrange" in q.query]
    assert len(planned) == 2
    (shifted,) = [q for q in planned if "room_id" in q.query]
    # pg_stat_statements keeps one parameter per value: the day twice, the interval cast
    assert any("timestamptz" in r or "timestamp with time zone" in r for r in shifted.repairs), \
        shifted.repairs


AVAILABILITY = ("SELECT id, state FROM slot WHERE room_id = %s "
                "AND during && tstzrange(%s, %s + interval '1 day')")


def _days() -> list[tuple[object, ...]]:
    day = dt.datetime(2026, 2, 3, tzinfo=dt.UTC)
    return [(room, day + dt.timedelta(days=room % 40), day + dt.timedelta(days=room % 40))
            for room in (7, 8, 150, 151)]


def test_a_range_overlap_gets_a_gist_led_by_the_equality_with_btree_gist(slots_dsn: str) -> None:
    with psycopg.connect(slots_dsn, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    run(slots_dsn, AVAILABILITY, _days())
    advice = advise(slots_dsn)
    gist = [d for d in advice.kept if d.candidate.method == "gist"]
    assert len(gist) == 1, [(d.candidate.describe(), d.reason) for d in advice.decisions]
    assert [k.expr for k in gist[0].candidate.keys] == ["room_id", "during"]
    assert "USING gist" in gist[0].candidate.ddl()
    # hypopg cannot build a GiST: the figure is the advisor's estimate, labelled so
    assert not gist[0].measured
    assert not any("btree_gist is not installed" in n for n in advice.notes)


def test_without_btree_gist_the_gist_is_on_the_range_alone_and_the_note_says_why(
        slots_dsn: str) -> None:
    with psycopg.connect(slots_dsn, autocommit=True) as conn:
        conn.execute("DROP EXTENSION IF EXISTS btree_gist")
    run(slots_dsn, "SELECT id FROM slot WHERE during && tstzrange(%s, %s + interval '1 hour')",
        [(d, d) for _, d, _ in _days()])
    run(slots_dsn, AVAILABILITY, _days())
    advice = advise(slots_dsn)
    gist = [d.candidate for d in advice.decisions if d.candidate.method == "gist"]
    assert gist and all([k.expr for k in c.keys] == ["during"] for c in gist)
    assert any(d.candidate.method == "gist" for d in advice.kept), \
        [(d.candidate.describe(), d.reason) for d in advice.decisions]
    assert any("btree_gist is not installed" in n for n in advice.notes), advice.notes


@hypopg
def test_order_by_an_expression_after_an_equality_makes_an_expression_key(slots_dsn: str) -> None:
    # a guest's past slots, latest first: the index the query can read in order and stop after
    # the LIMIT is (guest_id, lower(during) DESC), the expression as ORDER BY spells it
    run(slots_dsn, "SELECT id, lower(during) AS starts FROM slot WHERE guest_id = %s "
        "AND lower(during) < now() ORDER BY lower(during) DESC LIMIT 10", [(3,), (17,), (41,)])
    advice = advise(slots_dsn)
    assert advice.validated
    (first, *_) = [d for d in advice.kept if d.candidate.table == "slot"]
    parts = first.candidate.keys
    assert [(k.expr, k.expression, k.desc) for k in parts[:2]] == [
        ("guest_id", False, False), ("lower(during)", True, True)], first.candidate.describe()
    assert "(lower(during)) DESC" in first.candidate.ddl()
    assert "during" in first.candidate.columns  # an UPDATE of the column is not HOT
    assert first.measured and first.cost_after < first.cost_before / 5


def test_a_statement_the_server_cannot_plan_is_listed_with_the_reason(
        slots_dsn: str, tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "workload.sql"
    path.write_text("SELECT id FROM slot WHERE room_id = 3 AND during && no_such_window(1);\n"
                    "SELECT id FROM slot WHERE room_id = 3 "
                    "AND during && tstzrange('2026-02-03', '2026-02-04');\n")
    code, out, err = cli("--dsn", slots_dsn, "advise", "--queries", str(path))
    assert code == 0, err
    assert "1 skipped" in out
    (line,) = [ln for ln in out.splitlines() if ln.strip().startswith("skipped:")]
    assert "no_such_window" in line and "cannot plan it" in line, out
    code, out, err = cli("--dsn", slots_dsn, "advise", "--queries", str(path), "--json")
    (skip,) = json.loads(out)["skipped"]
    assert "no_such_window" in skip["query"] and "does not exist" in skip["reason"]


def test_an_aggregate_order_is_no_index_key(slots_dsn: str, tmp_path: Path) -> None:
    path = tmp_path / "workload.sql"
    path.write_text("SELECT guest_id, count(*) FROM slot WHERE room_id = 5 GROUP BY guest_id "
                    "ORDER BY max(lower(during)) DESC, min(id);\n")
    advice = advise(slots_dsn, queries_file=path)
    exprs = [k.expr for d in advice.decisions for k in d.candidate.keys]
    assert exprs and not [e for e in exprs if "max(" in e or "min(" in e], exprs


def test_a_like_with_a_parameter_pattern_gets_a_note_naming_the_prefix_index(db_dsn: str) -> None:
    """``upper(code) LIKE upper($1)``: pg_stat_statements shows the parameter, pg_qualstats
    keeps no qual on an expression, so whether the application searches prefixes is unknown
    and no pattern-ops btree is costed (the inventory workload's code search, run 13). The
    advice says so once per expression or column, with the index that would serve prefixes
    (a literal pattern too: pg_stat_statements shows it as $n); an ILIKE, which no btree
    serves, gets no such note."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE sku (id bigint PRIMARY KEY, code text NOT NULL, name text NOT NULL)")
        conn.execute("INSERT INTO sku SELECT g, 'ELC-' || lpad(g::text, 6, '0'), 'item ' || g "
                     "FROM generate_series(1, 20000) g")
        conn.execute("VACUUM ANALYZE sku")
        reset_statements(conn)
    run(db_dsn, "SELECT id, code FROM sku WHERE upper(code) LIKE upper(%s) ORDER BY code LIMIT 25",
        [("elc-0012%",), ("elc-01%",)])
    run(db_dsn, "SELECT id, code FROM sku WHERE upper(code) LIKE upper(%s) ORDER BY code LIMIT 25",
        [("elc-0013%",)])
    run(db_dsn, "SELECT id FROM sku WHERE name ILIKE %s LIMIT 5", [("%item 12%",)])
    run(db_dsn, "SELECT id FROM sku WHERE name LIKE 'item 1%%' LIMIT 5", [()])
    advice = advise(db_dsn)
    hints = sorted(n for n in advice.notes if "LIKE a parameter" in n)
    assert len(hints) == 2, advice.notes
    assert hints[0].startswith("name LIKE a parameter on sku:")
    assert 'CREATE INDEX ON "public"."sku" ("name" text_pattern_ops)' in hints[0]
    assert hints[1].startswith("upper(code) LIKE a parameter on sku:")
    assert 'CREATE INDEX ON "public"."sku" ((upper(code)) text_pattern_ops)' in hints[1]


# 60,000 points on a 1000 x 1000 grid (rides, run 18: the operations map asked for the drivers
# inside a box, `pos <@ box(…)`, and the advisor had no candidate for a geometric column)
SPOTS = """
CREATE TABLE spot (id bigint PRIMARY KEY, kind int NOT NULL, pos point NOT NULL);
INSERT INTO spot SELECT g, g % 7, point((g::bigint * 7919) % 1000, (g::bigint * 104729) % 1000)
FROM generate_series(1, 60000) g
"""


def _spot_gist(dsn: str, text: str, params: list[tuple[object, ...]], explain: str
               ) -> tuple[Any, str]:
    """The advisor on ``spot`` after ``text`` ran with ``params``: the one kept candidate, which
    must be a GiST on ``pos``, and the server's plan of ``explain`` once it is built."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SPOTS)
        conn.execute("VACUUM ANALYZE spot")
        reset_statements(conn)
    run(dsn, text, params)
    advice = advise(dsn)
    kept = [d.candidate for d in advice.kept if d.candidate.table == "spot"]
    assert [(c.method, [k.expr for k in c.keys]) for c in kept] == [("gist", ["pos"])], kept
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(kept[0].ddl())
        conn.execute("ANALYZE spot")
        row = conn.execute(f"EXPLAIN (FORMAT JSON) {explain}").fetchone()
    assert row is not None
    return kept[0], json.dumps(row[0])


def test_a_point_inside_a_box_gets_a_gist(db_dsn: str) -> None:
    gist, plan = _spot_gist(
        db_dsn, "SELECT id, kind FROM spot WHERE pos <@ box(point(%s, %s), point(%s, %s))",
        [(100.0, 100.0, 120.0, 120.0), (500.0, 400.0, 530.0, 420.0)],
        "SELECT id FROM spot WHERE pos <@ box(point(100, 100), point(120, 120))")
    assert gist.name in plan, plan


def test_nearest_first_gets_a_gist(db_dsn: str) -> None:
    """``ORDER BY pos <-> point($1, $2) LIMIT 5`` (rides' nearest available drivers): a GiST on
    the column returns the rows nearest first, so the LIMIT stops after a few; before, the
    distance was no order any candidate gave."""
    gist, plan = _spot_gist(
        db_dsn, "SELECT id FROM spot WHERE kind = %s ORDER BY pos <-> point(%s, %s) LIMIT 5",
        [(3, 100.0, 200.0), (4, 700.0, 20.0)],
        "SELECT id FROM spot WHERE kind = 3 ORDER BY pos <-> point(100, 200) LIMIT 5")
    assert gist.name in plan and "Order By" in plan, plan
