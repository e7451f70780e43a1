"""cleanup: keyset batches, retention window never touched, condition, dry run, budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from pgwarden.errors import ConfigError
from pgwarden.maintenance.cleanup import normalise_condition
from tests.maintenance.conftest import CONFIG, jlines, objects


def counts(conn: psycopg.Connection[Any]) -> tuple[int, int, int, int]:
    r = conn.execute(
        "SELECT (SELECT count(*) FROM app.events WHERE created_at < now() - interval '365 days'),"
        " (SELECT count(*) FROM app.events WHERE created_at >= now() - interval '365 days'),"
        " (SELECT count(*) FROM app.sessions WHERE expires_at < now() AND kind <> 'keep'),"
        " (SELECT count(*) FROM app.sessions WHERE expires_at >= now() OR kind = 'keep')").fetchone()
    assert r is not None
    return (int(r[0]), int(r[1]), int(r[2]), int(r[3]))


def test_dry_run_plans_and_changes_nothing(app_db: psycopg.Connection[Any], db_dsn: str,
                                          cli: Callable[..., tuple[int, str, str]],
                                          config: Callable[..., str]) -> None:
    before = counts(app_db)
    code, out, err = cli("--dsn", db_dsn, "--config", config(""), "maintain", "cleanup",
                         "--dry-run", "--json")
    assert code == 0, err
    objs = objects(out)
    assert [o["object"] for o in objs] == ["app.events", "app.sessions"]
    assert all(o["outcome"] == "planned" for o in objs)
    assert "600 rows with created_at older than 365d" in objs[0]["reason"]
    assert "by id" in objs[0]["reason"] and "by ctid" in objs[1]["reason"]
    assert counts(app_db) == before
    # a dry run creates nothing either
    assert app_db.execute("SELECT to_regclass('pgwarden.task_runs')").fetchone() == (None,)


def test_cleanup_deletes_exactly_the_expired_rows(app_db: psycopg.Connection[Any], db_dsn: str,
                                                 cli: Callable[..., tuple[int, str, str]],
                                                 config: Callable[..., str]) -> None:
    exp_events, keep_events, exp_sessions, keep_sessions = counts(app_db)
    assert (exp_events, keep_events) == (600, 400)
    code, out, err = cli("--dsn", db_dsn, "--config", config(""), "maintain", "cleanup", "--json")
    assert code == 0, err
    objs = {o["object"]: o for o in objects(out)}
    assert objs["app.events"]["rows"] == 600 and objs["app.events"]["outcome"] == "done"
    assert objs["app.sessions"]["rows"] == exp_sessions
    assert "batches" in objs["app.events"]["message"]
    # 100 per batch: never one big DELETE
    assert int(objs["app.events"]["message"].split(" in ")[1].split()[0]) >= 6
    assert counts(app_db) == (0, keep_events, 0, keep_sessions)
    summary = [o for o in jlines(out) if o.get("summary")][0]
    assert summary["rows"] == 600 + exp_sessions
    run = app_db.execute("SELECT task, outcome, rows_affected, objects_done FROM pgwarden.task_runs"
                         ).fetchall()
    assert run == [("cleanup", "success", 600 + exp_sessions, 2)]
    # converges: a second run finds nothing to do and says so
    code, out, _ = cli("--dsn", db_dsn, "--config", config(""), "maintain", "cleanup", "--json")
    assert code == 0
    assert {o["outcome"] for o in objects(out)} == {"not-needed"}


def test_budget_spent_leaves_the_rest_and_exits_3(app_db: psycopg.Connection[Any], db_dsn: str,
                                                 cli: Callable[..., tuple[int, str, str]],
                                                 config: Callable[..., str]) -> None:
    # a pause (1 s) long against the budget (1.5 s) and the budget long against a batch: one or
    # two batches run even on a loaded machine (0.2 s / 0.3 s let a slow start spend it all)
    path = config("", CONFIG.replace('pause = "0s"', 'pause = "1s"'))
    code, out, _ = cli("--dsn", db_dsn, "--config", path, "maintain", "cleanup", "--json",
                       "--budget", "1.5s")
    assert code == 3
    objs = objects(out)
    assert objs[0]["outcome"] == "skipped" and "budget" in objs[0]["message"]
    assert 0 < objs[0]["rows"] < 600
    exp, keep, _, _ = counts(app_db)
    assert exp == 600 - objs[0]["rows"] and keep == 400
    assert objs[1]["outcome"] == "skipped"


def test_missing_table_is_reported_not_ignored(app_db: psycopg.Connection[Any], db_dsn: str,
                                              cli: Callable[..., tuple[int, str, str]],
                                              config: Callable[..., str]) -> None:
    path = config('[[maintenance.cleanup.policies]]\ntable = "app.file_access_logs"\n'
                  'time_column = "accessed_at"\nolder_than = "90d"\n')
    code, out, _ = cli("--dsn", db_dsn, "--config", path, "maintain", "cleanup", "--json")
    assert code == 3
    bad = [o for o in objects(out) if o["object"] == "app.file_access_logs"][0]
    assert bad["outcome"] == "skipped" and "does not exist" in bad["message"]


@pytest.mark.parametrize("cond", ["true; DROP TABLE app.events", "true LIMIT 1", "kind = 'a' )",
                                  "true UNION SELECT 1"])
def test_condition_must_be_one_expression(cond: str) -> None:
    with pytest.raises(ConfigError):
        normalise_condition(cond)


def test_condition_cannot_widen_past_the_cutoff() -> None:
    # Spliced raw, '1=1) OR (true' would turn "AND (cond)" into "AND (1=1) OR (true)": every row.
    # Re-printed from the parse tree it is one parenthesised expression, still ANDed with the cutoff.
    with pytest.raises(ConfigError):
        normalise_condition("1=1) OR (true")
    assert normalise_condition("kind = 'a' OR true") == "(kind = 'a' OR TRUE)"
    assert normalise_condition(None) == "TRUE"
    assert normalise_condition("kind <> 'keep'") == "(kind <> 'keep')"


def test_no_policy_says_so(conn: psycopg.Connection[Any], db_dsn: str,
                           cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("--dsn", db_dsn, "maintain", "cleanup", "--json")
    assert code == 0
    [o] = objects(out)
    assert o["outcome"] == "not-needed" and "no [[maintenance.cleanup.policies]]" in o["reason"]


def test_run_vacuums_what_cleanup_left(app_db: psycopg.Connection[Any], db_dsn: str,
                                       cli: Callable[..., tuple[int, str, str]],
                                       config: Callable[..., str]) -> None:
    # autovacuum kept away: in CI it once started on app.events between the cleanup and the
    # vacuum (that case now reads 'not-needed'; test_vacuum's autovacuum test covers it)
    app_db.execute("ALTER TABLE app.events SET (autovacuum_enabled = false)")
    app_db.execute("ALTER TABLE app.sessions SET (autovacuum_enabled = false)")
    cfg = config('[maintenance.vacuum]\nmin_dead_tuples = 100\n'
                 '[maintenance.run]\ntasks = ["cleanup", "vacuum"]\n')
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "run", "--json")
    assert code == 0, err
    vac = {o["object"]: o for o in objects(out) if o["task"] == "vacuum"}
    # the deletes of this very run are visible to the vacuum task (statistics flushed between)
    assert "600 dead tuples" in vac["app.events"]["reason"]
    assert vac["app.events"]["outcome"] == "done"


def test_without_policies_the_run_says_so_and_where_the_example_is(
        db_dsn: str, cli: Callable[..., tuple[int, str, str]], tmp_path: Any) -> None:
    empty = tmp_path / "pgwarden.toml"
    empty.write_text("")
    code, out, err = cli("--dsn", db_dsn, "--config", str(empty), "maintain", "cleanup", "--dry-run")
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if "cleanup" in ln)
    assert "no retention policy configured" in line
    assert "examples/pgwarden.toml" in line
    assert " -:" not in line
