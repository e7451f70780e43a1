"""Docs stay honest: every command has a page, and the README gives the two commands."""

from __future__ import annotations

from pathlib import Path

from pgwarden.cli import COMMANDS


def test_every_command_has_a_docs_page(repo_root: Path) -> None:
    missing = [name for name in COMMANDS if not (repo_root / "docs" / f"{name}.md").is_file()]
    assert not missing, f"commands without docs/<name>.md: {missing}"


def test_readme_gives_the_two_commands(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text()
    assert "make demo" in readme
    assert "make test" in readme
    ci = (repo_root / ".ci" / "run").read_text()
    assert "make test" in ci
