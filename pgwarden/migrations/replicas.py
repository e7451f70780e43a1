"""Migrations and the standbys that replay them.

Only ACCESS EXCLUSIVE locks are written to the WAL and taken again by a standby's startup
process while it replays; a standby query that reads the table holds the replay back for up
to ``max_standby_streaming_delay``, then is cancelled (-1: replay waits as long as the query
runs and the standby falls behind). So before each revision pgwarden lists the relations the
revision locks ACCESS EXCLUSIVE (read from its offline SQL with PostgreSQL's own parser),
asks each replica which sessions use them now and how long it will wait, and says what will
happen. After each revision it waits until every replica has replayed the commit, so revisions
do not pile up behind a lagging standby.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pglast
from pglast import ast, enums

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.errors import PartialFailure
from pgwarden.topology import Node

# ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (PostgreSQL's
# AlterTableGetLockLevel): nothing of them is replayed as a lock on a standby
_LIGHT_ALTERS = {
    enums.AlterTableType.AT_SetStatistics, enums.AlterTableType.AT_ClusterOn,
    enums.AlterTableType.AT_DropCluster, enums.AlterTableType.AT_SetRelOptions,
    enums.AlterTableType.AT_ResetRelOptions, enums.AlterTableType.AT_ValidateConstraint,
    enums.AlterTableType.AT_AttachPartition, enums.AlterTableType.AT_EnableTrig,
    enums.AlterTableType.AT_DisableTrig, enums.AlterTableType.AT_EnableTrigAll,
    enums.AlterTableType.AT_DisableTrigAll, enums.AlterTableType.AT_EnableTrigUser,
    enums.AlterTableType.AT_DisableTrigUser, enums.AlterTableType.AT_EnableAlwaysTrig,
    enums.AlterTableType.AT_EnableReplicaTrig,
}


def _name(rv: Any) -> str:
    parts = [p for p in (getattr(rv, "schemaname", None), getattr(rv, "relname", None)) if p]
    return ".".join(parts)


def _qualname(names: Iterable[Any]) -> str:
    return ".".join(str(getattr(n, "sval", n)) for n in names)


def _alter_is_light(stmt: ast.AlterTableStmt) -> bool:
    cmds = [c for c in (stmt.cmds or ()) if isinstance(c, ast.AlterTableCmd)]
    if not cmds:
        return False
    for c in cmds:
        if c.subtype in _LIGHT_ALTERS:
            continue
        if c.subtype == enums.AlterTableType.AT_AddConstraint and isinstance(c.def_, ast.Constraint) \
                and c.def_.contype == enums.ConstrType.CONSTR_FOREIGN and c.def_.skip_validation:
            continue  # ADD FOREIGN KEY ... NOT VALID: SHARE ROW EXCLUSIVE
        return False
    return True


def access_exclusive_relations(script: str) -> list[str]:
    """Relations the statements of ``script`` lock ACCESS EXCLUSIVE, in order, once each."""
    try:
        stmts = pglast.parse_sql(script)
    except pglast.parser.ParseError:
        return []
    found: list[str] = []

    def add(name: str) -> None:
        if name and name not in found:
            found.append(name)

    for raw in stmts:
        s = raw.stmt
        if isinstance(s, ast.AlterTableStmt):
            if not _alter_is_light(s):
                add(_name(s.relation))
        elif isinstance(s, ast.DropStmt):
            if s.concurrent:
                continue
            if s.removeType in (enums.ObjectType.OBJECT_TABLE, enums.ObjectType.OBJECT_INDEX,
                                enums.ObjectType.OBJECT_MATVIEW, enums.ObjectType.OBJECT_VIEW,
                                enums.ObjectType.OBJECT_SEQUENCE):
                for obj in s.objects or ():
                    add(_qualname(obj) if isinstance(obj, tuple | list) else str(obj))
            elif s.removeType in (enums.ObjectType.OBJECT_TRIGGER, enums.ObjectType.OBJECT_RULE):
                for obj in s.objects or ():  # (schema.)table.trigger: the table is locked
                    if isinstance(obj, tuple | list) and len(obj) > 1:
                        add(_qualname(obj[:-1]))
        elif isinstance(s, ast.ViewStmt):
            if s.replace:  # CREATE OR REPLACE VIEW of an existing view
                add(_name(s.view))
        elif isinstance(s, ast.RuleStmt):
            add(_name(s.relation))
        elif isinstance(s, ast.TruncateStmt):
            for rv in s.relations or ():
                add(_name(rv))
        elif isinstance(s, ast.LockStmt):
            if s.mode == 8:  # AccessExclusiveLock
                for rv in s.relations or ():
                    add(_name(rv))
        elif isinstance(s, ast.RefreshMatViewStmt):
            if not s.concurrent:
                add(_name(s.relation))
        elif isinstance(s, ast.RenameStmt):
            if s.relation is not None:
                add(_name(s.relation))
        elif isinstance(s, ast.ClusterStmt):
            if s.relation is not None:
                add(_name(s.relation))
        elif isinstance(s, ast.VacuumStmt):
            full = any(getattr(o, "defname", "") == "full" for o in (s.options or ()))
            if full:
                for rel in s.rels or ():
                    add(_name(rel.relation))
    return found


@dataclass(frozen=True)
class ReplicaUse:
    """What one replica does with the relations a revision is about to lock."""

    node: str
    sessions: int
    longest_s: float
    delay: str          # max_standby_streaming_delay as the replica shows it
    delay_s: float      # -1: wait for ever


_REPLICA_TIMEOUTS = db.Timeouts(connect_timeout=5, lock_timeout=None, statement_timeout=5)


def _replica(node: Node) -> Any:
    """A short-lived connection to a replica (5 s to connect, 5 s per statement)."""
    return db.connect(node.dsn, application_name="pgwarden migrate", timeouts=_REPLICA_TIMEOUTS)


def replica_uses(primary: Any, nodes: list[Node], relations: list[str]) -> list[ReplicaUse]:
    """Ask each reachable replica who uses ``relations`` now (by oid: a physical standby has
    the primary's catalog) and how long its replay waits for them."""
    if not relations:
        return []
    rows = primary.execute(sqlfiles.load("migrate/relation_oids"),
                           {"names": relations}).fetchall()
    oids = [int(r["oid"]) for r in rows if r["oid"] is not None]
    out: list[ReplicaUse] = []
    for node in nodes:
        if not node.reachable:
            continue
        try:
            with _replica(node) as conn:
                r = conn.execute(sqlfiles.load("migrate/standby_relation_users"),
                                 {"oids": oids}).fetchone()
                delay = conn.execute(sqlfiles.load("migrate/standby_delay")).fetchone()
        except Exception:  # noqa: BLE001 - one replica's trouble is a note, not the run's end
            continue
        sessions = int((r or {}).get("sessions") or 0)
        longest = float((r or {}).get("longest_s") or 0.0)
        ms = delay["delay_ms"] if delay else None
        out.append(ReplicaUse(node.name, sessions, longest,
                              str(delay["setting"]) if delay else "?",
                              float(ms) / 1000.0 if ms is not None and ms >= 0 else -1.0))
    return out


def predictions(revision: str, relations: list[str], uses: list[ReplicaUse]) -> list[str]:
    """One warning per replica whose replay will wait for, or cancel, its queries."""
    if not relations:
        return []
    what = ", ".join(relations[:4]) + (f" and {len(relations) - 4} more" if len(relations) > 4
                                       else "")
    notes = []
    for u in uses:
        if not u.sessions:
            continue
        if u.delay_s < 0:
            notes.append(f"revision {revision} locks {what} ACCESS EXCLUSIVE: on replica "
                         f"{u.node} {u.sessions} session(s) use it now (longest {u.longest_s:.0f} "
                         "s); replay will wait for them as long as they run "
                         "(max_standby_streaming_delay = -1) and the replica falls behind")
        else:
            notes.append(f"revision {revision} locks {what} ACCESS EXCLUSIVE: on replica "
                         f"{u.node} replay will wait up to {u.delay_s:g} s "
                         f"(max_standby_streaming_delay {u.delay}) or cancel {u.sessions} "
                         f"query(ies) using it now (longest running {u.longest_s:.0f} s)")
    return notes


def wait_replayed(primary: Any, nodes: list[Node], *, timeout: float, revision: str,
                  poll: float = 0.1, on_notice: Callable[[str], None] | None = None) -> float:
    """Wait until every reachable replica has replayed the primary's WAL up to now; raise
    PartialFailure (exit 3) naming the laggard after ``timeout``. Returns the seconds waited."""
    row = primary.execute(sqlfiles.load("migrate/current_lsn")).fetchone()
    target = row["lsn"]
    started = time.monotonic()
    pending = [n for n in nodes if n.reachable]
    said = False
    while pending:
        still = []
        for node in pending:
            try:
                with _replica(node) as conn:
                    r = conn.execute(sqlfiles.load("migrate/replayed_up_to"),
                                     {"lsn": target}).fetchone()
            except Exception:  # noqa: BLE001 - an unreachable replica is reported, not waited for
                if on_notice:
                    on_notice(f"replica {node.name} stopped answering; not waiting for it")
                continue
            if not (r and r["replayed"]):
                still.append((node, r))
        if not still:
            break
        waited = time.monotonic() - started
        if waited >= timeout:
            node, r = still[0]
            behind = f"{int(r['behind_bytes']):,} bytes behind" if r and r["behind_bytes"] \
                is not None else "behind"
            raise PartialFailure(
                f"revision {revision} is applied, but replica {node.name} has not replayed it "
                f"after {timeout:g} s ({behind}): stopping before the next revision",
                hint="re-run when the replica has caught up, or pass --no-wait-replicas")
        if not said and on_notice and waited > 1.0:
            on_notice(f"waiting for {', '.join(n.name for n, _ in still)} to replay revision "
                      f"{revision} (up to {timeout:g} s)")
            said = True
        pending = [n for n, _ in still]
        time.sleep(poll)
    return time.monotonic() - started
