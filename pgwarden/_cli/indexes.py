"""``pgwarden indexes``."""

from __future__ import annotations

import sys

import click

from pgwarden._cli.common import app, json_option
from pgwarden._cli.fleet import fleet_option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sql"]), default=None,
              help="table (default), json, or sql: one DROP INDEX CONCURRENTLY per line.")
@json_option
@fleet_option
def indexes(fmt: str | None, as_json: bool) -> int:
    """Unused (since the last statistics reset, which it reports), duplicate, prefix-redundant
    and invalid indexes, each with the DROP INDEX CONCURRENTLY to run and why. Indexes that back
    a constraint are never proposed. Changes nothing.

    Exit codes: 0 nothing found, 1 findings, 2 bad options, 4 cannot connect."""
    from pgwarden.analyzers.hygiene import report
    from pgwarden.errors import UsageError
    from pgwarden.output import console, emit_json, is_terminal

    if app().fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.fleet import commands

        if fmt == "sql":
            raise UsageError("--format sql answers for one database; use --json on a fleet")
        return fleet.run_command("indexes", lambda timeout: commands.indexes(),
                                 as_json=as_json or fmt == "json")
    r = report(app().dsn)
    fmt = "json" if as_json else (fmt or "table")
    if fmt == "json":
        emit_json({"database": r.database, "stats_since": r.stats_since,
                   "server_started": r.server_started, "indexes_checked": r.indexes_checked,
                   "reclaimable_bytes": r.reclaimable_bytes, "findings": r.findings})
    elif fmt == "sql":
        for f in r.findings:
            click.echo(f.fix)
    else:
        out = console()
        if not is_terminal(sys.stdout):
            out.width = max(out.width, 160)  # piped: one finding per line
        since = (f"since the statistics reset at {r.stats_since:%Y-%m-%d %H:%M %Z}"
                 if r.stats_since else "since statistics began (never reset; server started "
                 f"{r.server_started:%Y-%m-%d %H:%M %Z})" if r.server_started else "")
        out.print(f"[bold]{r.database}[/bold]: {r.indexes_checked} indexes checked; usage counted "
                  f"{since}, on this server only (replicas' reads are not seen)")
        if not r.findings:
            out.print("no unused, duplicate, redundant or invalid index")
        for f in r.findings:
            out.print(f"[bold]{f.kind}[/bold] {f.index} on {f.table} ({f.bytes / 1024:,.0f} kB): "
                      f"{f.why}")
            out.print(f"  fix: {f.fix}", soft_wrap=True)
    return 1 if r.findings else 0
