"""The story ``pgwarden demo`` tells, step by step, on the local cluster.

Every step prints as it happens (with progress bars on a terminal) and lands in one report:
``--json`` prints it, every run saves it as ``.pgwarden/demo-report.json``, and
``pgwarden demo report --html FILE`` renders it as a self-contained page with charts.

The story: start the local cluster; create a fresh demo database; migrate it to just before the
performance revision; seed the CMS data set; replay the CMS workload and show the slowest
queries; ask the advisor; lint the pending revisions; migrate to head while a write probe
runs; replay again and compare; run the maintenance cron entry and the health checks; say
where to look next.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pgwarden import __version__
from pgwarden.demo import steps
from pgwarden.demo.model import (
    BEFORE_PERFORMANCE,
    DEFAULT_ITERATIONS,
    DEFAULT_SCALE,
    DEMO_DB,
    REPORT_NAME,
    Context,
    Story,
    StoryOptions,
)
from pgwarden.output import emit_json

__all__ = ["BEFORE_PERFORMANCE", "DEFAULT_ITERATIONS", "DEFAULT_SCALE", "DEMO_DB", "REPORT_NAME",
           "Story", "StoryOptions", "load_report", "run_story", "save_report"]


def run_story(*, pg_bin: str | None = None, as_json: bool = False, base: str | None = None,
              scale: float = DEFAULT_SCALE, iterations: int = DEFAULT_ITERATIONS,
              replicas: int = 0) -> int:
    """Run every step; returns 0 when the whole story ran. A failing step's error propagates
    (the CLI prints it as one line with its exit code) after the report, with that step marked
    failed, has been saved."""
    from pgwarden.local import LocalCluster

    opts = StoryOptions(scale=scale, iterations=iterations, pg_bin=pg_bin, base=base,
                        as_json=as_json, replicas=replicas)
    story = Story(opts)
    started = dt.datetime.now(dt.UTC)
    story.report.update({"pgwarden_version": __version__, "started_at": started.isoformat(),
                         "scale": scale, "iterations": iterations})
    cluster = LocalCluster(base, pg_bin=pg_bin)
    t0 = time.monotonic()
    exit_code = 0
    plan: list[Callable[[Story, Any], None]] = [
        steps.start_cluster, steps.prepare_database, steps.seed_data, steps.replay_before,
        steps.advise, steps.lint_pending, steps.migrate_under_load, steps.replay_after,
        steps.maintain_and_health,
    ]
    if replicas:
        plan.append(steps.standby_story)
    story.total = len(plan) + 1
    ctx = Context(cluster=cluster, options=opts)
    try:
        for run_step in plan:
            run_step(story, ctx)
    finally:
        story.report["duration_s"] = round(time.monotonic() - t0, 3)
        story.report["finished_at"] = dt.datetime.now(dt.UTC).isoformat()
        failed = [s for s in story.report.get("steps", []) if not s.get("ok")]
        exit_code = 1 if failed else 0
        story.report["exit_code"] = exit_code
        save_report(cluster.base, story.report)
    steps.next_steps(story, ctx)
    if as_json:
        emit_json(story.report)
    return exit_code


def save_report(base: Path, report: dict[str, Any]) -> Path:
    from pgwarden.output import dumps

    base.mkdir(parents=True, exist_ok=True)
    path = base / REPORT_NAME
    tmp = path.with_suffix(".tmp")
    tmp.write_text(dumps(report) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def load_report(path: Path) -> dict[str, Any]:
    from pgwarden.errors import UsageError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no demo report at {path}", hint="run: pgwarden demo") from None
    except ValueError as exc:
        raise UsageError(f"{path} is not a demo report: {exc}") from None
    if not isinstance(data, dict) or "steps" not in data:
        raise UsageError(f"{path} is not a demo report (no steps)")
    return data
