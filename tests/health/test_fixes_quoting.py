"""The fixes pgwarden prints for a person to run are statements that run as printed, also for
mixed-case and quoted names (schemas, tables, columns, roles, databases)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.doctor import diagnose
from pgwarden.fixes import quoted, statement
from pgwarden.health import Status, run
from tests.conftest import role_dsn
from tests.health.conftest import ensure_role

ROLE = 'Mixed "Case" Role'


def _statement_part(fix: str) -> str:
    """The runnable part of a fix: up to the comment that follows it."""
    return fix.split("  --", 1)[0]


def test_statement_quotes_every_kind_of_name() -> None:
    assert quoted("plain") == '"plain"'
    assert quoted(("Sales", 'Or"ders')) == '"Sales"."Or""ders"'
    assert statement("GRANT pg_monitor TO {role};", role="App User") == 'GRANT pg_monitor TO "App User";'
    assert statement("GRANT SELECT ON SEQUENCE {s} TO {r};", s=[("a", "B"), ("c", "d")], r="x") == \
        'GRANT SELECT ON SEQUENCE "a"."B", "c"."d" TO "x";'


def test_invalid_index_fix_drops_a_mixed_case_index(conn: psycopg.Connection[Any], db_dsn: str) -> None:
    conn.execute('CREATE SCHEMA "Sales"; CREATE TABLE "Sales"."Orders" (v int);'
                 'INSERT INTO "Sales"."Orders" VALUES (1), (1)')
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute('CREATE UNIQUE INDEX CONCURRENTLY "Orders V key" ON "Sales"."Orders" (v)')
    result = run(db_dsn, None, ["invalid_indexes"]).results[0]
    assert result.status is Status.WARNING and result.fix is not None
    assert result.fix.startswith('DROP INDEX CONCURRENTLY "Sales"."Orders V key";')
    conn.execute(_statement_part(result.fix))
    assert run(db_dsn, None, ["invalid_indexes"]).results[0].status is Status.OK


def test_sequence_fix_widens_a_mixed_case_column(conn: psycopg.Connection[Any], db_dsn: str) -> None:
    conn.execute('CREATE SCHEMA "Mixed"; CREATE TABLE "Mixed"."Narrow T" ("Id" serial)')
    conn.execute("""SELECT setval(pg_get_serial_sequence('"Mixed"."Narrow T"', 'Id'), 2100000000)""")
    result = run(db_dsn, None, ["sequences"]).results[0]
    assert result.status is Status.CRITICAL and result.fix is not None
    assert result.fix.startswith('ALTER TABLE "Mixed"."Narrow T" ALTER COLUMN "Id" TYPE bigint;')
    conn.execute(_statement_part(result.fix))
    # the column is bigint now, the sequence is not near its limit: the fix did it
    fixed = run(db_dsn, None, ["sequences"]).results[0]
    assert fixed.status is Status.OK, fixed.summary


def test_sequence_without_a_narrow_column_gets_alter_sequence(conn: psycopg.Connection[Any],
                                                              db_dsn: str) -> None:
    conn.execute('CREATE SEQUENCE "Small Seq" AS integer')
    conn.execute("""SELECT setval('"Small Seq"', 2100000000)""")
    result = run(db_dsn, None, ["sequences"]).results[0]
    assert result.fix is not None
    assert result.fix == 'ALTER SEQUENCE "public"."Small Seq" AS bigint MAXVALUE 9223372036854775807;'
    conn.execute(result.fix)
    assert run(db_dsn, None, ["sequences"]).results[0].status is Status.OK


def test_unreadable_sequence_grant_names_the_role_quoted(conn: psycopg.Connection[Any],
                                                          db_dsn: str) -> None:
    ensure_role(conn, ROLE, monitor=False)
    conn.execute('CREATE SEQUENCE "Private Seq"')
    result = run(role_dsn(db_dsn, ROLE), None, ["sequences"]).results[0]
    grant = 'GRANT SELECT ON SEQUENCE "public"."Private Seq" TO "Mixed ""Case"" Role";'
    assert result.not_visible is not None and result.not_visible.endswith(grant)
    conn.execute(grant)
    assert run(role_dsn(db_dsn, ROLE), None, ["sequences"]).results[0].not_visible is None


def test_state_grants_and_doctor_grants_run_for_a_quoted_role(conn: psycopg.Connection[Any],
                                                              db_dsn: str, state_schema: Any) -> None:
    ensure_role(conn, ROLE, monitor=False)
    as_role = role_dsn(db_dsn, ROLE)
    tasks = run(as_role, None, ["maintenance_tasks"]).results[0]
    assert tasks.status is Status.UNKNOWN and tasks.fix is not None
    assert tasks.fix == ('GRANT USAGE ON SCHEMA pgwarden TO "Mixed ""Case"" Role"; '
                         'GRANT SELECT ON ALL TABLES IN SCHEMA pgwarden TO "Mixed ""Case"" Role";')
    conn.execute(tasks.fix)
    assert "cannot read" not in run(as_role, None, ["maintenance_tasks"]).results[0].summary

    fixes = [f.fix for f in diagnose(as_role).features if f.fix and "GRANT" in f.fix]
    assert 'GRANT pg_monitor TO "Mixed ""Case"" Role";' in fixes
    for fix in fixes:
        conn.execute(fix)
    after = [f.fix for f in diagnose(as_role).features if f.fix and "GRANT" in f.fix]
    assert after == [], after


@pytest.fixture(autouse=True)
def _drop_role(conn: psycopg.Connection[Any]) -> Any:
    yield
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchone():
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(ROLE)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(ROLE)))
