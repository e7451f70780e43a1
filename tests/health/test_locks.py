"""``pgwarden locks`` on a real three-session chain: A holds, B waits on A, C waits on B."""

from __future__ import annotations

import json
from typing import Any

from pgwarden.activity.locks import LockSession, build_tree, lock_tree
from tests.health.conftest import Sessions


def test_three_session_chain(db_dsn: str, conn: Any, sessions: Sessions, cli: Any,
                             monitor_dsn: str) -> None:
    code, out, _ = cli("--dsn", db_dsn, "locks")
    assert code == 0 and "no session is waiting on a lock" in out
    conn.execute("CREATE TABLE a (id int PRIMARY KEY, v int); INSERT INTO a VALUES (1, 0);"
                 "CREATE TABLE b (id int PRIMARY KEY, v int); INSERT INTO b VALUES (1, 0)")
    sa, sb, sc = sessions.open("A"), sessions.open("B"), sessions.open("C")
    sa.execute("UPDATE a SET v = 1 WHERE id = 1")           # A holds row a.1
    sb.execute("UPDATE b SET v = 1 WHERE id = 1")           # B holds row b.1 ...
    sessions.wait_in_background(sb, "UPDATE a SET v = 2 WHERE id = 1")  # ... and waits on A
    sessions.wait_in_background(sc, "LOCK TABLE b IN SHARE MODE")       # C waits on B

    code, out, _ = cli("--dsn", db_dsn, "locks", "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["blocked_sessions"] == 2
    [root] = doc["roots"]
    assert root["session"]["pid"] == sessions.pid(sa)
    assert root["session"]["application"] == "A" and root["session"]["blocked_by"] == []
    [b] = root["waiters"]
    assert b["session"]["pid"] == sessions.pid(sb) and b["session"]["application"] == "B"
    assert b["session"]["blocked_by"] == [sessions.pid(sa)]
    assert b["session"]["waiting_mode"] == "ShareLock"  # a row lock waits on A's transaction
    [c] = b["waiters"]
    assert c["session"]["pid"] == sessions.pid(sc) and c["session"]["application"] == "C"
    assert c["session"]["waiting_mode"] == "ShareLock"
    assert c["session"]["waiting_on"] == "b"
    assert c["session"]["wait_s"] >= 0 and c["waiters"] == []
    assert "LOCK TABLE b" in c["session"]["query"]

    # a pg_monitor role (not superuser) sees the same chain, queries included
    as_monitor = lock_tree(monitor_dsn)
    assert as_monitor.blocked == 2
    assert as_monitor.roots[0].waiters[0].waiters[0].session.query == c["session"]["query"]

    code, out, _ = cli("--dsn", db_dsn, "locks")
    assert code == 1
    lines = out.splitlines()
    pos = [next(i for i, ln in enumerate(lines) if f"pid {sessions.pid(s)}" in ln)
           for s in (sa, sb, sc)]
    assert pos == sorted(pos)  # A above B above C, each nested deeper
    indent = [len(lines[i]) - len(lines[i].lstrip("│└├─ ")) for i in pos]
    assert indent[0] < indent[1] < indent[2]


def _s(pid: int, blocked_by: tuple[int, ...] = ()) -> LockSession:
    return LockSession(pid, "u", "d", "app", "active", 1.0, 1.0, blocked_by, None, None, None)


def test_build_tree_two_blockers_and_a_cycle() -> None:
    forest = build_tree([_s(1), _s(2, (1,)), _s(3, (1, 2))])
    [root] = forest
    assert root.session.pid == 1
    assert [n.session.pid for n in root.waiters] == [2, 3]
    assert [n.session.pid for n in root.waiters[0].waiters] == [3]
    [cyc] = build_tree([_s(5, (6,)), _s(6, (5,))])
    assert cyc.session.pid == 5
    assert cyc.waiters[0].waiters[0].cycle and cyc.waiters[0].waiters[0].session.pid == 5
