"""`pgwarden local start --replicas N`: real hot standbys streaming from the local primary."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pgwarden.errors import UsageError
from pgwarden.local import LocalCluster


@pytest.fixture(scope="module")
def replicated(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    base = tmp_path_factory.mktemp("replicated") / ".pgwarden"
    c = LocalCluster(base, pg_bin=request.config.getoption("--pg-bin"))
    try:
        yield c
    finally:
        c.destroy()


def _cli(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pgwarden.cli", "local", *args, "--dir",
                           str(base)], capture_output=True, text=True, timeout=180)


def test_start_with_a_replica_streams(replicated: LocalCluster) -> None:
    out = _cli(replicated.base, "start", "--replicas", "1")
    assert out.returncode == 0, out.stderr
    assert "standby1 streaming on port" in out.stdout
    st = replicated.load_state()
    assert st is not None and len(st.standbys) == 1
    with psycopg.connect(replicated.dsn(node=1), autocommit=True) as sb, \
            psycopg.connect(replicated.dsn(node=0), autocommit=True) as pr:
        assert sb.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
        assert pr.execute("SELECT pg_is_in_recovery()").fetchone() == (False,)
        slot = pr.execute("SELECT active FROM pg_replication_slots WHERE slot_name = "
                          "'pgwarden_standby1'").fetchone()
        assert slot == (True,)
        pr.execute("CREATE TABLE IF NOT EXISTS replicated_probe (x int)")
        pr.execute("INSERT INTO replicated_probe VALUES (42)")
        deadline = time.monotonic() + 20
        while True:
            try:
                row = sb.execute("SELECT max(x) FROM replicated_probe").fetchone()
            except psycopg.errors.UndefinedTable:
                row = None
            if row == (42,):
                break
            assert time.monotonic() < deadline, "the standby never replayed the insert"
            time.sleep(0.1)
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            sb.execute("INSERT INTO replicated_probe VALUES (1)")


def test_status_lists_every_node_with_role_and_lag(replicated: LocalCluster) -> None:
    _cli(replicated.base, "start", "--replicas", "1")
    out = _cli(replicated.base, "status", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    roles = [(n["node"], n["role"]) for n in data["nodes"]]
    assert roles == [(0, "primary"), (1, "standby")]
    standby = data["nodes"][1]
    assert standby["state"] == "streaming"
    assert isinstance(standby["replay_lag_bytes"], int) and standby["replay_lag_bytes"] >= 0
    assert standby["pid"] and standby["dsn"]
    text = _cli(replicated.base, "status").stdout
    assert "standby1  standby" in text and "streaming" in text


def test_url_node_and_db(replicated: LocalCluster) -> None:
    _cli(replicated.base, "start", "--replicas", "1")
    out = _cli(replicated.base, "url", "--node", "1", "--db", "postgres")
    assert out.returncode == 0, out.stderr
    url = out.stdout.strip()
    st = replicated.load_state()
    assert st is not None
    assert f":{st.standbys[0].port}/postgres?passfile=" in url
    bad = _cli(replicated.base, "url", "--node", "7")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "node 7" in bad.stderr
    with pytest.raises(UsageError):
        replicated.dsn(node=3)


def test_stop_one_standby_then_all(replicated: LocalCluster) -> None:
    _cli(replicated.base, "start", "--replicas", "1")
    out = _cli(replicated.base, "stop", "--node", "1")
    assert out.returncode == 0 and "standby1 stopped" in out.stdout
    data = json.loads(_cli(replicated.base, "status", "--json").stdout)
    assert [n["role"] for n in data["nodes"]] == ["primary", "stopped"]
    again = _cli(replicated.base, "start")  # a plain start brings the known standbys back
    assert again.returncode == 0, again.stderr
    data = json.loads(_cli(replicated.base, "status", "--json").stdout)
    assert [n["role"] for n in data["nodes"]] == ["primary", "standby"]
    out = _cli(replicated.base, "stop")
    assert "1 standby(s) stopped" in out.stdout
    data = json.loads(_cli(replicated.base, "status", "--json").stdout)
    assert not any(n["running"] for n in data["nodes"])
