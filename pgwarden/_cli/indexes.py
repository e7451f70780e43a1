"""``pgwarden indexes``."""

from __future__ import annotations

import sys

import click

from pgwarden._cli.common import app, json_option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "sql"]), default=None,
              help="table (default), json, or sql: one DROP INDEX CONCURRENTLY per line.")
@click.option("--replica", "replicas", multiple=True, metavar="DSN",
              help="A standby whose index usage counts too (repeatable; adds to [topology] "
                   "replicas).")
@click.option("--min-stats-age", metavar="DURATION", default=None,
              help="Counters younger than this on any node make 'unused' 'unknown' "
                   "(default: [indexes] min_stats_age, 7d; 0 turns it off).")
@json_option
def indexes(fmt: str | None, replicas: tuple[str, ...], min_stats_age: str | None,
            as_json: bool) -> int:
    """Unused (since the last statistics reset, which it reports), duplicate, prefix-redundant
    and invalid indexes, each with the DROP INDEX CONCURRENTLY to run and why. Indexes that back
    a constraint are never proposed. Changes nothing.

    An index counts as unused only when unused on the primary and every replica, with at
    least min_stats_age of statistics everywhere; otherwise it is 'unknown' (no DROP).

    Exit codes: 0 nothing to drop, 1 findings, 2 bad options, 4 cannot connect."""
    from pgwarden.analyzers.indexes import report
    from pgwarden.errors import UsageError
    from pgwarden.output import console, emit_json, is_terminal

    if app().fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.fleet import commands

        if fmt == "sql":
            raise UsageError("--format sql answers for one database; use --json on a fleet")
        return fleet.run_command("indexes", lambda timeout: commands.indexes(),
                                 as_json=as_json or fmt == "json")
    from pgwarden.config import parse_duration
    from pgwarden.topology.nodes import replica_dsns

    cfg = app().config
    age = parse_duration(min_stats_age, what="--min-stats-age") if min_stats_age is not None \
        else cfg.section("indexes").min_stats_age.seconds
    r = report(app().dsn, replicas=replica_dsns(cfg.section("topology"), replicas),
               min_stats_age_s=age)
    fmt = "json" if as_json else (fmt or "table")
    if fmt == "json":
        emit_json({"database": r.database, "stats_since": r.stats_since,
                   "server_started": r.server_started, "indexes_checked": r.indexes_checked,
                   "reclaimable_bytes": r.reclaimable_bytes, "findings": r.findings,
                   "min_stats_age_s": r.min_stats_age_s,
                   "nodes": [{"node": n.node, "stats_age_s": n.stats_age_s, "error": n.error}
                             for n in r.nodes],
                   "used_only_on_replicas": r.used_only_on_replicas})
    elif fmt == "sql":
        for f in r.actionable:
            click.echo(f.fix)
    else:
        out = console()
        if not is_terminal(sys.stdout):
            out.width = max(out.width, 160)  # piped: one finding per line
        since = (f"since the statistics reset at {r.stats_since:%Y-%m-%d %H:%M %Z}"
                 if r.stats_since else "since statistics began (never reset; server started "
                 f"{r.server_started:%Y-%m-%d %H:%M %Z})" if r.server_started else "")
        where = (f"on the primary and {len(r.nodes) - 1} replica(s)" if r.nodes
                 else "on this server only (replicas' reads are not seen: --replica DSN)")
        out.print(f"[bold]{r.database}[/bold]: {r.indexes_checked} indexes checked; usage counted "
                  f"{since}, {where}")
        for n in r.nodes:
            state = f"error: {n.error}" if n.error else f"statistics {n.stats_age_s or 0:,.0f} s old"
            out.print(f"  node {n.node}: {state}")
        if not r.findings:
            out.print("no unused, duplicate, redundant or invalid index")
        for u in r.used_only_on_replicas:
            used = ", ".join(f"{scans:,} scans on {node}" for node, scans in u.scans.items())
            out.print(f"[bold]used only on replicas[/bold] {u.index}: no scan on the primary, "
                      f"{used}: keep it")
        for f in r.findings:
            out.print(f"[bold]{f.kind}[/bold] {f.index} on {f.table} ({f.bytes / 1024:,.0f} kB): "
                      f"{f.why}")
            if f.fix:
                out.print(f"  fix: {f.fix}", soft_wrap=True)
    return 1 if r.actionable else 0
