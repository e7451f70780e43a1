"""[migrate] settings and the runner's pure parts: validation, overrides, back-off."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgwarden.config import load_config
from pgwarden.errors import ConfigError
from pgwarden.migrations.runner import backoff
from pgwarden.migrations.settings import MigrateSettings


def test_section_is_read_from_pgwarden_toml(tmp_path: Path) -> None:
    (tmp_path / "pgwarden.toml").write_text('[migrate]\nlock_timeout = "5s"\nretries = 2\n')
    s = load_config(cwd=tmp_path).section("migrate")
    assert isinstance(s, MigrateSettings)
    assert s.lock_timeout.seconds == 5 and s.retries == 2 and s.statement_timeout.seconds == 600


@pytest.mark.parametrize("text, where", [
    ('[migrate]\nretries = -1\n', "retries"),
    ('[migrate]\nlock_timeout = "0"\n', "lock_timeout"),
    ('[migrate]\nlock_timeout = "soon"\n', "lock_timeout"),
    ('[migrate]\npolish_dictionary = "../etc/passwd"\n', "polish_dictionary"),
    ('[migrate]\nsearch_ranking = "fast"\n', "search_ranking: expected one of auto, rum, ts_rank"),
    ('[migrate]\nlock_timout = "2s"\n', "lock_timout"),
])
def test_bad_values_are_rejected_naming_the_key(tmp_path: Path, text: str, where: str) -> None:
    (tmp_path / "pgwarden.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert where in caught.value.message


def test_x_overrides_are_typed_and_validated() -> None:
    s = MigrateSettings().with_overrides({"lock_timeout": "750ms", "retries": "3",
                                          "populate_views": "off", "dsn": "ignored"})
    assert s.lock_timeout.seconds == 0.75 and s.retries == 3 and s.populate_views is False
    with pytest.raises(ConfigError):
        MigrateSettings().with_overrides({"retries": "many"})


def test_backoff_grows_is_capped_and_jittered() -> None:
    s = MigrateSettings()  # 1 s doubling, capped at 30 s
    assert backoff(0, s, rand=lambda: 0.0) == 0.5 and backoff(0, s, rand=lambda: 1.0) == 1.0
    assert backoff(3, s, rand=lambda: 1.0) == 8.0
    assert backoff(10, s, rand=lambda: 1.0) == 30.0 and backoff(10, s, rand=lambda: 0.0) == 15.0
