"""The bounded parallel runner: at most ``jobs`` targets at a time, at most ``per_host`` on one
server, each under a hard deadline.

Each target runs in a daemon thread. Its deadline does not rely on the server: libpq's
connect_timeout and statement_timeout are enforced by a server that answers, and a server that
accepts TCP and then never answers (a hung host, a stuck proxy) would stall a thread forever.
When the deadline passes, the target's row becomes ``timeout`` at once and the runner moves
on; the abandoned thread (and the connection it holds) ends on its own timeouts or with the
process, and ``cancel`` (when the work gives one) is called to end it sooner. The slot on the
target's server stays counted for a short grace after the deadline so that --per-host holds
for the connections that linger.

A failure of one target is that target's row, never an exception out of ``run``.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pgwarden.fleet.model import (
    FAILED,
    LOCKED,
    NOT_REACHED,
    PARTIAL,
    TIMEOUT,
    UNREACHABLE,
    Row,
    Target,
    row_for,
)

Work = Callable[[Target], Row]
GRACE_S = 5.0


@dataclass
class _Running:
    target: Target
    started: float
    deadline: float
    thread: threading.Thread


def classify(target: Target, exc: BaseException, seconds: float) -> Row:
    """An exception out of a target's work as its row (status, one redacted line)."""
    import psycopg

    from pgwarden.db import one_line, redact, translate_error
    from pgwarden.errors import ConnectError, LockHeld, PartialFailure, PgwardenError

    if isinstance(exc, psycopg.errors.QueryCanceled):
        return row_for(target, TIMEOUT, f"statement cancelled: {one_line(str(exc))}",
                       seconds=seconds)
    mapped: BaseException | None = exc
    if not isinstance(exc, PgwardenError):
        mapped = translate_error(exc, target.dsn) if isinstance(exc, psycopg.Error) else None
    if isinstance(mapped, ConnectError):
        return row_for(target, UNREACHABLE, mapped.one_line(), seconds=seconds)
    if isinstance(mapped, LockHeld):
        return row_for(target, LOCKED, mapped.one_line(), seconds=seconds)
    if isinstance(mapped, PartialFailure):
        return row_for(target, PARTIAL, mapped.one_line(), seconds=seconds)
    if isinstance(mapped, PgwardenError):
        return row_for(target, FAILED, mapped.one_line(), seconds=seconds,
                       detail={"target_exit_code": mapped.exit_code})
    text = redact(" ".join(f"{type(exc).__name__}: {exc}".split()))
    return row_for(target, FAILED, f"internal error: {text}", seconds=seconds,
                   detail={"target_exit_code": 70})


def run(targets: Sequence[Target], work: Work, *, jobs: int = 4, per_host: int = 2,
        timeout: float = 60.0, should_start: Callable[[Row | None], str | None] | None = None,
        on_start: Callable[[Target], None] | None = None,
        on_row: Callable[[Row], None] | None = None,
        cancel: Callable[[Target], None] | None = None) -> list[Row]:
    """Run ``work`` on every target; return one row per target, in ``targets``' order.

    ``should_start(last_row)`` is asked before each start (with the latest finished row, or
    None): a reason string stops starting new targets, and each remaining one becomes a
    ``not reached`` row carrying the reason (a spent --budget, a failed migration).
    """
    if jobs < 1 or per_host < 1:
        raise ValueError("jobs and per_host must be at least 1")
    pending = list(targets)
    running: dict[str, _Running] = {}
    host_busy: Counter[str] = Counter()
    lingering: dict[str, tuple[str, float]] = {}  # abandoned name -> (host, release at)
    done: queue.Queue[tuple[str, Row]] = queue.Queue()
    rows: dict[str, Row] = {}
    last: Row | None = None
    stop_reason: str | None = None

    def finish(row: Row) -> None:
        nonlocal last
        rows[row.target] = row
        last = row
        if on_row is not None:
            on_row(row)

    def worker(t: Target, started: float) -> None:
        try:
            row = work(t)
        except BaseException as exc:  # noqa: BLE001 - a target's failure is its row
            row = classify(t, exc, time.monotonic() - started)
        else:
            if not row.seconds:
                row = dataclasses.replace(row, seconds=time.monotonic() - started)
        done.put((t.name, row))

    try:
        while pending or running:
            now = time.monotonic()
            for name, (host, release_at) in list(lingering.items()):
                if release_at <= now:
                    host_busy[host] -= 1
                    del lingering[name]
            if pending and should_start is not None and stop_reason is None:
                stop_reason = should_start(last)
            if stop_reason is not None:
                for t in pending:
                    finish(row_for(t, NOT_REACHED, stop_reason))
                pending = []
            i = 0
            while i < len(pending) and len(running) < jobs:
                t = pending[i]
                if host_busy[t.host] >= per_host:
                    i += 1
                    continue
                pending.pop(i)
                host_busy[t.host] += 1
                started = time.monotonic()
                th = threading.Thread(target=worker, args=(t, started), daemon=True,
                                      name=f"pgwarden-fleet:{t.name}")
                running[t.name] = _Running(t, started, started + timeout, th)
                if on_start is not None:
                    on_start(t)
                th.start()
                if should_start is not None:
                    stop_reason = should_start(last)
                    if stop_reason is not None:
                        break
            if not running and not pending:
                break
            waits = [r.deadline for r in running.values()] + [at for _, at in lingering.values()]
            wait = max(0.0, min(waits) - time.monotonic()) if waits else 0.05
            try:
                name, row = done.get(timeout=min(wait, 1.0) if pending else wait)
            except queue.Empty:
                name, row = "", None
            if row is not None:
                if name in running:
                    r = running.pop(name)
                    host_busy[r.target.host] -= 1
                    finish(row)
                elif name in lingering:
                    host, _ = lingering.pop(name)
                    host_busy[host] -= 1
            now = time.monotonic()
            for name, r in list(running.items()):
                if r.deadline <= now:
                    del running[name]
                    lingering[name] = (r.target.host, now + min(GRACE_S, timeout))
                    if cancel is not None:
                        threading.Thread(target=_quietly, args=(cancel, r.target), daemon=True).start()
                    finish(row_for(r.target, TIMEOUT,
                                   f"no answer within {timeout:g}s (abandoned; the rest went on)",
                                   seconds=now - r.started))
    except BaseException:
        # Ctrl-C or SIGTERM: stop what runs (a migration's own process gets SIGTERM, so its
        # statement is cancelled and its transaction rolls back) before the process goes
        if cancel is not None:
            stoppers = [threading.Thread(target=_quietly, args=(cancel, r.target), daemon=True)
                        for r in running.values()]
            for th in stoppers:
                th.start()
            for th in stoppers:
                th.join(15)
        raise
    return [rows[t.name] for t in targets]


def _quietly(fn: Callable[[Target], None], t: Target) -> Any:
    try:
        fn(t)
    except Exception:  # noqa: BLE001 - cancelling is best effort
        pass
