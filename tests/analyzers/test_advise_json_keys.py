"""An equality or range on a key of a jsonb column (issue 15, advisor round 14; banking's
``dispute_by_arn``, run 16): ``meta->>'arn' = $1`` is an expression of one column an index can
hold, ``CREATE INDEX ON t ((meta->>'arn'))``, as ``lower(email)`` is. Before, only a function
of a column was read as an expression; the operator's was no condition at all, and the
advisor proposed nothing for a lookup that scans the table."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.parse import TableRef, analyze
from tests.analyzers.conftest import reset_statements

hypopg = pytest.mark.requires_ext("hypopg")

TX = TableRef(None, "tx")
CATALOG = {TX: {"id": "bigint", "meta": "jsonb", "amount": "numeric"}}


def expressions(text: str) -> list[tuple[str, str, str | None]]:
    return [(p.column, p.kind, p.expression) for u in analyze(text, CATALOG).uses
            for p in u.predicates]


def test_a_jsonb_key_path_and_cast_are_expressions_of_the_column() -> None:
    assert expressions("SELECT id FROM tx WHERE meta->>'arn' = $1") == \
        [("meta", "eq", "meta ->> 'arn'")]
    assert expressions("SELECT id FROM tx t WHERE t.meta->'card'->>'last4' = '1234'") == \
        [("meta", "eq", "meta -> 'card' ->> 'last4'")]
    assert expressions("SELECT id FROM tx WHERE (meta->>'score')::int > 90") == \
        [("meta", "range", "CAST(meta ->> 'score' AS integer)")]
    assert expressions("SELECT id FROM tx WHERE lower(meta->>'arn') = $1") == \
        [("meta", "eq", "lower(meta ->> 'arn')")]
    # a key chosen by a parameter is no fixed expression
    assert expressions("SELECT id FROM tx WHERE meta->>$1 = 'x'") == []


@hypopg
def test_a_lookup_by_a_jsonb_key_gets_an_expression_index(db_dsn: str, tmp_path: Path) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("""
CREATE TABLE tx (id bigint PRIMARY KEY, amount numeric NOT NULL, meta jsonb NOT NULL);
INSERT INTO tx SELECT g, g % 500, jsonb_build_object('arn', 'ARN' || lpad(g::text, 10, '0'),
                                                     'mcc', 5000 + g % 40)
FROM generate_series(1, 100000) g""")
        conn.execute("VACUUM ANALYZE tx")
    path = tmp_path / "workload.sql"
    path.write_text("SELECT id, amount FROM tx WHERE meta->>'arn' = 'ARN0000031337';\n")
    advice = advise(db_dsn, queries_file=path)
    (kept,) = [d for d in advice.kept if d.candidate.table == "tx"]
    assert [(k.expr, k.expression) for k in kept.candidate.keys] == [("meta ->> 'arn'", True)]
    # without statistics on the expression the planner takes 0.5% of the rows to match: still
    # the index is far cheaper than the scan
    assert kept.cost_after < kept.cost_before / 2
    with psycopg.connect(db_dsn, autocommit=True) as conn:  # the DDL is valid and serves it
        conn.execute(kept.candidate.ddl())
        conn.execute("ANALYZE tx")
        plan = conn.execute("EXPLAIN SELECT id, amount FROM tx "
                            "WHERE meta->>'arn' = 'ARN0000031337'").fetchall()
    assert any(kept.candidate.name in r[0] for r in plan), plan


def test_a_jsonb_key_pg_stat_statements_hides_gets_a_note(db_dsn: str) -> None:
    """From pg_stat_statements the same lookup reads ``meta ->> $1 = $2``: the key is a
    parameter, so no expression index can be costed (banking's dispute_by_arn in run 17); the
    advice says so once, with the index that would serve one key."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE tx (id bigint PRIMARY KEY, meta jsonb NOT NULL)")
        conn.execute("INSERT INTO tx SELECT g, jsonb_build_object('arn', 'A' || g) "
                     "FROM generate_series(1, 5000) g")
        conn.execute("VACUUM ANALYZE tx")
        reset_statements(conn)
        for arn in ("A17", "A18", "A19"):
            conn.execute("SELECT id FROM tx WHERE meta->>'arn' = %s", (arn,))
    advice = advise(db_dsn)
    assert any("meta->>$" in q.query for q in advice.queries), [q.query for q in advice.queries]
    hints = [n for n in advice.notes if n.startswith("meta->>$n on tx")]
    assert len(hints) == 1, advice.notes
    assert """CREATE INDEX ON "public"."tx" (("meta" ->> 'the_key'))""" in hints[0]
