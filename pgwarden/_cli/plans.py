"""``pgwarden plans check|diff``."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_format_option

FORMATS = click.Choice(["text", "markdown", "json"])


@click.group()
def plans() -> None:
    """Query plans: check them against a committed baseline, diff them between revisions."""


@plans.command()
@click.argument("queries", required=False)
@click.option("--baseline", metavar="FILE", help="Committed baseline (default: [plans] baseline, "
                                                 "plans.json).")
@click.option("--update", is_flag=True, help="Rewrite the baseline from the current plans.")
@click.option("--analyze", is_flag=True, help="EXPLAIN ANALYZE (runs each query, rolled back) "
                                              "to catch sorts/hashes spilling to disk.")
@click.option("--timeout", metavar="DURATION", help="Per query limit with --analyze (default 30s).")
@click.option("--seq-scan-rows", type=int, help="Seq scans of tables over this many rows fail.")
@click.option("--cost-growth", type=float, help="Fail when estimated cost grows by more than this "
                                                "fraction (0.5 = 50 %).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@json_format_option
def check(queries: str | None, baseline: str | None, update: bool, analyze: bool,
          timeout: str | None, seq_scan_rows: int | None, cost_growth: float | None, fmt: str,
          as_json: bool) -> int:
    """EXPLAIN every query of the QUERIES folder (one named query per .sql file, with
    representative values) on --dsn and compare with the baseline.

    Exit codes: 0 no regression (or --update), 1 regressions, 2 bad input, 4 cannot connect.
    """
    from pgwarden.analyzers import plans as api
    from pgwarden.analyzers.plans import report
    from pgwarden.config import parse_duration
    from pgwarden.output import emit_json

    a = app()
    s = a.config.section("plans")
    th = api.Thresholds(seq_scan_rows=s.seq_scan_rows if seq_scan_rows is None else seq_scan_rows,
                        cost_growth=s.cost_growth if cost_growth is None else cost_growth)
    timeout_s = parse_duration(timeout, what="--timeout") if timeout else s.analyze_timeout.seconds
    rep = api.check(a.dsn, queries or s.queries, baseline or s.baseline, thresholds=th,
                    update=update, analyze=analyze, timeout_s=timeout_s,
                    show_progress=not (as_json or fmt == "json"))
    if as_json or fmt == "json":
        emit_json(report.check_json(rep))
    elif fmt == "markdown":
        click.echo(report.check_markdown(rep), nl=False)
    else:
        click.echo(report.check_text(rep))
    return rep.exit_code


@plans.command()
@click.argument("queries", required=False)
@click.option("--from", "from_rev", required=True, metavar="REV", help="Revision before.")
@click.option("--to", "to_rev", required=True, metavar="REV", help="Revision after.")
@click.option("--template", metavar="DB", help="Seeded database to clone (default: the --dsn "
                                               "database; nobody may be connected to it).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@json_format_option
def diff(queries: str | None, from_rev: str, to_rev: str, template: str | None, fmt: str,
         as_json: bool) -> int:
    """Clone the seeded database twice, migrate the clones to --from and --to, plan the same
    queries on both and show the plans side by side (* marks the ones that changed).

    Exit codes: 0 done, 2 bad input, 4 cannot connect.
    """
    from pgwarden.analyzers import plans as api
    from pgwarden.analyzers.plans import report
    from pgwarden.output import emit_json

    a = app()
    qs = api.load_queries(queries or a.config.section("plans").queries)
    rep = api.diff(a.dsn, from_rev, to_rev, qs, template=template,
                   show_progress=not (as_json or fmt == "json"))
    if as_json or fmt == "json":
        emit_json({"from": rep.from_rev, "to": rep.to_rev, "queries": [
            {"name": d.name, "changed": d.changed, "before": d.before_scans, "after": d.after_scans,
             "before_cost": d.before_cost, "after_cost": d.after_cost} for d in rep.queries]})
    else:
        click.echo(report.diff_text(rep, markdown=fmt == "markdown"))
    return 0
