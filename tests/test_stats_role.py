"""A role with pg_read_all_stats but not allowed to read shared_preload_libraries: whether
pg_stat_statements is loaded is decided from what the role can see, the view answering, and
the missing privilege is named (issue 16 item 13), in advise, health and doctor."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pgwarden import db
from pgwarden.analyzers.advisor.workload import require_pg_stat_statements
from pgwarden.errors import MissingExtension, UsageError
from tests.conftest import PASSWORD_GROUP

ROLE = "pgwarden_test_stats_only"


@pytest.fixture
def stats_dsn(db_dsn: str, conn: psycopg.Connection[Any]) -> Iterator[str]:
    conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(ROLE)))
    conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'stats-only-pw' IN ROLE {}, "
                         "pg_read_all_stats").format(sql.Identifier(ROLE),
                                                     sql.Identifier(PASSWORD_GROUP)))
    try:
        yield make_conninfo(db_dsn, user=ROLE, password="stats-only-pw")
    finally:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                     (ROLE,))
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(ROLE)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(ROLE)))


@pytest.mark.requires_ext("pg_stat_statements")
def test_loaded_pg_stat_statements_is_seen_through_its_view(
        stats_dsn: str, cli: Callable[..., tuple[int, str, str]]) -> None:
    with db.session(stats_dsn) as c:
        facts = db.read_server_facts(c)
    assert not facts.shared_preload_visible and facts.shared_preload_libraries == ()
    assert facts.pg_stat_statements_answers is True
    assert facts.pg_stat_statements_preloaded and not facts.pg_stat_statements_unknown
    require_pg_stat_statements(facts)  # advise's check: no "not loaded, restart the server"

    code, out, err = cli("--dsn", stats_dsn, "health", "--check", "pg_stat_statements", "--json")
    check = json.loads(out)["checks"][0]
    assert check["status"] == "OK", check
    code, out, err = cli("--dsn", stats_dsn, "doctor", "--json")
    feature = next(f for f in json.loads(out)["features"]
                   if f["name"].startswith("pg_stat_statements"))
    assert feature["status"] == "ok", feature
    code, out, err = cli("--dsn", stats_dsn, "advise", "--json")
    assert "not loaded" not in err and "shared_preload_libraries" not in err, err


def test_unloaded_library_names_the_missing_privilege(db_dsn: str) -> None:
    """The view does not answer (the library is not loaded) and the setting is hidden: the
    message says so and names pg_read_all_settings; not created: the fix is CREATE EXTENSION."""
    with db.session(db_dsn) as c:
        facts = db.read_server_facts(c)
    hidden = replace(facts, shared_preload_libraries=(), shared_preload_visible=False,
                     pg_stat_statements_answers=False, is_superuser=False, user="app")
    assert hidden.pg_stat_statements_unknown
    with pytest.raises(UsageError) as info:
        require_pg_stat_statements(hidden)
    assert "its view does not answer" in info.value.one_line()
    assert "GRANT pg_read_all_settings TO app" in info.value.one_line()
    absent = replace(hidden, installed_extensions={}, pg_stat_statements_answers=None)
    with pytest.raises(MissingExtension) as info2:
        require_pg_stat_statements(absent)
    assert "CREATE EXTENSION pg_stat_statements" in info2.value.one_line()
    assert "GRANT pg_read_all_settings TO app" in info2.value.one_line()
