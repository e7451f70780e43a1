"""Fixtures for the HA tests: a Patroni cluster (etcd + two PostgreSQL 15 nodes) and PgBouncer in
transaction pooling mode in front of the session's test cluster. Session-scoped, started only
when a test asks for them, always torn down; skipped, with the reason, only when the Debian
package is absent (``.ci/run`` installs ``patroni etcd-server etcd-client pgbouncer``)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.local import LocalCluster
from tests.conftest import PASSWORD_GROUP
from tests.ha.harness import (
    ETCD,
    PATRONI,
    PATRONICTL,
    PG15_BIN,
    PGBOUNCER,
    PatroniCluster,
    PgBouncer,
    missing,
)

BOUNCER_ROLE = "pgw_bouncer"


@pytest.fixture(scope="session")
def patroni_cluster() -> Iterator[PatroniCluster]:
    """etcd + two Patroni nodes (n0 leads at start) on loopback; the standby is streaming."""
    reason = missing(PATRONI, PATRONICTL, ETCD, PG15_BIN / "postgres")
    if reason:
        pytest.skip(reason)
    cluster = PatroniCluster()
    try:
        cluster.start()
    except Exception:
        logs = cluster.logs()
        cluster.stop()
        raise RuntimeError(f"the Patroni cluster did not start:\n{logs}") from None
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def patroni(patroni_cluster: PatroniCluster) -> Iterator[PatroniCluster]:
    """The Patroni cluster with a writable leader and a streaming standby (re-checked per test:
    a test may have switched the leader over)."""
    lead = patroni_cluster.leader() or "n0"
    patroni_cluster.wait_writable(lead)
    patroni_cluster.wait_streaming()
    yield patroni_cluster


@pytest.fixture
def patroni_db(patroni: PatroniCluster) -> Iterator[str]:
    """A fresh database on the Patroni cluster; yields its name (DSN per node: ``patroni.dsn``)."""
    name = f"t_{secrets.token_hex(4)}"
    lead = patroni.leader()
    assert lead is not None
    with psycopg.connect(patroni.dsn(lead), autocommit=True) as c:
        c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    patroni.wait_replayed()
    try:
        yield name
    finally:
        lead = patroni.leader()
        if lead:
            with psycopg.connect(patroni.dsn(lead), autocommit=True) as c:
                c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)))


@pytest.fixture(scope="session")
def bouncer_role(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> tuple[str, str]:
    """A login role with a scram password (member of the password group), for PgBouncer."""
    password = secrets.token_urlsafe(18)
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as c:
        c.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(BOUNCER_ROLE)))
        c.execute(sql.SQL("CREATE ROLE {} LOGIN SUPERUSER PASSWORD {} IN ROLE {}").format(
            sql.Identifier(BOUNCER_ROLE), sql.Literal(password), sql.Identifier(PASSWORD_GROUP)))
    return BOUNCER_ROLE, password


def _start_bouncer(pg_cluster: LocalCluster, role: tuple[str, str], mode: str) -> PgBouncer:
    reason = missing(PGBOUNCER)
    if reason:
        pytest.skip(reason)
    st = pg_cluster.status()
    assert st.port is not None
    bouncer = PgBouncer(server_port=st.port, user=role[0], password=role[1], pool_mode=mode)
    bouncer.start()
    return bouncer


@pytest.fixture(scope="session")
def pgbouncer(pg_cluster: LocalCluster, bouncer_role: tuple[str, str]) -> Iterator[PgBouncer]:
    """PgBouncer 1.18 in transaction pooling mode in front of the session's cluster."""
    bouncer = _start_bouncer(pg_cluster, bouncer_role, "transaction")
    try:
        yield bouncer
    finally:
        bouncer.stop()


@pytest.fixture(scope="session")
def pgbouncer_session(pg_cluster: LocalCluster, bouncer_role: tuple[str, str]) -> Iterator[PgBouncer]:
    """PgBouncer in session pooling mode (where writers are allowed)."""
    bouncer = _start_bouncer(pg_cluster, bouncer_role, "session")
    try:
        yield bouncer
    finally:
        bouncer.stop()

