"""``pgwarden top``."""

from __future__ import annotations

import click

from pgwarden._cli.common import app


@click.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("pg_activity_args", nargs=-1, type=click.UNPROCESSED)
def top(pg_activity_args: tuple[str, ...]) -> int:
    """Open pg_activity (live sessions, waits, blocking queries) on pgwarden's target database,
    with its DSN, service file or PG* settings. Arguments after the command go to pg_activity
    (e.g. pgwarden top --min-duration 1). Needs the extra: pip install 'pgwarden[top]'.

    Exit code: pg_activity's own; 2 when pg_activity is not installed."""
    from pgwarden.activity.top import run

    return run(app().dsn, pg_activity_args)
