"""pgwarden.task_runs / pgwarden.mview_refresh: what maintenance records (read by health)."""

from __future__ import annotations

import json
from typing import Any

import psycopg
from psycopg import errors as pgerrors

from pgwarden import sql as sqlfiles
from pgwarden.errors import PermissionDenied


def state_exists(conn: psycopg.Connection[Any]) -> dict[str, bool]:
    with conn.cursor() as cur:
        cur.execute(sqlfiles.load("maintenance/state_exists"))
        row = cur.fetchone()
    assert row is not None
    return {k: bool(v) for k, v in row.items()}


def ensure_state(conn: psycopg.Connection[Any]) -> None:
    """Create what is missing of the pgwarden schema and tables; run no DDL when all is there
    (a role with only INSERT/UPDATE/SELECT on the tables can then record its runs)."""
    for attempt in (1, 2):
        exists = state_exists(conn)
        if all(exists.values()):
            return
        try:
            with conn.transaction():
                if not exists["schema"]:
                    conn.execute(sqlfiles.load("maintenance/state_create_schema"))
                conn.execute(sqlfiles.load("maintenance/state_schema"))
            return
        except pgerrors.InsufficientPrivilege as exc:
            raise PermissionDenied(
                "cannot create pgwarden's state schema: "
                f"{exc.diag.message_primary or exc}",
                hint="run once as the owner/superuser: CREATE SCHEMA pgwarden AUTHORIZATION "
                     "<maintenance role>; (or GRANT CREATE ON DATABASE ... TO <role>); "
                     "see docs/maintain.md") from None
        except (pgerrors.UniqueViolation, pgerrors.DuplicateObject):
            if attempt == 2:
                raise


def reap_killed_runs(conn: psycopg.Connection[Any]) -> list[int]:
    """Mark 'running' rows whose session is gone as failed; return their ids."""
    with conn.cursor() as cur:
        cur.execute(sqlfiles.load("maintenance/task_run_reap"))
        return [int(r["id"]) for r in cur.fetchall()]


def start_run(conn: psycopg.Connection[Any], task: str, detail: dict[str, Any]) -> int:
    with conn.cursor() as cur:
        cur.execute(sqlfiles.load("maintenance/task_run_start"),
                    {"task": task, "detail": json.dumps(detail)})
        row = cur.fetchone()
    assert row is not None
    return int(row["id"])


def finish_run(conn: psycopg.Connection[Any], run_id: int, *, outcome: str, done: int,
               skipped: int, failed: int, rows: int, detail: dict[str, Any]) -> None:
    with conn.cursor() as cur:
        cur.execute(sqlfiles.load("maintenance/task_run_finish"),
                    {"id": run_id, "outcome": outcome, "done": done, "skipped": skipped,
                     "failed": failed, "rows": rows, "detail": json.dumps(detail, default=str)})
