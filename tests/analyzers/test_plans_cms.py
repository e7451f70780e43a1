"""Acceptance on the CMS: its revisions lint clean; plans check and diff on the seeded data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.lint import lint_paths
from pgwarden.analyzers.plans import check

Cli = Callable[..., tuple[int, str, str]]


def test_cms_versions_lint_clean(repo_root: Path) -> None:
    report = lint_paths([str(repo_root / "pgwarden" / "versions")])
    assert not report.errors
    assert report.findings == []
    assert report.statements > 100


QUERIES = "pgwarden/demo/queries"
HOT = {"workshop_enrollments": "enrollments", "participant_enrollments": "enrollments",
       "audit_by_record": "audit_logs", "questionnaire_responses_per_day": "responses"}


def test_check_fails_after_an_index_is_dropped_and_passes_after_it_is_restored(
        cms_seeded_dsn: str, repo_root: Path, tmp_path: Path, cli: Cli) -> None:
    queries = str(repo_root / QUERIES)
    baseline = tmp_path / "plans.json"
    code, out, _ = cli("--dsn", cms_seeded_dsn, "plans", "check", queries, "--baseline", str(baseline),
                       "--update")
    assert code == 0, out
    assert "enrollments_workshop_status_created_idx" in \
        json.loads(baseline.read_text())["queries"]["workshop_enrollments"]["indexes"]
    assert check(cms_seeded_dsn, queries, baseline).exit_code == 0

    with psycopg.connect(cms_seeded_dsn, autocommit=True) as conn:
        row = conn.execute("SELECT pg_get_indexdef('enrollments_workshop_status_created_idx'::regclass)"
                           ).fetchone()
        assert row is not None
        conn.execute("DROP INDEX enrollments_workshop_status_created_idx")
        code, out, _ = cli("--dsn", cms_seeded_dsn, "plans", "check", queries, "--baseline",
                           str(baseline), "--format", "markdown")
        assert code == 1, out
        assert "| `workshop_enrollments` |" in out
        assert "**index-unused**: no longer uses index enrollments_workshop_status_created_idx" in out

        conn.execute(row[0])
        conn.execute("ANALYZE enrollments")
    code, out, _ = cli("--dsn", cms_seeded_dsn, "plans", "check", queries, "--baseline", str(baseline))
    assert code == 0, out


def test_diff_revisions_3_to_4_moves_hot_queries_to_index_scans(
        cms_seeded_dsn: str, repo_root: Path, cli: Cli) -> None:
    code, out, err = cli("--dsn", cms_seeded_dsn, "plans", "diff", str(repo_root / QUERIES),
                         "--from", "0003", "--to", "0004", "--json")
    assert code == 0, err
    by_name: dict[str, Any] = {q["name"]: q for q in json.loads(out)["queries"]}
    for name, table in HOT.items():
        q = by_name[name]
        assert q["changed"], q
        assert f"Seq Scan {table}" in q["before"], q
        assert f"Seq Scan {table}" not in q["after"] and "Index" in q["after"], q
    # the clones are gone; the seeded database is untouched (still at head)
    with psycopg.connect(cms_seeded_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgwarden_plans_%'"
                            ).fetchone() == (0,)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)


@pytest.mark.parametrize("rev", ["0004"])
def test_diff_unknown_revision(cms_seeded_dsn: str, repo_root: Path, cli: Cli, rev: str) -> None:
    code, _, err = cli("--dsn", cms_seeded_dsn, "plans", "diff", str(repo_root / QUERIES),
                       "--from", "nope", "--to", rev)
    assert code == 2, err
