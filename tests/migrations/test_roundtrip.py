"""Up, down to base and up again, through the API, alembic's CLI and on a database with rows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from pgwarden.migrations import api as migrate
from tests.migrations.helpers import NO_DICTIONARY, QUICK
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
    up = subprocess.run([*alembic, "-x", f"dsn={db_dsn}", "-x", f"polish_dictionary={NO_DICTIONARY}",
                         "-x", "lock_timeout=5s", "upgrade", "head"], cwd=repo_root,
                        env=env, capture_output=True, text=True, timeout=120)
    assert up.returncode == 0, up.stderr
    assert "applied 0001" in up.stderr
    assert NO_DICTIONARY in up.stderr  # -x settings reach the revisions (fallback NOTICE)
    cur = subprocess.run([*alembic, "-x", f"dsn={db_dsn}", "current"], cwd=repo_root, env=env,
                         capture_output=True, text=True, timeout=60)
    head = migrate.script_directory().get_current_head()
    assert f"{head} (head)" in cur.stdout



def test_rows_survive_down_and_up_of_the_later_revisions(db_dsn: str) -> None:
    migrate.upgrade(db_dsn, "0001", settings=QUICK)
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        user = conn.execute("INSERT INTO users (email, role) VALUES ('a@example.org', 'facilitator')"
                            " RETURNING id").fetchone()
        assert user is not None
        ws = conn.execute("INSERT INTO workshops (slug, title, created_by, seat_limit) VALUES"
                          " ('ceramika', '{\"pl\": \"Warsztaty ceramiki\"}', %s, 10) RETURNING id",
                          (user[0],)).fetchone()
        assert ws is not None
        conn.execute("INSERT INTO enrollments (workshop_id, participant_id, status)"
                     " VALUES (%s, %s, 'confirmed')", (ws[0], user[0]))
    migrate.upgrade(db_dsn, "head", settings=QUICK)
    first = catalog_snapshot(db_dsn)
    with psycopg.connect(db_dsn) as conn:
        stats = conn.execute("SELECT confirmed_count, seats_left FROM workshop_statistics").fetchall()
        assert stats == [(1, 9)]
    migrate.downgrade(db_dsn, "0001", settings=QUICK)
    migrate.upgrade(db_dsn, "head", settings=QUICK)
    assert catalog_snapshot(db_dsn) == first
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM enrollments").fetchone() == (1,)
        assert conn.execute("SELECT search_vector IS NOT NULL FROM workshops").fetchone() == (True,)
        assert conn.execute("SELECT seats_left FROM workshop_statistics").fetchone() == (9,)


def test_alembic_ini_resolves_the_package_from_any_directory(db_dsn: str, repo_root: Path,
                                                             tmp_path: Path) -> None:
    """script_location = pgwarden:migrations is a package resource, not a path: a copy of
    alembic.ini elsewhere (as with an installed pgwarden) finds the same environment."""
    (tmp_path / "alembic.ini").write_text((repo_root / "alembic.ini").read_text())
    env = {**os.environ, "DATABASE_URL": db_dsn}
    out = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "0001"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert migrate.status(db_dsn).current == ("0001",)
