"""``plans diff``: what a migration does to the plans, before it is merged.

Two scratch databases are cloned from a seeded template (``CREATE DATABASE … TEMPLATE``, a
file copy: data and statistics come along), each migrated to one revision and ANALYZEd, and the
same query set is planned on both. The scratch databases are dropped afterwards, also when the
run fails half-way (and a re-run drops leftovers of a killed one by name first).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgwarden import db
from pgwarden.analyzers.plans.check import describe_scans
from pgwarden.analyzers.plans.explain import NamedQuery, PlanSummary, explain, relation_rows
from pgwarden.errors import UsageError
from pgwarden.output import progress

Migrate = Callable[[str, str], None]


@dataclass(frozen=True)
class QueryDiff:
    name: str
    before: PlanSummary
    after: PlanSummary

    @property
    def before_scans(self) -> str:
        return describe_scans(self.before.scans)

    @property
    def after_scans(self) -> str:
        return describe_scans(self.after.scans)

    @property
    def before_cost(self) -> float:
        return self.before.cost

    @property
    def after_cost(self) -> float:
        return self.after.cost

    @property
    def changed(self) -> bool:
        return self.before_scans != self.after_scans


@dataclass
class DiffReport:
    from_rev: str
    to_rev: str
    queries: list[QueryDiff] = field(default_factory=list)


def scratch_name(template: str, rev: str) -> str:
    """A fixed name per (template, revision): a re-run drops a killed run's leftover by name
    (runs on the same template are serialised by an advisory lock)."""
    def clean(text: str) -> str:
        return re.sub(r"[^a-z0-9_]", "_", text.lower())[:22]

    return f"pgwarden_plans_{clean(template)}_{clean(rev)}"


def with_dbname(dsn: str, dbname: str) -> str:
    return make_conninfo(dsn, dbname=dbname)


@contextmanager
def scratch_database(dsn: str, template: str, name: str) -> Iterator[str]:
    """A database cloned from ``template`` on the server of ``dsn``; dropped on exit."""
    admin = with_dbname(dsn, "postgres")
    ident = sql.Identifier(name)
    with db.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(ident))
        try:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(ident, sql.Identifier(template)))
        except psycopg.errors.ObjectInUse:
            raise UsageError(f"cannot clone {template}: other sessions are connected to it",
                             hint="plans diff copies the seeded database; close those sessions "
                                  "or pass --template with an idle copy") from None
    try:
        yield with_dbname(dsn, name)
    finally:
        with db.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(ident))


def default_migrate(dsn: str, rev: str) -> None:
    """Move ``dsn`` to ``rev`` with pgwarden's migrate runner (down or up as needed)."""
    try:
        from pgwarden import migrate
    except ImportError:  # pragma: no cover - the migrate command ships with the package
        raise UsageError("plans diff needs pgwarden's migrations (pgwarden.migrate)") from None
    from pgwarden import sql as sqlfiles

    with db.connect(dsn, autocommit=True) as conn:
        try:
            rows = conn.execute(sqlfiles.load("analyzers/plans/current_revision")).fetchall()
        except psycopg.errors.UndefinedTable:
            rows = []
    current = [r["version_num"] for r in rows]
    script = migrate.script_directory()
    target = resolve_revision(rev)
    if current and target.revision in current:
        return
    below = {r.revision for c in current for r in script.iterate_revisions(c, "base")}
    if target.revision in below:
        migrate.downgrade(dsn, target.revision)
    else:
        migrate.upgrade(dsn, target.revision)


def resolve_revision(rev: str) -> Any:
    """The alembic Script of ``rev`` (a prefix is enough); UsageError when there is none."""
    from alembic.util import CommandError

    from pgwarden import migrate

    try:
        found = migrate.script_directory().get_revision(rev)
    except CommandError as exc:
        raise UsageError(f"unknown revision {rev!r}: {exc}") from None
    if found is None:
        raise UsageError(f"unknown revision {rev!r}")
    return found


def plan_all(dsn: str, queries: list[NamedQuery]) -> dict[str, PlanSummary]:
    with db.connect(dsn, autocommit=True) as conn:
        conn.execute("ANALYZE")
        rows = relation_rows(conn)
        return {q.name: explain(conn, q.text, table_rows=rows) for q in queries}


def diff(dsn: str, from_rev: str, to_rev: str, queries: list[NamedQuery], *,
         template: str | None = None, migrate: Migrate | None = None,
         show_progress: bool = False) -> DiffReport:
    """Plan ``queries`` on two clones of ``template`` (default: the database of ``dsn``),
    migrated to ``from_rev`` and ``to_rev``."""
    tmpl = template or conninfo_to_dict(dsn).get("dbname") or os.environ.get("PGDATABASE")
    if not tmpl:
        raise UsageError("plans diff: name the seeded database with --dsn or --template")
    if migrate is None:
        for rev in (from_rev, to_rev):
            resolve_revision(rev)  # before cloning anything
    move = migrate or default_migrate
    plans: list[dict[str, PlanSummary]] = []
    with db.connect(with_dbname(dsn, "postgres"), autocommit=True) as lock_conn, \
            db.advisory_lock(lock_conn, f"plans-diff:{tmpl}"), \
            progress("plans diff", 2, enabled=show_progress) as advance:
        for rev in (from_rev, to_rev):
            advance(0, description=f"cloning {tmpl}, migrating to {rev}, planning")
            with scratch_database(dsn, str(tmpl), scratch_name(str(tmpl), rev)) as scratch:
                move(scratch, rev)
                plans.append(plan_all(scratch, queries))
            advance()
    report = DiffReport(from_rev, to_rev)
    for q in queries:
        report.queries.append(QueryDiff(q.name, plans[0][q.name], plans[1][q.name]))
    return report


