"""``pgwarden demo``: the whole story on the local cluster (grows as capabilities land)."""

from __future__ import annotations

import click

from pgwarden._cli.common import json_option


@click.command()
@click.option("--pg-bin", metavar="DIR", envvar="PGWARDEN_PG_BIN",
              help="PostgreSQL bin folder, 'embedded' or 'system' (see pgwarden local start).")
@json_option
def demo(pg_bin: str | None, as_json: bool) -> int:
    """Start (or reuse) the local cluster and show what pgwarden can do on it."""
    from pgwarden.demo.story import run_story

    return run_story(pg_bin=pg_bin, as_json=as_json)
