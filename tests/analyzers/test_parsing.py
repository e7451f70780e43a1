"""What the parser reads from a statement, and the normalisation repairs (no database)."""

from __future__ import annotations

import pglast
import pytest

from pgwarden.analyzers.advisor.parse import ParseFailure, Predicate, TableRef, analyze, relations

ORDERS = TableRef(None, "orders")
CUSTOMERS = TableRef(None, "customers")
CATALOG = {
    ORDERS: {"id": "bigint", "customer_id": "integer", "status": "text",
             "created_at": "timestamp with time zone", "note": "text", "total": "numeric(10,2)"},
    CUSTOMERS: {"id": "integer", "email": "text", "name": "text", "country": "text",
                "doc": "tsvector"},
}


def use_of(parsed, ref):  # type: ignore[no-untyped-def]
    return next(u for u in parsed.uses if u.table == ref)


def test_per_table_usage_with_aliases_joins_and_order() -> None:
    p = analyze(
        "SELECT o.id, c.name FROM orders o JOIN customers AS c ON c.id = o.customer_id "
        "WHERE o.status IN ($1, $2) AND o.created_at >= $3 AND c.email LIKE 'ab%' "
        "AND o.note ILIKE $4 AND o.total IS NULL AND c.doc @@ to_tsquery($5) "
        "ORDER BY o.created_at DESC LIMIT 10", CATALOG)
    o, c = use_of(p, ORDERS), use_of(p, CUSTOMERS)
    kinds = {(x.column, x.kind) for x in o.predicates}
    assert kinds == {("customer_id", "join"), ("status", "in"), ("created_at", "range"),
                     ("note", "infix"), ("total", "isnull")}
    assert {(x.column, x.kind) for x in c.predicates} == {("id", "join"), ("email", "prefix"),
                                                           ("doc", "fts")}
    # every ORDER BY key is a column of orders: orders can drive the join in that order
    assert o.order_by == (("created_at", True),) and o.limit and c.order_by == ()
    assert o.referenced >= {"id", "status", "created_at", "customer_id"}


def test_an_order_by_over_two_tables_of_a_join_is_neither_table_s_order() -> None:
    p = analyze("SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
                "WHERE o.status = $1 ORDER BY c.name, o.created_at LIMIT 10", CATALOG)
    assert use_of(p, ORDERS).order_by == () and use_of(p, CUSTOMERS).order_by == ()


def test_order_by_direction_group_by_and_unqualified_columns() -> None:
    p = analyze("SELECT status, count(*) FROM orders WHERE customer_id = $1 "
                "GROUP BY status ORDER BY created_at DESC, id", CATALOG)
    o = use_of(p, ORDERS)
    assert o.order_by == (("created_at", True), ("id", False))
    assert o.group_by == ("status",)
    assert Predicate("customer_id", "eq", None, None, (1,)) in o.predicates


def test_expression_predicate_is_kept_with_its_text() -> None:
    p = analyze("SELECT * FROM customers WHERE lower(email) = $1", CATALOG)
    (pred,) = use_of(p, CUSTOMERS).predicates
    assert (pred.column, pred.kind, pred.expression) == ("email", "eq", "lower(email)")
    assert use_of(p, CUSTOMERS).star


def test_interval_param_from_pg_stat_statements_is_repaired() -> None:
    text = "SELECT id FROM orders WHERE created_at > now() - interval $1"
    p = analyze(text, CATALOG)
    assert "CAST($1 AS interval)" in p.text
    assert any("interval" in r for r in p.repairs)
    pglast.parse_sql(p.text)  # the repaired text is valid SQL


def test_untyped_params_are_typed_from_the_column_compared() -> None:
    p = analyze("SELECT id FROM orders WHERE created_at > now() - $1 AND status = $2 "
                "AND $3 IS NULL AND customer_id = ANY($4)", CATALOG)
    assert "now() - CAST($1 AS interval)" in p.text
    assert "status = CAST($2 AS text)" in p.text
    assert "CAST($3 AS text) IS NULL" in p.text
    assert "CAST($4 AS integer[])" in p.text or "CAST($4 AS int[])" in p.text


def test_update_records_the_columns_it_sets() -> None:
    p = analyze("UPDATE customers SET name = $1 WHERE id = $2", CATALOG)
    assert p.kind == "update" and p.target == CUSTOMERS
    assert p.updated_columns == ((CUSTOMERS, "name"),)


def test_insert_names_its_target_table() -> None:
    # the advisor counts one index entry per inserted row on the target's indexes
    p = analyze("INSERT INTO orders (id, customer_id, status) VALUES ($1, $2, $3)", CATALOG)
    assert p.kind == "insert" and [u.table for u in p.uses] == [ORDERS] and p.target == ORDERS
    p = analyze("INSERT INTO orders (id, customer_id) SELECT id, id FROM customers c "
                "WHERE c.country = $1", CATALOG)
    assert {u.table for u in p.uses} == {ORDERS, CUSTOMERS} and p.target == ORDERS
    assert ("country", "eq") in {(x.column, x.kind) for x in use_of(p, CUSTOMERS).predicates}


def test_subqueries_and_ctes_are_read() -> None:
    p = analyze("WITH recent AS (SELECT customer_id FROM orders WHERE created_at > $1) "
                "SELECT * FROM customers WHERE id IN (SELECT customer_id FROM recent) "
                "AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id "
                "AND o.status = $2)", CATALOG)
    o = use_of(p, ORDERS)
    assert ("created_at", "range") in {(x.column, x.kind) for x in o.predicates}
    assert ("status", "eq") in {(x.column, x.kind) for x in o.predicates}
    assert ("customer_id", "join") in {(x.column, x.kind) for x in o.predicates}


@pytest.mark.parametrize(("text", "reason"), [
    ("SELECT FROM WHERE", "cannot parse"),
    ("SELECT * FROM pg_class WHERE relname = $1", "catalog"),
    ("SELECT * FROM pgwarden.task_runs", "catalog or pgwarden"),
    ("VACUUM orders", "not a query"),
    ("SELECT 1", "no table"),
])
def test_statements_the_advisor_refuses(text: str, reason: str) -> None:
    with pytest.raises(ParseFailure, match=reason):
        relations(text)
