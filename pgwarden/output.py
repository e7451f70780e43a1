"""Rendering shared by every command: rich on a terminal, JSON and plain text otherwise.

Progress bars and colour go to stderr and only when stderr is a terminal and ``--json`` is
off, so cron mail and pipes stay machine-readable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import json
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, datetimes, decimals, paths, enums and sets as JSON-friendly values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        items = [to_jsonable(v) for v in obj]
        return sorted(items, key=str) if isinstance(obj, set | frozenset) else items
    if isinstance(obj, dt.datetime | dt.date | dt.time):
        return obj.isoformat()
    if isinstance(obj, dt.timedelta):
        return obj.total_seconds()
    if isinstance(obj, decimal.Decimal):
        return float(obj)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, Path | uuid.UUID):
        return str(obj)
    return obj


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(to_jsonable(obj), indent=indent, ensure_ascii=False, sort_keys=False)


def emit_json(obj: Any, *, stream: IO[str] | None = None, lines: bool = False) -> None:
    """Write ``obj`` as JSON (one compact line with ``lines=True``) to stdout."""
    out = stream or sys.stdout
    out.write(dumps(obj, indent=None if lines else 2) + "\n")
    out.flush()


def is_terminal(stream: IO[str] | None = None) -> bool:
    s = stream or sys.stderr
    try:
        return bool(s.isatty())
    except (AttributeError, ValueError):
        return False


def console(stderr: bool = False) -> Any:
    """A rich Console for stdout (or stderr); plain when not a terminal."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits 1 ("findings") when the reader goes away (| head); let the CLI's
            # BrokenPipeError path end the command with 0 instead
            self.quiet = True
            raise BrokenPipeError

    return _Console(stderr=stderr, highlight=False, soft_wrap=False)


class Advance(Protocol):
    def __call__(self, steps: float = 1, *, description: str | None = None) -> None: ...


@contextmanager
def progress(description: str, total: float | None, *, enabled: bool = True) -> Iterator[Advance]:
    """A rich progress bar on a terminal's stderr; a no-op callable everywhere else."""
    if not (enabled and is_terminal(sys.stderr)):
        def _noop(steps: float = 1, *, description: str | None = None) -> None:
            return None

        yield _noop
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task(description, total=total)

        def _advance(steps: float = 1, *, description: str | None = None) -> None:
            if description is not None:
                bar.update(task, description=description)
            bar.advance(task, steps)

        yield _advance
