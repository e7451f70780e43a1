"""alembic's environment for pgwarden (``script_location = pgwarden:migrations``).

Kept tiny on purpose: the online and offline paths live in ``pgwarden.migrations.runner``,
so ``alembic upgrade head`` and ``pgwarden migrate up`` run exactly the same lock-safe code.
Under plain ``alembic`` an error is one line on stderr with pgwarden's exit code (4 cannot
connect, 75 another run holds the lock...), the same as ``pgwarden migrate`` prints; called
by pgwarden's API (which passes a report), errors go back to the caller unchanged.
"""

from __future__ import annotations

import sys
from logging.config import fileConfig

from alembic import context

from pgwarden.migrations import runner

called_by_pgwarden = context.config.attributes.get("report") is not None

if context.config.config_file_name is not None and not called_by_pgwarden:
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)


def _migrate() -> None:
    if context.is_offline_mode():
        runner.run_offline(context)
    else:
        runner.run_online(context)


if called_by_pgwarden:
    _migrate()
else:
    try:
        _migrate()
    except Exception as exc:  # noqa: BLE001 - printed once, like `pgwarden migrate` does
        from pgwarden.cli import fail_for

        sys.exit(fail_for(exc, verbose="-v" in sys.argv or "--raiseerr" in sys.argv))
    except KeyboardInterrupt as exc:
        from pgwarden.cli import fail_for

        sys.exit(fail_for(exc))
