"""``pgwarden demo seed``: a realistic, skewed, bilingual CMS data set, generated set-based.

Every table is filled by one ``INSERT … SELECT generate_series`` from ``pgwarden/sql/demo/``.
Randomness is a hash of (seed, salt, row number) (``hashint8extended``) and ids are md5 of
(seed, kind, row number), so one ``--seed`` gives the same rows whatever plan the server picks,
and one table can name rows of another without a join. The Polish and English texts come from
the word lists in ``pgwarden/demo/data/`` (real inflected forms, so stemming means something).

Scale ``N`` (a float, ``0.05`` for tests): ``1000·N`` workshops, ``5000·N`` users, ``22 200·N``
enrollment draws (draws on draft workshops are dropped and duplicates collapse: about
``20 000·N`` rows), ``10 000·N`` audit-log rows,
``3000·N`` user sessions; sessions, modules, questionnaires, responses and feedback follow from
those. Scale 100 is the 100k-workshop / 2M-enrollment data set.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.errors import UsageError

# Tables in dependency order (parents first); all of them are counted and, with force, emptied.
CMS_TABLES: tuple[str, ...] = (
    "users", "locations", "tags", "facilitators", "workshops", "workshop_tags",
    "workshop_facilitators", "sessions", "modules", "enrollments", "questionnaires",
    "question_groups", "questions", "responses", "feedback", "audit_logs", "user_sessions",
)
# Generator steps: (table it fills, sql file under sql/demo/).
STEPS: tuple[tuple[str, str], ...] = (
    ("users", "demo/users"), ("locations", "demo/locations"), ("tags", "demo/tags"),
    ("facilitators", "demo/facilitators"), ("", "demo/workshop_plan"), ("workshops", "demo/workshops"),
    ("workshop_tags", "demo/workshop_tags"), ("workshop_facilitators", "demo/workshop_facilitators"),
    ("sessions", "demo/sessions"), ("modules", "demo/modules"), ("enrollments", "demo/enrollments"),
    ("questionnaires", "demo/questionnaires"), ("question_groups", "demo/question_groups"),
    ("questions", "demo/questions"), ("responses", "demo/responses"), ("feedback", "demo/feedback"),
    ("audit_logs", "demo/audit_logs"), ("user_sessions", "demo/user_sessions"),
)
# Word lists: temp table -> (file in demo/data/, number of columns after the row number).
WORD_LISTS: dict[str, tuple[str, int]] = {
    "seed_themes": ("themes.tsv", 6), "seed_templates": ("title_templates.tsv", 2),
    "seed_audiences": ("audiences.tsv", 2), "seed_sentences": ("sentences.tsv", 3),
    "seed_names": ("names.tsv", 2), "seed_surnames": ("surnames.tsv", 2), "seed_cities": ("cities.tsv", 2),
    "seed_questions": ("questions.tsv", 3), "seed_tags": ("tags.tsv", 3),
}
MIN_WORKSHOPS = 10


@dataclass(frozen=True)
class SeedPlan:
    """What a seed run generates: the targets per generator, from the scale alone."""

    scale: float
    seed: int
    workshops: int
    users: int
    staff: int
    locations: int
    enrollments: int
    audit_logs: int
    user_sessions: int

    def params(self, anchor: dt.datetime) -> dict[str, Any]:
        return {"seed": self.seed, "workshops": self.workshops, "users": self.users,
                "staff": self.staff, "locations": self.locations, "enrollments": self.enrollments,
                "audit_logs": self.audit_logs, "user_sessions": self.user_sessions, "anchor": anchor}


@dataclass(frozen=True)
class SeedResult:
    """What a seed run did: rows per table, seconds per step, the statistics views refreshed
    (rows each), total seconds."""

    plan: SeedPlan
    anchor: dt.datetime
    rows: dict[str, int]
    step_seconds: dict[str, float] = field(default_factory=dict)
    duration_s: float = 0.0
    views_refreshed: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def as_json(self) -> dict[str, Any]:
        """The run as ``pgwarden demo seed --json`` prints it."""
        from pgwarden.output import to_jsonable

        return {"scale": self.plan.scale, "seed": self.plan.seed, "anchor": to_jsonable(self.anchor),
                "duration_s": self.duration_s, "total_rows": self.total_rows, "rows": self.rows,
                "step_seconds": self.step_seconds, "views_refreshed": self.views_refreshed}


def plan(scale: float, seed: int = 42) -> SeedPlan:
    """The row targets for ``scale`` (pure; see the module docstring for the mapping)."""
    if not scale > 0:
        raise UsageError(f"--scale must be positive, got {scale}")
    workshops = max(MIN_WORKSHOPS, round(1000 * scale))
    factor = workshops / 1000
    return SeedPlan(
        scale=scale, seed=seed, workshops=workshops, users=max(200, round(5000 * factor)),
        staff=25 + max(5, workshops // 20), locations=10 + workshops // 50,
        enrollments=round(22_200 * factor), audit_logs=round(10_000 * factor),
        user_sessions=round(3000 * factor))


def read_word_list(filename: str, columns: int) -> list[tuple[Any, ...]]:
    """Rows of a tab-separated word list (``#`` lines are comments), numbered from 1."""
    text = resources.files("pgwarden.demo").joinpath("data", filename).read_text(encoding="utf-8")
    rows: list[tuple[Any, ...]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns:
            raise ValueError(f"pgwarden/demo/data/{filename}: expected {columns} columns: {line!r}")
        rows.append((len(rows) + 1, *cells))
    return rows


def table_counts(conn: psycopg.Connection[Any], tables: Sequence[str] = CMS_TABLES) -> dict[str, int | None]:
    """Exact row counts of ``tables`` (None for a table that does not exist)."""
    present = conn.execute(sqlfiles.load("demo/table_counts"), {"tables": list(tables)}).fetchall()
    counts: dict[str, int | None] = {}
    for row in present:
        name = row["table_name"]
        counts[name] = None
        if row["present"]:
            stmt = sql.SQL(sqlfiles.load("demo/count_rows")).format(table=sql.Identifier(name))
            counts[name] = int(conn.execute(stmt).fetchone()["n"])  # type: ignore[index]
    return counts


def check_target(counts: dict[str, int | None], *, force: bool) -> None:
    """Refuse a database without the CMS schema, or with data unless ``force`` (pure)."""
    missing = [t for t, n in counts.items() if n is None]
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise UsageError(f"the CMS schema is not there (missing tables: {shown})",
                         hint="migrate it first: pgwarden migrate up")
    filled = {t: n for t, n in counts.items() if n}
    if filled and not force:
        shown = ", ".join(f"{t}={n}" for t, n in list(filled.items())[:3])
        if len(filled) > 3:
            shown += f" and {len(filled) - 3} more tables"
        raise UsageError(f"the database already holds CMS data ({shown}); nothing was changed",
                         hint="pass --force to empty the CMS tables and seed again")


def seed(dsn: str, *, scale: float = 1.0, seed: int = 42, force: bool = False,
         on_step: Callable[[str], None] | None = None,
         anchor: dt.datetime | None = None) -> SeedResult:
    """Fill the CMS schema at ``scale``; ``on_step(name)`` is called after each step.

    Refuses (UsageError, exit 2) when the schema is missing or any CMS table holds rows, unless
    ``force`` (which empties the CMS tables first). Everything runs in one transaction: a run
    killed half-way leaves the database as it was. Dates are relative to ``anchor`` (default:
    the start of the current UTC day), so the same seed on the same day gives identical rows.

    After the commit, ``VACUUM (ANALYZE)`` of every CMS table (outside the transaction: VACUUM
    cannot run in one): the steady state a real database reaches through autovacuum, with
    statistics for the planner and the visibility map set (once no older snapshot holds the new
    rows back), so index-only scans skip the heap as they do in production. A freshly
    bulk-loaded table has no visibility map bits: every "index-only" scan would still visit the
    heap for each row until autovacuum came by.

    Then a plain ``REFRESH MATERIALIZED VIEW`` of each materialized view of the CMS schema
    (revision 0003's statistics views), in the dependency order ``maintain refresh`` uses, then
    ``ANALYZE`` of it: the views hold
    the seeded data, as a database whose nightly ``pgwarden maintain refresh`` ran would. (Plain,
    not CONCURRENTLY: the data was just replaced wholesale; a ``--force`` re-seed already held
    ACCESS EXCLUSIVE on every CMS table through TRUNCATE.) pgwarden's maintenance state is not
    touched: ``maintain refresh`` still sees views it never refreshed.
    """
    from pgwarden.db import Timeouts, connect

    p = plan(scale, seed)
    anchor = anchor or dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    params = p.params(anchor)
    started = time.monotonic()
    step_seconds: dict[str, float] = {}
    with connect(dsn, timeouts=Timeouts(lock_timeout=10.0), autocommit=False,
                 application_name="pgwarden demo seed") as conn:
        check_target(table_counts(conn), force=force)
        if force:
            names = sql.SQL(", ").join(sql.Identifier(t) for t in CMS_TABLES)
            conn.execute(sql.SQL(sqlfiles.load("demo/truncate")).format(tables=names))
        # Foreign-key checks are two thirds of the insert time. The generators produce
        # consistent rows by construction (child ids are derived from the same draws as the
        # parents, in this transaction), so a superuser skips the per-row FK triggers with
        # session_replication_role = replica, except on tables with user triggers.
        triggered = {r["table_name"] for r in conn.execute(
            sqlfiles.load("demo/triggered_tables"), {"tables": list(CMS_TABLES)}).fetchall()}
        skip_fk_checks = bool(conn.execute(sqlfiles.load("demo/is_superuser"))
                              .fetchone()["rolsuper"])  # type: ignore[index]
        # generate_series row estimates (1000 per call, multiplied) make the planner JIT-compile
        # queries that then run in milliseconds: seconds of compile for nothing.
        conn.execute(sqlfiles.load("demo/jit_off"))
        conn.execute(sqlfiles.load("demo/setup"))
        for table, (filename, columns) in WORD_LISTS.items():
            with conn.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(sql.Identifier(table))) as cp:
                for row in read_word_list(filename, columns):
                    cp.write_row(row)
        for table, name in STEPS:
            t0 = time.monotonic()
            mode = "replica" if skip_fk_checks and table and table not in triggered else "origin"
            conn.execute(sqlfiles.load("demo/session_replication_role"), {"mode": mode})
            conn.execute(sqlfiles.load(name), params)
            if name == "demo/workshop_plan":
                conn.execute(sqlfiles.load("demo/workshop_plan_index"))
            step_seconds[table or name.rpartition("/")[2]] = round(time.monotonic() - t0, 3)
            if on_step:
                on_step(table or "plan")
        conn.execute(sqlfiles.load("demo/session_replication_role"), {"mode": "origin"})
        conn.commit()
        t0 = time.monotonic()
        conn.autocommit = True
        # VACUUM cannot run in a transaction block: it runs after the commit, in autocommit.
        for table in CMS_TABLES:
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        step_seconds["vacuum_analyze"] = round(time.monotonic() - t0, 3)
        if on_step:
            on_step("vacuum_analyze")
        t0 = time.monotonic()
        views = refresh_statistics_views(conn)
        step_seconds["refresh_views"] = round(time.monotonic() - t0, 3)
        if on_step:
            on_step("refresh_views")
        rows = {t: int(n or 0) for t, n in table_counts(conn).items()}
    return SeedResult(plan=p, anchor=anchor, rows=rows, step_seconds=step_seconds,
                      duration_s=round(time.monotonic() - started, 3), views_refreshed=views)


def refresh_statistics_views(conn: psycopg.Connection[Any]) -> dict[str, int]:
    """REFRESH (plainly) and ANALYZE each materialized view of the current schema, in dependency
    order, in autocommit mode; their row counts afterwards."""
    from pgwarden.maintenance.refresh import views_in_order

    schema = conn.execute(sqlfiles.load("demo/current_schema")).fetchone()["s"]  # type: ignore[index]
    refreshed: dict[str, int] = {}
    for view_schema, name in views_in_order(conn, conn.info.server_version, schema):
        ident = sql.Identifier(view_schema, name)
        conn.execute(sql.SQL("REFRESH MATERIALIZED VIEW {}").format(ident))
        # the REFRESH's row counts reach the shared statistics before ANALYZE resets them;
        # otherwise they land after it and the view looks modified since its analyze
        conn.execute(sqlfiles.load_for("maintenance/stats_flush", conn.info.server_version))
        conn.execute(sql.SQL("ANALYZE {}").format(ident))
        stmt = sql.SQL(sqlfiles.load("demo/count_rows")).format(table=ident)
        refreshed[name] = int(conn.execute(stmt).fetchone()["n"])  # type: ignore[index]
    return refreshed


def step_count() -> int:
    """How many times ``seed`` calls ``on_step`` (for a progress bar's total)."""
    return len(STEPS) + 2
