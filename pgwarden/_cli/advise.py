"""``pgwarden advise``."""

from __future__ import annotations

from pathlib import Path

import click

from pgwarden._cli.common import app, json_option
from pgwarden._cli.fleet import fleet_option


@click.command()
@click.option("--min-calls", type=click.IntRange(min=1), default=None,
              help="Only statements called at least this often (default: [advise] min_calls).")
@click.option("--min-total-time", "min_total_ms", type=click.FloatRange(min=0), default=0.0,
              metavar="MS", help="Only statements whose total execution time reached MS ms.")
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only the N statements with the most total execution time.")
@click.option("--queries", "queries_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Read the workload from this SQL file instead of "
              "pg_stat_statements (literals allowed; each statement counts as one call).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sql"]), default=None,
              help="table (default), json, or sql: one CREATE INDEX CONCURRENTLY "
                   "per line (on a partitioned table: an index ON ONLY it, one per "
                   "partition, and ALTER INDEX … ATTACH PARTITION) and nothing else on stdout.")
@click.option("--write-revision", "revision_dir", is_flag=False, flag_value="-", default=None,
              metavar="[DIR]", help="Write an alembic revision building the indexes "
              "CONCURRENTLY into DIR (default: pgwarden/versions), chained onto its head.")
@click.option("--no-hypopg", is_flag=True,
              help="Do not use hypopg even when installed (rank by the advisor's own estimate).")
@click.option("--all", "show_all", is_flag=True, help="Also list every rejected candidate and why.")
@click.option("--replica", "replicas", multiple=True, metavar="DSN",
              help="A standby whose pg_stat_statements joins the workload (repeatable; adds to "
                   "[topology] replicas); the plans are made on the primary.")
@click.option("--explain", is_flag=True,
              help="Give the whole reasoning behind each decision, not only the short why.")
@click.option("--max-write-overhead", type=click.FloatRange(min=0), default=None,
              metavar="F", help="The share F of the workload's write time the suggested "
              "indexes may add (default: [advise] max_write_overhead, 0.10; 0: no budget).")
@click.option("--validate/--no-validate", default=None,
              help="Build the kept indexes for real on temporary copies of their tables (a "
                   "sample above [advise] validate_rows rows), within [advise] validate_budget "
                   "seconds, and drop those that do not pay there (default: [advise] validate). "
                   "Primary only.")
@json_option
@fleet_option
def advise(min_calls: int | None, min_total_ms: float, top: int | None, queries_file: Path | None,
           fmt: str | None, revision_dir: str | None, no_hypopg: bool, show_all: bool,
           replicas: tuple[str, ...], explain: bool, max_write_overhead: float | None,
           validate: bool | None, as_json: bool) -> int:
    """Suggest the indexes that would pay over the whole workload (pg_stat_statements, or
    --queries FILE): composite, covering, partial, expression and GIN candidates, costed with
    hypothetical indexes (hypopg) as generic plans and with common and rare values, chosen on
    benefit per byte against their write cost. Changes nothing unless --write-revision.

    Exit codes: 0 advice given (with or without suggestions), 2 pg_stat_statements missing,
    bad options, or --validate on a standby, 4 cannot connect."""
    from pgwarden.analyzers.advisor import advise as run_advice
    from pgwarden.analyzers.advisor import render
    from pgwarden.output import emit_json, is_terminal, progress

    ctx = app()
    if ctx.fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.errors import UsageError
        from pgwarden.fleet import commands

        if revision_dir is not None or fmt == "sql" or show_all or replicas or validate \
                or max_write_overhead is not None:
            raise UsageError("--write-revision, --format sql, --all, --replica, --validate and "
                             "--max-write-overhead answer for one database; use --json on a "
                             "fleet (replicas: [clusters.topology], the budget: [advise])")
        return fleet.run_command("advise", lambda timeout: commands.advise(
            min_calls=min_calls, min_total_ms=min_total_ms, top=top, queries_file=queries_file,
            use_hypopg=not no_hypopg), as_json=as_json or fmt == "json")
    import dataclasses

    from pgwarden.analyzers.advisor.pipeline import gather_workload
    from pgwarden.topology.nodes import replica_dsns

    fmt = "json" if as_json else (fmt or "table")
    nodes = replica_dsns(ctx.config.section("topology"), replicas)
    settings = ctx.config.section("advise")
    if max_write_overhead is not None:
        settings = dataclasses.replace(settings, max_write_overhead=max_write_overhead)
    node_notes: list[str] = []
    workload = None
    if nodes and queries_file is None:
        workload = gather_workload(ctx.dsn, nodes,
                                   min_calls=min_calls if min_calls is not None
                                   else settings.min_calls,
                                   min_total_ms=min_total_ms, top=top, notes=node_notes)
    with progress("reading the workload", total=1, enabled=fmt == "table" and is_terminal()) as bar:
        advice = run_advice(ctx.dsn, settings=settings, min_calls=min_calls,
                            min_total_ms=min_total_ms, top=top, queries_file=queries_file,
                            progress=bar, use_hypopg=not no_hypopg, workload=workload,
                            validate=validate)
    if node_notes:
        advice = dataclasses.replace(advice, notes=(*node_notes, *advice.notes))
    written = None
    if revision_dir is not None:
        from pgwarden.analyzers.advisor.revision import write_revision

        written = write_revision(advice.kept, None if revision_dir == "-" else Path(revision_dir))
    if fmt == "sql":
        for line in render.sql_lines(advice):
            click.echo(line)
    elif fmt == "json":
        doc = render.as_json(advice)
        doc["revision"] = str(written) if written else None
        emit_json(doc)
    else:
        render.print_table(advice, show_rejected=show_all, explain=explain)
    if written is not None and fmt != "json":
        click.echo(f"wrote {written}", err=True)
    return 0
