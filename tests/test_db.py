"""The connection layer against a real server: errors, redaction, facts, advisory locks."""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden import db
from pgwarden.errors import ConnectError, LockHeld, MissingExtension, UsageError
from tests.conftest import PASSWORD_GROUP, ROLE_PASSWORD, role_dsn


def test_redact_url_and_keyword_forms() -> None:
    assert "secret" not in db.redact("postgresql://u:secret@h:5432/d")
    assert db.redact("postgresql://u:secret@h/d") == "postgresql://u:***@h/d"
    assert "hunter2" not in db.redact("host=h password=hunter2 user=u")
    assert "p@ss" not in db.redact("host=h password='p@ss word' user=u")
    assert "zzz" not in db.redact("postgresql://u@h/d?password=zzz&sslmode=require")


def test_connection_sets_application_name_and_timeouts(db_dsn: str) -> None:
    t = db.Timeouts(lock_timeout=1.5, statement_timeout=30)
    with db.session(db_dsn, timeouts=t) as conn:
        row = conn.execute("SELECT current_setting('application_name') AS app,"
                           " current_setting('lock_timeout') AS lt,"
                           " current_setting('statement_timeout') AS st").fetchone()
    assert row == {"app": "pgwarden", "lt": "1500ms", "st": "30s"}


def test_unreachable_host_is_one_line_exit_4() -> None:
    with pytest.raises(ConnectError) as err:
        db.connect("postgresql://u:secret@127.0.0.1:1/x")
    assert err.value.exit_code == 4
    assert "connection refused" in err.value.one_line()
    assert "secret" not in err.value.one_line()
    assert "\n" not in err.value.one_line()


def test_refused_password(conn: psycopg.Connection[Any], db_dsn: str) -> None:
    conn.execute(sql.SQL("CREATE ROLE pw_user LOGIN PASSWORD 'right-one' IN ROLE {}").format(
        sql.Identifier(PASSWORD_GROUP)))
    try:
        port = psycopg.conninfo.conninfo_to_dict(db_dsn)["port"]
        with pytest.raises(ConnectError) as err:
            db.connect(f"postgresql://pw_user:wrong-one@127.0.0.1:{port}/postgres")
        msg = err.value.one_line()
        assert "password authentication failed for user 'pw_user'" in msg
        assert "wrong-one" not in msg
        with db.session(f"postgresql://pw_user:right-one@127.0.0.1:{port}/postgres") as ok:
            assert ok.execute("SELECT current_user AS u").fetchone() == {"u": "pw_user"}
    finally:
        conn.execute("DROP ROLE pw_user")


def test_database_does_not_exist(db_dsn: str) -> None:
    with pytest.raises(ConnectError, match="database 'no_such_db' does not exist"):
        db.connect(psycopg.conninfo.make_conninfo(db_dsn, dbname="no_such_db"))


@pytest.mark.parametrize("bad", ["host=h port", "postgresql://h:notaport/x", "nonsense=1"])
def test_bad_dsn_syntax_is_usage_error(bad: str) -> None:
    with pytest.raises((UsageError, ConnectError)) as err:
        db.connect(bad)
    assert err.value.exit_code in (2, 4)
    assert "\n" not in err.value.one_line()


def test_keyword_dsn_syntax_error_is_exit_2() -> None:
    with pytest.raises(UsageError) as err:
        db.connect("host=h port")
    assert err.value.exit_code == 2
    assert "bad DSN syntax" in err.value.message


def test_server_facts(conn: psycopg.Connection[Any], template_db: dict[str, Any]) -> None:
    with db.session(conn.info.dsn) as c:
        facts = db.read_server_facts(c)
    assert facts.version_num == template_db["version_num"]
    assert facts.major == template_db["version_num"] // 10000
    assert facts.is_superuser
    assert facts.pg_stat_statements_preloaded
    assert facts.installed("pg_stat_statements")
    assert facts.available("pg_trgm")
    assert facts.can_read_all_stats


def test_facts_for_a_monitoring_role(conn: psycopg.Connection[Any], db_dsn: str) -> None:
    conn.execute(sql.SQL("CREATE ROLE facts_mon LOGIN IN ROLE pg_monitor PASSWORD {}").format(
        sql.Literal(ROLE_PASSWORD)))
    try:
        with db.session(role_dsn(db_dsn, "facts_mon")) as c:
            facts = db.read_server_facts(c)
        assert not facts.is_superuser
        assert "pg_monitor" in facts.roles
        assert "pg_read_all_stats" in facts.roles  # pg_monitor includes it
        assert facts.can_read_all_stats
    finally:
        conn.execute("DROP ROLE facts_mon")


def test_missing_extension_names_the_fix(conn: psycopg.Connection[Any]) -> None:
    conn.execute("DROP EXTENSION IF EXISTS pgstattuple")
    with db.session(conn.info.dsn) as c:
        facts = db.read_server_facts(c)
    with pytest.raises(MissingExtension, match="CREATE EXTENSION pgstattuple"):
        facts.require_extension("pgstattuple")
    with pytest.raises(MissingExtension, match="apt-get install postgresql-.*-no_such_ext"):
        facts.require_extension("no_such_ext")


def test_advisory_lock_refuses_a_second_run_and_names_the_holder(db_dsn: str) -> None:
    with db.session(db_dsn, application_name="holder-app") as first, db.session(db_dsn) as second:
        with db.advisory_lock(first, "maintain vacuum"):
            with pytest.raises(LockHeld) as err:
                with db.advisory_lock(second, "maintain vacuum"):
                    pass
            assert err.value.exit_code == 75
            assert f"pid {first.info.backend_pid}" in err.value.message
            assert "holder-app" in err.value.message
            # a different task is not blocked
            with db.advisory_lock(second, "maintain refresh"):
                pass
        with db.advisory_lock(second, "maintain vacuum"):
            pass


def test_advisory_lock_wait(db_dsn: str) -> None:
    with db.session(db_dsn) as first, db.session(db_dsn) as second:
        acquired = threading.Event()
        with db.advisory_lock(first, "task"):
            def release_soon() -> None:
                acquired.wait(0.3)
            t = threading.Thread(target=release_soon)
            t.start()
            with pytest.raises(LockHeld, match="after waiting"):
                with db.advisory_lock(second, "task", wait=True, wait_timeout=0.3,
                                      poll_interval=0.05):
                    pass
            t.join()
        with db.advisory_lock(second, "task", wait=True, wait_timeout=2, poll_interval=0.05):
            acquired.set()
    assert acquired.is_set()


def test_lock_released_when_session_dies(db_dsn: str) -> None:
    first = db.connect(db_dsn)
    with db.session(db_dsn) as second:
        with db.advisory_lock(first, "t2"):
            second.execute("SELECT pg_terminate_backend(%s)", (first.info.backend_pid,))
            with db.advisory_lock(second, "t2", wait=True, wait_timeout=5, poll_interval=0.05):
                pass
    first.close()
