"""The one connection layer: every pgwarden connection comes from here.

It sets ``application_name``, ``lock_timeout`` and ``statement_timeout``, turns libpq's
multi-line errors into one redacted line with the right exit code, reads the server's facts
once (``ServerFacts``), and holds the session advisory locks that keep two runs of the same
task apart.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row

from pgwarden import sql as sqlfiles
from pgwarden.config import pg_duration
from pgwarden.errors import (
    ConnectError,
    LockHeld,
    MissingExtension,
    PermissionDenied,
    PgwardenError,
    UsageError,
)

APPLICATION_NAME = "pgwarden"
# the predefined role that lets a non-superuser read shared_preload_libraries (pg_monitor has it)
SETTINGS_ROLE = "pg_read_all_settings"

# -- redaction -------------------------------------------------------------------------------

_URL_PASSWORD = re.compile(r"(?P<pre>\b[a-z][a-z0-9+.\-]*://[^:/@\s]*:)(?P<pw>[^@\s]*)(?=@)", re.I)
_KV_PASSWORD = re.compile(r"(?P<pre>\bpassword\s*=\s*)(?P<pw>'(?:[^'\\]|\\.)*'|[^\s'\"]+)", re.I)
_QUERY_PASSWORD = re.compile(r"(?P<pre>[?&]password=)(?P<pw>[^&\s]*)", re.I)
MASK = "***"

_known_secrets: set[str] = set()


def remember_secret(secret: str | None) -> None:
    """Register a password so that any message containing it verbatim gets it masked."""
    if secret and len(secret) >= 3:
        _known_secrets.add(secret)


def redact(text: str) -> str:
    """``text`` with every password masked: URL userinfo, ``password=``, and known secrets."""
    text = _URL_PASSWORD.sub(lambda m: m.group("pre") + MASK, text)
    text = _KV_PASSWORD.sub(lambda m: m.group("pre") + MASK, text)
    text = _QUERY_PASSWORD.sub(lambda m: m.group("pre") + MASK, text)
    for secret in sorted(_known_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def describe_target(dsn: str) -> str:
    """``user@host:port/dbname`` for messages (never the password); libpq defaults filled in."""
    try:
        params = conninfo_to_dict(dsn) if dsn else {}
    except psycopg.ProgrammingError:
        return "<unparsable DSN>"
    import os

    host = str(params.get("host") or os.environ.get("PGHOST") or "local socket")
    port = str(params.get("port") or os.environ.get("PGPORT") or "5432")
    user = str(params.get("user") or os.environ.get("PGUSER") or "")
    db = str(params.get("dbname") or os.environ.get("PGDATABASE") or user or "")
    who = f"{user}@" if user else ""
    return f"{who}{host}:{port}/{db}"


# -- connecting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeouts:
    """Per-connection timeouts in seconds; ``None``/0 turns one off."""

    lock_timeout: float | None = 2.0
    statement_timeout: float | None = None
    connect_timeout: float = 10.0
    idle_in_transaction_session_timeout: float | None = None


def check_dsn(dsn: str) -> dict[str, Any]:
    """Parse ``dsn`` (raising a one-line UsageError on bad syntax) and remember its password."""
    try:
        params = conninfo_to_dict(dsn) if dsn else {}
    except psycopg.ProgrammingError as exc:
        raise UsageError(f"bad DSN syntax: {one_line(str(exc))}") from None
    remember_secret(str(params.get("password") or ""))
    import os

    remember_secret(os.environ.get("PGPASSWORD"))
    return params


def connect(
    dsn: str,
    *,
    timeouts: Timeouts | None = None,
    autocommit: bool = True,
    application_name: str = APPLICATION_NAME,
    dbname: str | None = None,
    row_factory: Any = dict_row,
) -> psycopg.Connection[Any]:
    """A psycopg connection with pgwarden's session settings; failures become ConnectError."""
    t = timeouts or Timeouts()
    check_dsn(dsn)
    extra: dict[str, Any] = {"application_name": application_name,
                             "connect_timeout": max(1, int(round(t.connect_timeout)))}
    if dbname:
        extra["dbname"] = dbname
    try:
        conninfo = make_conninfo(dsn, **extra)
    except psycopg.ProgrammingError as exc:
        raise UsageError(f"bad DSN syntax: {one_line(str(exc))}") from None
    try:
        # No server-side prepared statements, ever: behind PgBouncer in transaction mode a
        # statement psycopg prepared (after 5 runs) lives on one server connection and the next
        # transaction may land on another ('prepared statement "_pg3_0" does not exist').
        # pgwarden's queries are catalog reads and batches, where parsing costs nothing.
        conn: psycopg.Connection[Any] = psycopg.connect(
            conninfo, autocommit=True, row_factory=row_factory, prepare_threshold=None
        )
    except psycopg.OperationalError as exc:
        raise connect_error(exc, dsn) from None
    except psycopg.ProgrammingError as exc:
        raise UsageError(f"bad DSN syntax: {one_line(str(exc))}") from None
    with conn.cursor() as cur:
        cur.execute(
            "SELECT set_config('lock_timeout', %s, false),"
            " set_config('statement_timeout', %s, false),"
            " set_config('idle_in_transaction_session_timeout', %s, false)",
            (
                pg_duration(t.lock_timeout),
                pg_duration(t.statement_timeout),
                pg_duration(t.idle_in_transaction_session_timeout),
            ),
        )
    conn.autocommit = autocommit
    return conn


@contextmanager
def session(dsn: str, **kwargs: Any) -> Iterator[psycopg.Connection[Any]]:
    """``connect(...)`` as a context manager that always closes the connection."""
    conn = connect(dsn, **kwargs)
    try:
        yield conn
    finally:
        conn.close()


def one_line(text: str) -> str:
    """libpq's multi-line messages folded into one redacted line."""
    lines = [ln.strip() for ln in str(text).strip().splitlines() if ln.strip()]
    return redact(" ".join(lines))


def connect_error(exc: BaseException, dsn: str) -> PgwardenError:
    """A one-line, redacted ConnectError (exit 4) that says what went wrong and what to try."""
    raw = str(exc)
    target = redact(describe_target(dsn))
    low = raw.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        m = re.search(r'password authentication failed for user "([^"]+)"', raw)
        user = m.group(1) if m else "this user"
        reason = ("no password supplied" if "no password supplied" in low
                  else f"password authentication failed for user {user!r}")
        return ConnectError(f"cannot connect to {target}: {reason}",
                            hint="check the password in the DSN, PGPASSWORD or ~/.pgpass")
    m = re.search(r'database "([^"]+)" does not exist', raw)
    if m:
        return ConnectError(f"cannot connect to {target}: database {m.group(1)!r} does not exist",
                            hint="create it or pass another --dsn")
    m = re.search(r'role "([^"]+)" does not exist', raw)
    if m:
        return ConnectError(f"cannot connect to {target}: role {m.group(1)!r} does not exist")
    if "pg_hba.conf" in low:
        return ConnectError(f"cannot connect to {target}: rejected by the server's pg_hba.conf",
                            hint="ask the DBA to allow this host/user")
    if "connection refused" in low:
        return ConnectError(f"cannot connect to {target}: connection refused",
                            hint="is the server running and listening there?")
    if "could not translate host name" in low or "name or service not known" in low:
        return ConnectError(f"cannot connect to {target}: unknown host")
    if "timeout expired" in low or "timed out" in low:
        return ConnectError(f"cannot connect to {target}: timed out")
    if "no such file or directory" in low and "socket" in low:
        return ConnectError(f"cannot connect to {target}: no server on the local socket",
                            hint="pass --dsn or set DATABASE_URL / PGHOST")
    if "too many connections" in low or "remaining connection slots" in low:
        return ConnectError(f"cannot connect to {target}: the server has no free connection slots")
    if "the database system is starting up" in low or "shutting down" in low:
        return ConnectError(f"cannot connect to {target}: {one_line(raw)}")
    return ConnectError(f"cannot connect to {target}: {one_line(raw)}")


def connection_lost(exc: BaseException) -> bool:
    """True when ``exc`` means the session is gone: terminated by the server (SQLSTATE class 57:
    pg_terminate_backend, shutdown, crash) or lost by libpq (no SQLSTATE). Decided by class and
    SQLSTATE, never by the message's words, which the server and libpq translate."""
    if isinstance(exc, pgerrors.AdminShutdown | pgerrors.CrashShutdown):
        return True
    return isinstance(exc, psycopg.OperationalError) and exc.sqlstate is None


def translate_error(exc: BaseException, dsn: str = "") -> PgwardenError | None:
    """Map a psycopg error that escaped a command to a one-line PgwardenError, or None."""
    if isinstance(exc, pgerrors.InsufficientPrivilege):
        text = one_line(exc.diag.message_primary or str(exc))
        if not text.lower().startswith("permission denied"):
            text = f"permission denied: {text}"
        return PermissionDenied(text,
                                hint="see docs/privileges.md for the grants each command needs")
    if isinstance(exc, pgerrors.UndefinedFile):
        return MissingExtension(f"the server is missing a file: {one_line(str(exc))}")
    if isinstance(exc, pgerrors.FeatureNotSupported | pgerrors.UndefinedObject) and (
            exc.diag.source_file or "").endswith("extension.c"):
        # "extension ... is not available" / "does not exist": told apart by where the server
        # raised it, never by the words (a server with lc_messages = de_DE says "Erweiterung")
        return MissingExtension(one_line(str(exc)))
    if isinstance(exc, pgerrors.AdminShutdown | pgerrors.CrashShutdown):
        return ConnectError(f"the server closed the connection: {one_line(str(exc))}")
    if isinstance(exc, psycopg.OperationalError):
        if exc.sqlstate is None:
            # raised by libpq, not by the server (which always sends a SQLSTATE): the
            # connection failed or was lost; without the DSN it was lost mid-command
            return connect_error(exc, dsn) if dsn else ConnectError(
                f"lost the connection to the server: {one_line(str(exc))}")
        if isinstance(exc, pgerrors.QueryCanceled):
            return PgwardenError(f"statement cancelled: {one_line(str(exc))}",
                                 hint="raise statement_timeout in pgwarden.toml ([timeouts] or the "
                                      "command's section), or run when the server is less busy")
        if isinstance(exc, pgerrors.LockNotAvailable):
            return LockHeld(f"a lock stayed busy: {one_line(str(exc))}",
                            hint="another session holds it; try again later")
        # the connection works: this is not 'cannot connect' (exit 4)
        return PgwardenError(f"database error: {one_line(str(exc))}")
    if isinstance(exc, psycopg.Error):
        return PgwardenError(f"database error: {one_line(str(exc))}")
    return None


# -- server facts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerFacts:
    """What pgwarden needs to know about a server, read once per command and passed along."""

    version_num: int
    version: str
    database: str
    user: str
    is_superuser: bool
    roles: frozenset[str]
    shared_preload_libraries: tuple[str, ...]
    available_extensions: Mapping[str, str] = field(default_factory=dict)
    installed_extensions: Mapping[str, str] = field(default_factory=dict)
    can_create_in_database: bool = False
    can_create_in_public: bool = False
    shared_preload_visible: bool = True
    # asked only when shared_preload_libraries is hidden and the extension is created here:
    # whether the pg_stat_statements view answers (None: not asked)
    pg_stat_statements_answers: bool | None = None

    @property
    def major(self) -> int:
        return self.version_num // 10000

    @property
    def has_client_connection_check(self) -> bool:
        """``client_connection_check_interval`` (PostgreSQL 14+)."""
        return self.version_num >= 140000

    def preloaded(self, library: str) -> bool:
        return library in self.shared_preload_libraries

    @property
    def pg_stat_statements_preloaded(self) -> bool:
        """pg_stat_statements is loaded: listed in shared_preload_libraries, or, for a role that
        may not read that setting, its view answers (it fails when the library is not loaded)."""
        return self.preloaded("pg_stat_statements") or bool(self.pg_stat_statements_answers)

    @property
    def pg_stat_statements_unknown(self) -> bool:
        """Whether this role cannot tell if pg_stat_statements is loaded: it may not read
        shared_preload_libraries and the view did not answer (or is not created here)."""
        return not self.shared_preload_visible and not self.pg_stat_statements_preloaded

    def has_role(self, role: str) -> bool:
        return self.is_superuser or role in self.roles

    @property
    def can_read_all_stats(self) -> bool:
        """Sees other roles' query texts and statistics (superuser, pg_read_all_stats, pg_monitor)."""
        return self.is_superuser or bool({"pg_read_all_stats", "pg_monitor"} & self.roles)

    def installed(self, ext: str) -> bool:
        return ext in self.installed_extensions

    def available(self, ext: str) -> bool:
        return ext in self.available_extensions

    def require_extension(self, ext: str, *, package_hint: str | None = None) -> None:
        """Raise MissingExtension with the fix when ``ext`` is not installed in this database."""
        if self.installed(ext):
            return
        if self.available(ext):
            raise MissingExtension(
                f"extension {ext} is not installed in database {self.database!r}",
                hint=f"run: CREATE EXTENSION {ext};",
            )
        pkg = package_hint or f"apt-get install postgresql-{self.major}-{ext}"
        raise MissingExtension(
            f"extension {ext} is not available on this server (PostgreSQL {self.major})",
            hint=f"install it: {pkg}",
        )


def read_server_facts(conn: psycopg.Connection[Any]) -> ServerFacts:
    """Read the facts in two catalog queries."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sqlfiles.load("core/server_facts"))
        row = cur.fetchone()
        assert row is not None
        cur.execute(sqlfiles.load("core/extensions"))
        exts = cur.fetchall()
    preload = tuple(
        p.strip().strip('"') for p in str(row["shared_preload_libraries"]).split(",") if p.strip()
    )
    installed = {e["name"]: e["installed_version"] for e in exts if e["installed_version"]}
    visible = bool(row.get("shared_preload_visible", True))
    answers = None
    if not visible and "pg_stat_statements" in installed:
        answers = _pg_stat_statements_answers(conn)
    return ServerFacts(
        version_num=int(row["version_num"]),
        version=str(row["version"]).split()[0],
        database=str(row["database"]),
        user=str(row["current_user"]),
        is_superuser=bool(row["is_superuser"]),
        roles=frozenset(row["roles"] or ()),
        shared_preload_libraries=preload,
        available_extensions={e["name"]: e["default_version"] for e in exts},
        installed_extensions=installed,
        can_create_in_database=bool(row["can_create_in_database"]),
        can_create_in_public=bool(row["can_create_in_public"]),
        shared_preload_visible=visible,
        pg_stat_statements_answers=answers,
    )


def _pg_stat_statements_answers(conn: psycopg.Connection[Any]) -> bool:
    """Ask the view itself (in a savepoint, so a failure leaves the caller's transaction usable)."""
    from psycopg import sql

    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sqlfiles.load("core/extension_schema"), {"name": "pg_stat_statements"})
        found = cur.fetchone()
        if found is None:
            return False
        probe = sql.SQL(sqlfiles.load("core/pg_stat_statements_probe")).format(
            schema=sql.Identifier(found["schema"]))
        try:
            with conn.transaction():
                cur.execute(probe)
                cur.fetchall()
        except psycopg.Error:
            return False
    return True


# -- advisory locks -----------------------------------------------------------------------------


def lock_key(task: str) -> int:
    """A stable signed 64-bit advisory-lock key for ``task`` (same in every process)."""
    digest = hashlib.blake2b(f"pgwarden:{task}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _key_parts(key: int) -> tuple[int, int]:
    """pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits)."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    return unsigned >> 32, unsigned & 0xFFFFFFFF


def lock_holder(conn: psycopg.Connection[Any], task: str) -> dict[str, Any] | None:
    """The session holding the advisory lock for ``task`` in this database, if any."""
    classid, objid = _key_parts(lock_key(task))
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sqlfiles.load("core/advisory_lock_holder"), {"classid": classid, "objid": objid})
        return cur.fetchone()


@contextmanager
def advisory_lock(
    conn: psycopg.Connection[Any],
    task: str,
    *,
    wait: bool = False,
    wait_timeout: float | None = None,
    poll_interval: float = 0.5,
) -> Iterator[None]:
    """Hold the session advisory lock for ``task`` on ``conn`` for the duration of the block.

    Without ``wait`` a held lock raises LockHeld (exit 75) naming the holder at once; with
    ``wait`` it polls (never queueing a blocking lock request) until free or ``wait_timeout``.
    Session locks are released by PostgreSQL when the session ends, so a killed run never
    leaves a lock behind.
    """
    key = lock_key(task)
    deadline = None if wait_timeout is None else time.monotonic() + wait_timeout
    while True:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s) AS ok", (key,))
            row = cur.fetchone()
        ok = bool(row["ok"] if isinstance(row, dict) else row[0])  # type: ignore[index]
        if ok:
            break
        if not wait or (deadline is not None and time.monotonic() >= deadline):
            holder = lock_holder(conn, task)
            who = "another session"
            if holder:
                who = (f"pid {holder['pid']} (user {holder['user']}, application "
                       f"{holder['application_name'] or '-'}, client {holder['client']}, "
                       f"connected since {holder['backend_start']:%Y-%m-%d %H:%M:%S%z})")
            waited = " after waiting" if wait else ""
            raise LockHeld(f"another run of '{task}' is in progress{waited}: held by {who}",
                           hint="try again later, or pass --wait")
        time.sleep(poll_interval)
    try:
        yield
    finally:
        if not conn.closed:
            try:
                with conn.cursor() as cur:
                    cur.execute("SELECT pg_advisory_unlock(%s)", (key,))
            except psycopg.Error:
                pass  # the session is gone or broken: PostgreSQL released the lock with it
