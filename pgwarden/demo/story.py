"""The story ``pgwarden demo`` tells, step by step, on the local cluster."""

from __future__ import annotations

from typing import Any

import click

from pgwarden.output import emit_json


def run_story(*, pg_bin: str | None = None, as_json: bool = False, base: str | None = None) -> int:
    """Run every step; each prints as it happens (or goes into one JSON report)."""
    from pgwarden.doctor import diagnose
    from pgwarden.local import LocalCluster

    report: dict[str, Any] = {"steps": []}

    def step(name: str, message: str, **data: Any) -> None:
        report["steps"].append({"step": name, "message": message, **data})
        if not as_json:
            click.echo(f"==> {name}: {message}")

    cluster = LocalCluster(base, pg_bin=pg_bin)
    state, what = cluster.start()
    dsn = cluster.dsn(state=state)
    step("local cluster", what, dsn=dsn, version=state.version)
    d = diagnose(dsn)
    for feat in d.features:
        step("doctor", f"{feat.name}: {feat.status}" + (f" (fix: {feat.fix})" if feat.fix else ""))
    step("next", f"try: pgwarden --dsn {dsn} doctor; stop the cluster with: pgwarden local stop")
    if as_json:
        emit_json(report)
    return 0
