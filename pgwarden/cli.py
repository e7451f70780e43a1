"""The ``pgwarden`` command line: a click root group whose subcommands load lazily.

Each subcommand lives in ``pgwarden/_cli/<name>.py`` and is a thin shell over one API
function; this module only maps names to them, parses the global options and turns
``PgwardenError`` into one line on stderr with its exit code (a traceback only with ``-v``).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from pgwarden import __version__
from pgwarden._cli.fleet import root_options as fleet_root_options

# name -> "module:attribute"; imported only when the command runs or its help is shown.
COMMANDS: dict[str, str] = {
    "config": "pgwarden._cli.config:config",
    "doctor": "pgwarden._cli.doctor:doctor",
    "local": "pgwarden._cli.local:local",
    "demo": "pgwarden._cli.demo:demo",
    "lint": "pgwarden._cli.lint:lint",
    "plans": "pgwarden._cli.plans:plans",
    "health": "pgwarden._cli.health:health",
    "metrics": "pgwarden._cli.metrics:metrics",
    "top": "pgwarden._cli.top:top",
    "locks": "pgwarden._cli.locks:locks",
    "maintain": "pgwarden._cli.maintain:maintain",
    "advise": "pgwarden._cli.advise:advise",
    "indexes": "pgwarden._cli.indexes:indexes",
    "migrate": "pgwarden._cli.migrate:migrate",
}

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in pgwarden; rerun with -v and report it


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # the reader went away (| head): not a failure; click itself would exit 1
            _quiet_stdout()
            raise click.exceptions.Exit(0) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every command module (keeps --help fast).
        rows = [(name, _SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


_SHORT_HELP: dict[str, str] = {
    "config": "Validate pgwarden.toml and show the effective settings.",
    "doctor": "What this server and role allow pgwarden to do, with the fix for each gap.",
    "local": "A throwaway PostgreSQL that pgwarden starts itself (./.pgwarden).",
    "demo": "Run the whole pgwarden story on the local cluster.",
    "lint": "Lint migrations for locks and rewrites that would hurt a busy database.",
    "plans": "Check query plans against a baseline; diff plans between revisions.",
    "health": "Health checks with Nagios exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
    "metrics": "Prometheus metrics postgres_exporter lacks (textfile or --serve).",
    "top": "Live activity: pg_activity with pgwarden's connection settings.",
    "locks": "The tree of who blocks whom, from pg_blocking_pids.",
    "maintain": "Refresh, vacuum, reindex and clean up, decided from statistics (cron-safe).",
    "advise": "Suggest the indexes that would pay over the workload (hypopg what-if).",
    "indexes": "Unused, duplicate, prefix-redundant and invalid indexes, with the DROP to run.",
    "migrate": "Apply, undo and inspect the CMS schema's revisions, lock-safely.",
}


class AppContext:
    """Global options shared by every command (``ctx.obj``)."""

    def __init__(self, dsn: str | None, config_path: str | None, verbose: int):
        self.dsn_option = dsn
        self.config_path = config_path
        self.verbose = verbose
        self._config: Any = None
        self.fleet: Any = None  # pgwarden._cli.fleet.FleetOptions with --fleet

    @property
    def dsn(self) -> str:
        from pgwarden.config import resolve_dsn

        if self.fleet is not None:
            # a command without a fleet mode must never fall back to $DATABASE_URL silently
            from pgwarden.errors import UsageError

            path = click.get_current_context().command_path.removeprefix("pgwarden ")
            raise UsageError(f"'{path}' does not run on a fleet",
                             hint="fleet commands: health, metrics, indexes, advise, "
                                  "migrate status|up, maintain run, config")

        return resolve_dsn(self.dsn_option)

    @property
    def config(self) -> Any:
        if self._config is None:
            from pgwarden.config import load_config

            self._config = load_config(self.config_path)
        return self._config


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"],
                                              "max_content_width": 100})
@click.option("--dsn", metavar="DSN",
              help="Target database (URL or key=value). Default: $DATABASE_URL, else libpq's "
                   "PG* variables, service file and .pgpass.")
@click.option("--config", "config_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="pgwarden.toml to use (default: ./pgwarden.toml when present).")
@click.option("-v", "--verbose", count=True, help="Show tracebacks and debug detail.")
@fleet_root_options
@click.version_option(__version__, "-V", "--version", prog_name="pgwarden")
@click.pass_context
def root(ctx: click.Context, /, dsn: str | None, config_path: str | None, verbose: int,
         **fleet: Any) -> None:
    """pgwarden keeps a PostgreSQL database fast and safe: lock-safe migrations, maintenance
    that cron can run unattended, and analyzers for indexes, locks and plans.

    Exit codes: 0 ok, 1 findings, 2 usage/config error, 3 partial success, 4 cannot connect,
    75 another run holds the lock (health uses Nagios codes; see docs/exit-codes.md).
    """
    ctx.obj = AppContext(dsn, config_path, verbose)
    if config_path is not None and not ctx.resilient_parsing:
        # an explicit --config is read and validated up front, so that a mistyped path or a
        # malformed file is never silently ignored by the commands that need no settings
        ctx.obj.config  # noqa: B018 - loading it is the check
    if not ctx.resilient_parsing:
        from pgwarden._cli.fleet import setup

        ctx.obj.fleet = setup(ctx, dsn, **fleet)


def _verbose(argv: list[str]) -> bool:
    return any(a == "--verbose" or (a.startswith("-v") and set(a[1:]) == {"v"}) for a in argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    code = run(args, keep_sigterm_handler=True)
    sys.exit(code)


def run(args: list[str], *, keep_sigterm_handler: bool = False) -> int:
    """Run the CLI with ``args``; return the exit code instead of exiting (tests use it).

    SIGTERM while the command works is handled like Ctrl-C (``pgwarden._cli.signals``); the
    console script keeps that handler until it exits, so a late SIGTERM keeps the result."""
    from pgwarden._cli import signals

    with signals.handling(restore=not keep_sigterm_handler):
        return _run(args)


def _run(args: list[str]) -> int:
    from pgwarden._cli import signals
    from pgwarden.errors import EXIT_INTERRUPTED, PgwardenError, Terminated

    verbose = _verbose(args)
    as_json = _wants_json(args)
    try:
        try:
            result = root.main(args=args, prog_name="pgwarden", standalone_mode=False)
        finally:
            signals.finished()  # what is left is reporting the outcome: SIGTERM cannot change it
    except PgwardenError as exc:
        return _fail(exc.one_line(), exc.exit_code, verbose, as_json)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        # one line, like every other error (click's own format spans four)
        message = exc.format_message()
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            message += f" (see '{exc.ctx.command_path} --help')"
        return _fail(message, int(exc.exit_code), False, as_json)
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:
        # click turns KeyboardInterrupt into Abort (the original is its cause)
        cause = exc.__cause__ if isinstance(exc, click.exceptions.Abort) else exc
        if isinstance(cause, KeyboardInterrupt):
            what = "terminated by SIGTERM" if isinstance(cause, Terminated) else "interrupted"
            what += ": the statement in progress was cancelled; a re-run resumes"
        else:
            what = "aborted"
        return _fail(what, EXIT_INTERRUPTED, False, as_json)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:
        # a file or folder the user named cannot be read or written (--textfile, --baseline...)
        from pgwarden.errors import EXIT_USAGE

        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}", EXIT_USAGE, verbose, as_json)
    except Exception as exc:  # noqa: BLE001 - the one place unexpected errors become a line
        from pgwarden.db import redact, translate_error

        mapped = translate_error(exc)
        if mapped is not None:
            return _fail(mapped.one_line(), mapped.exit_code, verbose, as_json)
        msg = redact(" ".join(f"{type(exc).__name__}: {exc}".split()))
        return _fail(f"internal error: {msg} (rerun with -v for the traceback)", EXIT_INTERNAL,
                     verbose, as_json)
    return int(result) if isinstance(result, int) else 0


def fail_for(exc: BaseException, *, verbose: bool = False) -> int:
    """Print ``exc`` as every pgwarden command prints its errors (one line on stderr, a
    traceback only with ``verbose``) and return the exit code. For callers outside the click
    tree, such as alembic's env.py under plain ``alembic upgrade head``."""
    from pgwarden.db import redact, translate_error
    from pgwarden.errors import EXIT_INTERRUPTED, EXIT_USAGE, PgwardenError, Terminated

    if isinstance(exc, PgwardenError):
        return _fail(exc.one_line(), exc.exit_code, verbose)
    if isinstance(exc, KeyboardInterrupt):
        what = "terminated by SIGTERM" if isinstance(exc, Terminated) else "interrupted"
        return _fail(f"{what}: the statement in progress was cancelled; a re-run resumes",
                     EXIT_INTERRUPTED, False)
    mapped = translate_error(exc)
    if mapped is not None:
        return _fail(mapped.one_line(), mapped.exit_code, verbose)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}", EXIT_USAGE, verbose)
    msg = redact(" ".join(f"{type(exc).__name__}: {exc}".split()))
    return _fail(f"internal error: {msg} (rerun with -v for the traceback)", EXIT_INTERNAL, verbose)


def _quiet_stdout() -> None:
    """The reader went away (``| head``): not a failure. Point stdout at /dev/null so that the
    interpreter's last flush does not fail again (Python would then exit 120)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture stdout)
        pass


def _wants_json(args: list[str]) -> bool:
    """Whether the command line asks for JSON (``--json``, ``--format json``) before any ``--``."""
    head = args[:args.index("--")] if "--" in args else args
    if head and "top" in head:
        head = head[:head.index("top")]  # pg_activity's arguments are not ours
    return "--json" in head or "--format=json" in head or any(
        a == "--format" and b == "json" for a, b in zip(head, head[1:], strict=False))


def _fail(message: str, code: int, verbose: bool, as_json: bool = False) -> int:
    from pgwarden.db import redact

    if verbose:
        import traceback

        traceback.print_exc()
    line = " ".join(redact(message).split())
    click.echo(f"pgwarden: error: {line}", err=True)
    if as_json:
        # --json promises JSON on stdout: the error too, so a pipe into jq never gets nothing
        import json

        click.echo(json.dumps({"error": line, "exit_code": code}))
    return code


if __name__ == "__main__":  # pragma: no cover
    main()
