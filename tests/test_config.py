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


# -- ranges and enums are checked when the file is loaded (issue 16 item 10) ------------------

@pytest.mark.parametrize(("toml", "message"), [
    ("[maintenance.cleanup]\nbatch_size = 0\n",
     "maintenance.cleanup.batch_size: expected a number in [1, 1,000,000], got 0"),
    ("[maintenance.cleanup]\nbatch_size = -10\n",
     "maintenance.cleanup.batch_size: expected a number in [1, 1,000,000], got -10"),
    ("[maintenance.reindex]\nbloat_ratio = 7\n",
     "maintenance.reindex.bloat_ratio: expected a number in (0, 0.99], got 7.0"),
    ("[maintenance.reindex]\nbloat_ratio = 0\n",
     "maintenance.reindex.bloat_ratio: expected a number in (0, 0.99], got 0.0"),
    ('[maintenance.reindex]\nunknown_free_space = "maybe"\n',
     "maintenance.reindex.unknown_free_space: expected one of 'refuse', 'allow', got 'maybe'"),
    ("[maintenance.reindex]\nfree_space_margin = 0.5\n",
     "maintenance.reindex.free_space_margin: expected a number ≥ 1, got 0.5"),
    ('[maintenance.reindex]\nmin_index_size = "big"\n',
     "maintenance.reindex.min_index_size: expected e.g. '1MB', got 'big'"),
    ("[maintenance.vacuum]\ndead_tuple_ratio = 1.5\n",
     "maintenance.vacuum.dead_tuple_ratio: expected a number in (0, 1], got 1.5"),
    ("[maintenance.vacuum]\njobs = 0\n", "maintenance.vacuum.jobs: expected a number in [1, 64], got 0"),
    ("[maintenance]\nlock_retries = 0\n", "maintenance.lock_retries: expected a number in [1, 100], got 0"),
    ('[maintenance.run]\ntasks = ["vacum"]\n',
     "maintenance.run.tasks: expected one of 'cleanup', 'vacuum', 'refresh', 'reindex', got 'vacum'"),
    ('[[maintenance.cleanup.policies]]\ntable = "t"\nolder_than = "1d"\n',
     "maintenance.cleanup.policies[0]: missing required key 'time_column'"),
    ('[[maintenance.cleanup.policies]]\ntable = "t"\ntime_column = " "\nolder_than = "1d"\n',
     "maintenance.cleanup.policies: time_column must not be empty"),
])
def test_out_of_range_settings_are_refused_at_load(tmp_path: Path, toml: str, message: str) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(f)
    assert message in info.value.one_line()
    assert "__init__" not in info.value.one_line()


def test_bad_setting_is_one_line_exit_2(tmp_path: Path) -> None:
    """Through the CLI: one line naming the key, exit 2, for any command that loads it."""
    from pgwarden.cli import run

    f = tmp_path / "pgwarden.toml"
    f.write_text('[[maintenance.cleanup.policies]]\ntable = "app.events"\nolder_than = "30d"\n')
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = run(["--config", str(f), "maintain", "cleanup", "--dry-run"])
    assert code == 2
    assert err.getvalue() == (f"pgwarden: error: {f}: maintenance.cleanup.policies[0]: missing "
                              "required key 'time_column'\n")


def test_sane_settings_still_load(tmp_path: Path) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text("[maintenance.cleanup]\nbatch_size = 1\n[maintenance.reindex]\nbloat_ratio = 0.2\n"
                 'unknown_free_space = "allow"\nfree_space_margin = 1e12\n')
    s = load_config(f).section("maintenance")
    assert s.cleanup.batch_size == 1 and s.reindex.unknown_free_space == "allow"
