"""Migrations and a real standby (issue 13, section 6): the ACCESS EXCLUSIVE locks a revision
takes are predicted against the queries running on the replica, and each revision is waited
for until the replica has replayed it (exit 3 when it does not in time)."""

from __future__ import annotations

import psycopg
import pytest

from pgwarden.errors import PartialFailure
from pgwarden.migrations import api as migrate
from pgwarden.migrations.replicas import access_exclusive_relations
from tests.migrations.helpers import QUICK
from tests.replicas.conftest import Pair


@pytest.mark.parametrize("script, expected", [
    ("ALTER TABLE public.x ADD COLUMN y int", ["public.x"]),
    ("ALTER TABLE x SET (fillfactor = 50); ALTER TABLE x VALIDATE CONSTRAINT c", []),
    ("ALTER TABLE x ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES y NOT VALID", []),
    ("ALTER TABLE x ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES y", ["x"]),
    ("CREATE INDEX CONCURRENTLY i ON t (a); DROP INDEX CONCURRENTLY j", []),
    ("DROP INDEX j; TRUNCATE a, b", ["j", "a", "b"]),
    ("LOCK TABLE d; LOCK TABLE e IN SHARE MODE", ["d"]),
    ("REFRESH MATERIALIZED VIEW v; REFRESH MATERIALIZED VIEW CONCURRENTLY w", ["v"]),
    ("CREATE OR REPLACE VIEW m.v AS SELECT 1; CREATE VIEW m.w AS SELECT 1", ["m.v"]),
    ("DROP TRIGGER t ON public.x; CREATE TRIGGER u AFTER INSERT ON y "
     "FOR EACH ROW EXECUTE FUNCTION f()", ["public.x"]),
    ("VACUUM (FULL) g; VACUUM h; ALTER TABLE k RENAME TO l", ["g", "k"]),
    ("not sql at all", []),
])
def test_access_exclusive_relations(script: str, expected: list[str]) -> None:
    assert access_exclusive_relations(script) == expected


def test_revision_warns_waits_and_stops_behind_a_blocked_replica(pair: Pair) -> None:
    migrate.upgrade(pair.primary, "0001", settings=QUICK)
    pair.wait_replayed()
    notices: list[str] = []
    reader = psycopg.connect(pair.standby)  # a report on the standby reading workshops
    try:
        reader.execute("SELECT count(*) FROM workshops").fetchone()  # holds ACCESS SHARE
        with pytest.raises(PartialFailure) as caught:
            migrate.upgrade(pair.primary, "0002", settings=QUICK, replicas=[pair.standby],
                            replica_wait=2.0, on_notice=notices.append)
        warning = [n for n in notices if n.startswith("WARNING:")]
        assert len(warning) == 1, notices
        assert "revision 0002 locks workshops ACCESS EXCLUSIVE" in warning[0]
        assert "replay will wait up to 30 s" in warning[0]
        assert "or cancel 1 query(ies)" in warning[0]
        assert "has not replayed it after 2 s" in caught.value.one_line()
        assert caught.value.exit_code == 3
    finally:
        reader.close()
    assert migrate.status(pair.primary).current == ("0002",)  # applied on the primary
    notices.clear()
    report = migrate.upgrade(pair.primary, "0003", settings=QUICK, replicas=[pair.standby],
                             replica_wait=30.0, on_notice=notices.append)
    assert [s.revision for s in report.steps] == ["0003"]
    assert any("revision 0003 replayed on 1 replica(s)" in n for n in notices), notices
    assert not any(n.startswith("WARNING:") for n in notices)
    with psycopg.connect(pair.standby) as sb:  # the standby has both revisions now
        assert sb.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)


def test_a_bad_replica_is_named_not_trusted(pair: Pair) -> None:
    notices: list[str] = []
    wrong = [pair.primary, "postgresql://nobody@127.0.0.1:1/x?connect_timeout=1"]
    report = migrate.upgrade(pair.primary, "0001", settings=QUICK, replicas=wrong,
                             on_notice=notices.append)
    assert [s.revision for s in report.steps] == ["0001"]
    assert any("answers as a primary" in n for n in notices), notices
    assert any("127.0.0.1:1: unreachable" in n for n in notices), notices
