"""``pgwarden config``: validate pgwarden.toml and show the effective settings."""

from __future__ import annotations

import click

from pgwarden._cli.common import app, json_option


@click.command()
@json_option
def config(as_json: bool) -> int:
    """Validate pgwarden.toml (./pgwarden.toml or --config) and print every section with its
    effective values, defaults included. Exit 2 naming the key when the file is invalid."""
    from pgwarden.output import dumps, emit_json

    if app().fleet is not None:
        from pgwarden._cli import fleet

        return fleet.config(as_json)
    cfg = app().config
    if as_json:
        emit_json(cfg.as_json())
        return 0
    sections = cfg.effective()
    click.echo(f"# {cfg.path or 'no pgwarden.toml found: defaults'}")
    for name, values in sections.items():
        click.echo(f"[{name}]")
        for key, value in values.items():
            click.echo(f"{key} = {dumps(value, indent=None)}")
        click.echo("")
    return 0
