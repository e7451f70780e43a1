"""Prometheus textfile metrics for node_exporter's textfile collector, written atomically.

Each task's figures are kept per ``task`` label; running one task rewrites only its own samples
and keeps the others' from the existing file (so ``maintain cleanup`` and ``maintain vacuum`` can
share a file).
"""

from __future__ import annotations

import time
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile
from prometheus_client.parser import text_string_to_metric_families

from pgwarden.maintenance.base import DONE, FAILED, SKIPPED, TaskResult

PREFIX = "pgwarden_maintenance_"
METRICS: dict[str, str] = {
    "last_run_timestamp_seconds": "Unix time the task last finished (any outcome).",
    "last_success_timestamp_seconds": "Unix time the task last finished with every object done.",
    "last_duration_seconds": "Duration of the task's last run.",
    "last_exit_code": "Exit code of the task's last run (0 ok, 3 partial, other: error).",
    "rows_deleted_last_run": "Rows deleted by the task's last run (cleanup; 0 for others).",
    "objects_done_last_run": "Objects processed successfully in the task's last run.",
    "objects_skipped_last_run": "Objects skipped (lock, budget, refused) in the task's last run.",
    "objects_failed_last_run": "Objects that failed in the task's last run.",
    "skipped_standby_last_run": "1 when the task's last run stood aside because the node is a "
                                "standby (skipped: standby, exit 0), else 0.",
}


def _read_existing(path: Path) -> dict[str, dict[str, float]]:
    """metric suffix -> task -> value, from an existing textfile (ignored when unreadable)."""
    out: dict[str, dict[str, float]] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return out
    try:
        for fam in text_string_to_metric_families(text):
            if not fam.name.startswith(PREFIX):
                continue
            for s in fam.samples:
                task = s.labels.get("task")
                if task:
                    out.setdefault(s.name[len(PREFIX):], {})[task] = float(s.value)
    except ValueError:
        return {}
    return out


def exit_code_of(exc: BaseException) -> int:
    """The exit code the CLI will give for ``exc`` (for the metrics written as it exits)."""
    from pgwarden.db import translate_error
    from pgwarden.errors import EXIT_INTERRUPTED, PgwardenError

    if isinstance(exc, PgwardenError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    mapped = translate_error(exc)
    return mapped.exit_code if mapped is not None else 70


def write_metrics(path: str | Path, results: list[TaskResult], exit_codes: dict[str, int],
                  *, others: dict[str, int] | None = None,
                  skipped_standby: bool = False) -> None:
    """Write the textfile at ``path`` atomically (prometheus_client writes a temp file and
    renames). ``others``: exit codes of tasks that did not get to run (another run held the
    lock, the server was unreachable...) and of ``run`` as a whole: their last run time and
    exit code are updated, the object counts are left as they were."""
    p = Path(path)
    values = _read_existing(p)
    now = time.time()
    for task, code in (others or {}).items():
        values.setdefault("last_run_timestamp_seconds", {})[task] = now
        values.setdefault("last_exit_code", {})[task] = float(code)
        if code == 0:
            values.setdefault("last_success_timestamp_seconds", {})[task] = now
    for r in results:
        if r.dry_run:
            continue
        code = exit_codes.get(r.task, 0)
        upd = {
            "last_run_timestamp_seconds": now,
            "last_duration_seconds": r.duration,
            "last_exit_code": float(code),
            "rows_deleted_last_run": float(r.rows if r.task == "cleanup" else 0),
            "objects_done_last_run": float(r.count(DONE)),
            "objects_skipped_last_run": float(r.count(SKIPPED)),
            "objects_failed_last_run": float(r.count(FAILED)),
            "skipped_standby_last_run": 1.0 if skipped_standby else 0.0,
        }
        if code == 0:
            upd["last_success_timestamp_seconds"] = now
        for k, v in upd.items():
            values.setdefault(k, {})[r.task] = v
    registry = CollectorRegistry()
    for suffix, help_text in METRICS.items():
        g = Gauge(PREFIX + suffix, help_text, ["task"], registry=registry)
        for task, v in sorted(values.get(suffix, {}).items()):
            g.labels(task=task).set(v)
    p.parent.mkdir(parents=True, exist_ok=True)
    write_to_textfile(str(p), registry)
