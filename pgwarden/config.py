"""Settings: which database, and the policies later commands read from ``pgwarden.toml``.

The target database comes from ``--dsn``, else ``DATABASE_URL``, else libpq's own ``PG*``
variables, service file and ``.pgpass`` (an empty conninfo lets libpq read them: pgwarden does
not re-implement that). ``pgwarden.toml`` is optional; it is looked up in the working directory
or given with ``--config``. Every section is a frozen dataclass; unknown keys and values of the
wrong type are rejected with the key's dotted name.

Sections are registered in ``SECTIONS`` by import path, so a unit adds its own policies in its
own module without this file growing business rules.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pgwarden.errors import ConfigError, UsageError

CONFIG_FILENAME = "pgwarden.toml"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h|d)?\s*$", re.I)
_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str | int | float, *, what: str = "duration") -> float:
    """Seconds in ``"500ms"``, ``"2s"``, ``"5min"``, ``"1h"``, ``"30d"`` (a bare number is seconds)."""
    if isinstance(text, bool):
        raise ConfigError(f"{what}: expected a duration like '2s' or '5min', got {text!r}")
    if isinstance(text, int | float):
        if text < 0:
            raise ConfigError(f"{what}: a duration cannot be negative")
        return float(text)
    m = _DURATION.match(text)
    if not m:
        raise ConfigError(
            f"{what}: expected a duration like '500ms', '2s', '5min', '1h' or '30d', got {text!r}")
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


def pg_duration(seconds: float | None) -> str:
    """A duration as PostgreSQL's GUC syntax in milliseconds; ``None`` or 0 means off ("0")."""
    if not seconds:
        return "0"
    return f"{max(1, round(seconds * 1000))}ms"


class Duration(str):
    """A config value holding a duration string; ``.seconds`` gives its value."""

    @property
    def seconds(self) -> float:
        return parse_duration(str(self))


@dataclass(frozen=True)
class Timeouts:
    """[timeouts]: defaults every command's connections start with (commands may tighten them)."""

    connect_timeout: Duration = Duration("10s")
    lock_timeout: Duration = Duration("2s")
    statement_timeout: Duration = Duration("0")


# Section name -> "module:ClassName"; imported only when a config is loaded.
SECTIONS: dict[str, str] = {
    "timeouts": "pgwarden.config:Timeouts",
    "lint": "pgwarden.analyzers.settings:LintSettings",
    "plans": "pgwarden.analyzers.settings:PlansSettings",
    "health": "pgwarden.health.settings:HealthSettings",
    "metrics": "pgwarden.health.settings:MetricsSettings",
    "maintenance": "pgwarden.maintenance.settings:MaintenanceSettings",
    "advise": "pgwarden.analyzers.advisor.settings:AdviseSettings",
    "migrate": "pgwarden.migrations.settings:MigrateSettings",
    "topology": "pgwarden.topology.model:TopologySettings",
    "indexes": "pgwarden.analyzers.settings:IndexesSettings",
}

T = TypeVar("T")


@dataclass(frozen=True)
class Config:
    """A validated pgwarden.toml (or the defaults when there is none)."""

    path: Path | None = None
    sections: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> Any:
        """The dataclass instance for ``[name]``, with defaults where the file is silent."""
        if name not in self.sections:
            cls = _section_class(name)
            self.sections[name] = cls()
        return self.sections[name]

    def effective(self) -> dict[str, Any]:
        """Every section's effective values (defaults included), JSON-ready, by section name."""
        from pgwarden.output import to_jsonable

        return {name: to_jsonable(self.section(name)) for name in sorted(SECTIONS)}

    def as_json(self) -> dict[str, Any]:
        """What ``pgwarden config --json`` prints: the file read and the effective settings."""
        return {"path": str(self.path) if self.path else None, "sections": self.effective()}


def _section_class(name: str) -> type[Any]:
    target = SECTIONS.get(name)
    if target is None:
        raise KeyError(name)
    module, _, attr = target.partition(":")
    cls: type[Any] = getattr(importlib.import_module(module), attr)
    return cls


def load_config(path: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> Config:
    """Load and validate ``path`` (or ``./pgwarden.toml`` when present; defaults otherwise)."""
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILENAME
        if not candidate.is_file():
            return Config()
        file = candidate
    else:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"config file {file} does not exist")
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: malformed TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read: {exc}") from None
    sections: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in SECTIONS:
            known = ", ".join(sorted(SECTIONS))
            raise ConfigError(f"{file}: unknown section [{key}] (known: {known})")
        if not isinstance(value, dict):
            raise ConfigError(f"{file}: [{key}] must be a table")
        try:
            sections[key] = build(_section_class(key), value, key)
        except ConfigError as exc:
            raise ConfigError(f"{file}: {exc.message}") from None
    return Config(path=file, sections=sections)


def build(cls: type[T], data: dict[str, Any], where: str) -> T:
    """Build dataclass ``cls`` from a TOML table, checking every key and type."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise ConfigError(f"unknown key '{where}.{key}' (known keys: {known})")
        kwargs[name] = _coerce(hints[name], value, f"{where}.{key}")
    missing = [f.name for f in fields.values()
               if f.init and f.name not in kwargs and f.default is dataclasses.MISSING
               and f.default_factory is dataclasses.MISSING]
    if missing:
        # the dataclass would say "__init__() missing 1 required positional argument"
        raise ConfigError(f"{where}: missing required key "
                          + ", ".join(f"'{m}'" for m in missing))
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[{where}]: {exc}") from None


def _coerce(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _coerce(arg, value, where)
            except ConfigError as exc:
                errors.append(exc.message)
        raise ConfigError(errors[0] if errors else f"{where}: bad value")
    if tp is Any:
        return value
    if tp is Duration:
        parse_duration(value, what=where)
        return Duration(str(value) if not isinstance(value, str) else value)
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, got {value!r}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    if origin in (list, tuple) or tp in (list, tuple):
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        item = args[0] if args else Any
        items = [_coerce(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(items) if (origin is tuple or tp is tuple) else items
    if origin is dict or tp is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table, got {value!r}")
        vt = args[1] if len(args) == 2 else Any
        return {k: _coerce(vt, v, f"{where}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table, got {value!r}")
        return build(tp, value, where)  # type: ignore[arg-type]
    raise ConfigError(f"{where}: unsupported setting type {tp!r}")


def resolve_dsn(option: str | None, environ: typing.Mapping[str, str] | None = None) -> str:
    """The conninfo to use: ``--dsn`` > ``DATABASE_URL`` > "" (libpq's PG* env, service, .pgpass).

    SQLAlchemy-style URLs (``postgresql+psycopg://``) are accepted and normalised for libpq.
    """
    env = os.environ if environ is None else environ
    dsn = option if option else env.get("DATABASE_URL", "")
    dsn = dsn.strip()
    m = re.match(r"^(postgres(?:ql)?)\+[a-z0-9_]+://", dsn, re.I)
    if m:
        dsn = "postgresql://" + dsn[m.end():]
    if dsn.startswith("postgres://"):
        dsn = "postgresql://" + dsn[len("postgres://"):]
    if dsn and not (dsn.startswith("postgresql://") or "=" in dsn):
        raise UsageError(
            "bad DSN syntax: expected postgresql://user@host:port/dbname or key=value pairs"
        )
    return dsn
