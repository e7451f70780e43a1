"""refresh: dependency order, CONCURRENTLY only with a usable unique index, unpopulated views,
skip when inputs are unchanged, --force, --allow-blocking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

from tests.maintenance.conftest import objects, wait_for

VIEWS = """
CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL, amount numeric NOT NULL);
CREATE TABLE notes (id int PRIMARY KEY, body text);
INSERT INTO orders SELECT g, g % 10, g FROM generate_series(1, 1000) g;
INSERT INTO notes SELECT g, 'n' FROM generate_series(1, 10) g;
CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100;
CREATE MATERIALIZED VIEW customer_totals AS
    SELECT customer, sum(amount) AS total, count(*) AS n FROM big_orders GROUP BY customer;
CREATE UNIQUE INDEX customer_totals_pk ON customer_totals (customer);
CREATE MATERIALIZED VIEW top_customers AS
    SELECT customer, total FROM customer_totals ORDER BY total DESC LIMIT 3;
CREATE UNIQUE INDEX top_customers_pk ON top_customers (customer);
CREATE MATERIALIZED VIEW note_count AS SELECT count(*) AS n FROM notes;
CREATE MATERIALIZED VIEW partial_only AS SELECT id FROM notes;
CREATE UNIQUE INDEX partial_only_idx ON partial_only (id) WHERE id > 5;
CREATE MATERIALIZED VIEW empty_view AS SELECT id, body FROM notes WITH NO DATA;
CREATE UNIQUE INDEX empty_view_pk ON empty_view (id);
"""


def _run(cli: Callable[..., tuple[int, str, str]], dsn: str,
         *args: str) -> tuple[int, dict[str, Any], list[str]]:
    code, out, err = cli("--dsn", dsn, "maintain", "refresh", "--json", *args)
    objs = objects(out)
    return code, {o["object"]: o for o in objs}, [o["object"] for o in objs]


def test_refresh_plan_order_modes_and_skips(conn: psycopg.Connection[Any], db_dsn: str,
                                            cli: Callable[..., tuple[int, str, str]]) -> None:
    conn.execute(VIEWS)
    # write counters are flushed asynchronously (about once a second): let the setup's land
    wait_for(conn, "SELECT sum(n_tup_ins) = 1010 FROM pg_stat_user_tables "
                   "WHERE relname IN ('orders', 'notes')")
    code, res, order = _run(cli, db_dsn)
    # views without a usable unique index are refused (a partial unique index does not count)
    assert code == 3
    for v in ("public.note_count", "public.partial_only"):
        assert res[v]["outcome"] == "skipped" and "no usable unique index" in res[v]["message"]
    assert res["public.customer_totals"]["action"] == "refresh concurrently"
    assert res["public.customer_totals"]["outcome"] == "done"
    assert order.index("public.customer_totals") < order.index("public.top_customers")
    assert res["public.empty_view"]["action"] == "refresh (not populated)"
    assert res["public.empty_view"]["outcome"] == "done"
    assert conn.execute("SELECT relispopulated FROM pg_class WHERE relname = 'empty_view'"
                        ).fetchone() == (True,)
    rec = conn.execute("SELECT view_name, last_outcome FROM pgwarden.mview_refresh ORDER BY 1").fetchall()
    assert ("customer_totals", "success") in rec and ("empty_view", "success") in rec

    # --allow-blocking refreshes the rest; nothing else changed -> others not needed
    code, res, _ = _run(cli, db_dsn, "--allow-blocking")
    assert code == 0
    assert res["public.note_count"]["action"] == "refresh (blocking)"
    assert res["public.note_count"]["outcome"] == "done"
    assert res["public.customer_totals"]["outcome"] == "not-needed"
    assert "inputs unchanged" in res["public.customer_totals"]["reason"]

    # a write to orders (through the plain view) makes customer_totals and, after it,
    # top_customers stale; notes-based views stay skipped
    conn.execute("UPDATE orders SET amount = amount + 1000 WHERE id = 500")
    conn.execute("SELECT pg_stat_force_next_flush()")
    wait_for(conn, "SELECT n_tup_upd > 0 FROM pg_stat_user_tables WHERE relname = 'orders'")
    code, res, order = _run(cli, db_dsn, "--allow-blocking")
    assert code == 0
    assert res["public.customer_totals"]["outcome"] == "done"
    assert "inputs changed" in res["public.customer_totals"]["reason"]
    assert res["public.top_customers"]["outcome"] == "done"
    assert res["public.note_count"]["outcome"] == "not-needed", res["public.note_count"]
    assert conn.execute("SELECT total FROM customer_totals WHERE customer = 0").fetchone()[0] > 50000

    # --force refreshes everything, and a named view only that one
    code, res, _ = _run(cli, db_dsn, "--force", "--allow-blocking", "note_count")
    assert code == 0 and list(res) == ["public.note_count"]
    assert res["public.note_count"]["reason"].startswith("--force")


def test_locked_view_is_skipped_after_retries(conn: psycopg.Connection[Any], db_dsn: str,
                                              cli: Callable[..., tuple[int, str, str]],
                                              config: Callable[..., str]) -> None:
    conn.execute(VIEWS)
    with psycopg.connect(db_dsn) as holder:
        holder.execute("REFRESH MATERIALIZED VIEW customer_totals")  # ACCESS EXCLUSIVE until rollback
        code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "refresh", "--json",
                             "customer_totals", "top_customers")
        holder.rollback()
    assert code == 3, err
    res = {o["object"]: o for o in objects(out)}
    assert res["public.customer_totals"]["outcome"] == "skipped"
    assert "lock_timeout 300ms (2 tries)" in res["public.customer_totals"]["message"]
    # its dependant is not refreshed from stale input
    assert res["public.top_customers"]["outcome"] == "skipped"
    assert "input materialized view was not refreshed" in res["public.top_customers"]["message"]
