"""Streaming standbys of the local primary: ``pgwarden local start --replicas N``.

Each standby is a ``pg_basebackup -R -X stream`` of the primary with a physical replication
slot of its own (``pgwarden_standby<K>``), listening on its own loopback port, run by the same
OS user, reading the password from the server user's 0600 passfile. A hot standby answers read
queries; ``pg_stat_replication`` on the primary says whether it streams.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgwarden import sql as sqlfiles
from pgwarden.errors import LocalClusterError, UsageError
from pgwarden.local._proc import free_port, last_error, postmaster_pid, postmaster_port, run, tail
from pgwarden.local.osuser import make_private_dir

if TYPE_CHECKING:
    from pgwarden.local.cluster import ClusterState, LocalCluster, NodeStatus, StandbyState

MAX_STANDBYS = 5


def ensure(cluster: LocalCluster, st: ClusterState, count: int, *,
           timeout: float = 60.0) -> list[str]:
    """Make and start standbys until ``count`` of them run (never removes any); notes."""
    from pgwarden.local.cluster import StandbyState

    if not 0 <= count <= MAX_STANDBYS:
        raise UsageError(f"--replicas takes 0 to {MAX_STANDBYS}, got {count}")
    notes: list[str] = []
    for k in range(1, count + 1):
        if k <= len(st.standbys):
            sb = st.standbys[k - 1]
        else:
            root = Path(st.data_dir).parent
            sb = StandbyState(name=f"standby{k}", data_dir=str(root / f"standby{k}"),
                              log_file=str(Path(st.log_file).parent / f"standby{k}.log"),
                              port=free_port(), slot=f"pgwarden_standby{k}")
            _create(cluster, st, sb)
            st.standbys.append(sb)
            cluster._save_state(st)
            notes.append(f"created {sb.name} (pg_basebackup, slot {sb.slot})")
        if postmaster_pid(Path(sb.data_dir)):
            continue
        _start(cluster, st, sb, timeout=timeout)
        notes.append(f"{sb.name} streaming on port {sb.port}")
    return notes


def _create(cluster: LocalCluster, st: ClusterState, sb: StandbyState) -> None:
    with cluster._connect(st, "postgres") as conn:
        # The throwaway primary runs with full_page_writes off. A standby needs it on: WAL
        # records that change a page the standby does not have yet then carry the whole page.
        # Without it, generic WAL (RUM, bloom) that extends an index is replayed against a
        # page that does not exist, and the standby stops with "WAL contains references to
        # invalid pages" (seen with revision 0006's RUM index and the demo's seed).
        conn.execute(sqlfiles.load("local/full_page_writes_on"))
        conn.execute(sqlfiles.load("local/reload"))
        if not conn.execute(sqlfiles.load("local/slot_exists"), {"slot": sb.slot}).fetchone():
            conn.execute(sqlfiles.load("local/create_slot"), {"slot": sb.slot})
    make_private_dir(Path(sb.data_dir), run_as=cluster.run_as, what="standby data directory")
    conninfo = (f"host=127.0.0.1 port={st.port} user=pgwarden application_name={sb.name} "
                f"passfile={cluster.server_passfile(st)}")
    run([str(Path(st.bindir) / "pg_basebackup"), "-D", sb.data_dir, "-R", "-S", sb.slot,
         "-X", "stream", "--no-sync", "-c", "fast", "-d", conninfo],
        cwd=tempfile.gettempdir(), **cluster.run_as.popen_kwargs())


def _start(cluster: LocalCluster, st: ClusterState, sb: StandbyState, *,
           timeout: float = 60.0) -> None:
    for attempt in range(3):
        if attempt:
            sb.port = free_port()
            cluster._save_state(st)
        else:
            sb.port = free_port(sb.port)
        out = cluster.pg_ctl_start(sb.data_dir, sb.log_file, sb.port, st, timeout=timeout)
        if out.returncode == 0:
            break
        log = tail(Path(sb.log_file), 20)
        if "could not bind" in log or "Address already in use" in log:
            continue
        raise LocalClusterError(f"{sb.name} did not start: "
                                f"{last_error(log) or (out.stderr or out.stdout).strip()}",
                                hint=f"see {sb.log_file}")
    cluster._save_state(st)
    wait_streaming(cluster, st, sb.name, timeout=timeout)


def wait_streaming(cluster: LocalCluster, st: ClusterState, name: str, *,
                   timeout: float = 60.0) -> None:
    """Wait until the primary sees standby ``name`` streaming."""
    deadline = time.monotonic() + timeout
    while True:
        rows = replication_rows(cluster, st)
        if rows.get(name, {}).get("state") == "streaming":
            return
        if time.monotonic() > deadline:
            raise LocalClusterError(f"{name} did not start streaming within {timeout:.0f} s")
        time.sleep(0.1)


def replication_rows(cluster: LocalCluster, st: ClusterState) -> dict[str, dict[str, Any]]:
    """``pg_stat_replication`` on the primary, by application_name ({} when it is down)."""
    import psycopg
    from psycopg.rows import dict_row

    try:
        with cluster._connect(st, "postgres") as conn:
            cur = conn.cursor(row_factory=dict_row)
            return {r["application_name"]: r
                    for r in cur.execute(sqlfiles.load("local/replication")).fetchall()}
    except psycopg.Error:
        return {}


def stop_all(cluster: LocalCluster, st: ClusterState, *, mode: str = "fast",
             timeout: float = 60.0) -> int:
    stopped = 0
    for sb in st.standbys:
        if postmaster_pid(Path(sb.data_dir)):
            cluster.pg_ctl_stop(st, sb.data_dir, mode=mode, timeout=timeout)
            stopped += 1
    return stopped


def stop_one(cluster: LocalCluster, st: ClusterState, node: int, *, mode: str = "fast") -> str:
    if not 1 <= node <= len(st.standbys):
        raise UsageError(f"node {node} is not a standby of this local cluster "
                         f"({len(st.standbys)} standby(s))")
    sb = st.standbys[node - 1]
    pid = postmaster_pid(Path(sb.data_dir))
    if not pid:
        return f"{sb.name} not running"
    cluster.pg_ctl_stop(st, sb.data_dir, mode=mode)
    return f"{sb.name} stopped (was pid {pid})"


def node_statuses(cluster: LocalCluster, st: ClusterState, *,
                  primary_pid: int | None) -> list[NodeStatus]:
    from pgwarden.local.cluster import DBNAME, NodeStatus

    nodes = [NodeStatus(node=0, name="primary", role="primary" if primary_pid else "stopped",
                        running=bool(primary_pid), pid=primary_pid,
                        port=(postmaster_port(Path(st.data_dir)) or st.port) if primary_pid
                        else st.port, data_dir=st.data_dir,
                        dsn=cluster.dsn(DBNAME, st) if primary_pid else None)]
    rows = replication_rows(cluster, st) if primary_pid and st.standbys else {}
    for k, sb in enumerate(st.standbys, start=1):
        pid = postmaster_pid(Path(sb.data_dir))
        row = rows.get(sb.name, {})
        lag_s = row.get("replay_lag_s")
        nodes.append(NodeStatus(
            node=k, name=sb.name, role="standby" if pid else "stopped", running=bool(pid),
            pid=pid, port=sb.port, data_dir=sb.data_dir,
            dsn=cluster.dsn(DBNAME, st, node=k) if pid else None,
            replay_lag_bytes=row.get("replay_lag_bytes"),
            replay_lag_s=float(lag_s) if lag_s is not None else None,
            state=row.get("state")))
    return nodes
