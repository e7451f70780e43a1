"""Options and helpers shared by every command, defined once and applied by decorator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def app(ctx: click.Context | None = None) -> Any:
    """The AppContext of the running command (global --dsn, --config, -v)."""
    c = ctx or click.get_current_context()
    return c.find_root().obj


def writer_dsn(ctx: click.Context | None = None) -> str:
    """The DSN of a command that writes: an explicit ``--dsn`` wins, else ``[topology]
    direct_url`` (the server itself, past PgBouncer), else DATABASE_URL / libpq's variables."""
    a = app(ctx)
    direct = a.config.section("topology").direct_url
    return str(direct) if direct and not a.dsn_option else str(a.dsn)


json_option = click.option("--json", "as_json", is_flag=True,
                           help="Machine-readable JSON on stdout (no colour, no progress).")
# for commands that also have --format: the flag is a shorthand for one of its choices
json_format_option = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
dry_run_option = click.option("--dry-run", is_flag=True,
                              help="Show the plan (what would be done and why); change nothing.")
wait_option = click.option("--wait", is_flag=True,
                           help="Wait for another run holding the lock instead of exiting 75.")


def _parse_budget(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    from pgwarden.config import parse_duration
    from pgwarden.errors import ConfigError

    try:
        return parse_duration(value, what="value")
    except ConfigError as exc:
        # click already names the option ("Invalid value for '--budget': ...")
        raise click.BadParameter(exc.message.removeprefix("value: ")) from None


budget_option = click.option(
    "--budget", metavar="DURATION", callback=_parse_budget,
    help="Stop starting new work after this long (e.g. 10min); work in progress finishes.")


def duration_option(name: str, default: str | None, help: str) -> Callable[[F], F]:
    return click.option(name, metavar="DURATION", default=default, callback=_parse_budget,
                        show_default=True, help=help)
