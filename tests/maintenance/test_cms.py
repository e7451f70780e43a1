"""`pgwarden maintain run --dry-run --json` on the seeded CMS database, with examples/pgwarden.toml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg

from tests.maintenance.conftest import jlines, objects


def test_run_dry_run_on_the_cms_lists_each_action_with_its_reason(
        cms_dsn: str, cli: Callable[..., tuple[int, str, str]], repo_root: Path) -> None:
    cfg = str(repo_root / "examples" / "pgwarden.toml")
    with psycopg.connect(cms_dsn, autocommit=True) as conn:
        expired = conn.execute(
            "SELECT (SELECT count(*) FROM audit_logs WHERE created_at < now() - interval '365 days'),"
            " (SELECT count(*) FROM user_sessions WHERE expires_at < now() - interval '1 day')"
        ).fetchone()
        assert expired is not None
    code, out, err = cli("--dsn", cms_dsn, "--config", cfg, "maintain", "run", "--dry-run", "--json")
    assert code == 0, err
    lines = jlines(out)
    res = objects(out)
    assert [o["task"] for o in lines if o.get("summary") and "exit_code" not in o] == [
        "cleanup", "vacuum", "refresh", "reindex"]
    by = {(o["task"], o["object"]): o for o in res}
    for o in res:
        assert o["reason"], o
        assert o["outcome"] in ("planned", "not-needed"), o
    # the statistics views: never refreshed by pgwarden, all refreshable without blocking
    for view in ("public.workshop_statistics", "public.enrollments_per_day",
                 "public.questionnaire_responses_daily"):
        o = by[("refresh", view)]
        assert o["outcome"] == "planned" and o["action"] == "refresh concurrently"
    audit = by[("cleanup", "public.audit_logs")]
    sessions = by[("cleanup", "public.user_sessions")]
    for o, n in ((audit, expired[0]), (sessions, expired[1])):
        if n:
            assert o["outcome"] == "planned" and f"{n} rows" in o["reason"]
        else:
            assert o["outcome"] == "not-needed"
    assert "by id" in audit["reason"] or audit["outcome"] == "not-needed"
    # a dry run changes nothing
    with psycopg.connect(cms_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT to_regnamespace('pgwarden')").fetchone() == (None,)
    # the real run: audit_logs by its bigint key, user_sessions by its uuid key
    code, out, err = cli("--dsn", cms_dsn, "--config", cfg, "maintain", "run", "--json")
    assert code == 0, out + err
    rows = {o["object"]: o["rows"] for o in objects(out) if o["task"] == "cleanup"}
    assert rows == {"public.audit_logs": expired[0], "public.user_sessions": expired[1]}
    with psycopg.connect(cms_dsn, autocommit=True) as conn:
        left = conn.execute(
            "SELECT (SELECT count(*) FROM audit_logs WHERE created_at < now() - interval '365 days'),"
            " (SELECT count(*) FROM user_sessions WHERE expires_at < now() - interval '1 day')"
        ).fetchone()
        assert left == (0, 0)
        runs = conn.execute("SELECT task, outcome FROM pgwarden.task_runs ORDER BY id").fetchall()
        assert runs == [("run", "success"), ("cleanup", "success"), ("vacuum", "success"),
                        ("refresh", "success"), ("reindex", "success")]
