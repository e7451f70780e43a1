"""The advisor on real data: each candidate kind, the normalisation traps, and its refusals."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.advisor import Advice, advise
from pgwarden.analyzers.advisor.selection import Decision
from pgwarden.analyzers.advisor.settings import AdviseSettings
from tests.analyzers.conftest import Workload

hypopg = pytest.mark.requires_ext("hypopg")


def kept_on(advice: Advice, table: str) -> list[Decision]:
    return [d for d in advice.kept if d.candidate.table == table]


def keys(d: Decision) -> list[str]:
    return [k.expr + (" DESC" if k.desc else "") for k in d.candidate.keys]


def write_queries(tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "workload.sql"
    path.write_text(";\n".join(statements) + ";\n")
    return path


@hypopg
def test_composite_for_equality_then_order_by_limit_under_skew(shop_dsn: str,
                                                               run_workload: Workload) -> None:
    q = "SELECT id, created_at FROM orders WHERE customer_id = %s ORDER BY created_at DESC LIMIT 10"
    run_workload([(q, (1,)), (q, (42,)), (q, (777,))], 5)
    advice = advise(shop_dsn)
    assert advice.validated
    (first, *_) = kept_on(advice, "orders")
    # equality column, then the sort column with its direction; the generic plan and the
    # common customer (20% of orders) both need it, so a single-column index is not enough
    assert keys(first)[:2] == ["customer_id", "created_at DESC"]
    assert first.measured and first.cost_after < first.cost_before / 5
    single = [d for d in advice.decisions if keys(d) == ["customer_id"]]
    assert single and not single[0].kept


@hypopg
def test_covering_index_for_an_index_only_scan(shop_dsn: str, run_workload: Workload) -> None:
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        # index-only scans pay where pages are all-visible; VACUUM can set that only once no
        # snapshot (an autovacuum ANALYZE of the fresh table, say) still sees the inserts
        for _ in range(40):
            conn.execute("VACUUM orders")
            (allvis,) = conn.execute("SELECT relallvisible FROM pg_class WHERE relname = 'orders'"
                                     ).fetchone()  # type: ignore[misc]
            if allvis > 0:
                break
            time.sleep(0.25)
        assert allvis > 0
    q = "SELECT sum(total) FROM orders WHERE customer_id = %s"
    run_workload([(q, (1,)), (q, (5,))], 5)
    advice = advise(shop_dsn)
    (first, *_) = kept_on(advice, "orders")
    assert first.candidate.kind == "covering"
    assert keys(first) == ["customer_id"] and first.candidate.include == ("total",)


@hypopg
def test_partial_index_on_a_rare_constant(shop_dsn: str, tmp_path: Path) -> None:
    path = write_queries(
        tmp_path, "SELECT id, created_at FROM orders WHERE status = 'failed' "
                  "ORDER BY created_at DESC LIMIT 20")
    advice = advise(shop_dsn, queries_file=path)
    (first,) = kept_on(advice, "orders")
    assert first.candidate.kind == "partial"
    assert first.candidate.where == "\"status\" = 'failed'"
    assert "rare predicate" in first.reason


@hypopg
def test_expression_index_for_lower_email(shop_dsn: str, run_workload: Workload) -> None:
    run_workload([("SELECT id FROM customers WHERE lower(email) = %s", ("user7@example.com",))], 3)
    advice = advise(shop_dsn)
    (first,) = kept_on(advice, "customers")
    assert first.candidate.kind == "expression"
    assert "((lower(email)))" in first.candidate.ddl()


@hypopg
def test_join_key_on_the_inner_side(shop_dsn: str, run_workload: Workload) -> None:
    q = ("SELECT o.id, o.total FROM customers c JOIN orders o ON o.customer_id = c.id "
         "WHERE c.id = %s")
    run_workload([(q, (42,)), (q, (43,))], 5)
    advice = advise(shop_dsn)
    orders = kept_on(advice, "orders")
    assert orders and keys(orders[0])[0] == "customer_id"
    assert not kept_on(advice, "customers")  # the primary key already serves c.id


@hypopg
def test_an_application_query_whose_comment_names_pgwarden_is_advised_on(
        shop_dsn: str, run_workload: Workload) -> None:
    # a comment is not code: only pgwarden's own statements (its SQL files, its planning) are
    # left out, not an application query that mentions `pgwarden maintain refresh` or hypopg
    q = ("-- refreshed nightly by pgwarden maintain (hypopg-checked)\n"
         "SELECT o.id /* pgwarden */ FROM orders o WHERE o.customer_id = %s")
    run_workload([(q, (42,)), (q, (43,))], 5)
    advice = advise(shop_dsn)
    assert any("customer_id = $1" in info.query for info in advice.queries)
    orders = kept_on(advice, "orders")
    assert orders and keys(orders[0])[0] == "customer_id"
    # pgwarden's own marker in the code still marks a statement as its own
    from pgwarden.analyzers.advisor.workload import is_own
    assert is_own("SELECT * FROM hypopg_list_indexes()")
    assert not is_own("-- pgwarden\nSELECT 1 FROM orders")


def test_trigram_for_infix_ilike_is_labelled_unvalidated(shop_dsn: str,
                                                         run_workload: Workload) -> None:
    run_workload([("SELECT id FROM orders WHERE note ILIKE %s", ("%gift wrap%",))], 5)
    advice = advise(shop_dsn)
    gin = [d for d in advice.kept if d.candidate.method == "gin"]
    assert gin, [d.reason for d in advice.decisions]
    assert "gin_trgm_ops" in gin[0].candidate.ddl()
    assert not gin[0].measured and "UNVALIDATED" in gin[0].reason


def test_interval_param_normalised_by_pg_stat_statements(shop_dsn: str,
                                                         run_workload: Workload) -> None:
    run_workload([("SELECT id, total FROM orders WHERE created_at > now() - interval '2 hours'",
                   ())], 5)
    advice = advise(shop_dsn)
    (q,) = [q for q in advice.queries if "created_at" in q.query]
    assert "interval $1" in q.query  # what pg_stat_statements recorded
    assert any("interval" in r for r in q.repairs)
    assert any(keys(d)[0] == "created_at" for d in kept_on(advice, "orders"))


@hypopg
def test_ambiguous_operator_and_unbound_constants_are_repaired(shop_dsn: str,
                                                              run_workload: Workload) -> None:
    # normalised, "::date - 3650" becomes "::date - $4", which the server would read as
    # date - date (an integer: GREATEST then fails); "min(...) + 1" becomes "min(...) + $5",
    # where it cannot choose the operator for an unknown operand ("operator is not unique:
    # date + unknown"); 'UTC' becomes $3, which no column constrains, so the value variants
    # plan with a made-up time zone and fail: the generic plan still costs the statement
    q = ("SELECT id FROM orders WHERE customer_id = %s AND created_at >= greatest("
         "(now() AT TIME ZONE 'UTC')::date - 3650, "
         "(SELECT min(o2.created_at::date) + 1 FROM orders o2 WHERE o2.customer_id = %s))")
    run_workload([(q, (42, 42)), (q, (43, 43))], 5)
    advice = advise(shop_dsn)
    assert not [s for s in advice.skipped if "greatest" in s.query], advice.skipped
    assert any("greatest" in info.query for info in advice.queries)
    orders = kept_on(advice, "orders")
    assert orders and keys(orders[0])[0] == "customer_id", [d.reason for d in advice.decisions]


def test_arithmetic_type_and_the_parameter_next_to_the_error() -> None:
    from pgwarden.analyzers.advisor.whatif import ambiguous_param, arithmetic_type

    assert arithmetic_type("date") == "integer"
    assert arithmetic_type("timestamp with time zone") == "interval"
    assert arithmetic_type("bigint") == "bigint"
    text = "PREPARE p AS SELECT max(d) + $6 FROM t WHERE x = $1"
    at = text.index("+") + 1  # the server points at the operator (1-based)
    assert ambiguous_param("operator is not unique: date + unknown", text, at) == (6, "integer")
    text2 = "PREPARE p AS SELECT $2 - now() FROM t"
    at2 = text2.index("-") + 1
    assert ambiguous_param("operator is not unique: unknown - timestamp with time zone", text2,
                           at2) == (2, "interval")
    assert ambiguous_param("syntax error", text, at) is None


def test_a_localised_server_message_is_read_the_same() -> None:
    """Only the SQLSTATE and the operand types (never translated) are read, not the words."""
    from pgwarden.analyzers.advisor.whatif import ambiguous_param

    text = "PREPARE p AS SELECT max(d) + $6 FROM t WHERE x = $1"
    at = text.index("+") + 1
    assert ambiguous_param("Operator ist nicht eindeutig: date + unknown", text, at) == (6, "integer")
    assert ambiguous_param("l'opérateur n'est pas unique : date + unknown", text, at) == (6, "integer")
    assert ambiguous_param("el operador no existe: unknown - timestamp with time zone",
                           "PREPARE p AS SELECT $2 - now()", 23) == (2, "interval")


def test_untyped_param_is_typed_from_the_catalog(shop_dsn: str, run_workload: Workload) -> None:
    # psycopg sends the timedelta as a typed parameter; pg_stat_statements keeps `now() - $1`,
    # which the server would type as timestamptz - timestamptz when planned without a type
    run_workload([("SELECT id FROM orders WHERE created_at > now() - %s",
                   (dt.timedelta(hours=3),))], 5)
    advice = advise(shop_dsn)
    assert not [s for s in advice.skipped if "created_at" in s.query]
    (q,) = [q for q in advice.queries if "created_at" in q.query]
    assert "now() - $1" in q.query and any("$1::interval" in r for r in q.repairs)
    assert kept_on(advice, "orders")


def test_no_index_helps_a_low_selectivity_predicate(shop_dsn: str, run_workload: Workload) -> None:
    q = "SELECT * FROM customers WHERE country = %s"
    run_workload([(q, ("PL",)), (q, ("DE",))], 5)
    advice = advise(shop_dsn)
    assert not advice.kept
    country = [d for d in advice.decisions if keys(d) == ["country"]]
    # the generic plan and the common value keep the sequential scan; the rare value (FR, 10%)
    # alone does not clear min_improvement
    assert country and ("no query gets cheaper" in country[0].reason
                        or "saves only" in country[0].reason), country[0].reason


def test_existing_composite_prefix_already_serves(shop_dsn: str, run_workload: Workload) -> None:
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute("CREATE INDEX orders_cust_created ON orders (customer_id, created_at)")
    run_workload([("SELECT * FROM orders WHERE customer_id = %s", (42,))], 5)
    advice = advise(shop_dsn)
    assert not advice.kept
    (single,) = [d for d in advice.decisions if keys(d) == ["customer_id"]]
    assert "existing index orders_cust_created already serves it" in single.reason


@hypopg
def test_write_hot_column_is_rejected(shop_dsn: str, run_workload: Workload) -> None:
    run_workload([("SELECT id FROM customers WHERE last_seen_at > now() - interval '20 minutes'",
                   ())], 2)
    upd = "UPDATE customers SET last_seen_at = now() WHERE id = %s"
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        with conn.pipeline():
            for i in range(1, 3001):
                conn.execute(upd, (i,))
    advice = advise(shop_dsn)
    hot = [d for d in advice.decisions if keys(d) == ["last_seen_at"]]
    assert hot and not hot[0].kept
    assert "write-hot column last_seen_at" in hot[0].reason
    # with writes ignored, the same index is worth it: the rejection is the write cost
    relaxed = advise(shop_dsn, settings=AdviseSettings(write_weight=0.0))
    assert any(keys(d) == ["last_seen_at"] for d in relaxed.kept)


def test_unparsable_query_is_skipped_and_the_run_continues(shop_dsn: str, tmp_path: Path,
                                                           cli: Any) -> None:
    path = write_queries(tmp_path, "SELECT FROM WHERE",
                         "SELECT id FROM customers WHERE lower(email) = 'user9@example.com'")
    code, out, err = cli("--dsn", shop_dsn, "advise", "--queries", str(path), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["skipped"][0]["query"] == "SELECT FROM WHERE"
    assert "cannot parse" in doc["skipped"][0]["reason"]
    assert [s["kind"] for s in doc["suggested"]] == ["expression"]


def test_unvalidated_path_without_hypopg(shop_dsn: str, run_workload: Workload) -> None:
    run_workload([("SELECT id FROM customers WHERE lower(email) = %s", ("user7@example.com",))], 3)
    advice = advise(shop_dsn, use_hypopg=False)
    assert not advice.validated
    assert any("UNVALIDATED" in n for n in advice.notes)
    (first,) = advice.kept
    assert first.candidate.kind == "expression" and not first.measured
    assert "UNVALIDATED" in first.reason


def test_sql_format_applies_cleanly_with_psql(shop_dsn: str, run_workload: Workload, cli: Any,
                                              tmp_path: Path) -> None:
    run_workload([
        ("SELECT id FROM customers WHERE lower(email) = %s", ("user7@example.com",)),
        ("SELECT id, created_at FROM orders WHERE customer_id = %s ORDER BY created_at DESC "
         "LIMIT 10", (1,)),
        ("SELECT id FROM orders WHERE note ILIKE %s", ("%gift%",)),
    ], 4)
    code, out, err = cli("--dsn", shop_dsn, "advise", "--format", "sql")
    assert code == 0, err
    lines = out.splitlines()
    assert lines and all(ln.startswith("CREATE INDEX CONCURRENTLY ") and ln.endswith(";")
                         for ln in lines)
    script = tmp_path / "advice.sql"
    script.write_text(out)
    done = subprocess.run(["/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", shop_dsn,
                           "-f", str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with psycopg.connect(shop_dsn) as conn:
        invalid = conn.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid").fetchone()
        assert invalid == (0,)
    # applied twice: IF NOT EXISTS keeps it idempotent
    again = subprocess.run(["/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", shop_dsn,
                            "-f", str(script)], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr


def test_json_shape_and_table_output(shop_dsn: str, run_workload: Workload, cli: Any) -> None:
    run_workload([("SELECT id FROM customers WHERE lower(email) = %s", ("user7@example.com",))], 3)
    code, out, _ = cli("--dsn", shop_dsn, "advise", "--json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"suggested", "rejected", "queries", "skipped", "notes",
                        "validated_with_hypopg", "workload_cost_before", "workload_cost_after"}
    s = doc["suggested"][0]
    assert set(s) >= {"index", "ddl", "reason", "validated", "queries", "cost_before",
                      "cost_after", "estimated_bytes", "write_cost"}
    code, out, _ = cli("--dsn", shop_dsn, "advise", "--all")
    assert code == 0 and "cost before → after" in out and "lower(email)" in out


def test_without_pg_stat_statements_preloaded_exits_2_with_the_fix() -> None:
    from pgwarden.analyzers.advisor.workload import require_pg_stat_statements
    from pgwarden.db import ServerFacts
    from pgwarden.errors import PgwardenError

    facts = ServerFacts(150000, "15.0", "app", "u", False, frozenset(), ("pg_qualstats",),
                        {"pg_stat_statements": "1.10"}, {})
    with pytest.raises(PgwardenError) as err:
        require_pg_stat_statements(facts)
    assert err.value.exit_code == 2
    assert "shared_preload_libraries" in err.value.one_line()


def test_extension_missing_in_the_database_exits_2(shop_dsn: str, cli: Any) -> None:
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute("DROP EXTENSION pg_stat_statements")
    code, out, err = cli("--dsn", shop_dsn, "advise")
    assert code == 2 and out == ""
    assert "CREATE EXTENSION pg_stat_statements" in err and "Traceback" not in err


@hypopg
@pytest.mark.requires_ext("pg_qualstats")
def test_pg_qualstats_constant_becomes_a_partial_index(shop_dsn: str) -> None:
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        preload = conn.execute("SHOW shared_preload_libraries").fetchone()
        if not preload or "pg_qualstats" not in preload[0]:
            pytest.skip("pg_qualstats is not preloaded on this server")
        conn.execute("CREATE EXTENSION pg_qualstats")
        conn.execute("SET pg_qualstats.sample_rate = 1")
        q = ("SELECT id, created_at FROM orders WHERE status = %s "
             "ORDER BY created_at DESC LIMIT 20")
        for _ in range(10):
            conn.execute(q, ("failed",)).fetchall()
    advice = advise(shop_dsn)
    (first,) = kept_on(advice, "orders")
    # pg_stat_statements only shows `status = $1`; pg_qualstats saw 'failed' every time
    assert first.candidate.kind == "partial"
    assert first.candidate.where == "\"status\" = 'failed'"


@hypopg
@pytest.mark.requires_ext("pg_qualstats")
def test_pg_qualstats_constants_are_read_per_statement(shop_dsn: str) -> None:
    """Two statements bind the same column to different rare values: each keeps its own (by
    queryid), where the column's values pooled together were no statement's."""
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        preload = conn.execute("SHOW shared_preload_libraries").fetchone()
        if not preload or "pg_qualstats" not in preload[0]:
            pytest.skip("pg_qualstats is not preloaded on this server")
        conn.execute("CREATE EXTENSION pg_qualstats")
        conn.execute("SET pg_qualstats.sample_rate = 1")
        failed = ("SELECT id, created_at FROM orders WHERE status = %s "
                  "ORDER BY created_at DESC LIMIT 20")
        new = "SELECT id, total FROM orders WHERE status = %s AND customer_id = %s"
        for i in range(10):
            conn.execute(failed, ("failed",)).fetchall()
            conn.execute(new, ("new", 100 + i)).fetchall()
    advice = advise(shop_dsn)
    wheres = {d.candidate.where for d in advice.decisions if d.candidate.kind == "partial"}
    assert "\"status\" = 'failed'" in wheres, [d.candidate.describe() for d in advice.decisions]
    assert any(d.candidate.where == "\"status\" = 'failed'" for d in kept_on(advice, "orders"))


NOTES = """
CREATE TABLE notes (id integer PRIMARY KEY, state text NOT NULL, deleted_at timestamptz,
                    body tsvector NOT NULL);
-- 55% published and live; every note matches 'alpha', a fifth 'beta'
INSERT INTO notes
SELECT g, CASE WHEN g % 20 < 12 THEN 'published' WHEN g % 20 < 16 THEN 'draft' ELSE 'archived' END,
       CASE WHEN g % 12 = 0 THEN now() END,
       to_tsvector('english', 'alpha ' || CASE WHEN g % 5 = 0 THEN 'beta ' ELSE '' END || md5(g::text))
FROM generate_series(1, 40000) g;
CREATE INDEX notes_body_idx ON notes USING gin (body);
"""


def test_narrowing_gin_for_the_rows_a_search_always_keeps(shop_dsn: str, tmp_path: Path) -> None:
    # the full GIN serves the match, then the heap fetch of every match filters out drafts,
    # archived and deleted notes; a partial GIN on the kept rows saves those fetches. hypopg
    # cannot build a GIN: the saving is estimated from the planner's plan with the full one.
    # The constants come with the text (a --queries file, pg_qualstats, an inlined function's
    # body); pg_stat_statements alone would show `state = $3`
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute(NOTES)
        conn.execute("VACUUM ANALYZE notes")
    q = ("SELECT id, ts_rank(body, q) AS rank FROM notes, to_tsquery('english', 'beta') AS q "
         "WHERE body @@ q AND state = 'published' AND deleted_at IS NULL ORDER BY rank DESC LIMIT 20")
    # the admin search reads every state: the partial index cannot serve it
    admin = ("SELECT id, ts_rank(body, q) AS rank FROM notes, to_tsquery('english', 'beta') AS q "
             "WHERE body @@ q ORDER BY rank DESC LIMIT 20")
    advice = advise(shop_dsn, queries_file=write_queries(tmp_path, q, admin))
    (gin,) = [d for d in advice.kept if d.candidate.table == "notes"]
    (public,) = [i.index for i in advice.queries if "published" in i.query]
    assert gin.queries == (public,)
    assert gin.candidate.method == "gin"
    assert gin.candidate.where == "\"deleted_at\" IS NULL AND \"state\" = 'published'"
    assert not gin.measured and "UNVALIDATED" in gin.reason
    assert "over the rows the query always keeps" in gin.reason
    # the planner's bitmap scan through the full index fetches every match: cheaper by the
    # share of rows the WHERE leaves out (about 50%), never claimed as more
    assert 0.3 * gin.cost_before < gin.cost_after < 0.75 * gin.cost_before
    with psycopg.connect(shop_dsn) as conn:
        (full,) = conn.execute("SELECT pg_relation_size('notes_body_idx')").fetchone()  # type: ignore[misc]
    assert gin.bytes < full  # sized as a share of the real GIN, not a guess per row
    # the full GIN itself is not suggested again
    full_only = [d for d in advice.decisions if d.candidate.table == "notes"
                 and d.candidate.method == "gin" and not d.candidate.where]
    assert full_only and not full_only[0].kept
    assert "existing index notes_body_idx already serves it" in full_only[0].reason


def test_parameters_no_column_bounds_are_planned_generic_only() -> None:
    from pgwarden.analyzers.advisor.parse import ParsedStatement
    from pgwarden.analyzers.advisor.whatif import variants

    # a search box's text: a made-up one (an empty text search costs nothing) describes
    # nothing; a made-up interval or LIMIT is neutral, and planned as a value variant too
    stmt = ParsedStatement("select", "SELECT 1 WHERE to_tsvector($1) @@ to_tsquery($1) LIMIT $2",
                           (), n_params=2)
    assert [v.label for v in variants(stmt, ("text", "bigint"), {})] == ["generic"]
    shifted = ParsedStatement("select", "SELECT 1 WHERE now() - $1 < now() LIMIT $2", (), n_params=2)
    assert [v.label for v in variants(shifted, ("interval", "bigint"), {})] == ["generic", "common"]


def test_narrowing_gin_only_when_the_conditions_leave_rows_out() -> None:
    from pgwarden.analyzers.advisor.candidates import generate
    from pgwarden.analyzers.advisor.catalog import Column, Table
    from pgwarden.analyzers.advisor.parse import Predicate, TableRef, TableUse

    def table(published: float) -> Table:
        cols = {"body": Column("body", "tsvector", 200),
                "state": Column("state", "text", 10, 0.0, 3.0, ("published", "draft"),
                                (published, 1.0 - published))}
        return Table(TableRef(None, "notes"), 1, "public", "notes", 40_000, 400, 1 << 22,
                     0, 0, 0, 0, ("id",), cols)

    use = TableUse(TableRef(None, "notes"), (Predicate("body", "fts"),
                                             Predicate("state", "eq", constant="published")))
    narrowing = [c for c in generate(use, table(0.6)) if c.method == "gin" and c.where]
    assert [(c.where, c.fraction) for c in narrowing] == [("\"state\" = 'published'", 0.6)]
    # a condition that keeps 95% of the rows: the full GIN is as good, no candidate
    assert not [c for c in generate(use, table(0.95)) if c.method == "gin" and c.where]


@hypopg
def test_a_workload_read_elsewhere_is_planned_here(shop_dsn: str) -> None:
    """The workload seam: statements gathered on other nodes and merged are planned on the
    database given, and only those (this database's pg_stat_statements is not read)."""
    from pgwarden.analyzers.advisor.workload import Statement, Workload, merge

    q = "SELECT id, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10"
    merged = merge([("replica1", Workload((Statement(q, 40, 80.0, 2.0, 7),), "pg_stat_statements")),
                    ("replica2", Workload((Statement(q, 60, 90.0, 1.5, 7),), "pg_stat_statements"))])
    advice = advise(shop_dsn, workload=merged)
    assert [(i.query, i.calls) for i in advice.queries] == [(q, 100)]
    assert keys(kept_on(advice, "orders")[0])[:2] == ["customer_id", "created_at DESC"]
    assert advice.source.startswith("replica1: ")


DOCS = """
CREATE TABLE docs (id integer PRIMARY KEY, tags text[] NOT NULL, meta jsonb NOT NULL,
                   title text NOT NULL);
INSERT INTO docs
SELECT g, CASE WHEN g % 2000 = 0 THEN ARRAY['urgent', 'x'] ELSE ARRAY['common', 'x'] END,
       CASE WHEN g % 1000 = 0 THEN '{"hold": true}'::jsonb ELSE '{"state": "ok"}'::jsonb END,
       md5(g::text)
FROM generate_series(1, 40000) g;
ANALYZE docs;
"""


def test_gin_for_containment_and_key_operators(shop_dsn: str, tmp_path: Path, cli: Any) -> None:
    """No btree serves @> or ? on arrays and jsonb: a GIN candidate is proposed, estimated
    and labelled, and such a query is never left without a candidate."""
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute(DOCS)
    path = write_queries(tmp_path, "SELECT id, title FROM docs WHERE tags @> ARRAY['urgent']",
                         "SELECT id FROM docs WHERE meta ? 'hold'",
                         "SELECT id FROM docs WHERE meta @> '{\"hold\": true}'")
    advice = advise(shop_dsn, queries_file=path)
    gins = {d.candidate.keys[0].expr: d for d in advice.decisions
            if d.candidate.kind == "containment"}
    assert set(gins) == {"tags", "meta"}, [d.candidate.describe() for d in advice.decisions]
    tags = gins["tags"]
    assert tags.kept and tags.candidate.method == "gin" and not tags.measured
    assert "UNVALIDATED" in tags.reason
    assert "USING gin (\"tags\")" in tags.candidate.ddl()
    code, out, _ = cli("--dsn", shop_dsn, "advise", "--queries", str(path), "--all")
    assert code == 0 and "docs_meta_gin" in out and "docs_tags_gin" in out


@hypopg
def test_an_update_that_lost_hot_already_costs_only_its_entries(shop_dsn: str,
                                                                  run_workload: Workload) -> None:
    """An existing index stores last_seen_at, so its updates are not HOT whatever is built: an
    index storing it too adds one entry per update, not the price of a lost HOT update."""
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        conn.execute("CREATE INDEX customers_seen_country ON customers (country, last_seen_at)")
    run_workload([("SELECT id FROM customers WHERE last_seen_at > now() - interval '20 minutes'",
                   ())], 30)
    upd = "UPDATE customers SET last_seen_at = now() WHERE id = %s"
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        with conn.pipeline():
            for i in range(1, 3001):
                conn.execute(upd, (i,))
    advice = advise(shop_dsn)
    (kept,) = kept_on(advice, "customers")
    assert keys(kept)[0] == "last_seen_at" and "write-hot" not in kept.reason
    assert kept.write_cost < 3000 * 2  # one entry per updated row, no HOT-loss price


@hypopg
def test_the_why_fits_80_columns_and_its_figures_are_the_cost_columns(
        shop_dsn: str, run_workload: Workload, cli: Any) -> None:
    q = "SELECT id, created_at FROM orders WHERE customer_id = %s ORDER BY created_at DESC LIMIT 10"
    run_workload([(q, (1,)), (q, (42,)), ("SELECT id FROM customers WHERE lower(email) = %s",
                                          ("user7@example.com",))], 5)
    code, out, _ = cli("--dsn", shop_dsn, "advise", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["suggested"]
    for s in doc["suggested"]:
        lines = s["why"].splitlines()
        assert 1 <= len(lines) <= 2 and all(len(line) <= 76 for line in lines), s["why"]
        less = 1 - s["cost_after"] / s["cost_before"]
        assert f"(-{less:.0%})" in lines[0], (s["why"], s["cost_before"], s["cost_after"])
        assert len(s["reason"]) > len(s["why"])  # the whole reasoning is behind --explain
    code, out, _ = cli("--dsn", shop_dsn, "advise")
    assert code == 0 and doc["suggested"][0]["reason"] not in out
    code, out, _ = cli("--dsn", shop_dsn, "advise", "--explain")
    assert code == 0 and "judged per query" in out
