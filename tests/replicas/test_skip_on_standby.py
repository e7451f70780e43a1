"""One cron entry on every node, on a plain streaming standby (``pgwarden local start
--replicas 1``): ``maintain`` stands aside there (exit 0, ``skipped: standby`` in JSON and the
metrics file), ``migrate`` refuses naming the primary (exit 2), and the same entry acts on the
primary."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

from tests.replicas.conftest import Pair

Cli = Callable[..., tuple[int, str, str]]


def test_maintain_stands_aside_and_migrate_refuses_on_the_standby(
        cli: Cli, tmp_path: Path, pair: Pair) -> None:
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text("")
    port = conninfo_to_dict(pair.primary)["port"]
    metrics = tmp_path / "m.prom"
    code, out, err = cli("--config", str(cfg), "--dsn", pair.standby, "maintain", "run",
                         "--json", "--metrics-file", str(metrics))
    assert code == 0, err
    [line] = [json.loads(x) for x in out.splitlines()]
    assert line["status"] == "skipped: standby" and line["exit_code"] == 0
    # the primary, as the standby's WAL receiver names it
    assert line["reason"] == ("maintain run needs the primary: this server is a standby (in "
                              f"recovery); the primary is 127.0.0.1:{port}")
    prom = metrics.read_text()
    assert 'pgwarden_maintenance_skipped_standby_last_run{task="vacuum"} 1.0' in prom
    assert 'pgwarden_maintenance_last_exit_code{task="vacuum"} 0.0' in prom
    code, out, err = cli("--config", str(cfg), "--dsn", pair.standby, "migrate", "up")
    assert code == 2, (out, err)
    assert err.strip() == ("pgwarden: error: migrate up needs the primary: this server is a "
                           f"standby (in recovery); the primary is 127.0.0.1:{port}")
    # the same entry on the primary acts; its metric says it did not stand aside
    code, out, err = cli("--config", str(cfg), "--dsn", pair.primary, "maintain", "run",
                         "--json", "--metrics-file", str(metrics))
    assert code == 0, (out, err)
    assert json.loads(out.splitlines()[-1])["exit_code"] == 0
    assert ('pgwarden_maintenance_skipped_standby_last_run{task="vacuum"} 0.0'
            in metrics.read_text())
    with psycopg.connect(pair.primary) as c:
        runs = c.execute("SELECT outcome FROM pgwarden.task_runs WHERE task = 'run'").fetchall()
    assert runs == [("success",)]
