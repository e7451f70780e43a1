"""Adversarial QA regressions: bad input is one line on stderr and the right exit code, never a
traceback; ``--json`` keeps stdout valid JSON on error paths; no password is ever printed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.conftest import PASSWORD_GROUP, ROLE_PASSWORD, role_dsn

CLI = Callable[..., tuple[int, str, str]]
UNREACHABLE = "postgresql://u:secret@127.0.0.1:1/x"


def _one_line_error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("pgwarden: error: "), err
    assert "Traceback" not in err and "secret" not in err
    return lines[0]


@pytest.mark.parametrize("args", [
    ("doctor", "--json"),
    ("migrate", "status", "--json"),
    ("migrate", "up", "--json"),
    ("maintain", "run", "--json"),
    ("maintain", "vacuum", "--json"),
    ("locks", "--json"),
    ("demo", "seed", "--json"),
])
def test_json_error_on_stdout_when_unreachable(cli: CLI, args: tuple[str, ...]) -> None:
    code, out, err = cli("--dsn", UNREACHABLE, *args)
    assert code == 4
    _one_line_error(err)
    doc = json.loads(out)
    assert doc["exit_code"] == 4 and "connection refused" in doc["error"]
    assert "secret" not in out


def test_json_error_for_format_json_and_usage_errors(cli: CLI, db_dsn: str) -> None:
    code, out, err = cli("--dsn", db_dsn, "health", "--check", "nope", "--format", "json")
    assert code == 2 and json.loads(out)["exit_code"] == 2
    code, out, err = cli("migrate", "up", "--retries", "-1", "--json")
    assert code == 2 and "--retries" in json.loads(out)["error"]
    # without --json nothing but the error line
    code, out, err = cli("migrate", "up", "--retries", "-1")
    assert code == 2 and out == ""


@pytest.mark.parametrize("args", [
    ("migrate", "up", "--retries", "-1"),
    ("locks", "--bogus"),
    ("demo", "seed", "--scale", "0"),
    ("maintain", "refresh", "--budget", "soon"),
    ("nosuchcommand",),
])
def test_click_usage_errors_are_one_line(cli: CLI, args: tuple[str, ...]) -> None:
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    line = _one_line_error(err)
    assert "--help" in line


def test_missing_config_file_refused_even_by_commands_without_settings(
        cli: CLI, db_dsn: str, tmp_path: Path) -> None:
    code, out, err = cli("--config", str(tmp_path / "nope.toml"), "--dsn", db_dsn, "doctor")
    assert code == 2 and out == ""
    assert "nope.toml does not exist" in _one_line_error(err)


def test_top_unreachable_is_one_line_exit_4(cli: CLI) -> None:
    pytest.importorskip("pgactivity")
    code, out, err = cli("--dsn", UNREACHABLE, "top")
    assert code == 4
    assert "connection refused" in _one_line_error(err)


@pytest.fixture
def password_role(conn: psycopg.Connection[Any]) -> Iterator[str]:
    conn.execute(sql.SQL("CREATE ROLE qa_pw_user LOGIN PASSWORD 'right-secret' IN ROLE {}").format(
        sql.Identifier(PASSWORD_GROUP)))
    try:
        yield "qa_pw_user"
    finally:
        conn.execute("DROP ROLE qa_pw_user")


@pytest.mark.parametrize("args", [("top",), ("locks", "--json"), ("health", "--format", "nagios")])
def test_refused_password_never_printed(cli: CLI, db_dsn: str, password_role: str,
                                        args: tuple[str, ...]) -> None:
    if args[0] == "top":
        pytest.importorskip("pgactivity")
    info = psycopg.conninfo.conninfo_to_dict(db_dsn)
    dsn = f"postgresql://{password_role}:wrong-secret@127.0.0.1:{info['port']}/{info['dbname']}"
    code, out, err = cli("--dsn", dsn, *args)
    assert code in (2, 4)  # health: Nagios CRITICAL
    assert "password authentication failed" in out + err
    assert "wrong-secret" not in out + err and "Traceback" not in err


def test_unwritable_output_files_are_one_line_exit_2(cli: CLI, db_dsn: str, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    code, out, err = cli("--dsn", db_dsn, "metrics", "--textfile", str(not_a_dir / "x.prom"))
    assert code == 2, err
    _one_line_error(err)
    code, out, err = cli("--dsn", db_dsn, "maintain", "refresh", "--json",
                         "--metrics-file", str(not_a_dir / "x.prom"))
    assert code == 2, err
    _one_line_error(err)
    assert json.loads(out.splitlines()[-1])["exit_code"] == 2
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "one.sql").write_text("SELECT 1\n")
    code, out, err = cli("--dsn", db_dsn, "plans", "check", str(queries), "--update",
                         "--baseline", str(tmp_path))
    assert code == 2, err
    assert "Is a directory" in _one_line_error(err)


def test_maintain_unknown_names_exit_2(cli: CLI, db_dsn: str, conn: psycopg.Connection[Any],
                                       tmp_path: Path) -> None:
    conn.execute("CREATE TABLE qa_t (id int PRIMARY KEY)")
    for task, what in (("vacuum", "no such table"), ("reindex", "no such table"),
                       ("cleanup", "no such cleanup policy")):
        code, out, err = cli("--dsn", db_dsn, "maintain", task, "qa_nope")
        assert code == 2, (task, out, err)
        assert what in _one_line_error(err) and "qa_nope" in err
    # a real name still works
    code, out, err = cli("--dsn", db_dsn, "maintain", "vacuum", "--dry-run", "public.qa_t")
    assert code == 0, err
    assert "public.qa_t" in out
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text('[[maintenance.cleanup.policies]]\ntable = "public.qa_t"\ntime_column = "id"\n'
                   'older_than = "1d"\n')
    code, out, err = cli("--dsn", db_dsn, "--config", str(cfg), "maintain", "cleanup", "nope")
    assert code == 2 and "public.qa_t" in err


def test_permission_denied_is_said_once(cli: CLI, db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
    conn.execute(sql.SQL("CREATE ROLE qa_noprivs LOGIN PASSWORD {}").format(
        sql.Literal(ROLE_PASSWORD)))
    try:
        dsn = role_dsn(db_dsn, "qa_noprivs")
        code, out, err = cli("--dsn", dsn, "migrate", "status")
        assert code == 2
        line = _one_line_error(err)
        assert "permission denied for" in line
        assert "permission denied: permission denied" not in line
    finally:
        conn.execute("DROP ROLE qa_noprivs")


def test_sigterm_cancels_the_running_statement(db_dsn: str, conn: psycopg.Connection[Any],
                                               tmp_path: Path) -> None:
    """kill (systemd stop, a CI timeout) acts like Ctrl-C: the server-side statement is cancelled
    instead of running on after pgwarden died."""
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "slow.sql").write_text("SELECT pg_sleep(30)\n")
    proc = subprocess.Popen([sys.executable, "-m", "pgwarden.cli", "--dsn", db_dsn, "plans", "check",
                             str(queries), "--analyze", "--timeout", "60s",
                             "--baseline", str(tmp_path / "b.json")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while not conn.execute("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query "
                               "LIKE 'EXPLAIN%pg_sleep%'").fetchone():
            assert time.monotonic() < deadline and proc.poll() is None, proc.stderr
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    time.sleep(0.2)
    assert not conn.execute("SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query "
                            "LIKE 'EXPLAIN%pg_sleep%'").fetchall()


def test_connection_lost_mid_plans_check_is_exit_4(cli: CLI, db_dsn: str, admin_dsn: str,
                                                   tmp_path: Path) -> None:
    """The server going away is 'cannot connect' (4), not one plan regression per query (1)."""
    import threading

    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "a_slow.sql").write_text("SELECT pg_sleep(30)\n")
    (queries / "b_other.sql").write_text("SELECT 1\n")

    def terminate() -> None:
        with psycopg.connect(admin_dsn, autocommit=True) as c:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                row = c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                "query LIKE 'EXPLAIN%pg_sleep%' AND pid <> pg_backend_pid()").fetchone()
                if row:
                    return
                time.sleep(0.1)

    killer = threading.Thread(target=terminate)
    killer.start()
    code, out, err = cli("--dsn", db_dsn, "plans", "check", str(queries), "--analyze", "--timeout",
                         "60s", "--baseline", str(tmp_path / "b.json"), "--update", "--json")
    killer.join()
    assert code == 4, (out, err)
    assert "closed the connection" in _one_line_error(err)
    assert json.loads(out)["exit_code"] == 4
    assert not (tmp_path / "b.json").exists()  # no baseline written from a half run


def test_metrics_serve_on_a_busy_port_is_one_line(cli: CLI, db_dsn: str) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = cli("--dsn", db_dsn, "metrics", "--serve", "--listen", f"127.0.0.1:{port}")
    assert code == 2
    # no "serving ..." announcement for an address that was never bound
    assert "cannot listen on" in _one_line_error(err)


def test_bad_duration_option_names_the_option_once(cli: CLI) -> None:
    code, out, err = cli("maintain", "refresh", "--budget", "soon")
    assert code == 2
    line = _one_line_error(err)
    assert "Invalid value for '--budget': expected a duration" in line and line.count("--budget") == 1


def test_locks_seen_by_a_role_without_pg_monitor(cli: CLI, db_dsn: str,
                                                 conn: psycopg.Connection[Any]) -> None:
    """Other roles' wait_event_type is hidden without pg_monitor: the tree must not come out
    empty ('no session is waiting', exit 0) while a session is blocked."""
    conn.execute("CREATE TABLE qa_lk (id int)")
    conn.execute(sql.SQL("CREATE ROLE qa_locks_noprivs LOGIN PASSWORD {}").format(
        sql.Literal(ROLE_PASSWORD)))
    try:
        with psycopg.connect(db_dsn) as holder, psycopg.connect(db_dsn, autocommit=True) as waiter:
            holder.execute("LOCK TABLE qa_lk IN ACCESS EXCLUSIVE MODE")
            pid = waiter.info.backend_pid
            t = threading.Thread(target=lambda: waiter.execute("SELECT * FROM qa_lk"))
            t.start()
            try:
                deadline = time.monotonic() + 10
                while not conn.execute("SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted",
                                       (pid,)).fetchone():
                    assert time.monotonic() < deadline
                    time.sleep(0.05)
                dsn = role_dsn(db_dsn, "qa_locks_noprivs")
                code, out, err = cli("--dsn", dsn, "locks", "--json")
                hcode, hout, herr = cli("--dsn", dsn, "health", "--check", "blocked", "--json")
            finally:
                holder.rollback()
                t.join()
        assert code == 1, (out, err)
        doc = json.loads(out)
        assert doc["blocked_sessions"] == 1
        assert doc["roots"][0]["waiters"][0]["session"]["pid"] == pid
        [check] = json.loads(hout)["checks"]
        assert check["summary"].startswith("1 session(s) waiting on locks"), (hout, herr)
    finally:
        conn.execute("DROP ROLE qa_locks_noprivs")


def test_malformed_config_refused_even_by_commands_without_settings(
        cli: CLI, db_dsn: str, tmp_path: Path) -> None:
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text("[maintenance\nx = 1\n")
    code, out, err = cli("--config", str(cfg), "--dsn", db_dsn, "doctor", "--json")
    assert code == 2
    assert "malformed TOML" in _one_line_error(err)
    assert json.loads(out)["exit_code"] == 2


def test_statement_timeout_is_not_cannot_connect(cli: CLI, db_dsn: str, conn: psycopg.Connection[Any],
                                                 tmp_path: Path) -> None:
    """A cancelled statement is not 'cannot connect' (4); health keeps to Nagios codes (3)."""
    from pgwarden.db import translate_error
    from pgwarden.errors import ConnectError

    conn.execute("SET statement_timeout = '10ms'")
    with pytest.raises(psycopg.errors.QueryCanceled) as caught:
        conn.execute("SELECT pg_sleep(1)")
    mapped = translate_error(caught.value)
    assert mapped is not None and not isinstance(mapped, ConnectError)
    assert mapped.exit_code == 2 and "statement_timeout" in mapped.one_line()
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text('[health]\nstatement_timeout = "1ms"\n')  # the catalog reads take longer
    code, out, err = cli("--dsn", db_dsn, "--config", str(cfg), "health", "--format", "nagios")
    assert code == 3, (out, err)
    assert out.startswith("PGWARDEN HEALTH UNKNOWN - statement cancelled")


@pytest.mark.parametrize("args", [("lint", "--list-rules"), ("config", "--json")])
def test_reader_gone_is_not_a_failure(args: tuple[str, ...]) -> None:
    """``pgwarden ... | head -1``: the reader closing the pipe is exit 0 and silent (click and
    rich would exit 1, which means 'findings')."""
    proc = subprocess.Popen([sys.executable, "-m", "pgwarden.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.close()  # before the first write: every write fails with EPIPE
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert err == ""


def test_local_destroy_without_a_terminal_needs_yes(tmp_path: Path) -> None:
    base = tmp_path / ".pgwarden"
    base.mkdir()
    (base / "keep").write_text("")
    proc = subprocess.run([sys.executable, "-m", "pgwarden.cli", "local", "destroy", "--dir", str(base)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""  # no prompt on stdout
    assert "--yes" in _one_line_error(proc.stderr)
    assert (base / "keep").exists()
