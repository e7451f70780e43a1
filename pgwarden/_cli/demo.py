"""``pgwarden demo``: the whole story on the local cluster (grows as capabilities land), and
``pgwarden demo seed``: the CMS data set generator."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_option


@click.group(invoke_without_command=True)
@click.option("--pg-bin", metavar="DIR", envvar="PGWARDEN_PG_BIN",
              help="PostgreSQL bin folder, 'embedded' or 'system' (see pgwarden local start).")
@click.option("--scale", type=click.FloatRange(min=0.001), default=None,
              help="Data set size for the story (default 10: 10k workshops, ~200k enrollments).")
@click.option("--iterations", type=click.IntRange(min=1), default=None,
              help="Rounds of the workload replay before and after (default 15).")
@click.option("--dir", "base", metavar="DIR", envvar="PGWARDEN_HOME", type=click.Path(file_okay=False),
              help="Where the local cluster's state lives (default ./.pgwarden). [env: PGWARDEN_HOME]")
@click.option("--replicas", type=click.IntRange(0, 5), default=0, show_default=True,
              help="Start N hot standbys too and add the replicas step (an index only the "
                   "standby uses; maintain standing aside on the standby).")
@json_option
@click.pass_context
def demo(ctx: click.Context, pg_bin: str | None, scale: float | None, iterations: int | None,
         base: str | None, replicas: int, as_json: bool) -> int | None:
    """Start (or reuse) the local cluster and show what pgwarden can do on it.

    Without a subcommand, runs the story; `pgwarden demo seed` fills a database with the CMS
    data set.
    """
    if ctx.invoked_subcommand is not None:
        return None
    from pgwarden.demo.story import DEFAULT_ITERATIONS, DEFAULT_SCALE, run_story

    return run_story(pg_bin=pg_bin, as_json=as_json, scale=scale or DEFAULT_SCALE,
                     iterations=iterations or DEFAULT_ITERATIONS, base=base,
                     replicas=replicas)


@demo.command()
@click.option("--html", "html_path", metavar="FILE", type=click.Path(dir_okay=False),
              is_flag=False, flag_value="demo.html", default="demo.html", show_default=True,
              help="Write the report as a self-contained HTML page (charts included) to FILE; "
                   "`--html` alone and no option at all write demo.html.")
@click.option("--from", "source", metavar="JSON", type=click.Path(dir_okay=False), default=None,
              help="The report to render (default: .pgwarden/demo-report.json of the last run).")
def report(html_path: str, source: str | None) -> int:
    """Render the last demo run (or a saved --json report) as an HTML page with charts."""
    from pathlib import Path

    from pgwarden.demo.report import render_html
    from pgwarden.demo.story import REPORT_NAME, load_report
    from pgwarden.local import STATE_DIRNAME

    src = Path(source) if source else Path.cwd() / STATE_DIRNAME / REPORT_NAME
    Path(html_path).write_text(render_html(load_report(src)), encoding="utf-8")
    click.echo(f"wrote {html_path} from {src}")
    return 0


@demo.command()
@click.option("--scale", type=click.FloatRange(min=0.001), default=1.0, show_default=True,
              help="Size: 1000×N workshops, 5000×N users, ~20000×N enrollments "
                   "(100 = 100k workshops / 2M enrollments; fractions for tests).")
@click.option("--seed", "seed_value", type=int, default=42, show_default=True,
              help="Same seed, same data (dates are relative to the current UTC day).")
@click.option("--force", is_flag=True,
              help="Empty the CMS tables first (TRUNCATE … CASCADE) when they hold data; "
                   "without it a non-empty database is refused (exit 2).")
@json_option
def seed(scale: float, seed_value: int, force: bool, as_json: bool) -> int:
    """Fill the CMS schema with a realistic, skewed, bilingual data set.

    The database must be migrated (pgwarden migrate up). Runs in one transaction, so an
    interrupted run leaves the database as it was; then VACUUM (ANALYZE) and a refresh of the
    statistics materialized views. Exit 2 when the database already holds CMS
    data (unless --force) or the schema is missing.
    """
    from pgwarden.demo.seed import seed as run_seed
    from pgwarden.demo.seed import step_count
    from pgwarden.output import emit_json, progress

    dsn = app().dsn
    with progress("seeding the CMS data set", step_count(), enabled=not as_json) as advance:
        result = run_seed(dsn, scale=scale, seed=seed_value, force=force,
                          on_step=lambda name: advance(description=f"seeded {name}"))
    if as_json:
        emit_json(result.as_json())
        return 0
    click.echo(f"seeded scale {scale:g} (seed {seed_value}) in {result.duration_s:.1f} s: "
               f"{result.total_rows:,} rows")
    width = max(len(t) for t in result.rows)
    for table, n in result.rows.items():
        secs = result.step_seconds.get(table)
        click.echo(f"  {table:<{width}}  {n:>10,}" + (f"  ({secs:.2f} s)" if secs is not None else ""))
    if result.views_refreshed:
        click.echo(f"refreshed {len(result.views_refreshed)} statistics views in "
                   f"{result.step_seconds.get('refresh_views', 0):.2f} s: "
                   + ", ".join(f"{v} ({n:,} rows)" for v, n in result.views_refreshed.items()))
    return 0
