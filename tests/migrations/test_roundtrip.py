"""Up, down to base and up again, through the API, alembic's CLI and on a database with rows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from pgwarden import migrate
from tests.migrations.snapshot import catalog_snapshot


def test_fixture_database_is_at_head(cms_db_dsn: str, cms_template: dict[str, Any]) -> None:
    st = migrate.status(cms_db_dsn)
    assert st.current == (cms_template["revision"],)
    assert st.pending == ()
    assert st.clean


def test_up_down_up_converges(db_dsn: str) -> None:
    migrate.upgrade(db_dsn, "head")
    first = catalog_snapshot(db_dsn)
    report = migrate.downgrade(db_dsn, "base")
    assert [s.direction for s in report.steps] == ["down"] * len(report.steps)
    with psycopg.connect(db_dsn) as conn:
        left = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            " AND tablename <> 'alembic_version'").fetchone()
    assert left == (0,)
    migrate.upgrade(db_dsn, "head")
    assert catalog_snapshot(db_dsn) == first


def test_alembic_cli_from_the_repo_root(db_dsn: str, repo_root: Path) -> None:
    env = {**os.environ, "DATABASE_URL": ""}
    alembic = [sys.executable, "-m", "alembic"]
    up = subprocess.run([*alembic, "-x", f"dsn={db_dsn}", "upgrade", "head"], cwd=repo_root,
                        env=env, capture_output=True, text=True, timeout=120)
    assert up.returncode == 0, up.stderr
    assert "applied 0001" in up.stderr
    cur = subprocess.run([*alembic, "-x", f"dsn={db_dsn}", "current"], cwd=repo_root, env=env,
                         capture_output=True, text=True, timeout=60)
    head = migrate.script_directory().get_current_head()
    assert f"{head} (head)" in cur.stdout

