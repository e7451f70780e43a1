"""`pgwarden demo --replicas 1`'s last step on a real primary and standby: a report that only
the standby runs, the index the primary alone calls unused (kept with --replica), and the cron
entry standing aside on the standby."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from pgwarden.demo import steps
from pgwarden.demo.model import DEMO_DB, Context, Story, StoryOptions
from pgwarden.demo.seed import seed
from pgwarden.local import LocalCluster, create_extensions
from pgwarden.migrations import api as migrate
from tests.migrations.helpers import QUICK


@pytest.fixture
def demo_db(replicated_cluster: LocalCluster) -> Iterator[str]:
    admin = replicated_cluster.dsn("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(DEMO_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DEMO_DB)))
    dsn = replicated_cluster.dsn(DEMO_DB)
    with psycopg.connect(dsn, autocommit=True) as conn:
        create_extensions(conn)
    migrate.upgrade(dsn, "head", settings=QUICK)
    seed(dsn, scale=0.05, seed=42)
    try:
        yield dsn
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(DEMO_DB)))


def test_the_standby_step_tells_the_story(replicated_cluster: LocalCluster, demo_db: str) -> None:
    story = Story(StoryOptions(as_json=True, replicas=1))
    story.total = 1
    ctx = Context(cluster=replicated_cluster, options=story.options, dsn=demo_db,
                  admin_dsn=replicated_cluster.dsn("postgres"))
    steps.standby_story(story, ctx)
    got = story.report["replicas"]
    assert got["primary_alone"] == "unused", got
    assert got["used_only_on_standby"] is True, got
    assert got["maintain_on_standby"].startswith("stands aside (skipped: standby"), got
    assert "exit 0" in got["maintain_on_standby"]
    step = story.report["steps"][-1]
    assert step["ok"] and "used only on the standby" in step["message"]
