"""A server that speaks German (lc_messages = de_DE.UTF-8) gets the same behaviour as one that
speaks English: errors and notices are told apart by SQLSTATE, exception class and the server
function that raised them, never by the words, which the server translates.

Needs the de_DE.UTF-8 locale on the machine (scripts/setup-system.sh generates it) and a server
built with translations (Debian's PostgreSQL 15 is; a build without them skips, saying so).
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from pgwarden import db
from pgwarden.analyzers.advisor import advise
from pgwarden.errors import ConnectError, MissingExtension
from pgwarden.migrations.runner import RunReport, _on_notice
from tests.analyzers.conftest import Workload
from tests.conftest import speak


def _error(dsn: str, statement: str) -> psycopg.Error:
    with psycopg.connect(dsn, autocommit=True) as conn:
        try:
            conn.execute(statement)
        except psycopg.Error as exc:
            return exc
    raise AssertionError(f"{statement!r} did not fail")


def test_missing_extension_is_recognised_in_german(german_dsn: str) -> None:
    for statement in ("CREATE EXTENSION pgwarden_no_such_ext", "ALTER EXTENSION pgwarden_no_such_ext UPDATE"):
        exc = _error(german_dsn, statement)
        assert "Erweiterung" in str(exc)  # the server did speak German
        assert isinstance(db.translate_error(exc), MissingExtension), str(exc)
    # an unrelated error of the same classes is not taken for a missing extension
    other = _error(german_dsn, "SELECT 'x'::regclass")
    assert isinstance(other, psycopg.errors.UndefinedTable | psycopg.errors.UndefinedObject)
    assert not isinstance(db.translate_error(other), MissingExtension)


def test_terminated_session_is_a_lost_connection_in_german(german_dsn: str, admin_dsn: str) -> None:
    from pgwarden.migrations.api import _alembic_errors

    victim = psycopg.connect(german_dsn, autocommit=True)
    try:
        pid = victim.info.backend_pid
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(ConnectError, match="connection was lost"), _alembic_errors(german_dsn):
            victim.execute("SELECT 1")
    finally:
        victim.close()


def test_if_exists_chatter_is_dropped_and_other_notices_kept_in_german(german_dsn: str) -> None:
    report = RunReport()
    with psycopg.connect(german_dsn, autocommit=True) as conn:
        seen: list[str] = []
        conn.add_notice_handler(lambda d: seen.append(str(d.message_primary)))
        conn.add_notice_handler(lambda d: _on_notice(d, report))
        conn.execute("CREATE TABLE chatter (a int)")
        for statement in (
                "CREATE TABLE IF NOT EXISTS chatter (a int)",
                "CREATE INDEX IF NOT EXISTS chatter_a ON chatter (a)",
                "CREATE INDEX IF NOT EXISTS chatter_a ON chatter (a)",
                "ALTER TABLE chatter ADD COLUMN IF NOT EXISTS a int",
                "ALTER TABLE chatter DROP COLUMN IF EXISTS nope",
                "ALTER TABLE chatter DROP CONSTRAINT IF EXISTS nope",
                "ALTER TABLE IF EXISTS nope ADD COLUMN b int",
                "DROP INDEX IF EXISTS nope", "DROP TABLE IF EXISTS nope",
                "DROP VIEW IF EXISTS nope", "DROP FUNCTION IF EXISTS nope()",
                "DROP TRIGGER IF EXISTS nope ON chatter", "CREATE SCHEMA IF NOT EXISTS public",
                "CREATE EXTENSION IF NOT EXISTS plpgsql",
                "DO $$BEGIN RAISE NOTICE 'Daten werden kopiert'; END$$",
                "DO $$BEGIN RAISE WARNING 'lange Sperre'; END$$"):
            conn.execute(statement)
    assert sum("übersprungen" in s for s in seen) == 13, seen  # German chatter was sent ...
    # ... and dropped; what the migration itself says is kept
    assert report.notices == ["NOTICE: Daten werden kopiert", "WARNING: lange Sperre"], report.notices


@pytest.mark.requires_ext("hypopg")
def test_advice_is_the_same_in_german_and_in_english(shop_dsn: str, run_workload: Workload,
                                                     german_dsn: Any) -> None:
    # the repairs read the server's errors: an ambiguous operator on an unknown operand, an
    # untyped parameter, a made-up time zone (see test_advise.py for each)
    del german_dsn  # it is shop_dsn's database: the fixtures share db_dsn
    q = ("SELECT id FROM orders WHERE customer_id = %s AND created_at >= greatest("
         "(now() AT TIME ZONE 'UTC')::date - 3650, "
         "(SELECT min(o2.created_at::date) + 1 FROM orders o2 WHERE o2.customer_id = %s))")
    run_workload([(q, (42, 42)), (q, (43, 43)),
                  ("SELECT id FROM customers WHERE lower(email) = %s", ("a@example.com",))], 5)

    def summary() -> tuple[list[str], list[str], list[str]]:
        advice = advise(shop_dsn)
        return (sorted(d.candidate.ddl() for d in advice.kept),
                sorted(s.query for s in advice.skipped),
                sorted(r for q in advice.queries for r in q.repairs))

    in_german = summary()
    speak(shop_dsn, None)
    in_english = summary()
    assert in_german[0], "nothing was advised: the workload did not reach the advisor"
    assert in_german == in_english
