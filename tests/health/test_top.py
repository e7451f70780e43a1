"""``pgwarden top``: the pg_activity command line, its launch, and the missing-extra error."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from pgwarden.activity import top


def test_password_goes_to_the_environment_not_argv() -> None:
    cmd = top.build_command("postgresql://app:s3cret@db.example:6432/cms?sslmode=require",
                            ["--min-duration", "1"], environ={}, python="/nonexistent/python")
    assert "s3cret" not in " ".join(cmd.argv)
    assert cmd.env["PGPASSWORD"] == "s3cret"
    conninfo = cmd.argv[3]
    for part in ("host=db.example", "port=6432", "dbname=cms", "user=app", "sslmode=require"):
        assert part in conninfo
    assert cmd.argv[1:3] == ("-m", "pgactivity") and cmd.argv[-2:] == ("--min-duration", "1")


def test_top_launches_pg_activity(db_dsn: str) -> None:
    # a real subprocess: pg_activity writes to the process's own stdout
    done = subprocess.run([sys.executable, "-c", "from pgwarden.cli import main; main()",
                           "--dsn", db_dsn, "top", "--version"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pg_activity "), done.stdout


def test_missing_pg_activity_is_one_line_with_the_install_hint(
        db_dsn: str, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(top, "PG_ACTIVITY_MODULE", "pgactivity_not_installed_here")
    code, out, err = cli("--dsn", db_dsn, "top")
    assert code == 2 and out == ""
    assert err.strip() == ("pgwarden: error: pg_activity is not installed "
                           "(pip install 'pgwarden[top]')")
