"""A plain streaming standby (pg_basebackup of the session's cluster, PostgreSQL 15 and 18):
the same cron entry on both nodes, only the primary acts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import psycopg

from tests.ha.harness import Standby

Cli = Callable[..., tuple[int, str, str]]


def test_maintain_stands_aside_and_migrate_refuses_on_a_streaming_standby(
        cli: Cli, tmp_path: Path, plain_standby: Standby, cms_db_dsn: str) -> None:
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text('[[maintenance.cleanup.policies]]\ntable = "audit_logs"\n'
                   'time_column = "created_at"\nolder_than = "1d"\n')
    plain_standby.wait_replayed(cms_db_dsn)
    on_standby = plain_standby.dsn(cms_db_dsn)
    primary_port = psycopg.conninfo.conninfo_to_dict(cms_db_dsn)["port"]
    metrics = tmp_path / "m.prom"
    code, out, err = cli("--config", str(cfg), "--dsn", on_standby, "maintain", "run", "--json",
                         "--metrics-file", str(metrics))
    assert code == 0, err
    [line] = [json.loads(x) for x in out.splitlines()]
    assert line["status"] == "skipped: standby" and line["exit_code"] == 0
    assert line["reason"] == ("maintain run needs the primary: this server is a standby (in "
                              f"recovery); the primary is 127.0.0.1:{primary_port}")
    assert 'pgwarden_maintenance_skipped_standby_last_run{task="cleanup"} 1.0' in metrics.read_text()
    code, out, err = cli("--config", str(cfg), "--dsn", on_standby, "migrate", "down", "0005")
    assert code == 2 and err.strip().endswith(f"the primary is 127.0.0.1:{primary_port}"), err
    # the same cron entry on the primary acts, and its metric says it did not stand aside
    code, out, err = cli("--config", str(cfg), "--dsn", cms_db_dsn, "maintain", "run", "--json",
                         "--metrics-file", str(metrics))
    assert code == 0, (out, err)
    assert json.loads(out.splitlines()[-1])["exit_code"] == 0
    assert 'pgwarden_maintenance_skipped_standby_last_run{task="cleanup"} 0.0' in metrics.read_text()
    with psycopg.connect(cms_db_dsn) as c:
        runs = c.execute("SELECT task, outcome FROM pgwarden.task_runs WHERE task = 'run'").fetchall()
    assert runs == [("run", "success")]
