"""A Nagios plugin answers 0-3 with a status line, even for a bad check name or setting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

CLI = Callable[..., tuple[int, str, str]]


def test_unknown_check_in_nagios_format_is_unknown(cli: CLI, db_dsn: str) -> None:
    code, out, _ = cli("--dsn", db_dsn, "health", "--check", "nosuch", "--format", "nagios")
    assert code == 3
    assert out.startswith("PGWARDEN HEALTH UNKNOWN - unknown health check")


def test_unknown_check_in_table_format_is_a_usage_error(cli: CLI, db_dsn: str) -> None:
    code, _, err = cli("--dsn", db_dsn, "health", "--check", "nosuch")
    assert code == 2
    assert "unknown health check" in err


def test_bad_health_setting_in_nagios_format_is_unknown(cli: CLI, db_dsn: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pgwarden.toml").write_text("[health]\nno_such_key = 1\n")
    monkeypatch.chdir(tmp_path)  # found as ./pgwarden.toml, loaded lazily by the command
    code, out, _ = cli("--dsn", db_dsn, "health", "--format", "nagios")
    assert code == 3
    assert out.startswith("PGWARDEN HEALTH UNKNOWN - ") and "health.no_such_key" in out
