"""SIGTERM while pgwarden works: one handler for every command.

While a command works, SIGTERM raises ``Terminated`` (a KeyboardInterrupt) in the main thread:
psycopg then cancels the statement running on the server, transactions roll back, session
locks go and the command's cleanup code runs, instead of the process dying while its backend
runs on. Once the work is finished (``finished()``), SIGTERM is ignored: the result already
decided is the exit code, never 143.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pgwarden.errors import Terminated

_state = {"working": False}


def _on_term(signum: int, frame: Any) -> None:
    if _state["working"]:
        _state["working"] = False  # a second SIGTERM during the clean-up does not cut it short
        raise Terminated
    # the work is over: the exit code is decided, keep it


@contextmanager
def handling(*, restore: bool = True) -> Iterator[None]:
    """Install the handler and mark the command as working for the block. ``restore``: put the
    previous handler back afterwards (in-process callers); the console script keeps ours, so
    a SIGTERM between the end of the work and the exit cannot turn the result into 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_term)
    _state["working"] = True
    try:
        yield
    finally:
        _state["working"] = False
        if restore:
            signal.signal(signal.SIGTERM, previous)


def finished() -> None:
    """The command's work is done (what remains is printing its result): from now on a SIGTERM
    no longer interrupts it. SIG_IGN rather than our handler: Python puts the default action
    back for its own handlers while the interpreter shuts down, and a SIGTERM then would end
    the process with 143."""
    _state["working"] = False
    if threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGTERM) is _on_term:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
