"""``maintain run`` and standalone tasks share the per-task locks (issue 16, item 7): a task
whose lock another run holds is skipped and reported (exit 3) while the rest run, and a
standalone task started during a ``maintain run`` that schedules it exits 75."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psycopg

from pgwarden.db import advisory_lock, connect
from pgwarden.maintenance import Options, Outcome, run_tasks
from tests.maintenance.conftest import jlines, objects


def test_run_skips_a_task_whose_lock_is_held_and_runs_the_rest(
        app_db: psycopg.Connection[Any], db_dsn: str, cli: Callable[..., tuple[int, str, str]],
        config: Callable[..., str]) -> None:
    """A standalone `maintain refresh` holds maintain:refresh: the run does cleanup, vacuum and
    reindex, skips refresh naming the holder, exits 3 and records it."""
    with connect(db_dsn, application_name="standalone refresh") as holder, \
            advisory_lock(holder, "maintain:refresh"):
        code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "run", "--json")
    assert code == 3, out + err
    lines = jlines(out)
    summaries = {o["task"]: o for o in lines if o.get("summary") and "done" in o}
    assert set(summaries) == {"cleanup", "vacuum", "refresh", "reindex"}
    assert summaries["cleanup"]["done"] == 2 and summaries["cleanup"]["rows"] == 870
    skipped = [o for o in objects(out) if o["task"] == "refresh"]
    assert len(skipped) == 1 and skipped[0]["outcome"] == "skipped", skipped
    assert "another run of 'maintain:refresh' is in progress" in skipped[0]["message"]
    assert "standalone refresh" in skipped[0]["message"]
    assert lines[-1] == {"summary": True, "task": "run", "exit_code": 3, "reaped_runs": []}
    row = app_db.execute("SELECT outcome, detail->'skipped_tasks' ? 'refresh' FROM "
                         "pgwarden.task_runs WHERE task = 'run'").fetchone()
    assert row == ("partial", True)
    # refresh got no task_runs row of its own: it did not run
    assert app_db.execute("SELECT count(*) FROM pgwarden.task_runs WHERE task = 'refresh'"
                          ).fetchone() == (0,)


def test_standalone_task_during_a_run_exits_75(
        app_db: psycopg.Connection[Any], db_dsn: str, cli: Callable[..., tuple[int, str, str]],
        config: Callable[..., str]) -> None:
    """While `maintain run` works on cleanup, `maintain vacuum` (which the run schedules
    later) is refused with 75 naming the run's session, not run alongside it (exit 0)."""
    from pgwarden.config import load_config

    settings = load_config(config()).section("maintenance")
    in_cleanup = threading.Event()
    release = threading.Event()

    def on_outcome(o: Outcome) -> None:
        if o.task == "cleanup":
            in_cleanup.set()
            release.wait(30)

    errors: list[BaseException] = []

    def background() -> None:
        try:
            run_tasks(db_dsn, ["cleanup", "vacuum", "refresh", "reindex"], settings,
                      Options(progress=False), lock_name="run", on_outcome=on_outcome)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)

    t = threading.Thread(target=background, daemon=True)
    t.start()
    try:
        assert in_cleanup.wait(30)
        code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "vacuum", "--json")
    finally:
        release.set()
        t.join(60)
    assert not errors, errors
    assert code == 75, out + err
    assert "another run of 'maintain:vacuum' is in progress" in err
    assert "pgwarden maintain" in err
    assert err.count("\n") == 1
    # once the run is over the locks are free again
    code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "vacuum", "--json")
    assert code == 0, out + err
