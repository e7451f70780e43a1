"""pgwarden lint end to end: alembic revisions mapped to their lines, formats, exit codes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pgwarden.analyzers.lint import lint_paths

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
Cli = Callable[..., tuple[int, str, str]]


def test_versions_folder_is_rendered_base_to_head_and_mapped_to_lines() -> None:
    report = lint_paths([str(VERSIONS)])
    assert not report.errors
    where = sorted((Path(f.file).name, f.line, f.rule) for f in report.findings)
    assert where == [
        ("0003_hazards.py", 14, "index-not-concurrent"),
        ("0003_hazards.py", 15, "add-column-not-null-without-default"),
        ("0003_hazards.py", 17, "backfill-in-ddl-transaction"),
        ("0003_hazards.py", 17, "backfill-whole-table"),
        ("0003_hazards.py", 18, "concurrent-index-not-rerunnable"),
        ("0003_hazards.py", 18, "concurrently-in-transaction"),
        ("0003_hazards.py", 18, "lock-upgrade"),
    ]
    # 0001 builds indexes on its own new tables, 0002 adds an FK on a new all-NULL column,
    # widens varchar to text and builds its index concurrently in an autocommit block: clean.
    # 0003's rename carries a reasoned `# pgwarden: ignore` comment.
    assert report.suppressed == 1


def test_revision_order_follows_down_revision_not_file_names(tmp_path: Path) -> None:
    (tmp_path / "b_first.py").write_text(
        'from alembic import op\nrevision = "1"\ndown_revision = None\n\n'
        'def upgrade():\n    op.execute("CREATE TABLE t (id int)")\n')
    (tmp_path / "a_second.py").write_text(
        'from alembic import op\nrevision = "2"\ndown_revision = "1"\n\n'
        'def upgrade():\n    op.execute("ALTER TABLE t RENAME COLUMN id TO pk")\n')
    report = lint_paths([str(tmp_path)])
    # the table is not new in revision 2, so the rename is a finding, in a_second.py line 6
    assert [(Path(f.file).name, f.line, f.rule) for f in report.findings] == [
        ("a_second.py", 6, "rename-column")]


def test_lock_table_in_a_revision_is_held_to_the_revision_commit(tmp_path: Path) -> None:
    """A revision runs in one transaction (pgwarden migrate, alembic): a LOCK TABLE in it is
    held across the revision's later statements, without any BEGIN in sight."""
    (tmp_path / "r1.py").write_text(
        'from alembic import op\nrevision = "1"\ndown_revision = None\n\n'
        'def upgrade():\n    op.execute("LOCK TABLE orders IN SHARE MODE")\n'
        '    op.execute("INSERT INTO orders_copy SELECT * FROM orders")\n')
    report = lint_paths([str(tmp_path)])
    assert [(f.line, f.rule, f.tier) for f in report.findings] == [
        (7, "lock-held-across-work", "hazard")]


def test_text_output_and_exit_code(cli: Cli) -> None:
    code, out, _ = cli("lint", str(VERSIONS / "0003_hazards.py"))
    assert code == 1
    assert "0003_hazards.py:14: index-not-concurrent CREATE INDEX people_name_idx" in out
    assert "lock: SHARE: blocks INSERT/UPDATE/DELETE" in out
    assert "fix:  CREATE INDEX CONCURRENTLY IF NOT EXISTS" in out


SUPPRESS = ("-- pgwarden: ignore concurrent-index-not-rerunnable because the runner drops INVALID "
            "leftovers\n")


def test_clean_exit_zero(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "ok.sql"
    f.write_text("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"
                 + SUPPRESS)
    code, out, _ = cli("lint", str(f))
    # the suppression sits after the statement: it covers nothing, and the finding is advice
    # (re-run hygiene): shown, but failing the check only with --strict
    assert code == 0
    assert "concurrent-index-not-rerunnable (advice) CREATE INDEX CONCURRENTLY IF NOT EXISTS i" in out
    assert "1 finding(s) (1 advice, not failing without --strict)" in out
    assert cli("lint", "--strict", str(f))[0] == 1
    f.write_text("SET lock_timeout = '2s';\n" + SUPPRESS
                 + "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n")
    code, out, _ = cli("lint", "--strict", str(f))
    assert code == 0, out
    assert "0 finding(s), 1 suppressed" in out


def test_json_and_github_formats(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "m.sql"
    f.write_text("SELECT 1;\nVACUUM FULL users;\n")
    code, out, _ = cli("lint", "--format", "json", str(f))
    assert code == 1
    data = json.loads(out)
    assert data["exit_code"] == 1
    assert data["findings"][0]["rule"] == "vacuum-full"
    assert data["findings"][0]["line"] == 2
    assert data["findings"][0]["lock"] == "AccessExclusiveLock"
    code, out, _ = cli("lint", "--format", "github", str(f))
    assert code == 1
    assert out.startswith(f"::warning file={f},line=2,title=vacuum-full::VACUUM FULL users")


def test_stdin(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("CLUSTER t USING i;\n"))
    code, out, _ = cli("lint", "-")
    assert code == 1
    assert out.startswith("<stdin>:1: cluster CLUSTER t")


def test_parse_error_names_file_and_line_and_the_rest_is_linted(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "a_bad.sql"
    bad.write_text("SELECT 1;\n\nALTER TABLE t ADD COLUMN;\n")
    good = tmp_path / "b_good.sql"
    good.write_text("DROP TABLE legacy;\n")
    broken_rev = tmp_path / "c_rev.py"
    broken_rev.write_text('from alembic import op\nrevision = "x"\ndown_revision = None\n\n'
                          'def upgrade():\n    op.no_such_operation("t")\n')
    code, out, err = cli("lint", str(bad), str(good), str(broken_rev))
    assert code == 2
    assert f"{bad}:3: error: syntax error at or near" in out
    assert f"{broken_rev}:6: error: cannot render revision" in out
    assert f"{good}:1: drop-table (BREAKING) DROP TABLE legacy" in out
    assert "Traceback" not in out + err


def test_missing_file_and_no_paths(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("lint", str(tmp_path / "nope.sql"))
    assert code == 2 and "no such file" in out
    code, _, err = cli("lint")
    assert code == 2 and "nothing to lint" in err
    code, out, _ = cli("lint", str(tmp_path))
    assert code == 2 and "no .sql files or alembic revisions" in out


def test_require_timeouts_only_for_plain_sql(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "m.sql"
    f.write_text("ALTER TABLE t ADD COLUMN c text;\n")
    assert cli("lint", str(f))[0] == 0
    code, out, _ = cli("lint", "--require-timeouts", str(f))
    assert code == 1 and "missing-timeouts ALTER TABLE before SET lock_timeout / statement_timeout" in out
    f.write_text("SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n"
                 "ALTER TABLE t ADD COLUMN c text;\n")
    assert cli("lint", "--require-timeouts", str(f))[0] == 0
    # alembic revisions run under pgwarden's runner, which sets both
    assert not [x for x in lint_paths([str(VERSIONS)], require_timeouts=True).findings
                if x.rule == "missing-timeouts"]


def test_list_rules_and_disable(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("lint", "--list-rules", "--format", "json")
    rules = {r["id"]: r for r in json.loads(out)}
    assert rules["index-not-concurrent"]["lock"] == "ShareLock"
    assert all(r["recipe"] for r in rules.values())
    f = tmp_path / "m.sql"
    f.write_text("VACUUM FULL t;\n")
    assert cli("lint", "--disable", "vacuum-full", str(f))[0] == 0
    code, _, err = cli("lint", "--disable", "no-such-rule", str(f))
    assert code == 2 and "unknown lint rule" in err


def test_docs_list_every_rule(repo_root: Path) -> None:
    from pgwarden.analyzers.lint import all_rules

    text = (repo_root / "docs" / "lint.md").read_text()
    missing = [r for r in all_rules() if f"| `{r}` |" not in text]
    assert not missing, f"rules missing from docs/lint.md: {missing}"


def test_lint_section_of_pgwarden_toml(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "m.sql"
    f.write_text("VACUUM FULL t;\nALTER TABLE t ADD COLUMN c text;\n")
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text('[lint]\ndisable = ["vacuum-full"]\nrequire_timeouts = true\n')
    code, out, _ = cli("--config", str(cfg), "lint", str(f))
    assert code == 1
    assert "vacuum-full" not in out and "missing-timeouts" in out
    cfg.write_text("[plans]\nseq_scan_rows = 'many'\n")
    code, _, err = cli("--config", str(cfg), "lint", str(f))
    assert code == 2 and "plans.seq_scan_rows: expected an integer" in err


def test_run_file_sql_maps_to_the_sql_file_line(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ops.run_file("schema/statistics") statements are reported in that SQL file, at their line."""
    from pgwarden.analyzers.lint import engine
    from pgwarden.analyzers.lint.sources import render_revision

    seen: list[tuple[str, int, str]] = []
    real_apply = engine.apply

    def spy(stmt: Any, st: Any) -> None:
        seen.append((stmt.file, stmt.line, stmt.text))
        real_apply(stmt, st)

    monkeypatch.setattr(engine, "apply", spy)
    monkeypatch.chdir(repo_root)
    engine.lint_migrations([render_revision(Path("pgwarden/versions/v0003_statistics_views.py"))])
    sql_file = repo_root / "pgwarden" / "sql" / "schema" / "statistics.sql"
    lines = sql_file.read_text().split("\n")
    index_stmts = [s for s in seen if s[2].startswith("CREATE UNIQUE INDEX")]
    assert index_stmts
    for file, line, text in index_stmts:
        assert file == "pgwarden/sql/schema/statistics.sql"
        assert lines[line - 1].startswith(text[:40]), (line, text)


def test_tiers_hazards_fail_advice_only_with_strict(cli: Cli, tmp_path: Path) -> None:
    """Statements that hold a blocking lock while working through the table (or rewrite it)
    fail the check; instant strong locks, re-run hygiene and lock upgrades are advice; what
    fails on a live database or breaks running code is its own tier."""
    from pgwarden.analyzers.lint import all_rules

    tiers = {r.id: r.tier for r in all_rules().values()}
    assert {r for r, t in tiers.items() if t == "advice"} == {
        "concurrent-index-not-rerunnable", "drop-index-not-concurrent",
        "detach-partition-not-concurrent", "timeout-disabled", "suppression-without-reason",
        "suppression-unknown-rule", "lock-upgrade"}
    assert {r for r, t in tiers.items() if t == "breaking"} == {
        "rename-table", "rename-column", "set-schema", "drop-table", "drop-column",
        "add-column-not-null-without-default", "concurrently-in-transaction",
        "concurrently-on-partitioned",
        "text-search-config-change", "column-type-used-by-view",
        "transaction-control-in-transaction"}
    advice = tmp_path / "advice.sql"
    advice.write_text("SET lock_timeout = 0;\nDROP INDEX orders_customer_idx;\n"
                      "ALTER TABLE events DETACH PARTITION events_2025;\n")
    code, out, _ = cli("lint", str(advice))
    assert code == 0, out
    assert "3 finding(s) (3 advice, not failing without --strict)" in out
    assert cli("lint", "--strict", str(advice))[0] == 1
    code, out, _ = cli("lint", "--format", "github", str(advice))
    assert out.startswith(f"::notice file={advice},line=1,title=timeout-disabled::")
    hazard = tmp_path / "hazard.sql"
    hazard.write_text("DROP INDEX orders_customer_idx;\n"
                      "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n")
    code, out, _ = cli("lint", "--json", str(hazard))
    data = json.loads(out)
    assert code == 1 and data["exit_code"] == 1
    assert [(f["rule"], f["tier"]) for f in data["findings"]] == [
        ("drop-index-not-concurrent", "advice"), ("set-not-null-scan", "hazard")]
    assert data["advice"] == 1 and data["strict"] is False
