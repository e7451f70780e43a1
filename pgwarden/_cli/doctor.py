"""``pgwarden doctor``."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_option


@click.command()
@click.option("--replica", "replicas", multiple=True, metavar="DSN",
              help="A standby of the target to show too (repeatable; adds to [topology] "
                   "replicas).")
@json_option
def doctor(replicas: tuple[str, ...], as_json: bool) -> int:
    """Print the server's facts and, for each pgwarden feature, whether it can run here and
    the exact fix when it cannot. Exit 0 when no feature is unavailable, 1 otherwise."""
    from pgwarden.doctor import diagnose
    from pgwarden.output import console, emit_json
    from pgwarden.topology.nodes import replica_dsns

    d = diagnose(app().dsn, replicas=replica_dsns(app().config.section("topology"), replicas))
    if as_json:
        emit_json(d.as_json())
        return 0 if d.ok else 1
    from rich.table import Table

    from pgwarden.db import SETTINGS_ROLE

    f = d.facts
    out = console()
    out.print(f"[bold]{d.target}[/bold]: PostgreSQL {f.version} ({f.version_num}), "
              f"database {f.database!r}, user {f.user!r}")
    roles = "superuser" if f.is_superuser else (", ".join(sorted(f.roles)) or "no monitoring roles")
    out.print(f"  privileges: {roles}")
    preload = (', '.join(f.shared_preload_libraries) or '(none)') if f.shared_preload_visible \
        else f"(hidden from this role: GRANT {SETTINGS_ROLE} TO {f.user})"
    out.print(f"  shared_preload_libraries: {preload}")
    out.print(f"  extensions installed: {', '.join(sorted(f.installed_extensions)) or '(none)'}")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("feature")
    table.add_column("status")
    table.add_column("detail / fix")
    colours = {"ok": "green", "degraded": "yellow", "unavailable": "red"}
    for feat in d.features:
        text = feat.detail + (f"\n  fix: {feat.fix}" if feat.fix else "")
        table.add_row(feat.name, f"[{colours[feat.status]}]{feat.status}[/]", text)
    out.print(table)
    if d.nodes:
        import sys

        from pgwarden.output import is_terminal

        if not is_terminal(sys.stdout):
            out.width = max(out.width, 160)  # piped: one node per line
        nodes = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                      title="nodes", title_justify="left")
        for col in ("node", "role", "version", "replay lag", "stats age", "hot_standby_feedback",
                    "max_standby_streaming_delay"):
            nodes.add_column(col)
        for n in d.nodes:
            if n.error:
                nodes.add_row(n.name, f"[red]{n.role}[/]", "", f"[red]{n.error}[/]", "", "", "")
                continue
            lag = "" if n.role == "primary" else (
                "paused, " if n.replay_paused else "") + (
                f"{n.replay_lag_bytes:,} bytes" if n.replay_lag_bytes is not None else "?")
            age = f"{n.stats_age_s / 3600:,.1f} h" if n.stats_age_s is not None else "?"
            nodes.add_row(n.name, n.role, (n.version or "").split()[0] if n.version else "", lag, age,
                          n.hot_standby_feedback or "", n.max_standby_streaming_delay or "")
        out.print(nodes)
    return 0 if d.ok else 1
