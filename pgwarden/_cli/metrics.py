"""``pgwarden metrics``."""

from __future__ import annotations

import sys

import click

from pgwarden._cli.common import app


@click.command()
@click.option("--textfile", metavar="PATH",
              help="Write the metrics to PATH (*.prom) atomically, for node_exporter's textfile "
                   "collector (run from cron).")
@click.option("--serve", "serve_", is_flag=True, help="Serve /metrics over HTTP until stopped.")
@click.option("--listen", metavar="HOST:PORT", default=None,
              help="Address for --serve (default: [metrics] listen, 127.0.0.1:9188 - loopback).")
def metrics(textfile: str | None, serve_: bool, listen: str | None) -> int:
    """Prometheus metrics postgres_exporter does not give: materialized view age and refresh
    duration, pgwarden task outcomes, wraparound headroom, table bloat estimates with their
    confidence, sessions fatal/killed/abandoned (PostgreSQL 14+), invalid indexes, and
    per-database top-N statement latency from pg_stat_statements (approximate: mean and
    stddev, not percentiles; no queryid labels unless [metrics] queryid_labels = true).

    Without --textfile or --serve, prints one collection to stdout. Exit 0 when everything
    was collected, 3 when some part could not be (named on stderr), 4 when the database
    cannot be reached (pgwarden_up 0 is still written)."""
    from pgwarden.errors import UsageError
    from pgwarden.metrics import parse_listen, render, serve, write_textfile

    a = app()
    if a.fleet is not None:
        from pgwarden._cli import fleet

        return fleet.metrics(textfile, serve_, listen)
    settings, health = a.config.section("metrics"), a.config.section("health")
    if textfile and serve_:
        raise UsageError("choose one of --textfile and --serve")
    if listen and not serve_:
        raise UsageError("--listen goes with --serve")
    if serve_:
        host, port = parse_listen(listen or settings.listen)
        serve(a.dsn, host, port, settings, health, on_ready=lambda: click.echo(
            f"pgwarden metrics: serving http://{host}:{port}/metrics (Ctrl-C stops)", err=True))
        return 0
    if textfile:
        errors = write_textfile(textfile, a.dsn, settings, health)
    else:
        data, errors = render(a.dsn, settings, health)
        sys.stdout.write(data.decode())
        sys.stdout.flush()
    for e in errors:
        click.echo(f"pgwarden metrics: not collected: {e}", err=True)
    if errors and any(e.startswith("cannot connect") for e in errors):
        return 4
    return 3 if errors else 0
