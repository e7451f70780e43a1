"""Fleet mode of maintain run, migrate status|up, metrics, indexes and advise, on real targets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from pgwarden import db
from pgwarden.local import LocalCluster
from tests.fleet.conftest import toml_str, write_fleet

CLI = Callable[..., tuple[int, str, str]]


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _by_target(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["target"]: r for r in rows if not r.get("summary")}


def _clusters(**dsns: str) -> str:
    return "".join(f"[[clusters]]\nname = {toml_str(n)}\ndsn = {toml_str(d)}\n\n"
                   for n, d in dsns.items())


def test_maintain_run_each_target_its_lock_and_the_fleet_budget(
        tmp_path: Path, cli: CLI, db_dsn: str, cms_dsn: str,
        stopped_cluster: LocalCluster) -> None:
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(
        plain=db_dsn, cms=cms_dsn, down=stopped_cluster.dsn()))
    # another run holds cms's lock: that target is 'locked', the others go on
    with psycopg.connect(cms_dsn, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (db.lock_key("maintain:run"),))
        code, out, err = cli("--fleet", str(fleet), "--jobs", "2", "maintain", "run", "--json")
    rows = _by_target(_lines(out))
    assert rows["cms"]["status"] == "locked" and "another run" in rows["cms"]["message"]
    assert rows["plain"]["status"] in ("ok", "partial")
    assert rows["down"]["status"] == "unreachable"
    assert code == 4, err  # unreachable outranks locked (75) and partial (3)
    with psycopg.connect(db_dsn) as conn:  # the plain database's run was recorded
        assert conn.execute("SELECT count(*) FROM pgwarden.task_runs WHERE task = 'run'"
                            ).fetchone()[0] >= 1  # type: ignore[index]
    # a fleet budget spent once the first target finished: the second is 'not reached',
    # never started (whichever the runner took first; 1 ms is spent by any real run)
    code, out, err = cli("--fleet", str(fleet), "--jobs", "1", "--only", "plain", "--only", "cms",
                         "maintain", "run", "--budget", "1ms", "--json")
    rows = _by_target(_lines(out))
    statuses = sorted(rows[t]["status"] for t in ("plain", "cms"))
    assert statuses in (["not reached", "ok"], ["not reached", "partial"]), rows
    skipped = next(t for t in ("plain", "cms") if rows[t]["status"] == "not reached")
    assert "fleet budget" in rows[skipped]["message"]
    assert code == 3, err


def test_maintain_run_on_a_read_only_database_is_a_failure_not_a_standby(
        tmp_path: Path, cli: CLI, db_dsn: str, pg_cluster: LocalCluster) -> None:
    name = psycopg.conninfo.conninfo_to_dict(db_dsn)["dbname"]
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("ALTER DATABASE {} SET default_transaction_read_only = on")
                     .format(psycopg.sql.Identifier(name)))
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(ro=db_dsn))
    code, out, err = cli("--fleet", str(fleet), "maintain", "run", "--json")
    rows = _by_target(_lines(out))
    # the server is not in recovery: refusing a write there is a failure to look at
    assert rows["ro"]["status"] == "failed", rows
    assert code == 3


def test_migrate_status_and_up_stop_at_the_first_failure(
        tmp_path: Path, cli: CLI, cms_dsn: str, db_dsn: str,
        stopped_cluster: LocalCluster) -> None:
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(
        a_down=stopped_cluster.dsn(), b_cms=cms_dsn))
    code, out, err = cli("--fleet", str(fleet), "migrate", "status", "--json")
    rows = _by_target(_lines(out))
    assert rows["b_cms"]["status"] == "ok" and rows["b_cms"]["detail"]["current"]
    assert rows["a_down"]["status"] == "unreachable" and code == 4
    # serial by default; the first target fails, so the second is never started
    code, out, err = cli("--fleet", str(fleet), "migrate", "up", "--json")
    rows = _by_target(_lines(out))
    assert rows["a_down"]["status"] == "unreachable"
    assert rows["b_cms"]["status"] == "not reached" and "a_down failed first" in rows["b_cms"]["message"]
    assert code == 4
    # --keep-going: the second one runs (already at head: nothing to apply) and says where it is
    code, out, err = cli("--fleet", str(fleet), "migrate", "up", "--keep-going")
    assert code == 4, err
    line = next(ln for ln in out.splitlines() if ln.startswith("b_cms"))
    assert "ok" in line and "nothing to apply" in line
    code, _, err = cli("--dsn", db_dsn, "migrate", "up", "--keep-going")
    assert code == 2 and "--keep-going goes with --fleet" in err


def test_migrate_up_on_a_fresh_database_reaches_head(tmp_path: Path, cli: CLI, db_dsn: str) -> None:
    from pgwarden.migrations import api as migrate

    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(fresh=db_dsn))
    code, out, err = cli("--fleet", str(fleet), "migrate", "up", "--json")
    assert code == 0, (out, err)
    row = _by_target(_lines(out))["fresh"]
    head = list(migrate.script_directory().get_heads())
    assert row["detail"]["after"] == head and row["detail"]["before"] == []
    assert row["detail"]["applied"][-1] == head[0]
    assert migrate.status(db_dsn).clean


def test_metrics_one_scrape_for_the_fleet(tmp_path: Path, cli: CLI, db_dsn: str, cms_dsn: str,
                                         stopped_cluster: LocalCluster, hung_dsn: str) -> None:
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(
        plain=db_dsn, cms=cms_dsn, down=stopped_cluster.dsn(), hung=hung_dsn))
    code, out, err = cli("--fleet", str(fleet), "--timeout", "3s", "metrics")
    assert code == 4, err
    assert 'pgwarden_target_up{target="plain"} 1.0' in out
    assert 'pgwarden_target_up{target="cms"} 1.0' in out
    assert 'pgwarden_target_up{target="down"} 0.0' in out
    assert 'pgwarden_target_up{target="hung"} 0.0' in out
    assert 'pgwarden_target_scrape_duration_seconds{target="hung"}' in out
    assert 'pgwarden_up{target="cms"} 1.0' in out
    # one family each (HELP/TYPE once), samples labelled by target
    assert out.count("# TYPE pgwarden_up gauge") == 1
    assert "hung: timeout" in err and "down: unreachable" in err
    from prometheus_client.parser import text_string_to_metric_families

    names = [f.name for f in text_string_to_metric_families(out)]
    assert len(names) == len(set(names))


def test_metrics_serve_pool_stays_bounded(db_dsn: str) -> None:
    from pgwarden.config import Config
    from pgwarden.fleet.metrics import POOL_SIZE, FleetCollector
    from pgwarden.fleet.model import Target
    from pgwarden.fleet.resolve import host_key

    target = Target(name="t", cluster="t", database=None, dsn=db_dsn, host=host_key(db_dsn),
                    config=Config())
    collector = FleetCollector([target], jobs=2, per_host=2, timeout=10, pooled=True)
    pids = set()
    for _ in range(3):
        list(collector.collect())
        assert collector.rows[0].status == "ok"
        with psycopg.connect(db_dsn, autocommit=True) as conn:
            pids |= {r[0] for r in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgwarden metrics' "
                "AND datname = current_database()")}
    # the same pooled session answered every scrape
    assert 1 <= len(pids) <= POOL_SIZE
    assert collector.pools["t"].open_connections <= POOL_SIZE
    collector.close()


def test_indexes_and_advise_on_a_fleet(tmp_path: Path, cli: CLI, cms_dsn: str, db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (a int, b int)")
        conn.execute("CREATE INDEX t_a ON t (a)")
        conn.execute("CREATE INDEX t_a_dup ON t (a)")
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(cms=cms_dsn, dup=db_dsn))
    code, out, err = cli("--fleet", str(fleet), "indexes", "--json")
    rows = _by_target(_lines(out))
    assert rows["dup"]["status"] == "findings"
    assert any(f["kind"] == "duplicate" for f in rows["dup"]["detail"]["findings"])
    assert code == 1, err
    queries = tmp_path / "q.sql"
    queries.write_text("SELECT * FROM t WHERE b = 42;\n")
    code, out, err = cli("--fleet", str(fleet), "--only", "dup", "advise", "--queries",
                         str(queries), "--json")
    rows = _by_target(_lines(out))
    assert code == 0, err
    assert rows["dup"]["status"] == "ok"
    assert rows["dup"]["detail"]["statements"] == 1


def test_migrate_up_blocked_by_a_lock_says_where_the_target_stands(
        tmp_path: Path, cli: CLI, db_dsn: str) -> None:
    from pgwarden.migrations import api as migrate

    migrate.upgrade(db_dsn, "0001", on_notice=lambda text: None)
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(busy=db_dsn))
    with psycopg.connect(db_dsn) as holder:  # a reader holds workshops; 0002 needs ACCESS EXCLUSIVE
        holder.execute("LOCK TABLE workshops IN ACCESS SHARE MODE")
        code, out, err = cli("--fleet", str(fleet), "migrate", "up", "--lock-timeout", "100ms",
                             "--retries", "0", "--json")
    row = _by_target(_lines(out))["busy"]
    assert row["status"] == "locked", row
    assert code == 75
    assert row["detail"]["before"] == ["0001"] and row["detail"]["after"] == ["0001"]
    assert migrate.status(db_dsn).current == ("0001",)


def test_live_table_shows_running_and_finished_targets() -> None:
    from rich.console import Console

    from pgwarden.fleet.model import Target, row_for
    from pgwarden.fleet.render import Live

    targets = [Target(name=f"c/db{i}", cluster="c", database=f"db{i}", dsn="", host="h:1")
               for i in range(3)]
    live = Live(targets, enabled=False)
    live.start(targets[0])
    live.start(targets[1])
    live.row(row_for(targets[1], "unreachable", "connection refused"))
    console = Console(width=120, record=True)
    console.print(live._table())
    text = console.export_text()
    assert "1/3 targets done" in text
    assert "c/db0" in text and "running" in text
    assert "c/db1" in text and "unreachable" in text and "connection refused" in text
    assert "1 waiting" in text


def test_maintain_run_on_a_standby_stands_aside(tmp_path: Path, cli: CLI,
                                                primary_and_standby: tuple[str, str]) -> None:
    primary, standby = primary_and_standby
    with psycopg.connect(standby, autocommit=True) as conn:
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(node0=primary, node1=standby))
    code, out, err = cli("--fleet", str(fleet), "maintain", "run", "--json")
    rows = _by_target(_lines(out))
    assert rows["node1"]["status"] == "skipped: standby", rows["node1"]
    assert rows["node0"]["status"] in ("ok", "partial")
    assert code == rows["node0"]["exit_code"], err  # standing aside costs nothing: exit 0
    # health reads both nodes
    code, out, err = cli("--fleet", str(fleet), "health", "--json")
    rows = _by_target(_lines(out))
    assert {rows["node0"]["status"], rows["node1"]["status"]} <= {"ok", "findings"}, rows
    # a migration is not stood aside: pgwarden asks the role first and the row says so
    code, out, err = cli("--fleet", str(fleet), "--only", "node1", "migrate", "up", "--json")
    row = _by_target(_lines(out))["node1"]
    assert row["status"] == "failed", row
    assert "migrate up needs the primary: this server is a standby" in row["message"], row


def test_metrics_serve_answers_each_scrape_with_one_session_per_target(
        tmp_path: Path, db_dsn: str, cms_dsn: str, hung_dsn: str) -> None:
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    from pgwarden.local import free_port

    fleet = write_fleet(tmp_path / "fleet.toml", _clusters(plain=db_dsn, cms=cms_dsn,
                                                           hung=hung_dsn))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pgwarden.cli", "--fleet", str(fleet),
                             "--timeout", "2s", "metrics", "--serve", "--listen",
                             f"127.0.0.1:{port}"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "100"})
    try:
        assert proc.stderr is not None
        assert "serving 3 fleet target(s)" in proc.stderr.readline()
        bodies = []
        for _ in range(2):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as resp:
                bodies.append(resp.read().decode())
        for body in bodies:
            assert 'pgwarden_target_up{target="plain"} 1.0' in body
            assert 'pgwarden_target_up{target="hung"} 0.0' in body
            assert 'pgwarden_up{target="cms"} 1.0' in body
        with psycopg.connect(db_dsn, autocommit=True) as conn:  # the pooled session stays, alone
            n = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                             "'pgwarden metrics' AND datname = current_database()").fetchone()
        assert n == (1,)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        if proc.stderr is not None:
            proc.stderr.close()
    assert code == 130  # SIGTERM acts like Ctrl-C


def test_indexes_on_a_fleet_count_the_clusters_replicas(tmp_path: Path, cli: CLI, db_dsn: str,
                                                        stopped_cluster: LocalCluster) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (a int, b int)")
        conn.execute("CREATE INDEX t_b ON t (b)")
    base = f"[[clusters]]\nname = \"c\"\ndsn = {toml_str(db_dsn)}\n" \
           "[clusters.indexes]\nmin_stats_age = \"0\"\n"
    fleet = write_fleet(tmp_path / "alone.toml", base)
    code, out, err = cli("--fleet", str(fleet), "indexes", "--json")
    kinds = {f["index"]: f["kind"] for f in _by_target(_lines(out))["c"]["detail"]["findings"]}
    assert kinds.get("public.t_b") == "unused" and code == 1, (out, err)
    # the same database with a replica that cannot be read: no DROP proposed, 'unknown'
    fleet = write_fleet(tmp_path / "replicated.toml", base + "[clusters.topology]\nreplicas = "
                        f"[{toml_str(stopped_cluster.dsn())}]\n")
    code, out, err = cli("--fleet", str(fleet), "indexes", "--json")
    row = _by_target(_lines(out))["c"]
    kinds = {f["index"]: f["kind"] for f in row["detail"]["findings"]}
    assert kinds.get("public.t_b") == "unknown", row
    assert row["status"] == "ok" and code == 0


def test_writes_go_through_the_clusters_direct_url(tmp_path: Path, cli: CLI, db_dsn: str,
                                                  stopped_cluster: LocalCluster) -> None:
    # the target's DSN (say a pooler) is down; direct_url reaches the server itself
    fleet = write_fleet(tmp_path / "fleet.toml", f"""
[[clusters]]
name = "pooled"
dsn = {toml_str(stopped_cluster.dsn())}
[clusters.topology]
direct_url = {toml_str(db_dsn)}
""")
    code, out, err = cli("--fleet", str(fleet), "maintain", "run", "--json")
    row = _by_target(_lines(out))["pooled"]
    assert row["status"] in ("ok", "partial"), row
    code, out, err = cli("--fleet", str(fleet), "health", "--json")
    assert _by_target(_lines(out))["pooled"]["status"] == "unreachable" and code == 4
