"""The local cluster on a shared machine: only the OS user who started it gets in, nothing it
writes is readable by others, and a folder another user prepared is never trusted (issue 16,
items 1-4)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgwarden.errors import LocalClusterError
from pgwarden.local import SUPERUSER, LocalCluster, RunAs, find_binaries
from tests.local.helpers import as_user

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another OS user")


@pytest.fixture
def cluster(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalCluster]:
    c = LocalCluster(tmp_path / ".pgwarden", pg_bin=request.config.getoption("--pg-bin"))
    yield c
    c.destroy()


def _nobody() -> tuple[int, int]:
    import pwd

    pw = pwd.getpwnam("nobody")
    return pw.pw_uid, pw.pw_gid


def test_no_password_no_entry(cluster: LocalCluster) -> None:
    """Trust authentication let any local user in as superuser (COPY ... FROM PROGRAM)."""
    st, _ = cluster.start()
    params = conninfo_to_dict(cluster.dsn())
    assert "password" not in params, "the password must live in the passfile, not in the URL"
    bare = f"postgresql://{SUPERUSER}@127.0.0.1:{st.port}/postgres"
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(bare, connect_timeout=5)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(make_conninfo(bare, password="guess"), connect_timeout=5)
    with psycopg.connect(cluster.dsn(), connect_timeout=5) as conn:  # the owner gets in
        assert conn.execute("SELECT current_user").fetchone() == (SUPERUSER,)
    assert stat.S_IMODE(cluster.passfile.stat().st_mode) == 0o600
    assert stat.S_IMODE(cluster.state_file.stat().st_mode) == 0o600
    assert cluster.password() not in cluster.dsn()


@needs_root
def test_another_os_user_cannot_connect(cluster: LocalCluster) -> None:
    """As `nobody`, with the very URL `local url` prints: the passfile is unreadable, the
    server refuses."""
    cluster.start()
    dsn = cluster.dsn("postgres")

    def attempt() -> str:
        with psycopg.connect(dsn, connect_timeout=5) as conn:
            row = conn.execute("SELECT current_user").fetchone()
            return str(row[0]) if row else ""

    outcome, detail = as_user(*_nobody(), attempt)
    assert outcome == "error", f"nobody connected as {detail}"
    assert "password" in detail


def test_files_and_logs_are_private(cluster: LocalCluster) -> None:
    st, _ = cluster.start()
    log = Path(st.log_file)
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(st.data_dir).stat().st_mode) == 0o700
    base_mode = stat.S_IMODE(cluster.base.stat().st_mode)
    assert base_mode & 0o044 == 0, f"state folder readable by others: {base_mode:o}"
    if st.runtime_dir:
        rt = Path(st.runtime_dir)
        assert stat.S_IMODE(rt.stat().st_mode) & 0o066 == 0
        assert rt.stat().st_uid == os.geteuid()
        assert not rt.name.startswith("pgwarden-" + hashlib.sha1(
            str(cluster.base.resolve()).encode()).hexdigest()[:12])


def test_old_logs_are_made_private_on_start(cluster: LocalCluster) -> None:
    st, _ = cluster.start()
    cluster.stop()
    os.chmod(st.log_file, 0o644)
    os.chmod(Path(st.log_file).parent, 0o755)
    cluster.start()
    assert stat.S_IMODE(Path(st.log_file).stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(st.log_file).parent.stat().st_mode) == 0o700


@needs_root
def test_planted_runtime_folder_is_never_used(request: pytest.FixtureRequest) -> None:
    """The old predictable /tmp/pgwarden-<sha1(base)[:12]>: `nobody` creates it first with `log`
    pointing at a root-owned folder; root's start used to chown that folder to postgres."""
    home = Path(tempfile.mkdtemp(prefix="pgw-sec-"))  # 0700: postgres cannot reach base
    victim = Path(tempfile.mkdtemp(prefix="pgw-victim-"))
    base = home / ".pgwarden"
    planted = Path(tempfile.gettempdir()) / \
        f"pgwarden-{hashlib.sha1(str(base.resolve()).encode()).hexdigest()[:12]}"
    uid, gid = _nobody()

    def plant() -> bool:
        planted.mkdir(mode=0o755)
        (planted / "log").symlink_to(victim)
        (planted / "data").symlink_to(victim)
        return True

    assert as_user(uid, gid, plant) == ("ok", True)
    c = LocalCluster(base, pg_bin=request.config.getoption("--pg-bin"))
    try:
        st, _ = c.start()
        assert victim.stat().st_uid == 0, "root handed a folder of its own to the server's user"
        assert not Path(st.data_dir).is_relative_to(planted)
        assert Path(st.runtime_dir or st.data_dir).resolve() != planted.resolve()
    finally:
        c.destroy()
        subprocess.run(["rm", "-rf", "--", str(planted), str(home), str(victim)], check=False)


@needs_root
def test_recorded_runtime_folder_taken_over_is_refused(cluster: LocalCluster) -> None:
    """If the runtime folder that state.json records now belongs to someone else (or is a
    symlink), start refuses in one line instead of using it."""
    st, _ = cluster.start()
    cluster.stop()
    if not st.runtime_dir:
        pytest.skip("the server's user can reach the base folder: no runtime folder is used")
    raw = json.loads(cluster.state_file.read_text())
    fake = Path(tempfile.mkdtemp(prefix="pgw-fake-"))
    os.chown(fake, *_nobody())
    raw["runtime_dir"] = str(fake)
    raw["data_dir"] = str(fake / "data")
    raw["log_file"] = str(fake / "log" / "postgres.log")
    (fake / "data").mkdir()
    (fake / "data" / "PG_VERSION").write_text("15\n")
    cluster.state_file.write_text(json.dumps(raw))
    try:
        with pytest.raises(LocalClusterError, match="belongs to uid"):
            cluster.start()
    finally:
        subprocess.run(["rm", "-rf", "--", str(fake)], check=False)
        raw_back = {**raw, "runtime_dir": st.runtime_dir, "data_dir": st.data_dir,
                    "log_file": st.log_file}
        cluster.state_file.write_text(json.dumps(raw_back))


def test_cluster_made_with_trust_gets_a_password(cluster: LocalCluster) -> None:
    """A cluster created by an older pgwarden (trust, no passfile) is secured on its next start."""
    st, _ = cluster.start()
    cluster.stop()
    data = Path(st.data_dir)
    (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
    raw = json.loads(cluster.state_file.read_text())
    raw["auth"] = "trust"
    cluster.state_file.write_text(json.dumps(raw))
    cluster.passfile.unlink()
    st2, _ = cluster.start()
    assert st2.auth == "scram"
    assert "scram-sha-256" in (data / "pg_hba.conf").read_text()
    assert "trust" not in (data / "pg_hba.conf").read_text().split("\n", 1)[1]
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"postgresql://{SUPERUSER}@127.0.0.1:{st2.port}/postgres",
                        connect_timeout=5)
    with psycopg.connect(cluster.dsn(), connect_timeout=5) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_status_reports_the_running_version_and_a_needed_restart(
        cluster: LocalCluster, request: pytest.FixtureRequest) -> None:
    """state.json's version is what initdb saw; after a package upgrade the binaries on disk
    differ from the running server's: status says so (15.18 was shown while 15.20 ran)."""
    st, _ = cluster.start()
    bins = find_binaries(request.config.getoption("--pg-bin"))
    with psycopg.connect(cluster.dsn()) as conn:
        running = str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]  # type: ignore[index]
    raw = json.loads(cluster.state_file.read_text())
    raw["version"] = "9.9"  # what an older install recorded
    cluster.state_file.write_text(json.dumps(raw))
    status = cluster.status()
    assert status.version == running
    assert not status.restart_needed
    # the binaries on disk are now another release than the one running
    other = "embedded" if "embedded" not in bins.source else "system"
    try:
        other_bins = find_binaries(other)
    except LocalClusterError:
        pytest.skip(f"no {other} PostgreSQL to stand in for upgraded binaries")
    if other_bins.version == running:
        pytest.skip("both PostgreSQL installations have the same version")
    raw["origin_bindir"] = str(other_bins.bindir)
    cluster.state_file.write_text(json.dumps(raw))
    status = cluster.status()
    assert status.restart_needed
    assert f"PostgreSQL {running} is running" in status.note
    assert other_bins.version in status.note
    # stopped and started again: the new version is recorded (origin points at other binaries;
    # put the real ones back before starting)
    cluster.stop()
    raw["origin_bindir"] = None
    cluster.state_file.write_text(json.dumps(raw))
    _, what = cluster.start()
    assert f"upgraded from 9.9 to {bins.version}" in what
    assert cluster.load_state().version == bins.version  # type: ignore[union-attr]


def test_local_psql_dash_d_picks_a_database(cluster: LocalCluster) -> None:
    cluster.start()
    cmd = cluster.psql_command(["-d", "pgwarden_demo", "-c", "SELECT 1"])
    assert conninfo_to_dict(cmd[1])["dbname"] == "pgwarden_demo"
    assert cmd[2:] == ["-c", "SELECT 1"]
    assert "-d" not in cmd
    with pytest.raises(Exception, match="database name"):
        cluster.psql_command(["-d", "postgresql://x@y/z"])


def test_run_as_chown_never_follows_a_symlink(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("chown to another user needs root")
    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    RunAs.for_current_process().chown(link)
    assert target.stat().st_uid == 0
