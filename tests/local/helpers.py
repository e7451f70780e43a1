"""Helpers for the local cluster's tests: run a function as another OS user."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any


def as_user(uid: int, gid: int, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a child process that dropped to uid/gid; return its result (or the repr
    of what it raised)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            result: Any = ("ok", fn())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            result = ("error", f"{type(exc).__name__}: {exc}")
        os.write(write_fd, pickle.dumps(result))
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)
