"""`pgwarden demo` stays the story without a subcommand; `seed` is its subcommand."""

from __future__ import annotations

from typing import Any


def test_demo_help_lists_seed(cli: Any) -> None:
    code, out, _ = cli("demo", "--help")
    assert code == 0 and "seed" in out
    code, out, _ = cli("demo", "seed", "--help")
    assert code == 0 and "--scale" in out and "--force" in out


def test_bad_scale_is_one_line(cli: Any) -> None:
    code, _, err = cli("demo", "seed", "--scale", "0")
    assert code == 2 and "Traceback" not in err and "--scale" in err
