"""Running a migration in a thread while the test plays the other sessions."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

from pgwarden.migrations.runner import APPLICATION_NAME
from pgwarden.migrations.settings import MigrateSettings

# Tests about the runner (not about search) skip parsing the 4.5 MB Polish dictionary, which
# costs 0.5-1.5 s per run on this machine: revision 0002 then takes its fallback path.
NO_DICTIONARY = "pgwarden_test_no_dictionary"
QUICK = MigrateSettings(polish_dictionary=NO_DICTIONARY)


class Background:
    """Run ``fn`` in a thread; ``result()`` returns its value or its exception."""

    def __init__(self, fn: Callable[[], Any]):
        self.value: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.value = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            self.error = exc

    def result(self, timeout: float = 60) -> tuple[Any, BaseException | None]:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the migration did not finish"
        return self.value, self.error


def wait_for_lock_wait(dsn: str, *, query_like: str = "%", timeout: float = 30) -> int:
    """The pid of the migrating backend once it waits on a lock while running ``query_like``."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(dsn, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s"
                " AND wait_event_type = 'Lock' AND query ILIKE %s",
                (APPLICATION_NAME, query_like)).fetchone()
            if row:
                return int(row[0])
            time.sleep(0.05)
    raise AssertionError(f"the migration never waited on a lock while running {query_like!r}")


def terminate(dsn: str, pid: int) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
