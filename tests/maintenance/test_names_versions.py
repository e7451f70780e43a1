"""Table names as SQL writes them (issue 16 item 14) and session settings per server version
(item 17)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import psycopg
import pytest

from pgwarden.db import connect, read_server_facts
from pgwarden.maintenance.base import apply_session_settings, name_matches, split_name
from tests.maintenance.conftest import objects


@pytest.mark.parametrize(("text", "parsed"), [
    ('"Mixed Case"', (None, "Mixed Case")),
    ('app."Mixed Case"', ("app", "Mixed Case")),
    ('"my.schema"."a""b"', ("my.schema", 'a"b')),
    ("App.Events", ("app", "events")),
    ("events", (None, "events")),
    ("Mixed Case", None),        # not SQL (a space outside quotes): matched verbatim only
    ('"unclosed', None),
    ("a.b.c", None),
    ('""', None),
])
def test_split_name(text: str, parsed: Any) -> None:
    assert split_name(text) == parsed


def test_name_matches_verbatim_and_quoted() -> None:
    assert name_matches('"Mixed Case"', "public", "Mixed Case")
    assert name_matches("Mixed Case", "public", "Mixed Case")
    assert name_matches('public."Mixed Case"', "public", "Mixed Case")
    assert not name_matches('app."Mixed Case"', "public", "Mixed Case")
    assert not name_matches('"mixed case"', "public", "Mixed Case")


def test_vacuum_and_reindex_accept_sql_quoted_names(conn: psycopg.Connection[Any], db_dsn: str,
                                                     cli: Callable[..., tuple[int, str, str]],
                                                     config: Callable[..., str]) -> None:
    conn.execute('CREATE TABLE "Mixed Case" (id int PRIMARY KEY, v text)')
    conn.execute("""INSERT INTO "Mixed Case" SELECT g, 'x' FROM generate_series(1, 100) g""")
    for name in ('"Mixed Case"', 'public."Mixed Case"', "Mixed Case"):
        code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "vacuum", name,
                             "--json")
        assert code == 0, out + err
        assert [(o["object"], o["outcome"]) for o in objects(out)] == [
            ("public.Mixed Case", "done")]
        code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "reindex", name,
                             "--json")
        assert code == 0, out + err
    code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "vacuum",
                         '"mixed case"', "--json")
    assert code == 2 and 'no such table: "mixed case"' in err, err


def test_client_connection_check_only_where_the_server_has_it(db_dsn: str) -> None:
    """client_connection_check_interval exists from PostgreSQL 14: set on 14+, never sent to
    an older server (where SET would fail: unrecognized configuration parameter)."""
    with connect(db_dsn) as conn:
        facts = read_server_facts(conn)
        assert facts.has_client_connection_check == (facts.major >= 14)
        older = replace(facts, version_num=130011)
        assert not older.has_client_connection_check
        apply_session_settings(conn, older)
        assert conn.execute("SHOW client_connection_check_interval").fetchone() == {
            "client_connection_check_interval": "0"}
        apply_session_settings(conn, facts)
        assert conn.execute("SHOW client_connection_check_interval").fetchone() == {
            "client_connection_check_interval": "1s"}
