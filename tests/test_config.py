"""pgwarden.toml validation and DSN resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgwarden.config import load_config, parse_duration, resolve_dsn
from pgwarden.errors import ConfigError, UsageError


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    cfg = load_config(cwd=tmp_path)
    assert cfg.path is None
    assert cfg.section("timeouts").lock_timeout.seconds == 2.0


def test_file_in_working_directory_is_found(tmp_path: Path) -> None:
    (tmp_path / "pgwarden.toml").write_text('[timeouts]\nlock_timeout = "500ms"\n')
    cfg = load_config(cwd=tmp_path)
    assert cfg.path == tmp_path / "pgwarden.toml"
    assert cfg.section("timeouts").lock_timeout.seconds == 0.5


def test_unknown_key_is_named(tmp_path: Path) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text('[timeouts]\nlock_timeuot = "1s"\n')
    with pytest.raises(ConfigError, match=r"unknown key 'timeouts.lock_timeuot'"):
        load_config(f)


def test_unknown_section_is_named(tmp_path: Path) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text("[nonsense]\nx = 1\n")
    with pytest.raises(ConfigError, match=r"unknown section \[nonsense\]"):
        load_config(f)


def test_wrong_type_is_named(tmp_path: Path) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text("[timeouts]\nlock_timeout = true\n")
    with pytest.raises(ConfigError, match=r"timeouts.lock_timeout"):
        load_config(f)


def test_malformed_toml(tmp_path: Path) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text("[timeouts\nlock_timeout = 1\n")
    with pytest.raises(ConfigError, match="malformed TOML"):
        load_config(f)


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize(("text", "seconds"), [
    ("500ms", 0.5), ("2s", 2.0), ("5min", 300.0), ("1h", 3600.0), ("30d", 2592000.0), (3, 3.0),
])
def test_durations(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "fast", "5 parsecs", "-1s"])
def test_bad_durations(bad: str) -> None:
    with pytest.raises(ConfigError):
        parse_duration(bad)


def test_dsn_precedence() -> None:
    env = {"DATABASE_URL": "postgresql://env@h/db"}
    assert resolve_dsn("postgresql://opt@h/db", env) == "postgresql://opt@h/db"
    assert resolve_dsn(None, env) == "postgresql://env@h/db"
    assert resolve_dsn(None, {}) == ""  # libpq reads PG* / service file / .pgpass itself


def test_sqlalchemy_urls_are_normalised() -> None:
    assert resolve_dsn("postgresql+psycopg://u@h:5/d", {}) == "postgresql://u@h:5/d"
    assert resolve_dsn("postgres://u@h/d", {}) == "postgresql://u@h/d"


def test_garbage_dsn_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="bad DSN syntax"):
        resolve_dsn("not a dsn", {})
