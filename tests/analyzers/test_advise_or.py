"""An OR of two columns of one table (issue 15, advisor round 14; banking's ``payment_orders``,
run 16): ``WHERE from_id = $1 OR to_id = $1`` is served by a BitmapOr of an index on each
column, and by neither alone (the planner scans the table unless both sides have one). Before,
the sides of an OR gave no candidate at all and the advisor proposed nothing; now each side's
conditions make a candidate and the selection keeps them together when, planned together, they
pay."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.parse import TableRef, analyze

hypopg = pytest.mark.requires_ext("hypopg")

TR = TableRef(None, "tr")
ACC = TableRef(None, "acc")
CATALOG = {TR: {"id": "bigint", "from_id": "bigint", "to_id": "bigint", "status": "text",
                "created_at": "timestamp with time zone"},
           ACC: {"id": "bigint", "owner": "text"}}


def or_leads(text: str) -> list[tuple[str, ...]]:
    return [leads for u in analyze(text, CATALOG).uses for leads in u.or_leads()]


def test_the_sides_of_an_or_are_read_apart_from_the_statement_s_conditions() -> None:
    p = analyze("SELECT id FROM tr WHERE status = $2 AND (from_id = $1 OR to_id = $1)", CATALOG)
    (use,) = p.uses
    assert [(x.column, x.kind) for x in use.predicates] == [("status", "eq")]
    assert use.or_leads() == [("from_id", "to_id")]
    assert or_leads("SELECT id FROM tr WHERE (from_id = 1 AND status = $1) OR to_id = 2") == \
        [("from_id", "to_id")]
    # sides on two tables, a side reading a sub-select: no BitmapOr of one table's indexes
    assert or_leads("SELECT tr.id FROM tr JOIN acc ON acc.id = tr.from_id "
                    "WHERE tr.to_id = 1 OR acc.owner = 'x'") == []
    assert or_leads("SELECT id FROM tr WHERE from_id = 1 OR id IN (SELECT id FROM acc)") == []
    # an OR nested in a side belongs to that side, not to the statement
    assert or_leads("SELECT id FROM tr WHERE status = 'x' OR (from_id = 1 OR to_id = 2)") == []


@hypopg
def test_an_or_of_two_columns_gets_an_index_on_each(db_dsn: str, tmp_path: Path) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("""
CREATE TABLE tr (id bigint PRIMARY KEY, from_id bigint NOT NULL, to_id bigint NOT NULL,
                 status text NOT NULL, created_at timestamptz NOT NULL, memo text NOT NULL);
INSERT INTO tr SELECT g, 1 + (g::bigint * 7919) % 20000, 1 + (g::bigint * 104729) % 20000, 'done',
                      now() - g * interval '1 minute', repeat('m', 60)
FROM generate_series(1, 200000) g""")
        conn.execute("VACUUM ANALYZE tr")
    path = tmp_path / "workload.sql"
    path.write_text("SELECT id, from_id, to_id, memo, created_at FROM tr "
                    "WHERE from_id = 1234 OR to_id = 1234 ORDER BY created_at DESC LIMIT 20;\n")
    advice = advise(db_dsn, queries_file=path)
    kept = [d for d in advice.kept if d.candidate.table == "tr"]
    leads = sorted(d.candidate.keys[0].expr for d in kept)
    assert leads == ["from_id", "to_id"], [d.candidate.describe() for d in advice.decisions]
    assert all("BitmapOr" in d.reason for d in kept)
    before = max(d.cost_before for d in kept)
    assert all(d.cost_after < before / 5 for d in kept)
    with psycopg.connect(db_dsn, autocommit=True) as conn:  # the server uses them so
        for d in kept:
            conn.execute(d.candidate.ddl(concurrently=False))
        conn.execute("ANALYZE tr")
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT id FROM tr WHERE from_id = 1234 OR to_id = 1234 "
            "ORDER BY created_at DESC LIMIT 20").fetchall())
    assert "BitmapOr" in plan, plan
