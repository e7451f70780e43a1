"""A non-superuser role that owns the objects; missing privileges named; metrics textfile; run."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.conftest import ROLE_PASSWORD, role_dsn
from tests.maintenance.conftest import jlines, objects

ROLE = "pgw_maint_owner"


@pytest.fixture
def owner_dsn(app_db: psycopg.Connection[Any], db_dsn: str) -> Any:
    conn = app_db
    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchone():
        conn.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{ROLE_PASSWORD}'")
    conn.execute(f"ALTER SCHEMA app OWNER TO {ROLE}")
    conn.execute(f"ALTER TABLE app.events OWNER TO {ROLE}")
    conn.execute(f"ALTER TABLE app.sessions OWNER TO {ROLE}")
    conn.execute("CREATE TABLE public.not_mine (id int PRIMARY KEY) WITH (autovacuum_enabled = false)")
    conn.execute("INSERT INTO public.not_mine SELECT generate_series(1, 3000)")
    conn.execute("DELETE FROM public.not_mine WHERE id > 100")
    yield role_dsn(db_dsn, ROLE)


def test_owner_role_runs_cleanup_after_the_dba_creates_the_state_schema(
        app_db: psycopg.Connection[Any], owner_dsn: str, cli: Callable[..., tuple[int, str, str]],
        config: Callable[..., str]) -> None:
    # Without CREATE on the database, the first run says exactly what to do.
    code, _, err = cli("--dsn", owner_dsn, "--config", config(), "maintain", "cleanup")
    assert code == 2
    assert "cannot create pgwarden's state schema: permission denied for database" in err
    assert "CREATE SCHEMA pgwarden AUTHORIZATION" in err
    app_db.execute(f"CREATE SCHEMA pgwarden AUTHORIZATION {ROLE}")
    code, out, err = cli("--dsn", owner_dsn, "--config", config(), "maintain", "cleanup", "--json")
    assert code == 0, err
    assert sum(o["rows"] for o in objects(out)) > 600
    assert app_db.execute("SELECT count(*) FROM app.events").fetchone() == (400,)


def test_missing_privileges_are_named(app_db: psycopg.Connection[Any], owner_dsn: str,
                                      cli: Callable[..., tuple[int, str, str]],
                                      config: Callable[..., str]) -> None:
    app_db.execute(f"CREATE SCHEMA pgwarden AUTHORIZATION {ROLE}")
    app_db.execute("SELECT pg_stat_force_next_flush()")
    code, out, err = cli("--dsn", owner_dsn, "maintain", "vacuum", "--json", "not_mine")
    assert code == 3, err
    [res] = objects(out)
    assert res["outcome"] == "skipped"
    assert f"role {ROLE} may not vacuum it" in res["message"] and "owner (pgwarden)" in res["message"]
    # a policy on a table the role may not delete from: failed, with the privilege named
    app_db.execute("CREATE TABLE public.logs (id int PRIMARY KEY, at timestamptz)")
    app_db.execute("INSERT INTO public.logs VALUES (1, now() - interval '10 days')")
    app_db.execute(f"GRANT SELECT ON public.logs TO {ROLE}")
    cfg = config('[[maintenance.cleanup.policies]]\ntable = "public.logs"\ntime_column = "at"\n'
                 'older_than = "1d"\n')
    code, out, err = cli("--dsn", owner_dsn, "--config", cfg, "maintain", "cleanup", "--json", "public.logs")
    assert code == 3, err
    [res] = objects(out)
    assert res["outcome"] == "failed"
    assert "permission denied for DELETE on public.logs: permission denied for table logs" in res["message"]


def test_metrics_file_is_written_and_valid(app_db: psycopg.Connection[Any], db_dsn: str,
                                           cli: Callable[..., tuple[int, str, str]],
                                           config: Callable[..., str], tmp_path: Path) -> None:
    prom = tmp_path / "textfile" / "pgwarden.prom"
    code, _, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "cleanup",
                       "--metrics-file", str(prom))
    assert code == 0, err
    code, _, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "vacuum", "app.sessions",
                       "--metrics-file", str(prom))
    assert code == 0, err
    text = prom.read_text()
    assert 'pgwarden_maintenance_rows_deleted_last_run{task="cleanup"} ' in text
    deleted = [ln for ln in text.splitlines()
               if ln.startswith('pgwarden_maintenance_rows_deleted_last_run{task="cleanup"}')][0]
    assert float(deleted.split()[-1]) > 600
    # the second task kept the first task's samples
    assert 'pgwarden_maintenance_last_success_timestamp_seconds{task="vacuum"}' in text
    assert 'pgwarden_maintenance_last_success_timestamp_seconds{task="cleanup"}' in text
    assert not list(prom.parent.glob("*.tmp*")), "atomic write left a temp file"
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool not installed (Debian package prometheus: scripts/setup-system.sh "
                    "installs it): format not linted")
    res = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_run_dry_run_lists_every_task_in_order(app_db: psycopg.Connection[Any], db_dsn: str,
                                               cli: Callable[..., tuple[int, str, str]],
                                               config: Callable[..., str]) -> None:
    cfg = config('[maintenance.run]\ntasks = ["cleanup", "vacuum", "refresh", "reindex"]\n')
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "run", "--dry-run", "--json")
    assert code == 0, err
    lines = jlines(out)
    summaries = [o["task"] for o in lines if o.get("summary") and "exit_code" not in o]
    assert summaries == ["cleanup", "vacuum", "refresh", "reindex"]
    planned = [o for o in objects(out) if o["outcome"] == "planned"]
    assert {o["object"] for o in planned if o["task"] == "cleanup"} == {"app.events", "app.sessions"}
    assert all(o["reason"] for o in planned)
    assert lines[-1]["exit_code"] == 0
    assert app_db.execute("SELECT count(*) FROM app.events").fetchone() == (1000,)
