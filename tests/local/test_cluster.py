"""The embedded default: starting, stopping, root and non-root, stale pid files, port clashes."""

from __future__ import annotations

import os
import pwd
import socket
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.errors import LocalClusterError
from pgwarden.local import LocalCluster, RunAs, find_binaries
from tests.local.helpers import as_user


@pytest.fixture
def cluster(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    c = LocalCluster(tmp_path / ".pgwarden", pg_bin=request.config.getoption("--pg-bin"))
    yield c
    c.destroy()


def _select_one(dsn: str) -> int:
    with psycopg.connect(dsn, connect_timeout=5) as conn:
        return int(conn.execute("SELECT 1").fetchone()[0])  # type: ignore[index]


def test_start_twice_then_stop(cluster: LocalCluster) -> None:
    state, what = cluster.start()
    assert what.startswith("started PostgreSQL")
    assert _select_one(cluster.dsn()) == 1
    again_state, again = cluster.start()
    assert again.startswith("already running")
    assert again_state.port == state.port
    with psycopg.connect(cluster.dsn()) as conn:
        rows = conn.execute("SELECT count(*) FROM pg_stat_statements").fetchone()
        assert rows is not None
        preload = conn.execute("SHOW shared_preload_libraries").fetchone()[0]  # type: ignore[index]
        assert "pg_stat_statements" in preload
    assert cluster.stop().startswith("stopped")
    assert not cluster.status().running
    assert cluster.stop() == "not running"


def test_server_runs_as_unprivileged_user_when_root(cluster: LocalCluster) -> None:
    cluster.start()
    pid = cluster.running_pid()
    assert pid
    owner = Path(f"/proc/{pid}").stat().st_uid
    if os.geteuid() == 0:
        assert owner != 0
        assert pwd.getpwuid(owner).pw_name in ("postgres", "nobody")
        assert cluster.status().run_user in ("postgres", "nobody")
    else:
        assert owner == os.geteuid()


def test_start_as_non_root(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """As root, fork a child that drops to the unprivileged user and starts a cluster there."""
    if os.geteuid() != 0:
        pytest.skip("already running as non-root: every other test covers this path")
    user = RunAs.for_current_process()
    assert user.uid is not None
    bins = find_binaries(request.config.getoption("--pg-bin"))
    if not user.can_traverse(bins.bindir / "postgres"):
        pytest.skip(f"{user.name} cannot reach {bins.bindir}")
    home = tmp_path / "nonroot"
    home.mkdir()
    if not user.can_traverse(home):  # pytest's tmp dirs are 0700: use a shared temp dir
        import tempfile

        home = Path(tempfile.mkdtemp(prefix="pgwarden-nonroot-", dir="/tmp"))
        os.chmod(home, 0o755)
    os.chown(home, user.uid, user.gid or -1)
    def start_stop() -> dict[str, Any]:  # as the unprivileged user: start, report, stop
        c = LocalCluster(home / ".pgwarden", pg_bin=str(bins.bindir))
        try:
            st, what = c.start()
            return {"what": what, "run_user": st.run_user, "one": _select_one(c.dsn()),
                    "data_dir": st.data_dir}
        finally:
            c.stop()  # never leave a server behind, even when the child fails

    # the child cannot read root's interpreter folders: import what loading SQL files needs first
    from pgwarden import sql as sqlfiles

    sqlfiles.load("local/server_version")
    outcome, got = as_user(user.uid, user.gid or 0, start_stop)
    result = got if outcome == "ok" else {"error": got}
    assert "error" not in result, result
    assert result["run_user"] is None  # not root: runs as itself
    assert result["one"] == 1
    assert result["data_dir"].startswith(str(home))
    import shutil

    shutil.rmtree(home, ignore_errors=True)


def test_stale_pid_file_is_recovered(cluster: LocalCluster) -> None:
    state, _ = cluster.start()
    cluster.kill_postmaster()
    deadline = time.time() + 20
    while cluster.running_pid() and time.time() < deadline:
        time.sleep(0.1)
    pidfile = Path(state.data_dir) / "postmaster.pid"
    # make the stale file point at a live process that is not this cluster's postmaster
    lines = pidfile.read_text().splitlines()
    lines[0] = str(os.getpid())
    pidfile.write_text("\n".join(lines) + "\n")
    time.sleep(1)  # let orphaned backends notice the postmaster's death
    _, what = cluster.start()
    assert "removed a stale postmaster.pid" in what
    assert _select_one(cluster.dsn()) == 1


def test_port_clash_picks_another_port(cluster: LocalCluster) -> None:
    state, _ = cluster.start()
    cluster.stop()
    blocker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    blocker.bind(("127.0.0.1", state.port))
    blocker.listen(1)
    try:
        new_state, what = cluster.start()
        assert new_state.port != state.port
        assert f"port {state.port} is taken" in what
        assert _select_one(cluster.dsn()) == 1
        assert cluster.load_state().port == new_state.port  # type: ignore[union-attr]
    finally:
        blocker.close()


def test_bad_pg_bin_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LocalClusterError, match="holds no usable PostgreSQL server binaries"):
        find_binaries(str(tmp_path))


def test_url_when_nothing_runs(tmp_path: Path) -> None:
    with pytest.raises(LocalClusterError, match="no local cluster"):
        LocalCluster(tmp_path / ".pgwarden").dsn()


def test_superuser_search_path_skips_the_pgwarden_schema(cluster: LocalCluster) -> None:
    """Regression: the role "pgwarden" must not create objects in the "pgwarden" state schema."""
    cluster.start()
    with psycopg.connect(cluster.dsn(), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS pgwarden")
        conn.execute("CREATE TABLE where_am_i (x int)")
        schema = conn.execute("SELECT relnamespace::regnamespace::text FROM pg_class "
                              "WHERE relname = 'where_am_i'").fetchone()[0]  # type: ignore[index]
    assert schema == "public"
