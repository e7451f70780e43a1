"""`pgwarden demo` stays the story without a subcommand; `seed` is its subcommand."""

from __future__ import annotations

from typing import Any

import pytest


def test_demo_without_subcommand_runs_the_story(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import pgwarden.demo.story as story

    calls: list[dict[str, Any]] = []

    def fake_story(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(story, "run_story", fake_story)
    code, _, _ = cli("demo", "--pg-bin", "system", "--json")
    assert code == 0
    assert calls == [{"pg_bin": "system", "as_json": True}]


def test_demo_help_lists_seed(cli: Any) -> None:
    code, out, _ = cli("demo", "--help")
    assert code == 0 and "seed" in out
    code, out, _ = cli("demo", "seed", "--help")
    assert code == 0 and "--scale" in out and "--force" in out


def test_bad_scale_is_one_line(cli: Any) -> None:
    code, _, err = cli("demo", "seed", "--scale", "0")
    assert code == 2 and "Traceback" not in err and "--scale" in err
