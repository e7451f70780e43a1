"""Fleet mode's command-line glue: the root options (``--fleet FILE`` and the runner's
options) and one function per fleet command, called by the single-target commands' hooks.

Importing this module imports only click (the root group applies its options at import).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

FLEET_COMMANDS = ("health", "metrics", "indexes", "advise", "migrate", "maintain", "config")
# per-target --timeout when neither the command line nor the fleet file's [run] gives one
DEFAULT_TIMEOUT = {"health": 30.0, "metrics": 30.0, "indexes": 60.0, "advise": 600.0,
                   "migrate status": 60.0, "migrate up": 3600.0, "maintain run": 7200.0,
                   "config": 30.0}
RESOLVE_TIMEOUT = 30.0
DEFAULT_JOBS = 4
DEFAULT_PER_HOST = 2


@dataclass
class FleetOptions:
    path: str
    jobs: int | None = None
    per_host: int | None = None
    timeout: float | None = None
    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    html: str | None = None
    spec: Any = field(default=None, repr=False)

    def settings(self, command: str, *, jobs: int | None = None) -> tuple[int, int, float]:
        run = self.spec.run
        j = self.jobs or jobs or run.jobs or DEFAULT_JOBS
        p = self.per_host or run.per_host or DEFAULT_PER_HOST
        t = self.timeout or run.timeout or DEFAULT_TIMEOUT.get(command, 60.0)
        return j, p, t


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    from pgwarden.config import parse_duration
    from pgwarden.errors import ConfigError

    try:
        seconds = parse_duration(value, what="value")
    except ConfigError as exc:
        raise click.BadParameter(exc.message.removeprefix("value: ")) from None
    if seconds <= 0:
        raise click.BadParameter("must be above 0")
    return seconds


def root_options(f: F) -> F:
    """The fleet options of the root group (``pgwarden --fleet FILE [--jobs N ...] CMD``)."""
    opts = [
        click.option("--fleet", "fleet_path", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Run the command on every target of this fleet file (docs/fleet.md)."),
        click.option("--jobs", "fleet_jobs", type=click.IntRange(1, 256), metavar="N",
                     help="Fleet: targets at a time (default 4; migrate up: 1)."),
        click.option("--per-host", "fleet_per_host", type=click.IntRange(1, 256), metavar="M",
                     help="Fleet: at most M targets (connections) at a time on one server "
                          "(default 2)."),
        click.option("--timeout", "fleet_timeout", metavar="DURATION", callback=_duration,
                     help="Fleet: a target still running after this long is a 'timeout' row."),
        click.option("--only", "fleet_only", metavar="SEL", multiple=True,
                     help="Fleet: only targets matching a name/cluster glob or label key=value."),
        click.option("--exclude", "fleet_exclude", metavar="SEL", multiple=True,
                     help="Fleet: leave out targets matching SEL (same forms as --only)."),
        click.option("--html", "fleet_html", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Fleet: also write a self-contained HTML report of the run."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def setup(ctx: click.Context, dsn: str | None, fleet_path: str | None, fleet_jobs: int | None,
          fleet_per_host: int | None, fleet_timeout: float | None, fleet_only: tuple[str, ...],
          fleet_exclude: tuple[str, ...], fleet_html: str | None) -> FleetOptions | None:
    """Validate the fleet options and read the fleet file (no connection yet): a bad file is
    one line and exit 2 before any target is touched."""
    from pgwarden.errors import UsageError

    given = _given(fleet_jobs=fleet_jobs, fleet_per_host=fleet_per_host,
                   fleet_timeout=fleet_timeout, fleet_only=fleet_only,
                   fleet_exclude=fleet_exclude, fleet_html=fleet_html)
    if fleet_path is None:
        if given and ctx.invoked_subcommand not in FLEET_COMMANDS:
            raise UsageError(f"{given[0]} goes with --fleet FILE")
        return None  # a fleet command may still get --fleet FILE after its name
    if dsn:
        raise UsageError("--dsn and --fleet exclude each other (a fleet file names its targets)")
    sub = ctx.invoked_subcommand
    if sub is not None and sub not in FLEET_COMMANDS:
        raise UsageError(f"'{sub}' does not run on a fleet",
                         hint=f"fleet commands: {', '.join(FLEET_COMMANDS)}")
    from pgwarden.fleet.spec import load

    opts = FleetOptions(fleet_path, fleet_jobs, fleet_per_host, fleet_timeout, fleet_only,
                        fleet_exclude, fleet_html)
    opts.spec = load(fleet_path)
    return opts


_OPTION_NAMES = {"fleet_jobs": "--jobs", "fleet_per_host": "--per-host",
                 "fleet_timeout": "--timeout", "fleet_only": "--only",
                 "fleet_exclude": "--exclude", "fleet_html": "--html"}


def _given(**values: Any) -> list[str]:
    return [_OPTION_NAMES[k] for k, v in values.items() if k in _OPTION_NAMES and v]


def check_unused(args: dict[str, Any]) -> None:
    """Runner options given with no fleet to run on are an error, never silently ignored."""
    from pgwarden.errors import UsageError

    given = _given(**args)
    if given:
        raise UsageError(f"{given[0]} goes with --fleet FILE")


def _sub_fleet(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from pgwarden.errors import UsageError

    root = ctx.find_root()
    obj = root.obj
    if obj._fleet is not None:
        raise UsageError("--fleet is given twice")
    obj.fleet = setup(root, obj.dsn_option, **{**obj.fleet_args, "fleet_path": value})


fleet_option = click.option(
    "--fleet", metavar="FILE", type=click.Path(dir_okay=False), expose_value=False,
    callback=_sub_fleet, help="Run on every target of this fleet file (the same as "
                              "`pgwarden --fleet FILE ...`; docs/fleet.md).")


def _fleet() -> FleetOptions:
    from pgwarden._cli.common import app

    f: FleetOptions = app().fleet
    return f


def _targets(opts: FleetOptions, timeout: float, jobs: int, per_host: int) -> tuple[list[Any],
                                                                                   list[Any]]:
    """Resolve and select the targets; rows for clusters that could not be listed."""
    from pgwarden._cli.common import app
    from pgwarden.fleet.model import Target
    from pgwarden.fleet.resolve import resolve, select

    # listing a cluster's databases is one short query: a hung server should not cost the
    # command's own (maybe hour-long) timeout before the run even starts
    resolved = resolve(opts.spec, app().config, timeout=min(timeout, RESOLVE_TIMEOUT), jobs=jobs,
                       per_host=per_host)
    # unresolved clusters take part in --only/--exclude by their cluster name and labels
    ghosts = {r.target: Target(name=r.target, cluster=r.cluster, database="*", dsn="", host="",
                               labels=r.labels) for r in resolved.unresolved}
    chosen = select([*resolved.targets, *ghosts.values()], opts.only, opts.exclude)
    names = {t.name for t in chosen}
    return ([t for t in resolved.targets if t.name in names],
            [r for r in resolved.unresolved if r.target in names])


def run_command(command: str, make_work: Callable[[float], Callable[[Any], Any]], *,
                as_json: bool, jobs: int | None = None,
                should_start: Callable[[float], Callable[[Any], str | None]] | None = None,
                cancel: Callable[[Any], None] | None = None) -> int:
    """Resolve the targets, run ``make_work(timeout)`` on each through the runner, show rows
    (live table on a terminal, JSON lines with --json), write --html; the worst row's code."""
    from pgwarden.fleet import html as fleet_html
    from pgwarden.fleet import render
    from pgwarden.fleet.model import exit_code
    from pgwarden.fleet.runner import run
    from pgwarden.output import emit_json, is_terminal

    opts = _fleet()
    n_jobs, per_host, timeout = opts.settings(command, jobs=jobs)
    started = time.monotonic()
    targets, unresolved = _targets(opts, timeout, n_jobs, per_host)
    for r in unresolved:
        if as_json:
            emit_json(r.as_json(), lines=True)
    live = render.Live(targets, enabled=not as_json and is_terminal())

    def on_row(r: Any) -> None:
        live.row(r)
        if as_json:
            emit_json(r.as_json(), lines=True)

    with live:
        rows = run(targets, make_work(timeout), jobs=n_jobs, per_host=per_host, timeout=timeout,
                   on_start=live.start, on_row=on_row,
                   should_start=should_start(time.monotonic()) if should_start else None,
                   cancel=cancel)
    rows = [*unresolved, *rows]
    seconds = time.monotonic() - started
    if as_json:
        emit_json(render.summary(rows, command, seconds), lines=True)
    elif command == "health":
        render.print_matrix(rows, seconds)
    else:
        render.print_rows(rows, seconds)
    if opts.html:
        written = fleet_html.write(opts.html, rows, command, seconds)
        if not as_json:
            click.echo(f"wrote {written}", err=True)
    return exit_code(rows)


def stop_after_failure(keep_going: bool) -> Callable[[float], Callable[[Any], str | None]]:
    """migrate up: no new target after a row that is not ok, unless --keep-going."""
    def factory(started: float) -> Callable[[Any], str | None]:
        failed: list[str] = []

        def check(last: Any) -> str | None:
            if last is not None and last.status != "ok" and not keep_going:
                failed.append(last.target)
            return (f"not started: {failed[0]} failed first (--keep-going goes on)"
                    if failed else None)

        return check

    return factory


def fleet_budget(budget: float | None) -> Callable[[float], Callable[[Any], str | None]] | None:
    """maintain run: a fleet-wide --budget stops starting targets once spent."""
    if budget is None:
        return None

    def factory(started: float) -> Callable[[Any], str | None]:
        def check(last: Any) -> str | None:
            if last is None:
                return None  # nothing has finished yet: a budget stops *new* targets only
            spent = time.monotonic() - started
            return (f"not started: the fleet budget of {budget:g}s was spent "
                    f"({spent:.1f}s elapsed)") if spent >= budget else None

        return check

    return factory


def metrics(textfile: str | None, serve_: bool, listen: str | None) -> int:
    """``pgwarden --fleet FILE metrics``: one exposition for the fleet."""
    import sys

    from prometheus_client import CollectorRegistry, generate_latest, write_to_textfile

    from pgwarden._cli.common import app
    from pgwarden.errors import UsageError
    from pgwarden.fleet.metrics import FleetCollector
    from pgwarden.fleet.model import OK, exit_code
    from pgwarden.metrics import parse_listen

    opts = _fleet()
    if textfile and serve_:
        raise UsageError("choose one of --textfile and --serve")
    if listen and not serve_:
        raise UsageError("--listen goes with --serve")
    jobs, per_host, timeout = opts.settings("metrics")
    targets, unresolved = _targets(opts, timeout, jobs, per_host)
    collector = FleetCollector(targets, jobs=jobs, per_host=per_host, timeout=timeout,
                               pooled=serve_, unresolved=unresolved)
    reg = CollectorRegistry(auto_describe=False)
    reg.register(collector)
    if serve_:
        from pgwarden.metrics.expose import serve_registry

        host, port = parse_listen(listen or app().config.section("metrics").listen)
        try:
            serve_registry(reg, host, port, on_ready=lambda: click.echo(
                f"pgwarden metrics: serving {len(targets)} fleet target(s) on "
                f"http://{host}:{port}/metrics (Ctrl-C stops)", err=True))
        finally:
            collector.close()
        return 0
    if textfile:
        from pgwarden.metrics.expose import check_textfile

        check_textfile(textfile)
        write_to_textfile(textfile, reg)
    else:
        sys.stdout.write(generate_latest(reg).decode())
        sys.stdout.flush()
    for r in collector.rows:
        if r.status != OK:
            click.echo(f"pgwarden metrics: {r.target}: {r.status}: {r.message}", err=True)
    if opts.html:
        from pgwarden.fleet import html as fleet_html

        fleet_html.write(opts.html, collector.rows, "metrics", 0.0)
    return exit_code(collector.rows)


def config(as_json: bool) -> int:
    """``pgwarden --fleet FILE config``: validate the file, list the resolved targets."""
    from pgwarden.fleet.model import exit_code
    from pgwarden.output import emit_json

    opts = _fleet()
    jobs, per_host, timeout = opts.settings("config")
    targets, unresolved = _targets(opts, timeout, jobs, per_host)
    rows: list[dict[str, Any]] = [
        {"target": t.name, "cluster": t.cluster, "database": t.database, "where": t.where,
         "host": t.host, "labels": dict(t.labels), "topology": _topology_view(t.topology),
         "overrides": sorted(_overridden(opts.spec, t))} for t in targets]
    if as_json:
        emit_json({"fleet": str(opts.spec.path), "targets": rows,
                   "unresolved": [r.as_json() for r in unresolved]})
    else:
        click.echo(f"# {opts.spec.path}: {len(opts.spec.clusters)} cluster(s), "
                   f"{len(targets)} target(s)")
        for row in rows:
            labels = " ".join(f"{k}={v}" for k, v in row["labels"].items())
            over = f"  overrides: {', '.join(row['overrides'])}" if row["overrides"] else ""
            click.echo(f"{row['target']}  {row['where']}  {labels}{over}".rstrip())
        for r in unresolved:
            click.echo(f"{r.target}  {r.status}: {r.message}")
    return exit_code(unresolved)


def _topology_view(topology: Any) -> dict[str, Any]:
    from pgwarden.db import describe_target, redact

    out: dict[str, Any] = {}
    for key, value in dict(topology).items():
        if key == "replicas":
            out[key] = [redact(describe_target(v)) for v in value]
        elif key == "direct_url":
            out[key] = redact(describe_target(value))
        else:
            out[key] = redact(str(value))
    return out


def _overridden(spec: Any, t: Any) -> set[str]:
    c = next(c for c in spec.clusters if c.name == t.cluster)
    names = set(spec.defaults) | set(c.sections)
    if t.database in c.per_database:
        names |= {f"{n} ({t.database})" for n in c.per_database[t.database]}
    return names


def checks_for_nagios(fmt: str | None) -> None:
    from pgwarden.errors import UsageError

    if fmt == "nagios":
        raise UsageError("--format nagios answers for one server; a fleet gives rows "
                         "(--json, or the matrix)")

