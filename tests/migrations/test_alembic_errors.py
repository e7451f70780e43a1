"""Plain ``alembic upgrade head`` prints the one-line errors and exit codes of
``pgwarden migrate`` instead of tracebacks (issue 16 item 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pgwarden.db import advisory_lock, connect

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    p = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "PGHOST", "PGPORT", "PGSERVICE")}
    return {**env, "PYTHONWARNINGS": "ignore", **extra}


def test_no_server_is_one_line_exit_4(tmp_path: Path) -> None:
    env = _env(PGHOST=str(tmp_path))  # a folder without a server's socket
    code, out, err = _run(["alembic", "-c", "alembic.ini", "upgrade", "head"], env)
    assert code == 4, err
    assert "Traceback" not in err
    assert err.endswith("no server on the local socket (pass --dsn or set DATABASE_URL / "
                        "PGHOST)\n"), err
    same = _run(["pgwarden.cli", "migrate", "up"], env)
    assert (same[0], same[2]) == (code, err)


def test_held_run_lock_is_one_line_exit_75(db_dsn: str) -> None:
    env = _env(DATABASE_URL=db_dsn)
    with connect(db_dsn, application_name="the other migration") as other, \
            advisory_lock(other, "migrate"):
        code, out, err = _run(["alembic", "-c", "alembic.ini", "upgrade", "head"], env)
        same = _run(["pgwarden.cli", "migrate", "up"], env)
    assert code == 75, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "another run of 'migrate' is in progress" in err and "the other migration" in err
    assert (same[0], same[2]) == (code, err)
