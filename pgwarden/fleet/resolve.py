"""From a fleet file to targets: databases matched against pg_database, settings merged,
``--only``/``--exclude`` applied.

Patterns are shell globs (``cms_*``) matched against every database that accepts connections,
templates skipped. An include pattern that matches nothing is a configuration error (exit 2,
before any command runs); an exclude pattern may match nothing (a scratch database that comes
and goes). A cluster whose databases cannot be listed (down, hung) becomes one row for the
cluster instead of stopping the others.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pgwarden import sql as sqlfiles
from pgwarden.config import SECTIONS, Config, _section_class, build
from pgwarden.errors import ConfigError, UsageError
from pgwarden.fleet.model import Row, Target
from pgwarden.fleet.spec import ClusterSpec, FleetSpec


@dataclass(frozen=True)
class Resolved:
    """The targets to run on, and one row per cluster whose databases could not be listed."""

    targets: tuple[Target, ...]
    unresolved: tuple[Row, ...] = ()


def host_key(dsn: str) -> str:
    """``host:port`` of a DSN (libpq's defaults filled in): the unit --per-host counts."""
    import os

    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(dsn) if dsn else {}
    host = str(params.get("hostaddr") or params.get("host") or os.environ.get("PGHOST") or "local")
    port = str(params.get("port") or os.environ.get("PGPORT") or "5432")
    return f"{host}:{port}"


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def target_config(base: Config, layers: Sequence[Mapping[str, dict[str, Any]]],
                  where: str) -> Config:
    """``base`` (pgwarden.toml) with each layer's section overrides applied in order."""
    from pgwarden.output import to_jsonable

    names = {n for layer in layers for n in layer}
    sections = dict(base.sections)
    for name in names:
        merged: dict[str, Any] = to_jsonable(base.section(name))
        for layer in layers:
            if name in layer:
                merged = _merge(merged, layer[name])
        try:
            sections[name] = build(_section_class(name), merged, name)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc.message}") from None
    return Config(path=base.path, sections=sections)


def _make_target(spec: FleetSpec, c: ClusterSpec, base: Config, database: str | None) -> Target:
    from psycopg.conninfo import make_conninfo

    dsn = make_conninfo(c.dsn, dbname=database) if database else c.dsn
    layers = [spec.defaults, c.sections]
    if database and database in c.per_database:
        layers.append(c.per_database[database])
    name = f"{c.name}/{database}" if database else c.name
    cfg = target_config(base, layers, f"{spec.path}: {name}")
    if c.topology and "topology" in SECTIONS:
        cfg.sections["topology"] = build(_section_class("topology"), dict(c.topology), "topology")
    return Target(name=name, cluster=c.name, database=database, dsn=dsn, host=host_key(dsn),
                  labels=dict(c.labels), config=cfg, topology=dict(c.topology))


def list_databases(dsn: str, timeout: float) -> list[str]:
    """Databases that accept connections on ``dsn``'s server, templates skipped."""
    from pgwarden import db

    t = db.Timeouts(lock_timeout=1.0, statement_timeout=timeout,
                    connect_timeout=max(1.0, min(10.0, timeout)))
    with db.session(dsn, timeouts=t, application_name="pgwarden fleet") as conn:
        rows = conn.execute(sqlfiles.load("fleet/databases")).fetchall()
    return [str(r["datname"]) for r in rows]


def resolve(spec: FleetSpec, base: Config, *, timeout: float = 30.0, jobs: int = 4,
            per_host: int = 2,
            runner: Callable[..., list[Row]] | None = None) -> Resolved:
    """Expand every cluster into targets; clusters with patterns are listed in parallel (a
    hung server costs ``timeout``, never the run). Raises ConfigError for an include pattern
    that matches nothing."""
    from pgwarden.fleet.model import OK, row_for
    from pgwarden.fleet.runner import run

    targets: list[Target] = []
    probes = [Target(name=c.name, cluster=c.name, database=None, dsn=c.dsn, host=host_key(c.dsn),
                     labels=dict(c.labels)) for c in spec.clusters if c.discovers]
    listed: dict[str, list[str]] = {}
    unresolved: list[Row] = []
    if probes:
        def probe(t: Target) -> Row:
            listed[t.name] = list_databases(t.dsn, timeout)
            return row_for(t, OK)

        for r in (runner or run)(probes, probe, jobs=jobs, per_host=per_host, timeout=timeout):
            if r.status != OK:
                unresolved.append(Row(target=r.target, cluster=r.cluster, database="*",
                                      status=r.status,
                                      message=f"cannot list its databases: {r.message}",
                                      seconds=r.seconds, labels=r.labels))
    for c in spec.clusters:
        if c.discovers:
            if c.name not in listed:
                continue
            for db_name in _match(c, listed[c.name]):
                targets.append(_make_target(spec, c, base, db_name))
        elif c.databases:
            targets.extend(_make_target(spec, c, base, d) for d in c.databases)
        else:
            targets.append(_make_target(spec, c, base, None))
    return Resolved(targets=tuple(targets), unresolved=tuple(unresolved))


def _match(c: ClusterSpec, names: list[str]) -> list[str]:
    include = c.include or ("*",)
    chosen: list[str] = []
    for pattern in include:
        hits = [n for n in names if fnmatch.fnmatchcase(n, pattern)]
        if not hits:
            raise ConfigError(f"clusters[{c.name}].include: pattern {pattern!r} matches no "
                              f"database (there are {len(names)}: templates are skipped)")
        chosen.extend(n for n in hits if n not in chosen)
    for missing in (n for n in c.per_database if n not in names):
        raise ConfigError(f"clusters[{c.name}].per_database.{missing}: no such database")
    return [n for n in chosen if not any(fnmatch.fnmatchcase(n, p) for p in c.exclude)]


def select(targets: Sequence[Target], only: Sequence[str], exclude: Sequence[str]) -> list[Target]:
    """``--only``/``--exclude``: each a target or cluster name (globs allowed) or a label as
    ``key=value``; several --only are alternatives. A selector that matches no target is a
    usage error, so that a typo never runs nothing (or everything)."""
    def hits(t: Target, sel: str) -> bool:
        if "=" in sel:
            key, _, value = sel.partition("=")
            return fnmatch.fnmatchcase(t.labels.get(key.strip(), "\0"), value.strip())
        if t.database == "*":  # a cluster whose databases could not be listed: any of them
            return fnmatch.fnmatchcase(t.cluster, sel.partition("/")[0])
        return fnmatch.fnmatchcase(t.name, sel) or fnmatch.fnmatchcase(t.cluster, sel)

    for sel in (*only, *exclude):
        if not any(hits(t, sel) for t in targets):
            opt = "--only" if sel in only else "--exclude"
            raise UsageError(f"{opt} {sel!r} matches no target",
                             hint="`pgwarden --fleet FILE config` lists them")
    chosen = [t for t in targets if not only or any(hits(t, s) for s in only)]
    return [t for t in chosen if not any(hits(t, s) for s in exclude)]
