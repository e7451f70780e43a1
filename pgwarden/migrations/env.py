"""alembic's environment for pgwarden (``script_location = pgwarden:migrations``).

Kept tiny on purpose: the online and offline paths live in ``pgwarden.migrations.runner``,
so ``alembic upgrade head`` and ``pgwarden migrate up`` run exactly the same lock-safe code.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from pgwarden.migrations import runner

if context.config.config_file_name is not None and not context.config.attributes.get("report"):
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    runner.run_offline(context)
else:
    runner.run_online(context)
