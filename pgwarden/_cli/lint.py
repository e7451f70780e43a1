"""``pgwarden lint``."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_format_option


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for tools, github for annotations.")
@json_format_option
@click.option("--require-timeouts", is_flag=True, default=None,
              help="Plain SQL files must SET lock_timeout and statement_timeout before taking locks "
                   "(for files run by tools other than `pgwarden migrate`).")
@click.option("--disable", metavar="RULE", multiple=True, help="Skip this rule (repeatable).")
@click.option("--fail-on", "fail_on", metavar="TIERS", multiple=True,
              help="Tiers that fail the check besides lock hazards, comma-separated: breaking "
                   "(drops, renames, statements that fail on a live table), advice "
                   "[default: [lint] fail_on, else lock only].")
@click.option("--strict", is_flag=True,
              help="Every finding fails the check: breaking changes and advice (re-run hygiene) "
                   "too, not only lock hazards.")
@click.option("--list-rules", is_flag=True, help="Print every rule with its lock and recipe.")
def lint(paths: tuple[str, ...], fmt: str, as_json: bool, require_timeouts: bool | None,
         disable: tuple[str, ...], fail_on: tuple[str, ...], strict: bool,
         list_rules: bool) -> int:
    """Lint migrations for what would hurt a large, busy database: SQL files (as psql runs
    them), alembic revision files or a versions folder, and `-` for SQL on stdin.

    With the global --dsn, the target database's catalog (column types, NOT NULL columns,
    validated CHECKs, table sizes and statistics, TimeZone) is read first; nothing is written.

    Exit codes: 0 clean (breaking changes and advice alone do not fail without --fail-on or
    --strict), 1 lock hazards (or a tier --fail-on names), 2 unreadable input (the rest is
    still linted).
    Suppress one finding with `-- pgwarden: ignore RULE because <reason>` above the statement.
    """
    from pgwarden.analyzers.lint import all_rules, lint_paths
    from pgwarden.analyzers.lint.report import as_github, as_text, rules_table
    from pgwarden.errors import UsageError
    from pgwarden.output import emit_json

    fmt = "json" if as_json else fmt
    if list_rules:
        table = rules_table(all_rules())
        if fmt == "json":
            emit_json(table)
        else:
            for r in table:
                click.echo(f"{r['id']} ({r['tier']}): {r['summary']}\n"
                           f"    lock: {r['blocks']}\n    fix:  {r['recipe']}")
        return 0
    if not paths:
        raise UsageError("nothing to lint: give files, folders or - for stdin")
    settings = app().config.section("lint")
    catalog = None
    if app().dsn_option:
        from pgwarden.analyzers.lint.catalog import read

        catalog = read(app().dsn)
    report = lint_paths(list(paths), strict=strict, catalog=catalog,
                        fail_on=fail_on or settings.fail_on,
                        require_timeouts=settings.require_timeouts if require_timeouts is None
                        else require_timeouts,
                        disable=[*settings.disable, *disable])
    if fmt == "json":
        from pgwarden.analyzers.lint.report import as_json as to_json

        emit_json(to_json(report))
    elif fmt == "github":
        text = as_github(report)
        if text:
            click.echo(text)
    else:
        click.echo(as_text(report))
    return report.exit_code
