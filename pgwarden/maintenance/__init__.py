"""``pgwarden maintain``: refresh, vacuum, reindex, cleanup — decided from the database's own
statistics, each a small task behind one seam (``base.Task``), run by ``runner.run_tasks``."""

from pgwarden.maintenance.base import Action, Options, Outcome, Plan, TaskResult
from pgwarden.maintenance.runner import RunReport, run_tasks

TASK_NAMES = ("refresh", "vacuum", "reindex", "cleanup")

__all__ = ["TASK_NAMES", "Action", "Options", "Outcome", "Plan", "RunReport", "TaskResult", "run_tasks"]
