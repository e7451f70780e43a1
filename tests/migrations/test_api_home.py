"""``pgwarden.migrations.api`` is the migration API's one home; ``pgwarden.migrate`` an alias."""

from __future__ import annotations

from pathlib import Path

import pgwarden
from pgwarden.migrations import api


def test_the_old_import_gives_the_same_module() -> None:
    from pgwarden import migrate

    assert migrate is api
    assert pgwarden.migrate.upgrade is api.upgrade


def test_no_second_module_named_migrate(repo_root: Path) -> None:
    assert not (repo_root / "pgwarden" / "migrate.py").exists()


def test_unknown_attribute_is_still_an_error() -> None:
    try:
        pgwarden.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("pgwarden.no_such_thing did not raise")
