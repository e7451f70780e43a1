"""``pgwarden locks``: who blocks whom, as a tree, from ``pg_blocking_pids``.

Roots are sessions that block others without waiting themselves; each child waits on its
parent. A session blocked by several others appears under each of them. A cycle (a deadlock
not yet broken by the deadlock detector) is shown once, with ``cycle=True`` on the repeat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles


@dataclass(frozen=True)
class LockSession:
    pid: int
    user: str | None
    database: str | None
    application: str | None
    state: str | None
    wait_s: float | None
    xact_age_s: float | None
    blocked_by: tuple[int, ...]
    waiting_mode: str | None
    waiting_on: str | None
    query: str | None


@dataclass(frozen=True)
class LockNode:
    session: LockSession
    waiters: tuple[LockNode, ...] = ()
    cycle: bool = False


@dataclass(frozen=True)
class LockTree:
    target: str
    roots: tuple[LockNode, ...] = field(default_factory=tuple)
    sessions: int = 0
    blocked: int = 0  # sessions waiting on another session's lock

    def as_json(self) -> dict[str, Any]:
        """The tree as ``pgwarden locks --json`` prints it."""
        from pgwarden.output import to_jsonable

        return {"target": self.target, "blocked_sessions": self.blocked,
                "roots": to_jsonable(self.roots)}


def build_tree(sessions: list[LockSession]) -> tuple[LockNode, ...]:
    """Pure: the forest of blockers and their waiters."""
    by_pid = {s.pid: s for s in sessions}
    waiters: dict[int, list[int]] = {}
    for s in sessions:
        for blocker in s.blocked_by:
            waiters.setdefault(blocker, []).append(s.pid)
    roots = [s.pid for s in sessions if not s.blocked_by and s.pid in waiters]
    if not roots and waiters:  # only cycles: start anywhere
        roots = [min(waiters)]

    def node(pid: int, path: frozenset[int]) -> LockNode:
        sess = by_pid.get(pid) or LockSession(pid, None, None, None, None, None, None, (), None,
                                              None, None)
        if pid in path:
            return LockNode(sess, (), cycle=True)
        kids = tuple(node(w, path | {pid}) for w in sorted(waiters.get(pid, [])))
        return LockNode(sess, kids)

    return tuple(node(r, frozenset()) for r in sorted(roots))


def _session(row: dict[str, Any]) -> LockSession:
    return LockSession(pid=row["pid"], user=row["usename"], database=row["datname"],
                       application=row["application_name"], state=row["state"],
                       wait_s=row["wait_s"], xact_age_s=row["xact_age_s"],
                       blocked_by=tuple(row["blocked_by"] or ()),
                       waiting_mode=row["waiting_mode"], waiting_on=row["waiting_on"],
                       query=row["query"])


def lock_tree(dsn: str) -> LockTree:
    """Read the sessions involved in lock waits (whole server) and build their tree."""
    with db.session(dsn, timeouts=db.Timeouts(lock_timeout=1.0, statement_timeout=10.0),
                    application_name="pgwarden locks") as conn:
        facts = db.read_server_facts(conn)
        with conn.cursor(row_factory=dict_row) as cur:
            cur.execute(sqlfiles.load_for("activity/lock_sessions", facts.version_num))
            rows = cur.fetchall()
    sessions = [_session(r) for r in rows]
    return LockTree(target=db.redact(db.describe_target(dsn)), roots=build_tree(sessions),
                    sessions=len(sessions), blocked=sum(1 for s in sessions if s.blocked_by))
