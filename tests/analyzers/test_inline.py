"""Seeing through SQL functions: a set-returning LANGUAGE sql function called in FROM is read
and planned as the server inlines it, and only such a function."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from pgwarden.analyzers.advisor import advise, inline
from tests.analyzers.conftest import Workload

hypopg = pytest.mark.requires_ext("hypopg")

FUNCTIONS = """
-- inlinable: the server plans its body inside the calling query
CREATE FUNCTION recent_orders(cust integer, n integer DEFAULT 10)
RETURNS TABLE (id bigint, total numeric, created_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT o.id, o.total, o.created_at FROM orders AS o
    WHERE o.customer_id = cust ORDER BY o.created_at DESC LIMIT n
$$;
-- a parameter named like a column: the column wins in the body, unless qualified
CREATE FUNCTION by_status(status text) RETURNS SETOF orders LANGUAGE sql STABLE AS $$
    SELECT * FROM orders WHERE orders.status = by_status.status AND status = status
$$;
-- positional parameters, and a body calling another inlinable function
CREATE FUNCTION recent_totals(integer) RETURNS TABLE (total numeric) LANGUAGE sql STABLE AS $$
    SELECT r.total FROM recent_orders($1, 3) AS r
$$;
-- not inlined: STRICT, VOLATILE, plpgsql (the server), recursive (the advisor: no end)
CREATE FUNCTION strict_orders(cust integer) RETURNS SETOF orders LANGUAGE sql STABLE STRICT AS $$
    SELECT * FROM orders WHERE customer_id = cust
$$;
CREATE FUNCTION volatile_orders(cust integer) RETURNS SETOF orders LANGUAGE sql AS $$
    SELECT * FROM orders WHERE customer_id = cust
$$;
CREATE FUNCTION countdown(n integer) RETURNS TABLE (x integer) LANGUAGE sql STABLE AS $$
    SELECT n UNION ALL SELECT c.x FROM countdown(n - 1) AS c WHERE n > 0
$$;
CREATE FUNCTION plpgsql_orders(cust integer) RETURNS SETOF orders LANGUAGE plpgsql STABLE AS $$
BEGIN RETURN QUERY SELECT * FROM orders WHERE customer_id = cust; END $$;
"""


@pytest.fixture
def fn_dsn(shop_dsn: str) -> str:
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute(FUNCTIONS)
    return shop_dsn


def expanded(dsn: str, text: str) -> tuple[str, tuple[str, ...]] | None:
    with psycopg.connect(dsn) as conn:
        return inline.expand(text, inline.load(conn, inline.called_names([text])))


def test_call_replaced_by_the_body_with_arguments_cast_and_defaults(fn_dsn: str) -> None:
    got = expanded(fn_dsn, "SELECT id FROM recent_orders($1) AS r WHERE r.total > $2")
    assert got is not None
    text, names = got
    assert names == ("public.recent_orders",)
    assert "FROM orders AS o WHERE o.customer_id = CAST($1 AS integer)" in text
    assert "LIMIT CAST(10 AS integer)) AS r (id, total, created_at)" in text  # the default
    # the expansion means what the call means: same rows on the server
    named = expanded(fn_dsn, "SELECT id FROM recent_orders(n => 5, cust => 1) AS r")
    assert named is not None
    with psycopg.connect(fn_dsn) as conn:
        call = conn.execute("SELECT id FROM recent_orders(1, 5) AS r ORDER BY id").fetchall()
        body = conn.execute(sql.SQL("{} ORDER BY id").format(sql.SQL(named[0]))).fetchall()
    assert call == body and len(call) == 5


def test_a_column_named_like_a_parameter_stays_the_column(fn_dsn: str) -> None:
    got = expanded(fn_dsn, "SELECT id FROM by_status('new')")
    assert got is not None
    assert "orders.status = CAST('new' AS text) AND status = status" in got[0]


def test_nested_functions_are_inlined_too(fn_dsn: str) -> None:
    got = expanded(fn_dsn, "SELECT sum(total) FROM recent_totals(7)")
    assert got is not None
    assert got[1] == ("public.recent_totals", "public.recent_orders")
    assert "FROM orders AS o WHERE o.customer_id = CAST(CAST(7 AS integer) AS integer)" in got[0]


@pytest.mark.parametrize("call", ["SELECT * FROM strict_orders(1)", "SELECT * FROM volatile_orders(1)",
                                  "SELECT * FROM plpgsql_orders(1)", "SELECT * FROM no_such_fn(1)",
                                  "SELECT * FROM countdown(3)"])
def test_functions_the_server_does_not_inline_are_left_alone(fn_dsn: str, call: str) -> None:
    assert expanded(fn_dsn, call) is None
    assert expanded(fn_dsn, "SELECT * FROM recent_orders(1) WITH ORDINALITY") is None


@hypopg
def test_the_advisor_indexes_for_the_query_inside_a_sql_function(fn_dsn: str,
                                                                 run_workload: Workload) -> None:
    # pg_stat_statements records only the call: "FROM recent_orders($1)", a table-less text
    run_workload([("SELECT id, total FROM recent_orders(%s)", (c,)) for c in (1, 42, 777)], 5)
    advice = advise(fn_dsn)
    (q,) = [q for q in advice.queries if "recent_orders" in q.query]
    assert any("recent_orders inlined" in r for r in q.repairs)
    (first, *_) = [d for d in advice.kept if d.candidate.table == "orders"]
    assert [k.expr + (" DESC" if k.desc else "") for k in first.candidate.keys][:2] == [
        "customer_id", "created_at DESC"]
    assert first.measured and q.index in first.queries
