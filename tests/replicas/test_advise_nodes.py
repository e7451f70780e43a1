"""`pgwarden advise` across nodes (issue 13, section 4): pg_stat_statements of the primary and
of the standby are merged (each node's share kept) and planned on the primary, so a query that
runs only on the standby gets its index suggested."""

from __future__ import annotations

import json
from typing import Any

import psycopg

from tests.replicas.conftest import Pair

SCHEMA = """
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL,
                     amount numeric(10, 2) NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO orders (customer_id, status, amount, created_at)
SELECT g % 5000, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END, (g % 1000) / 10.0,
       now() - g * interval '1 minute'
FROM generate_series(1, 60000) g;
ANALYZE orders;
"""


def _report_on_standby(pair: Pair, calls: int = 80) -> None:
    with psycopg.connect(pair.standby, autocommit=True) as sb:
        for i in range(calls):
            sb.execute("SELECT id, amount, created_at FROM orders WHERE customer_id = %s "
                       "ORDER BY created_at DESC LIMIT 20", (i * 7 % 5000,)).fetchall()


def _suggested(out: str) -> list[str]:
    return json.loads(out)["suggested"]


def test_a_query_only_the_standby_runs_gets_its_index(pair: Pair, cli: Any) -> None:
    with psycopg.connect(pair.primary, autocommit=True) as conn:
        conn.execute(SCHEMA)
        conn.execute("SELECT pg_stat_statements_reset()")
        for _ in range(30):  # the primary's own traffic: by primary key
            conn.execute("SELECT status FROM orders WHERE id = 42").fetchone()
    pair.wait_replayed()
    with psycopg.connect(pair.standby, autocommit=True) as sb:
        sb.execute("SELECT pg_stat_statements_reset()")
    _report_on_standby(pair)
    code, out, err = cli("--dsn", pair.primary, "advise", "--json")
    assert code == 0, err
    alone = json.loads(out)
    assert not any("customer_id" in json.dumps(d) for d in alone["suggested"]), \
        "the primary alone cannot see the standby's report"
    code, out, err = cli("--dsn", pair.primary, "advise", "--json", "--replica", pair.standby)
    assert code == 0, err
    doc = json.loads(out)
    ddl = [d["ddl"] if isinstance(d, dict) and "ddl" in d else json.dumps(d)
           for d in doc["suggested"]]
    assert any("customer_id" in text for text in ddl), doc["suggested"]
    by_query = {q["query"]: q for q in doc["queries"]}
    report = next(q for text, q in by_query.items() if "customer_id" in text)
    assert report["calls_by_node"] is not None
    standby_calls = {k: v for k, v in report["calls_by_node"].items() if k != "primary"}
    assert list(standby_calls.values()) == [80] and "primary" not in report["calls_by_node"]
    code, out, _ = cli("--dsn", pair.primary, "advise", "--replica", pair.standby)
    assert "calls by node: " in out and "127.0.0.1:" in out.split("calls by node: ")[1], out


def test_a_replica_that_is_not_one_is_left_out_with_a_note(pair: Pair, cli: Any) -> None:
    with psycopg.connect(pair.primary, autocommit=True) as conn:
        conn.execute(SCHEMA)
    code, out, err = cli("--dsn", pair.primary, "advise", "--json", "--replica", pair.primary,
                         "--replica", "postgresql://x@127.0.0.1:1/x?connect_timeout=1")
    assert code == 0, err
    notes = json.loads(out)["notes"]
    assert any("answers as a primary" in n for n in notes), notes
    assert any("127.0.0.1:1 left out: unreachable" in n for n in notes), notes
