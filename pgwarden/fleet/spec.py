"""The fleet file: clusters, their databases, labels and settings overrides, validated.

A fleet file is TOML, like pgwarden.toml::

    [run]                        # optional defaults for the runner
    jobs = 4
    per_host = 2
    timeout = "60s"

    [defaults.health]            # any pgwarden.toml section, for every target
    long_transaction_warning = "2min"

    [[clusters]]
    name = "cms-prod"
    dsn = "postgresql://pgwarden:${CMS_PROD_PASSWORD}@db1:5432/postgres"
    include = ["cms_*"]          # or databases = ["cms"], or neither (the DSN's own database)
    exclude = ["cms_scratch*"]
    labels = { env = "prod", team = "cms" }
    [clusters.topology]          # passed through as the targets' [topology] section
    replicas = ["postgresql://pgwarden:${CMS_PROD_PASSWORD}@db2:5432/postgres"]
    [clusters.maintenance]       # a section override for this cluster's targets
    budget = "20min"
    [clusters.per_database.cms_big.maintenance]   # ...and for one database
    budget = "1h"

``${NAME}`` in any string takes the environment variable's value (``$${`` is a literal ``${``);
an unset variable is an error naming it. Values that reach a DSN's password, and every
variable whose name says it is a secret, are registered with ``db.remember_secret`` so no
message ever prints them. Parsing never connects: ``load`` checks everything a file can say
on its own; ``resolve`` (next module) matches patterns against the servers.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pgwarden.errors import ConfigError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
_VAR = re.compile(r"\$(\$)?\{([^}]*)\}")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SECRET_NAME = re.compile(r"PASS|SECRET|TOKEN|KEY|CREDENTIAL", re.I)

TOP_KEYS = ("run", "defaults", "clusters")
RUN_KEYS = ("jobs", "per_host", "timeout")
CLUSTER_KEYS = ("name", "dsn", "databases", "include", "exclude", "labels", "topology",
                "per_database")
TOPOLOGY_KEYS = {"replicas": list, "patroni": str, "direct_url": str}


@dataclass(frozen=True)
class RunDefaults:
    """``[run]``: the runner's defaults (the command line overrides them)."""

    jobs: int | None = None
    per_host: int | None = None
    timeout: float | None = None


@dataclass(frozen=True)
class ClusterSpec:
    """One ``[[clusters]]`` entry as written (interpolated, validated, not yet resolved)."""

    name: str
    dsn: str
    databases: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    topology: Mapping[str, Any] = field(default_factory=dict)
    sections: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    per_database: Mapping[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @property
    def discovers(self) -> bool:
        """Whether the databases come from pg_database (include/exclude patterns)."""
        return bool(self.include or self.exclude)


@dataclass(frozen=True)
class FleetSpec:
    path: Path
    run: RunDefaults
    defaults: Mapping[str, dict[str, Any]]
    clusters: tuple[ClusterSpec, ...]


def load(path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> FleetSpec:
    """Read and validate a fleet file; every problem is one ConfigError line (exit 2)."""
    file = Path(path)
    env = os.environ if environ is None else environ
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"fleet file {file} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"fleet file {file}: cannot read: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: malformed TOML: {' '.join(str(exc).split())}") from None
    try:
        return _build(file, _interpolate(raw, env, ""))
    except ConfigError as exc:
        raise ConfigError(f"{file}: {exc.message}", hint=exc.hint) from None


def _interpolate(value: Any, env: Mapping[str, str], where: str) -> Any:
    if isinstance(value, dict):
        return {k: _interpolate(v, env, f"{where}.{k}" if where else k) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v, env, f"{where}[{i}]") for i, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    def sub(m: re.Match[str]) -> str:
        if m.group(1):  # $${X}: a literal ${X}
            return "${" + m.group(2) + "}"
        name = m.group(2)
        if not _VAR_NAME.match(name):
            raise ConfigError(f"{where}: bad variable reference ${{{name}}} "
                              "(expected ${NAME} with letters, digits and _)")
        if name not in env:
            raise ConfigError(f"{where}: ${{{name}}} is not set in the environment",
                              hint="export it, or write $${ for a literal ${")
        found = env[name]
        if _SECRET_NAME.search(name):
            from pgwarden.db import remember_secret

            remember_secret(found)
        return found

    return _VAR.sub(sub, value)


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: expected a list of non-empty strings, got {value!r}")
    return tuple(value)


def _unknown(keys: Mapping[str, Any], known: tuple[str, ...] | list[str], where: str) -> None:
    for key in keys:
        if key not in known:
            raise ConfigError(f"unknown key '{where}{key}' (known keys: {', '.join(sorted(known))})")


def _sections(data: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    """The pgwarden.toml sections among ``data``'s keys, validated by building them."""
    from pgwarden.config import SECTIONS, _section_class, build

    found: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key not in SECTIONS:
            continue
        table = _table(value, f"{where}{key}")
        build(_section_class(key), table, f"{where}{key}")  # raises naming the key
        found[key] = table
    return found


def _build(file: Path, raw: dict[str, Any]) -> FleetSpec:
    from pgwarden.config import SECTIONS

    _unknown(raw, TOP_KEYS, "")
    run_raw = _table(raw.get("run", {}), "[run]")
    _unknown(run_raw, RUN_KEYS, "run.")
    run = RunDefaults(jobs=_positive(run_raw.get("jobs"), "run.jobs"),
                      per_host=_positive(run_raw.get("per_host"), "run.per_host"),
                      timeout=_duration(run_raw.get("timeout"), "run.timeout"))
    defaults_raw = _table(raw.get("defaults", {}), "[defaults]")
    _unknown(defaults_raw, sorted(SECTIONS), "defaults.")
    defaults = _sections(defaults_raw, "defaults.")
    clusters_raw = raw.get("clusters")
    if not isinstance(clusters_raw, list) or not clusters_raw:
        raise ConfigError("no [[clusters]]: a fleet file lists at least one cluster")
    clusters: list[ClusterSpec] = []
    seen: set[str] = set()
    for i, entry in enumerate(clusters_raw):
        c = _cluster(_table(entry, f"clusters[{i}]"), i)
        if c.name in seen:
            raise ConfigError(f"duplicate cluster name {c.name!r} (clusters[{i}])")
        seen.add(c.name)
        clusters.append(c)
    return FleetSpec(path=file, run=run, defaults=defaults, clusters=tuple(clusters))


def _positive(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: expected an integer of at least 1, got {value!r}")
    return value


def _duration(value: Any, where: str) -> float | None:
    if value is None:
        return None
    from pgwarden.config import parse_duration

    seconds = parse_duration(value, what=where)
    if seconds <= 0:
        raise ConfigError(f"{where}: must be above 0")
    return seconds


def _cluster(data: dict[str, Any], i: int) -> ClusterSpec:
    from pgwarden.config import SECTIONS, resolve_dsn
    from pgwarden.db import check_dsn

    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"clusters[{i}].name: expected a name of letters, digits, '_', '.' or "
                          f"'-' (at most 63), got {name!r}")
    where = f"clusters[{name}]."
    _unknown(data, list(CLUSTER_KEYS) + sorted(SECTIONS), where)
    topology = _topology(data.get("topology", {}), f"{where}topology")
    dsn = data.get("dsn", topology.get("direct_url"))
    if not isinstance(dsn, str) or not dsn.strip():
        raise ConfigError(f"{where}dsn: every cluster needs a dsn (or [clusters.topology] "
                          "direct_url)")
    try:
        dsn = resolve_dsn(dsn, environ={})
        check_dsn(dsn)  # syntax, and registers the password as a secret
    except ConfigError:
        raise
    except Exception as exc:  # UsageError from a bad DSN: a configuration error here
        raise ConfigError(f"{where}dsn: {getattr(exc, 'message', exc)}") from None
    databases = _strings(data.get("databases", []), f"{where}databases")
    include = _strings(data.get("include", []), f"{where}include")
    exclude = _strings(data.get("exclude", []), f"{where}exclude")
    if databases and (include or exclude):
        raise ConfigError(f"{where}: give databases or include/exclude patterns, not both")
    dup = sorted({d for d in databases if databases.count(d) > 1})
    if dup:
        raise ConfigError(f"{where}databases: {dup[0]!r} is listed twice")
    labels = _table(data.get("labels", {}), f"{where}labels")
    for key, value in labels.items():
        if not _VAR_NAME.match(key) or not isinstance(value, str):
            raise ConfigError(f"{where}labels.{key}: labels are name = \"string\" pairs")
    sections = _sections(data, where)
    per_db_raw = _table(data.get("per_database", {}), f"{where}per_database")
    per_database: dict[str, dict[str, dict[str, Any]]] = {}
    for db_name, overrides in per_db_raw.items():
        dwhere = f"{where}per_database.{db_name}."
        table = _table(overrides, dwhere.rstrip("."))
        _unknown(table, sorted(SECTIONS), dwhere)
        if databases and db_name not in databases:
            raise ConfigError(f"{dwhere.rstrip('.')}: {db_name!r} is not in the cluster's databases")
        per_database[db_name] = _sections(table, dwhere)
    return ClusterSpec(name=name, dsn=dsn, databases=databases, include=include, exclude=exclude,
                       labels=dict(labels), topology=topology, sections=sections,
                       per_database=per_database)


def _topology(value: Any, where: str) -> dict[str, Any]:
    """``[clusters.topology]``: the same shape as pgwarden.toml's ``[topology]``; validated by
    pgwarden.topology's own section class when this build has one, else by the keys' types."""
    from pgwarden.config import SECTIONS, _section_class, build

    table = _table(value, where)
    if "topology" in SECTIONS:
        build(_section_class("topology"), table, where)
        _remember_dsns(table)
        return table
    for key, v in table.items():
        want = TOPOLOGY_KEYS.get(key)
        if want is None:
            raise ConfigError(f"unknown key '{where}.{key}' (known keys: "
                              f"{', '.join(sorted(TOPOLOGY_KEYS))})")
        if want is list:
            _strings(v, f"{where}.{key}")
        elif not isinstance(v, str):
            raise ConfigError(f"{where}.{key}: expected a string, got {v!r}")
    _remember_dsns(table)
    return table


def _remember_dsns(table: Mapping[str, Any]) -> None:
    """Register the passwords of the topology's DSNs (never printed, like the cluster's)."""
    from pgwarden.db import check_dsn

    dsns = list(table.get("replicas") or []) + [table.get("direct_url")]
    for dsn in dsns:
        if isinstance(dsn, str) and dsn:
            try:
                check_dsn(dsn)
            except Exception:  # noqa: BLE001 - syntax is the topology module's to judge
                pass
