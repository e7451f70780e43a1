"""What the demo's story and its steps share: the constants, the options, the running report.

``story.py`` runs the steps (``steps.py``) in order; both import this module and neither imports
the other.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pgwarden.local import LocalCluster

DEMO_DB = "pgwarden_demo"
BEFORE_PERFORMANCE = "0003"
PERFORMANCE = "0004"
DEFAULT_SCALE = 10.0
DEFAULT_ITERATIONS = 15
REPORT_NAME = "demo-report.json"
HTML_NAME = "demo.html"


@dataclass
class StoryOptions:
    scale: float = DEFAULT_SCALE
    iterations: int = DEFAULT_ITERATIONS
    pg_bin: str | None = None
    base: str | None = None
    as_json: bool = False
    seed: int = 42
    replicas: int = 0  # hot standbys to start beside the primary (the topology step)


@dataclass
class Story:
    """Collects the report and prints each step as it happens (unless ``as_json``)."""

    options: StoryOptions
    report: dict[str, Any] = field(default_factory=dict)
    number: int = 0
    total: int = 9

    @property
    def interactive(self) -> bool:
        return not self.options.as_json

    def say(self, text: str = "") -> None:
        if not self.options.as_json:
            click.echo(text)

    @contextmanager
    def step(self, name: str, title: str) -> Iterator[dict[str, Any]]:
        self.number += 1
        self.say("")
        self.say(click.style(f"==> [{self.number}/{self.total}] {title}", bold=True))
        entry: dict[str, Any] = {"step": name, "title": title, "message": ""}
        t0 = time.monotonic()
        try:
            yield entry
            entry["ok"] = True
        except Exception as exc:
            entry["ok"] = False
            entry["message"] = entry["message"] or f"failed: {exc}"
            raise
        finally:
            entry["duration_s"] = round(time.monotonic() - t0, 3)
            self.report.setdefault("steps", []).append(entry)
        if entry["message"]:
            self.say(f"    {entry['message']}")


@dataclass
class Context:
    """What one step hands to the next: the cluster, the demo database's DSNs, the replays."""

    cluster: LocalCluster
    options: StoryOptions
    dsn: str = ""
    admin_dsn: str = ""
    before: Any = None
    after: Any = None
    data: dict[str, Any] = field(default_factory=dict)


def revision_note(matches: list[str] | str) -> str:
    """How a suggestion compares with the hand-written revision, in the words the terminal and
    the HTML report both use. ``matches``: the names of the revision's indexes that lead with the
    same column (a string: a report saved before the wording was shared)."""
    if isinstance(matches, str):
        matches = [] if matches in ("", f"not in {PERFORMANCE}") else \
            [m.strip() for m in matches.split(",")]
    if not matches:
        return f"{PERFORMANCE} has no index leading with the same column"
    return f"{PERFORMANCE} has one leading with the same column: {', '.join(matches)}"
