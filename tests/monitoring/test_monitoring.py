"""monitoring/: rules pass promtool and their unit tests, every alert is tested both ways,
and every metric the rules and the dashboard query is one pgwarden or postgres_exporter emits."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.promtool import promtool

FUNCTIONS = {
    "sum", "min", "max", "avg", "count", "rate", "irate", "increase", "delta", "time", "by",
    "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
    "abs", "clamp_min", "clamp_max", "histogram_quantile", "label_values", "topk", "bottomk",
    "offset", "absent", "vector", "scalar", "sort", "sort_desc", "avg_over_time",
    "max_over_time", "min_over_time", "humanize", "e",
}


def metric_names(expr: str) -> set[str]:
    """Metric names a PromQL expression reads (labels, functions and durations removed)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)          # string literals
    text = re.sub(r"\{[^}]*\}", "", text)                  # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)                 # range selectors
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    text = re.sub(r"label_values\(\s*([a-zA-Z_:][\w:]*)\s*,[^)]*\)", r"\1", text)
    names = set(re.findall(r"(?<![\w.$])([a-zA-Z_:][\w:]*)\b(?!\s*\()", text))
    return {n for n in names if n not in FUNCTIONS and not re.fullmatch(r"\d+[smhdwy]?", n)}


def test_metric_name_extraction() -> None:
    expr = ('sum by (instance, datname) (rate(pg_stat_database_blks_hit{datname=~"$d"}[10m])) '
            '/ on (instance) max(pg_settings_max_connections) > 0.8 and time() - x_total > 5')
    assert metric_names(expr) == {"pg_stat_database_blks_hit", "pg_settings_max_connections",
                                  "x_total"}
    assert metric_names("label_values(pg_up, instance)") == {"pg_up"}


@pytest.fixture
def monitoring(repo_root: Path) -> Path:
    return repo_root / "monitoring"


@pytest.fixture
def exporter_metrics(monitoring: Path) -> set[str]:
    lines = (monitoring / "postgres_exporter_metrics.txt").read_text().splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


@pytest.fixture
def pgwarden_metrics(db_dsn: str, state_schema: Any, cli: Any) -> set[str]:
    """Metric names from a real ``pgwarden metrics`` run on a database with every kind of data."""
    conn = state_schema
    conn.execute("CREATE TABLE public.src (v int); INSERT INTO public.src SELECT generate_series(1, 50);"
                 "ANALYZE public.src;"
                 "CREATE MATERIALIZED VIEW public.mv AS SELECT count(*) FROM public.src;"
                 "INSERT INTO pgwarden.mview_refresh (view_schema, view_name, last_success_at, "
                 "last_duration_s, last_outcome) VALUES ('public', 'mv', now(), 0.1, 'success');"
                 "INSERT INTO pgwarden.task_runs (task, finished_at, outcome) VALUES "
                 "('refresh', now(), 'success')")
    for _ in range(6):
        conn.execute("SELECT count(*) FROM public.src WHERE v > %s", (1,))
    code, out, err = cli("--dsn", db_dsn, "metrics")
    assert code == 0, err
    names = set(re.findall(r"^# TYPE (\S+) ", out, re.M))
    names |= set(re.findall(r"^([a-zA-Z_:][\w:]*)[{ ]", out, re.M))
    return names


def _rule_files(monitoring: Path) -> list[Path]:
    files = sorted((monitoring / "rules").glob("*.yml"))
    assert files
    return files


def test_rules_pass_promtool_check_and_unit_tests(monitoring: Path) -> None:
    checked = promtool("check", "rules", *map(str, _rule_files(monitoring)))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tests = sorted((monitoring / "tests").glob("*.yml"))
    ran = promtool("test", "rules", *map(str, tests))
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.count("SUCCESS") == len(tests)
    config = promtool("check", "config", str(monitoring / "prometheus.yml"))
    assert config.returncode == 0, config.stdout + config.stderr


def test_every_alert_is_tested_firing_and_quiet(monitoring: Path) -> None:
    alerts = set()
    for f in _rule_files(monitoring):
        alerts |= set(re.findall(r"^\s*- alert:\s*(\S+)", f.read_text(), re.M))
    fired, quiet = set(), set()
    for f in (monitoring / "tests").glob("*.yml"):
        text = f.read_text()
        for m in re.finditer(r"alertname:\s*(\S+)\s*\n\s*exp_alerts:\s*(\[\])?", text):
            (quiet if m.group(2) else fired).add(m.group(1))
    assert alerts
    assert not alerts - fired, f"alerts never shown firing: {sorted(alerts - fired)}"
    assert not alerts - quiet, f"alerts never shown quiet: {sorted(alerts - quiet)}"


def test_rules_and_dashboard_query_only_known_metrics(monitoring: Path, exporter_metrics: set[str],
                                                      pgwarden_metrics: set[str]) -> None:
    known = exporter_metrics | pgwarden_metrics
    rule_exprs = []
    for f in _rule_files(monitoring):
        for m in re.finditer(r"expr:\s*(\|\n(?:\s{10,}.*\n)+|.*)", f.read_text()):
            rule_exprs.append(m.group(1).lstrip("|"))
    assert len(rule_exprs) >= 15
    used_by_rules = set().union(*(metric_names(e) for e in rule_exprs))
    assert not used_by_rules - known, f"rules query unknown metrics: {used_by_rules - known}"

    dash = json.loads((monitoring / "grafana" / "pgwarden.json").read_text())
    exprs = [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]
    exprs += [v["definition"] for v in dash["templating"]["list"] if "definition" in v]
    assert len(exprs) > 20
    used = set().union(*(metric_names(e) for e in exprs))
    assert not used - known, f"dashboard queries unknown metrics: {sorted(used - known)}"
    # the dashboard shows every pgwarden metric family that carries data
    own = {n for n in pgwarden_metrics if n.startswith("pgwarden_")} - {
        "pgwarden_collection_errors", "pgwarden_collection_duration_seconds",
        "pgwarden_statement_calls", "pgwarden_mview_last_success_timestamp_seconds",
        "pgwarden_task_last_run_timestamp_seconds"}
    assert not own - used, f"pgwarden metrics missing from the dashboard: {sorted(own - used)}"
    titles = [p["title"] for p in dash["panels"]]
    assert len(titles) == len(set(titles))
    assert all(p["datasource"]["uid"] == "${datasource}" for p in dash["panels"] if "datasource" in p)
