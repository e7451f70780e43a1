"""health and metrics on the seeded CMS, before and after ``pgwarden maintain`` records its work."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.metrics.test_metrics import one, samples

CMS_VIEWS = ("public.enrollments_per_day", "public.questionnaire_responses_daily",
             "public.workshop_statistics")


def test_cms_views_unknown_until_maintain_refresh_records_them(
        cms_dsn: str, cli: Callable[..., tuple[int, str, str]], repo_root: Path) -> None:
    cfg = str(repo_root / "examples" / "pgwarden.toml")
    code, out, _ = cli("--dsn", cms_dsn, "--config", cfg, "health", "--json",
                       "--check", "mview_staleness", "--check", "maintenance_tasks")
    doc = json.loads(out)
    mv, tasks = doc["checks"]
    assert mv["status"] == "UNKNOWN" and "never refreshed them" in mv["summary"]
    assert tasks["status"] == "CRITICAL" and "run" in tasks["summary"]  # expected_tasks = ["run"]
    assert code == 2

    code, _, err = cli("--dsn", cms_dsn, "--config", cfg, "maintain", "refresh")
    assert code == 0, err

    code, out, _ = cli("--dsn", cms_dsn, "--config", cfg, "health", "--json",
                       "--check", "mview_staleness")
    mv = json.loads(out)["checks"][0]
    assert code == 0 and mv["status"] == "OK", mv
    allowed = {d["view"]: d["allowed_s"] for d in mv["details"]}
    assert allowed == {"public.enrollments_per_day": 7200, "public.questionnaire_responses_daily": 86400,
                       "public.workshop_statistics": 86400}

    code, out, err = cli("--dsn", cms_dsn, "--config", cfg, "metrics")
    assert code == 0, err
    found = samples(out)
    for view in CMS_VIEWS:
        schema, name = view.split(".")
        assert one(found, "pgwarden_mview_refresh_known", schema=schema, view=name) == 1
        assert one(found, "pgwarden_mview_age_seconds", schema=schema, view=name) < 600
    assert one(found, "pgwarden_task_last_outcome", task="refresh", outcome="success") == 1
