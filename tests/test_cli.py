"""The CLI's contract: one-line errors, exit codes, no secrets, fast help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

CLI = Callable[..., tuple[int, str, str]]


def test_unreachable_dsn_one_line_exit_4_no_secret(cli: CLI) -> None:
    code, out, err = cli("--dsn", "postgresql://u:secret@127.0.0.1:1/x", "doctor")
    assert code == 4
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("pgwarden: error: cannot connect to u@127.0.0.1:1/x")
    assert "secret" not in err


def test_console_script_exit_code_and_no_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "pgwarden.cli", "--dsn",
                           "postgresql://u:secret@127.0.0.1:1/x", "doctor"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 4
    assert "Traceback" not in proc.stderr
    assert "secret" not in proc.stderr


def test_verbose_shows_traceback_but_still_no_secret(cli: CLI,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli("-v", "--dsn", "postgresql://u:secret@127.0.0.1:1/x", "doctor")
    assert code == 4
    assert "Traceback" in err
    assert "secret" not in err.splitlines()[-1]


def test_bad_dsn_syntax_exit_2(cli: CLI) -> None:
    code, _, err = cli("--dsn", "host=h port", "doctor")
    assert code == 2
    assert "bad DSN syntax" in err


def test_database_missing_exit_4(cli: CLI, db_dsn: str) -> None:
    bad = psycopg.conninfo.make_conninfo(db_dsn, dbname="does_not_exist")
    code, _, err = cli("--dsn", bad, "doctor")
    assert code == 4
    assert "database 'does_not_exist' does not exist" in err


def test_malformed_config_exit_2(cli: CLI, tmp_path: Path) -> None:
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text("[timeouts]\nlock_timeout = 3\nbogus = 1\n")
    code, _, err = cli("--config", str(cfg), "config")
    assert code == 2
    assert "timeouts.bogus" in err


def test_doctor_json_on_real_server(cli: CLI, db_dsn: str) -> None:
    code, out, err = cli("--dsn", db_dsn, "doctor", "--json")
    report = json.loads(out)
    names = {f["name"].split(" ")[0]: f for f in report["features"]}
    assert names["pg_stat_statements"]["status"] == "ok"
    assert report["facts"]["is_superuser"] is True
    # "ok" means no feature is unavailable, and it decides the exit code
    unavailable = [f["name"] for f in report["features"] if f["status"] == "unavailable"]
    assert report["ok"] is (not unavailable)
    assert code == (1 if unavailable else 0), unavailable


def test_doctor_exits_1_when_a_feature_is_unavailable(cli: CLI, db_dsn: str) -> None:
    """A role that may not create schemas cannot run migrations: not ok, exit 1, with the fix."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    role, password = "pgwarden_test_doctor", "doctor-pw"
    with psycopg.connect(db_dsn, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)))
        code, out, err = cli("--dsn", make_conninfo(db_dsn, user=role, password=password),
                             "doctor", "--json")
    report = json.loads(out)
    assert report["ok"] is False and code == 1, err
    migrations = [f for f in report["features"] if f["name"].startswith("migrations")]
    assert migrations and migrations[0]["status"] == "unavailable"
    assert migrations[0]["fix"].startswith("GRANT CREATE ON DATABASE")
    assert password not in out + err


def test_doctor_explains_missing_preload() -> None:
    from pgwarden.db import ServerFacts
    from pgwarden.doctor import FEATURES, Probes

    facts = ServerFacts(version_num=150000, version="15.0", database="d", user="u",
                        is_superuser=False, roles=frozenset(), shared_preload_libraries=(),
                        available_extensions={"pg_stat_statements": "1.10", "unaccent": "1.1",
                                              "pg_trgm": "1.6"},
                        installed_extensions={})
    found = [check(facts, Probes(polish_dictionary=False)) for check in FEATURES]
    pss = found[0]
    assert pss.status == "unavailable"
    assert "shared_preload_libraries" in pss.detail
    hypo = [f for f in found if f.name.startswith("hypopg")][0]
    assert hypo.fix == "apt-get install postgresql-15-hypopg"
    fts = [f for f in found if f.name.startswith("bilingual")][0]
    assert "apt-get install hunspell-pl" in (fts.fix or "")


def test_help_lists_commands_without_importing_them() -> None:
    heavy = "('psycopg', 'sqlalchemy', 'alembic', 'pglast', 'rich')"
    code = ("import sys, pgwarden.cli as c; c.run(['--help']); "
            f"print(sorted(m for m in sys.modules if m.startswith({heavy})))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "COLUMNS": "100"})
    assert "doctor" in proc.stdout
    assert proc.stdout.strip().endswith("[]")  # heavy libraries stay unimported for --help


def test_version(cli: CLI) -> None:
    from pgwarden import __version__

    code, out, _ = cli("--version")
    assert code == 0
    assert __version__ in out


def test_config_shows_effective_settings(cli: CLI, tmp_path: Path) -> None:
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text('[timeouts]\nlock_timeout = "750ms"\n')
    code, out, _ = cli("--config", str(cfg), "config", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["path"] == str(cfg)
    assert data["sections"]["timeouts"]["lock_timeout"] == "750ms"
