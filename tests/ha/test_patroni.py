"""Commands that know the node's role, on a real Patroni cluster (etcd + two PostgreSQL 15).

One cron entry on every node: ``maintain`` stands aside on the standby (exit 0, ``skipped:
standby`` in text, JSON and the metrics file); ``migrate`` refuses there (exit 2, naming the
primary). A switchover in the middle of ``maintain cleanup`` or ``migrate up`` stops the run
(exit 3, the run recorded as interrupted, never left 'running'); the re-run on the new primary
converges: exact row counts, head reached, no INVALID index.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.config import Duration
from pgwarden.errors import EXIT_UNAVAILABLE
from pgwarden.maintenance import Options, run_tasks
from pgwarden.maintenance.settings import CleanupPolicy, CleanupSettings, MaintenanceSettings
from pgwarden.topology import TopologySettings
from pgwarden.topology.guard import Interrupted
from pgwarden.topology.patroni import PatroniError, is_primary, read_cluster
from pgwarden.topology.role import StandbyError
from tests.ha.harness import PatroniCluster

Cli = Callable[..., tuple[int, str, str]]

FRESH, EXPIRED = 500, 6000


def _standby(p: PatroniCluster) -> str:
    lead = p.leader()
    return next(n.name for n in p.nodes if n.name != lead)


def _toml(tmp_path: Path, p: PatroniCluster, extra: str = "") -> str:
    path = tmp_path / "pgwarden.toml"
    path.write_text(f'[topology]\npatroni = "{p.nodes[0].api}"\n{extra}')
    return str(path)


def test_rest_client_reads_members_roles_and_leader(patroni: PatroniCluster) -> None:
    lead = patroni.leader()
    view = read_cluster(patroni.nodes[1].api)
    assert view.leader is not None and view.leader.name == lead
    assert {m.name for m in view.members} == {"n0", "n1"}
    node = patroni.node(lead or "n0")
    assert view.member_at("localhost", node.pg_port) == view.leader
    assert is_primary(node.api) is True
    assert is_primary(patroni.node(_standby(patroni)).api) is False


def test_patroni_url_that_does_not_answer_is_one_line_exit_4(cli: Cli, tmp_path: Path,
                                                           patroni: PatroniCluster) -> None:
    from pgwarden.local import free_port

    with pytest.raises(PatroniError) as info:
        read_cluster(f"http://127.0.0.1:{free_port()}", timeout=1)
    assert info.value.exit_code == EXIT_UNAVAILABLE
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text(f'[topology]\npatroni = "http://u:s3cretpw@127.0.0.1:{free_port()}"\n')
    code, out, err = cli("--config", str(cfg), "--dsn", patroni.dsn(patroni.leader() or "n0"),
                         "maintain", "vacuum")
    assert code == EXIT_UNAVAILABLE, err
    assert len(err.strip().splitlines()) == 1 and "does not answer" in err
    assert "Traceback" not in err and "s3cretpw" not in err


def test_patroni_url_that_is_not_patroni_is_one_line(patroni: PatroniCluster) -> None:
    from pgwarden.errors import ConfigError
    from pgwarden.topology.patroni import check_url

    with pytest.raises(ConfigError) as bad:
        check_url("postgresql://127.0.0.1:5432")
    assert bad.value.exit_code == 2
    # a PostgreSQL port answers no HTTP: one line, exit 4, no traceback
    with pytest.raises(PatroniError) as info:
        read_cluster(f"http://127.0.0.1:{patroni.nodes[0].pg_port}", timeout=2)
    assert info.value.exit_code == EXIT_UNAVAILABLE
    assert len(str(info.value).splitlines()) == 1


def test_maintain_on_the_standby_stands_aside(cli: Cli, tmp_path: Path, patroni: PatroniCluster,
                                              patroni_db: str) -> None:
    standby = _standby(patroni)
    dsn = patroni.dsn(standby, patroni_db)
    metrics = tmp_path / "maintain.prom"
    # without [topology]: pg_is_in_recovery() alone
    code, out, err = cli("--dsn", dsn, "maintain", "run", "--metrics-file", str(metrics))
    assert code == 0, err
    assert out.startswith("skipped: standby: maintain run needs the primary: this server is a "
                          "standby (in recovery)"), out
    assert f"{patroni.node(patroni.leader() or 'n0').pg_port}" in out  # pg_stat_wal_receiver
    text = metrics.read_text()
    for task in ("cleanup", "vacuum", "refresh", "reindex"):
        assert f'pgwarden_maintenance_skipped_standby_last_run{{task="{task}"}} 1.0' in text
        assert f'pgwarden_maintenance_last_exit_code{{task="{task}"}} 0.0' in text
    # with [topology] patroni: the leader named by Patroni; JSON says the same
    code, out, err = cli("--config", _toml(tmp_path, patroni), "--dsn", dsn, "maintain",
                         "cleanup", "--json")
    assert code == 0, err
    lines = [json.loads(ln) for ln in out.splitlines()]
    assert lines[0]["status"] == "skipped: standby" and lines[0]["exit_code"] == 0
    assert f"the primary is {patroni.leader()} (127.0.0.1:" in lines[0]["reason"]
    # nothing was written anywhere: the standby is read-only, the primary has no run rows
    with psycopg.connect(patroni.dsn(patroni.leader() or "n0", patroni_db)) as c:
        assert c.execute("SELECT to_regclass('pgwarden.task_runs')").fetchone() == (None,)


def test_migrate_on_the_standby_exits_2_naming_the_primary(cli: Cli, tmp_path: Path,
                                                          patroni: PatroniCluster,
                                                          patroni_db: str) -> None:
    dsn = patroni.dsn(_standby(patroni), patroni_db)
    code, out, err = cli("--config", _toml(tmp_path, patroni), "--dsn", dsn, "migrate", "up")
    assert code == 2, (out, err)
    lead = patroni.leader()
    assert err.strip() == (f"pgwarden: error: migrate up needs the primary: this server is a "
                           f"standby (in recovery); the primary is {lead} (127.0.0.1:"
                           f"{patroni.node(lead or 'n0').pg_port})"), err


def _seed_cleanup_table(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL)")
        c.execute("INSERT INTO events SELECT g, now() - interval '400 days' - g * interval '1 s' "
                  "FROM generate_series(1, %s::int) g", (EXPIRED,))
        c.execute("INSERT INTO events SELECT g, now() - interval '1 day' FROM "
                  "generate_series(%s::int, %s::int) g", (EXPIRED + 1, EXPIRED + FRESH))


def ids(dsn: str) -> list[tuple[int]]:
    with psycopg.connect(dsn) as c:
        return c.execute("SELECT id FROM pgwarden.task_runs ORDER BY id").fetchall()


def _counts(dsn: str) -> tuple[int, int]:
    with psycopg.connect(dsn) as c:
        row = c.execute("SELECT count(*) FILTER (WHERE created_at < now() - interval '365 days'),"
                        " count(*) FILTER (WHERE created_at >= now() - interval '365 days') "
                        "FROM events").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


class Background:
    def __init__(self, fn: Callable[[], Any]):
        self.value: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self.thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.value = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            self.error = exc

    def join(self, timeout: float = 60) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the run did not stop"


def _wait_until(what: str, fn: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if fn():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize("with_patroni", [True, False], ids=["patroni", "server-only"])
def test_switchover_during_cleanup_stops_cleanly_and_rerun_converges(
        patroni: PatroniCluster, patroni_db: str, with_patroni: bool) -> None:
    old = patroni.leader()
    assert old is not None
    new = _standby(patroni)
    old_dsn, new_dsn = patroni.dsn(old, patroni_db), patroni.dsn(new, patroni_db)
    _seed_cleanup_table(old_dsn)
    assert _counts(old_dsn) == (EXPIRED, FRESH)
    # without [topology] patroni the lost connection is a switchover once the old primary
    # answers as a standby; its rows are closed by the next run on the new primary
    topology = TopologySettings(patroni=patroni.nodes[0].api) if with_patroni else None
    settings = MaintenanceSettings(cleanup=CleanupSettings(
        batch_size=50, pause=Duration("20ms"),
        policies=[CleanupPolicy(table="events", time_column="created_at",
                                older_than=Duration("365d"))]))
    run = Background(lambda: run_tasks(old_dsn, ["cleanup"], settings, Options(progress=False),
                                       topology=topology, lock_name="run"))
    _wait_until("the cleanup to delete some rows", lambda: _counts(old_dsn)[0] < EXPIRED - 200)
    switched = patroni.switchover(old, new)
    assert switched.returncode == 0, switched.stdout + switched.stderr
    run.join()
    assert run.error is None, run.error
    report = run.value
    assert report.exit_code == 3 and report.role_change, report
    assert report.status == "interrupted" and report.interrupted == "cleanup"
    assert report.role_change.startswith("maintain run interrupted: ")
    if with_patroni:   # Patroni (or the old primary, back as a standby) names the new leader
        assert f"the primary is now {new} (127.0.0.1:" in report.role_change, report.role_change
    patroni.wait_writable(new)
    expired_left, fresh = _counts(new_dsn)
    assert fresh == FRESH                          # nothing inside the retention window deleted
    assert 0 < expired_left < EXPIRED - 200        # stopped mid-way
    # the interrupted run reports exactly what it deleted before the switchover
    assert sum(r.rows for r in report.results) == EXPIRED - expired_left
    assert report.results[0].outcomes[-1].outcome in ("skipped", "failed")
    with psycopg.connect(new_dsn) as c:
        rows = c.execute("SELECT task, outcome, detail->>'interrupted' FROM pgwarden.task_runs "
                         "ORDER BY id").fetchall()
    if with_patroni:
        # recorded on the new primary right away (Patroni named it): never left 'running'
        assert [r[:2] for r in rows] == [("run", "failed"), ("cleanup", "failed")], rows
        assert all(r[2] and ("stopped being the primary" in r[2] or "lost the connection" in r[2])
                   for r in rows), rows
    else:
        assert [r[:2] for r in rows] == [("run", "running"), ("cleanup", "running")], rows
    # the next run, on the new primary, converges (and closes rows a switchover left open)
    again = run_tasks(new_dsn, ["cleanup"], settings, Options(progress=False), topology=topology)
    assert again.exit_code == 0 and not again.role_change
    assert sorted(again.reaped) == ([] if with_patroni else [r[0] for r in ids(new_dsn)[:2]])
    with psycopg.connect(new_dsn) as c:
        assert c.execute("SELECT count(*) FROM pgwarden.task_runs WHERE outcome = 'running'"
                         ).fetchone() == (0,)
    assert sum(r.rows for r in again.results) == expired_left
    assert _counts(new_dsn) == (0, FRESH)
    # ... and the old leader, now a standby, stands aside
    patroni.wait_streaming()
    aside = run_tasks(old_dsn, ["cleanup"], settings, Options(progress=False), topology=topology)
    assert aside.standby and aside.exit_code == 0 and not aside.results[0].outcomes


def test_switchover_during_migrate_up_stops_and_rerun_reaches_head(
        patroni: PatroniCluster, patroni_db: str) -> None:
    from pgwarden import migrate

    old = patroni.leader()
    assert old is not None
    new = _standby(patroni)
    old_dsn, new_dsn = patroni.dsn(old, patroni_db), patroni.dsn(new, patroni_db)
    topology = TopologySettings(patroni=patroni.nodes[0].api)
    head = migrate.script_directory().get_current_head()
    migrate.upgrade(old_dsn, "0001", on_notice=lambda t: None, topology=topology)
    # an open REPEATABLE READ snapshot: 0002's CREATE INDEX CONCURRENTLY commits its INVALID
    # index, then waits for that snapshot; the switchover lands right there
    blocker = psycopg.connect(old_dsn)
    blocker.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    blocker.execute("SELECT 1")
    steps: list[str] = []
    run = Background(lambda: migrate.upgrade(
        old_dsn, "head", topology=topology, on_notice=lambda t: None,
        on_step=lambda s: steps.append(s.revision)))
    try:
        _wait_until("the index build to wait for the snapshot", lambda: _waiting(old_dsn))
        switched = patroni.switchover(old, new)
        assert switched.returncode == 0, switched.stdout + switched.stderr
        run.join()
    finally:
        blocker.close()
    assert isinstance(run.error, Interrupted), run.error
    assert run.error.exit_code == 3
    print("\ninterrupted:", run.error)
    patroni.wait_writable(new)
    st = migrate.status(new_dsn)
    # the killed build left its INVALID index, replicated to the new primary
    assert st.current == ("0001",) and [i["index"] for i in st.invalid_indexes] == [
        "workshops_search_vector_idx"], st
    notices: list[str] = []
    report = migrate.upgrade(new_dsn, "head", on_notice=notices.append, topology=topology)
    assert [s.revision for s in report.steps][0] == "0002"
    assert any("was INVALID" in n for n in notices), notices
    st = migrate.status(new_dsn)
    assert st.current == (head,) and not st.invalid_indexes and st.clean, st
    patroni.wait_streaming()
    with pytest.raises(StandbyError):   # the old leader is a standby now
        migrate.upgrade(old_dsn, "head", on_notice=lambda t: None, topology=topology)


def _waiting(dsn: str) -> bool:
    with psycopg.connect(dsn, autocommit=True) as c:
        row = c.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE "
                        "'pgwarden%%' AND wait_event = 'virtualxid'").fetchone()
    return bool(row and row[0])
