"""``pgwarden health``."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_option


@click.command()
@json_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "nagios"]), default=None,
              help="Output format (default: a table; json is the same as --json; nagios prints "
                   "one status line with perfdata).")
@click.option("--check", "checks", metavar="NAME", multiple=True,
              help="Run only this check (repeatable). Unknown name: exit 2 listing the names.")
def health(as_json: bool, fmt: str | None, checks: tuple[str, ...]) -> int:
    """Check connections, long and idle transactions, lock waits, wraparound, invalid
    indexes, sequences, replication, cache hit ratio, materialized view staleness, pgwarden
    maintenance runs and pg_stat_statements, with thresholds from [health] in pgwarden.toml.

    Exit codes are Nagios plugin codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the worst
    check wins; a server that cannot be reached is CRITICAL). Without pg_monitor, checks say
    what they could not see.
    """
    import psycopg

    from pgwarden.db import one_line, translate_error
    from pgwarden.errors import ConnectError, PgwardenError
    from pgwarden.health import nagios_line, run
    from pgwarden.output import emit_json

    a = app()
    if a.fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.fleet import commands

        fleet.checks_for_nagios(fmt)
        return fleet.run_command("health", lambda timeout: commands.health(checks, timeout),
                                 as_json=as_json or fmt == "json")
    fmt = "json" if as_json else (fmt or "table")
    try:
        report = run(a.dsn, a.config.section("health"), list(checks) or None)
    except (ConnectError, psycopg.Error) as exc:
        # Nagios codes only: unreachable (or lost) is CRITICAL; a query that failed outside
        # any one check (a statement timeout...) is UNKNOWN, never exit 4
        mapped = exc if isinstance(exc, ConnectError) else translate_error(exc)
        critical = isinstance(mapped, ConnectError)
        status, code = ("CRITICAL", 2) if critical else ("UNKNOWN", 3)
        line = mapped.one_line() if mapped is not None else one_line(str(exc))
        if fmt == "nagios":
            click.echo(f"PGWARDEN HEALTH {status} - {line}")
        elif fmt == "json":
            emit_json({"status": status, "error": line, "checks": []})
        else:
            click.echo(f"pgwarden: error: {line}", err=True)
        return code
    except PgwardenError as exc:
        if fmt != "nagios":
            raise  # a usage or configuration error: exit 2 like every command
        # a Nagios plugin must answer with a status line and 0-3: a bad check name or a bad
        # [health] setting is UNKNOWN, not CRITICAL
        click.echo(f"PGWARDEN HEALTH UNKNOWN - {exc.one_line()}")
        return 3
    if fmt == "nagios":
        click.echo(nagios_line(report))
    elif fmt == "json":
        emit_json(report.as_json())
    else:
        _table(report)
    return int(report.status)


def _table(report: object) -> None:
    from rich.markup import escape
    from rich.table import Table

    from pgwarden.health import HealthReport
    from pgwarden.output import console

    assert isinstance(report, HealthReport)
    colours = {"OK": "green", "WARNING": "yellow", "CRITICAL": "red", "UNKNOWN": "magenta"}
    out = console()
    out.print(f"[bold]{escape(report.target)}[/bold] PostgreSQL {report.server_version}, role "
              f"{escape(report.role)}: [{colours[report.status.name]}]{report.status.name}[/]")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("check")
    table.add_column("status")
    table.add_column("finding / fix", overflow="fold")
    for r in report.results:
        text = escape(r.summary) + (f"\n  fix: {escape(r.fix)}" if r.fix else "")
        table.add_row(r.name, f"[{colours[r.status.name]}]{r.status.name}[/]", text)
    out.print(table)
    for line in report.limitations:
        out.print(f"[yellow]not visible to this role[/] {escape(line)}")
