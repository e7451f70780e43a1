"""One target's ``migrate up`` in its own process (see ``commands.MigrateUp``).

Reads ``{"dsn", "revision", "populate", "settings"}`` as JSON on stdin; writes one JSON line:
``{"before", "after", "head", "applied"}`` or ``{"error", "exit_code", "kind"}``.
"""

from __future__ import annotations

import json
import signal
import sys
from typing import Any


def _term(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # psycopg cancels the running statement; the transaction rolls back


def main() -> int:
    signal.signal(signal.SIGTERM, _term)
    from pgwarden.config import build
    from pgwarden.db import redact, translate_error
    from pgwarden.errors import PgwardenError
    from pgwarden.migrations import api
    from pgwarden.migrations.settings import MigrateSettings

    job = json.loads(sys.stdin.read())
    dsn = str(job["dsn"])
    out: dict[str, Any]
    before: tuple[str, ...] | None = None
    try:
        settings = build(MigrateSettings, job["settings"], "migrate")
        before = api.status(dsn).current
        report = api.upgrade(dsn, job.get("revision", "head"), settings=settings,
                             populate=bool(job.get("populate", True)), on_notice=lambda s: None)
        st = api.status(dsn)
        out = {"before": list(before), "after": list(st.current), "head": list(st.head),
               "applied": [s.revision for s in report.steps]}
    except KeyboardInterrupt:
        out = {"error": "interrupted (the deadline passed); the revision in progress rolled back",
               "exit_code": 130, "kind": "PgwardenError"}
    except PgwardenError as exc:
        out = {"error": exc.one_line(), "exit_code": exc.exit_code, "kind": type(exc).__name__}
    except Exception as exc:  # noqa: BLE001 - the parent turns this into the target's row
        mapped = translate_error(exc, dsn)
        if mapped is not None:
            out = {"error": mapped.one_line(), "exit_code": mapped.exit_code,
                   "kind": type(mapped).__name__}
        else:
            out = {"error": redact(f"internal error: {type(exc).__name__}: {exc}"),
                   "exit_code": 70, "kind": "PgwardenError"}
    if "error" in out and before is not None:
        # where the target stands after the failure: revisions done before it stay applied
        out["before"] = list(before)
        try:
            st = api.status(dsn)
            out["after"], out["head"] = list(st.current), list(st.head)
        except Exception:  # noqa: BLE001 - the error above is what the row reports
            pass
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
