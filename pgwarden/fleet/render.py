"""Showing a fleet run: a live table on a terminal, rows as text or JSON lines, the health
matrix (targets x checks, worst first)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from pgwarden.fleet.model import STATUS_TABLE, Row, Target, counts, exit_code, worst_first

COLOURS = {"ok": "green", "skipped: standby": "cyan", "findings": "yellow", "locked": "magenta",
           "partial": "yellow", "not reached": "dim", "failed": "red", "timeout": "red",
           "unreachable": "red", "OK": "green", "WARNING": "yellow", "CRITICAL": "red",
           "UNKNOWN": "magenta"}
CELL = {"OK": "OK", "WARNING": "WARN", "CRITICAL": "CRIT", "UNKNOWN": "UNKN"}


class Live:
    """One line per target on a terminal's stderr (waiting, running for Ns, its status),
    redrawn as targets start and finish; a no-op when stderr is not a terminal."""

    def __init__(self, targets: Sequence[Target], enabled: bool):
        self.targets = list(targets)
        self.started: dict[str, float] = {}
        self.rows: dict[str, Row] = {}
        self._lock = threading.Lock()
        self._live: Any = None
        if enabled:
            from rich.live import Live as RichLive

            from pgwarden.output import console

            self._live = RichLive(self._table(), console=console(stderr=True),
                                  refresh_per_second=4, transient=True,
                                  get_renderable=self._table)

    def __enter__(self) -> Live:
        if self._live is not None:
            self._live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.__exit__(None, None, None)

    def start(self, t: Target) -> None:
        with self._lock:
            self.started[t.name] = time.monotonic()

    def row(self, r: Row) -> None:
        with self._lock:
            self.rows[r.target] = r

    def _table(self) -> Any:
        from rich.markup import escape
        from rich.table import Table

        with self._lock:
            done = len(self.rows)
            table = Table(box=None, pad_edge=False, show_header=True, header_style="bold",
                          title=f"{done}/{len(self.targets)} targets done", title_justify="left")
            table.add_column("target")
            table.add_column("status")
            table.add_column("", overflow="ellipsis", no_wrap=True)
            shown = [t for t in self.targets if t.name in self.started and
                     t.name not in self.rows][:20]
            shown += [t for t in self.targets if t.name in self.rows][-10:]
            for t in shown:
                r = self.rows.get(t.name)
                if r is None:
                    table.add_row(escape(t.name), "running",
                                  f"{time.monotonic() - self.started[t.name]:.0f}s")
                else:
                    table.add_row(escape(t.name), f"[{COLOURS[r.status]}]{r.status}[/]",
                                  escape(r.message[:100]))
            waiting = len(self.targets) - len(self.started)
            if waiting:
                table.add_row(f"... {waiting} waiting", "", "")
            return table


def summary(rows: Sequence[Row], command: str, seconds: float) -> dict[str, Any]:
    return {"summary": True, "command": command, "targets": len(rows), "counts": counts(rows),
            "exit_code": exit_code(rows), "seconds": round(seconds, 3)}


def summary_line(rows: Sequence[Row], seconds: float) -> str:
    c = counts(rows)
    parts = ", ".join(f"{n} {s}" for s, n in c.items())
    return f"{len(rows)} target(s) in {seconds:.1f}s: {parts or 'none'}; exit code {exit_code(rows)}"


def print_rows(rows: Sequence[Row], seconds: float) -> None:
    """The rows worst first, one per line (a rich table; plain text when piped)."""
    from rich.markup import escape
    from rich.table import Table

    from pgwarden.output import console, is_terminal

    out = console()
    if not is_terminal(sys.stdout):
        out.width = max(out.width, 160)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("target", no_wrap=True, min_width=max((len(r.target) for r in rows), default=6))
    table.add_column("status", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("result", overflow="fold")
    for r in worst_first(rows):
        table.add_row(escape(r.target), f"[{COLOURS[r.status]}]{r.status}[/]",
                      f"{r.seconds:.1f}s", escape(r.message))
    out.print(table)
    out.print(summary_line(rows, seconds))


def matrix(rows: Sequence[Row]) -> tuple[list[str], list[tuple[Row, list[str]]]]:
    """The health matrix: check names (columns) and, per row worst first, each check's
    status ("" where the target was not read)."""
    from pgwarden.health import Status

    checks: list[str] = []
    for r in rows:
        for name in r.detail.get("checks", {}):
            if name not in checks:
                checks.append(name)
    sev = {s.name: s.severity for s in Status}

    def key(r: Row) -> tuple[int, int, str]:
        cells = r.detail.get("checks", {})
        worst = max((sev[c["status"]] for c in cells.values()), default=-1)
        return (-r.severity, -worst, r.target)

    out = []
    for r in sorted(rows, key=key):
        cells = r.detail.get("checks", {})
        out.append((r, [cells[c]["status"] if c in cells else "" for c in checks]))
    return checks, out


def print_matrix(rows: Sequence[Row], seconds: float) -> None:
    from rich.markup import escape
    from rich.table import Table

    from pgwarden.output import console, is_terminal

    out = console()
    if not is_terminal(sys.stdout):
        out.width = 1000  # piped: one target per line however many checks (the table is as wide as it needs)
    checks, lines = matrix(rows)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold",
                  title="health: targets x checks, worst first", title_justify="left")
    table.add_column("target", no_wrap=True, min_width=max((len(r.target) for r in rows), default=6))
    table.add_column("status", no_wrap=True)
    for c in checks:
        table.add_column(_abbrev(c), no_wrap=True)
    for r, cells in lines:
        shown = [f"[{COLOURS[c]}]{CELL[c]}[/]" if c else "-" for c in cells]
        table.add_row(escape(r.target), f"[{COLOURS[r.status]}]{r.status}[/]", *shown)
    out.print(table)
    for r, _ in lines:
        if r.status not in ("ok",):
            out.print(f"{escape(r.target)}: [{COLOURS[r.status]}]{r.status}[/] "
                      f"{escape(r.message)}", soft_wrap=True)
    out.print(summary_line(rows, seconds))


def _abbrev(name: str) -> str:
    return name if len(name) <= 12 else name[:11] + "…"


def status_table_doc() -> list[tuple[str, int]]:
    return [(s, code) for s, (code, _) in sorted(STATUS_TABLE.items(), key=lambda kv: kv[1][1])]
