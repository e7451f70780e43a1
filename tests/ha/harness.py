"""Real HA processes for the tests: etcd + a two-node Patroni cluster, and PgBouncer. Each runs
on loopback ports picked free, in a private temp directory owned by the unprivileged OS user the
servers run as (``postgres`` when the tests run as root), and is always stopped (SIGTERM and
wait; ``pg_ctl stop`` as the fallback for Patroni's PostgreSQL).

Facts relied on (Debian 12: patroni 3.0.2, etcd 3.4, pgbouncer 1.18):
- Debian's Patroni imports only under the system Python: call ``/usr/bin/patroni`` and
  ``/usr/bin/patronictl``. etcd 3.4 has the v2 API off, so Patroni uses its ``etcd3:`` key.
- Patroni's ``/replica`` answers 200 before streaming starts: wait for
  ``pg_stat_replication.state = 'streaming'`` on the leader.
- Patroni's PostgreSQL survives a SIGKILL of Patroni; stop Patroni with SIGTERM and wait.
- A PgBouncer that cannot write its log exits 0 without serving: check the port.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from pgwarden.local import RunAs, free_port

PATRONI = Path("/usr/bin/patroni")
PATRONICTL = Path("/usr/bin/patronictl")
ETCD = Path("/usr/bin/etcd")
PGBOUNCER = Path("/usr/sbin/pgbouncer")
PG15_BIN = Path("/usr/lib/postgresql/15/bin")


class HarnessError(RuntimeError):
    pass


def missing(*paths: Path) -> str | None:
    """The reason to skip when a Debian package's binary is absent, else None."""
    for p in paths:
        if not p.exists():
            pkg = {"patroni": "patroni", "patronictl": "patroni", "etcd": "etcd-server",
                   "pgbouncer": "pgbouncer"}.get(p.name, "postgresql-15")
            return f"{p} is absent (apt-get install {pkg})"
    return None


def private_dir(run_as: RunAs, prefix: str) -> Path:
    """A fresh 0700 directory under the temp dir, owned by the servers' OS user."""
    d = Path(tempfile.mkdtemp(prefix=prefix))
    run_as.chown(d)
    return d


def write_private(run_as: RunAs, path: Path, text: str) -> None:
    """A 0600 file owned by the servers' OS user (created exclusively: no symlink followed)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    run_as.chown(path)


def port_listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(what: str, fn: Any, timeout: float, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = fn()
        except Exception as exc:  # noqa: BLE001 - keep polling; the last error is reported
            last = exc
        else:
            if last:
                return last
        time.sleep(interval)
    raise HarnessError(f"timed out after {timeout:g}s waiting for {what} (last: {last!r})")


def stop_process(proc: subprocess.Popen[Any] | None, timeout: float = 20.0) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def http_json(url: str, timeout: float = 2.0) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - loopback http
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        body = exc.read()
        try:
            return exc.code, json.loads(body or b"null")
        except ValueError:
            return exc.code, None


# -- etcd + Patroni -----------------------------------------------------------------------------


@dataclass
class PatroniNode:
    name: str
    pg_port: int
    api_port: int
    config: Path
    data_dir: Path
    proc: subprocess.Popen[Any] | None = None

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"


@dataclass
class PatroniCluster:
    """etcd + two Patroni-managed PostgreSQL 15 nodes on loopback."""

    run_as: RunAs = field(default_factory=RunAs.for_current_process)
    nodes: list[PatroniNode] = field(default_factory=list)
    root: Path | None = None
    etcd: subprocess.Popen[Any] | None = None
    superuser_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    scope: str = field(default_factory=lambda: f"pgw{secrets.token_hex(4)}")

    def dsn(self, node: PatroniNode | str, dbname: str = "postgres") -> str:
        n = self.node(node) if isinstance(node, str) else node
        return make_conninfo("", host="127.0.0.1", port=n.pg_port, user="postgres",
                             password=self.superuser_password, dbname=dbname)

    def node(self, name: str) -> PatroniNode:
        return next(n for n in self.nodes if n.name == name)

    # lifecycle -----------------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> None:
        self.root = private_dir(self.run_as, "pgwarden-patroni-")
        client, peer = free_port(), free_port()
        etcd_dir = self.root / "etcd"
        etcd_dir.mkdir(mode=0o700)
        self.run_as.chown(etcd_dir)
        log = open(self.root / "etcd.log", "wb")  # noqa: SIM115 - closed with the process
        self.etcd = subprocess.Popen(
            [str(ETCD), "--name", "e0", "--data-dir", str(etcd_dir),
             "--listen-client-urls", f"http://127.0.0.1:{client}",
             "--advertise-client-urls", f"http://127.0.0.1:{client}",
             "--listen-peer-urls", f"http://127.0.0.1:{peer}",
             "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer}",
             "--initial-cluster", f"e0=http://127.0.0.1:{peer}",
             "--initial-cluster-state", "new", "--log-level", "warn"],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.root, **self.run_as.popen_kwargs())
        log.close()
        wait_for("etcd", lambda: http_json(f"http://127.0.0.1:{client}/health")[0] == 200, 20)
        repl_pw = secrets.token_urlsafe(16)
        for i in range(2):
            name = f"n{i}"
            ndir = self.root / name
            ndir.mkdir(mode=0o700)
            self.run_as.chown(ndir)
            node = PatroniNode(name, free_port(), free_port(), ndir / "patroni.yml", ndir / "data")
            write_private(self.run_as, node.config, json.dumps(
                self._config(node, ndir, client, repl_pw), indent=1))
            self.nodes.append(node)
        for node in self.nodes:
            self._spawn(node)
            if node is self.nodes[0]:
                wait_for("the first Patroni node to lead", lambda: self.leader() == "n0", timeout)
        self.wait_streaming(timeout)

    def _config(self, node: PatroniNode, ndir: Path, etcd_port: int, repl_pw: str) -> dict[str, Any]:
        # JSON is YAML: Patroni reads this file with its YAML loader.
        params = {"wal_level": "replica", "hot_standby": "on", "max_wal_senders": 5,
                  "max_replication_slots": 5, "wal_keep_size": "64MB", "fsync": "off",
                  "synchronous_commit": "off", "full_page_writes": "on",
                  "unix_socket_directories": str(ndir), "max_connections": 50,
                  "shared_buffers": "32MB", "log_min_messages": "warning"}
        return {
            "scope": self.scope, "namespace": "/pgwarden-test/", "name": node.name,
            "log": {"level": "WARNING", "dir": str(ndir)},
            "restapi": {"listen": f"127.0.0.1:{node.api_port}",
                        "connect_address": f"127.0.0.1:{node.api_port}"},
            "etcd3": {"hosts": f"127.0.0.1:{etcd_port}"},
            "bootstrap": {
                "dcs": {"ttl": 10, "loop_wait": 1, "retry_timeout": 4,
                        "maximum_lag_on_failover": 1048576,
                        "postgresql": {"use_pg_rewind": False, "use_slots": True,
                                       "parameters": params}},
                "initdb": [{"encoding": "UTF8"}, {"locale": "C.UTF-8"}, "no-sync"],
                "pg_hba": ["local all all trust",
                           "host replication replicator 127.0.0.1/32 scram-sha-256",
                           "host all all 127.0.0.1/32 scram-sha-256"],
            },
            "postgresql": {
                "listen": f"127.0.0.1:{node.pg_port}",
                "connect_address": f"127.0.0.1:{node.pg_port}",
                "data_dir": str(node.data_dir), "bin_dir": str(PG15_BIN),
                "pgpass": str(ndir / "pgpass"),
                "authentication": {
                    "superuser": {"username": "postgres", "password": self.superuser_password},
                    "replication": {"username": "replicator", "password": repl_pw}},
                "parameters": {"unix_socket_directories": str(ndir)},
            },
            "tags": {"nofailover": False, "noloadbalance": False, "clonefrom": False,
                     "nosync": False},
        }

    def _spawn(self, node: PatroniNode) -> None:
        assert self.root is not None
        log = open(node.config.parent / "patroni.out", "wb")  # noqa: SIM115
        node.proc = subprocess.Popen([str(PATRONI), str(node.config)], stdout=log,
                                     stderr=subprocess.STDOUT, cwd=node.config.parent,
                                     **self.run_as.popen_kwargs())
        log.close()

    def cluster(self) -> dict[str, Any]:
        for n in self.nodes:
            with contextlib.suppress(OSError, ValueError):
                code, body = http_json(f"{n.api}/cluster")
                if code == 200 and isinstance(body, dict):
                    return body
        return {"members": []}

    def leader(self) -> str | None:
        for m in self.cluster().get("members", []):
            if m.get("role") == "leader" and m.get("state") == "running":
                return str(m["name"])
        return None

    def wait_writable(self, name: str, timeout: float = 30.0) -> None:
        """Until ``name`` leads and accepts writes."""
        def ok() -> bool:
            if self.leader() != name:
                return False
            with psycopg.connect(self.dsn(name), connect_timeout=2, autocommit=True) as c:
                row = c.execute("SELECT pg_is_in_recovery()").fetchone()
                return row is not None and not row[0]
        wait_for(f"{name} to lead and accept writes", ok, timeout, 0.2)

    def wait_streaming(self, timeout: float = 60.0) -> None:
        """Until the leader sees every other member streaming (``/replica`` is 200 earlier)."""
        def ok() -> bool:
            lead = self.leader()
            if lead is None:
                return False
            with psycopg.connect(self.dsn(lead), connect_timeout=2, autocommit=True) as c:
                # pg_basebackup's WAL stream shows as 'streaming' too: count the members
                row = c.execute("SELECT count(*) FROM pg_stat_replication WHERE state = "
                                "'streaming' AND application_name = ANY(%s)",
                                ([n.name for n in self.nodes],)).fetchone()
                return row is not None and row[0] >= len(self.nodes) - 1
        wait_for("the standby to stream", ok, timeout, 0.2)

    def wait_replayed(self, timeout: float = 30.0) -> None:
        """Until every standby has replayed the leader's current WAL position."""
        lead = self.leader()
        assert lead is not None
        with psycopg.connect(self.dsn(lead), autocommit=True) as c:
            row = c.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        assert row is not None
        for n in self.nodes:
            if n.name == lead:
                continue

            def ok(n: PatroniNode = n) -> bool:
                with psycopg.connect(self.dsn(n), autocommit=True, connect_timeout=2) as c:
                    r = c.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                                  (row[0],)).fetchone()
                    return bool(r and r[0])
            wait_for(f"{n.name} to replay", ok, timeout, 0.05)

    def switchover(self, leader: str, candidate: str) -> subprocess.CompletedProcess[str]:
        """``patronictl switchover --force`` (Patroni's own switchover), as the servers' user."""
        return subprocess.run(
            [str(PATRONICTL), "-c", str(self.node(leader).config), "switchover", self.scope,
             "--leader", leader, "--candidate", candidate, "--force"],
            capture_output=True, text=True, timeout=60, cwd=self.node(leader).config.parent,
            check=False, **self.run_as.popen_kwargs())

    def stop(self) -> None:
        for node in self.nodes:   # SIGTERM every member first: they shut down in parallel
            if node.proc is not None and node.proc.poll() is None:
                node.proc.send_signal(signal.SIGTERM)
        for node in self.nodes:
            stop_process(node.proc, 30)
        for node in self.nodes:  # Patroni normally stops its PostgreSQL; make sure of it
            if (node.data_dir / "postmaster.pid").exists():
                subprocess.run([str(PG15_BIN / "pg_ctl"), "-D", str(node.data_dir), "-m",
                                "immediate", "-w", "stop"], capture_output=True, check=False,
                               cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
        stop_process(self.etcd)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def logs(self) -> str:
        out = []
        for node in self.nodes:
            for f in sorted(node.config.parent.glob("*.out")) + sorted(node.config.parent.glob("*.log")):
                with contextlib.suppress(OSError):
                    out.append(f"== {f}\n" + f.read_text(errors="replace")[-3000:])
        return "\n".join(out)


# -- PgBouncer ----------------------------------------------------------------------------------


@dataclass
class PgBouncer:
    """PgBouncer 1.18 on a free loopback port in front of one PostgreSQL server.

    Clients and PgBouncer log in as ``user`` with ``password`` (kept in a 0600 auth_file owned
    by the servers' OS user); PgBouncer reuses it for its server connections."""

    server_port: int
    user: str
    password: str
    pool_mode: str = "transaction"
    pool_size: int = 4
    run_as: RunAs = field(default_factory=RunAs.for_current_process)
    port: int = 0
    root: Path | None = None
    proc: subprocess.Popen[Any] | None = None

    def start(self, timeout: float = 15.0) -> None:
        self.root = private_dir(self.run_as, "pgwarden-pgbouncer-")
        auth = self.root / "userlist.txt"
        write_private(self.run_as, auth, f'"{self.user}" "{self.password}"\n')
        last = ""
        for _attempt in range(3):
            self.port = free_port()
            ini = self.root / f"pgbouncer-{self.port}.ini"
            write_private(self.run_as, ini, "\n".join([
                "[databases]",
                f"* = host=127.0.0.1 port={self.server_port}",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                f"listen_port = {self.port}",
                "unix_socket_dir =",
                "auth_type = scram-sha-256",
                f"auth_file = {auth}",
                f"pool_mode = {self.pool_mode}",
                f"default_pool_size = {self.pool_size}",
                "max_client_conn = 200",
                f"logfile = {self.root / 'pgbouncer.log'}",
                f"pidfile = {self.root / 'pgbouncer.pid'}",
                "ignore_startup_parameters = extra_float_digits",
                "server_reset_query = DISCARD ALL",
                "",
            ]))
            out = open(self.root / "pgbouncer.out", "ab")  # noqa: SIM115
            self.proc = subprocess.Popen([str(PGBOUNCER), str(ini)], stdout=out,
                                         stderr=subprocess.STDOUT, cwd=self.root,
                                         **self.run_as.popen_kwargs())
            out.close()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if port_listening(self.port):
                    return
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
            last = self.log_tail()
            stop_process(self.proc)
        raise HarnessError(f"PgBouncer did not listen on 127.0.0.1:{self.port}: {last}")

    def dsn(self, base_dsn: str, dbname: str | None = None) -> str:
        """``base_dsn`` (the server's) pointed at PgBouncer, as the pooled role."""
        extra: dict[str, Any] = {"host": "127.0.0.1", "port": self.port, "user": self.user,
                                 "password": self.password}
        if dbname:
            extra["dbname"] = dbname
        return make_conninfo(base_dsn, **extra)

    def log_tail(self) -> str:
        if self.root is None:
            return ""
        text = ""
        for name in ("pgbouncer.log", "pgbouncer.out"):
            with contextlib.suppress(OSError):
                text += (self.root / name).read_text(errors="replace")[-1500:]
        return text

    def stop(self) -> None:
        stop_process(self.proc)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
