"""The harness itself: the processes are real and do what the other tests rely on."""

from __future__ import annotations

import psycopg

from tests.ha.harness import PatroniCluster, PgBouncer, http_json


def test_patroni_cluster_streams_and_leader_answers_primary(patroni: PatroniCluster) -> None:
    lead = patroni.leader()
    other = next(n for n in patroni.nodes if n.name != lead)
    assert http_json(f"{patroni.node(lead).api}/primary")[0] == 200
    assert http_json(f"{other.api}/primary")[0] == 503
    with psycopg.connect(patroni.dsn(other), autocommit=True) as c:
        assert c.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)


def test_pgbouncer_pools_transactions(pgbouncer: PgBouncer, db_dsn: str) -> None:
    dsn = pgbouncer.dsn(db_dsn)
    with psycopg.connect(dsn, autocommit=True) as c:
        assert c.execute("SELECT current_user").fetchone() == (pgbouncer.user,)
        # PgBouncer hands the client a key of its own: not the server backend's pid
        assert c.info.backend_pid != c.execute("SELECT pg_backend_pid()").fetchone()[0]
