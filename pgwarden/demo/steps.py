"""The demo's steps, one function each; ``story.py`` runs them in order."""

from __future__ import annotations

import math
import shlex
from typing import Any

import click
import psycopg
from psycopg import sql

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.demo.model import (
    BEFORE_PERFORMANCE,
    DEMO_DB,
    HTML_NAME,
    PERFORMANCE,
    Context,
    Story,
    revision_note,
)
from pgwarden.local import create_extensions
from pgwarden.output import progress, to_jsonable

_ADMIN = db.Timeouts(lock_timeout=10.0, statement_timeout=300.0)


def start_cluster(story: Story, ctx: Context) -> None:
    with story.step("cluster", "Start (or reuse) the local PostgreSQL") as s:
        state, what = ctx.cluster.start()
        if ctx.options.replicas:
            from pgwarden.local import standbys

            notes = standbys.ensure(ctx.cluster, state, ctx.options.replicas)
            what = "; ".join([what, *notes]) if notes else what
        ctx.admin_dsn = ctx.cluster.dsn("postgres", state)
        ctx.dsn = ctx.cluster.dsn(DEMO_DB, state)
        story.report["server_version"] = state.version
        story.report["cluster"] = {"port": state.port, "bindir": state.bindir,
                                   "data_dir": state.data_dir, "run_user": state.run_user}
        s["message"] = f"{what} (PostgreSQL {state.version} from {state.source})"


def prepare_database(story: Story, ctx: Context) -> None:
    from pgwarden.migrations import api as migrate

    with story.step("migrate", f"Fresh database, migrated to {BEFORE_PERFORMANCE} "
                               "(just before the performance revision)") as s:
        with db.session(ctx.admin_dsn, timeouts=_ADMIN) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(DEMO_DB)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DEMO_DB)))
        with db.session(ctx.dsn, timeouts=_ADMIN, row_factory=psycopg.rows.tuple_row) as conn:
            create_extensions(conn)
        notices: list[str] = []
        report = migrate.upgrade(ctx.dsn, BEFORE_PERFORMANCE, on_notice=notices.append)
        applied = [getattr(st, "revision", "?") for st in report.steps]
        story.report["migration_notices"] = notices
        s["message"] = (f"database {DEMO_DB!r} at {BEFORE_PERFORMANCE}; applied "
                        f"{', '.join(map(str, applied)) or 'nothing'}"
                        + (f"; notices: {'; '.join(notices)}" if notices else ""))


def seed_data(story: Story, ctx: Context) -> None:
    from pgwarden.demo.seed import seed, step_count

    scale = story.options.scale
    with story.step("seed", f"Seed the CMS data set (scale {scale:g})") as s:
        with progress("seeding", step_count(), enabled=story.interactive) as advance:
            result = seed(ctx.dsn, scale=scale, seed=story.options.seed, force=True,
                          on_step=lambda name: advance(description=f"seeded {name}"))
        story.report["seed"] = {"rows": result.rows, "duration_s": result.duration_s}
        big = sorted(result.rows.items(), key=lambda kv: -kv[1])[:4]
        s["message"] = (f"{result.total_rows:,} rows in {result.duration_s:.1f} s ("
                        + ", ".join(f"{t} {n:,}" for t, n in big) + ", …)")


def _replay(story: Story, ctx: Context, seed: int) -> Any:
    from pgwarden.demo.workload import replay

    n = story.options.iterations
    with progress("replaying the CMS workload", n, enabled=story.interactive) as advance:
        return replay(ctx.dsn, iterations=n, seed=seed, on_iteration=lambda i: advance())


def replay_before(story: Story, ctx: Context) -> None:
    with story.step("workload-before", "Replay the CMS workload; the slowest queries") as s:
        with db.session(ctx.dsn, timeouts=_ADMIN) as conn:
            conn.execute(sqlfiles.load("demo/story/reset_statements"))
        ctx.before = _replay(story, ctx, seed=1)
        with db.session(ctx.dsn, timeouts=_ADMIN) as conn:
            top = conn.execute(sqlfiles.load("demo/story/top_statements"), {"limit": 5}).fetchall()
        story.report["workload_before"] = to_jsonable(ctx.before)
        story.report["slowest_statements"] = to_jsonable(top)
        s["message"] = (f"{len(ctx.before.queries)} queries × {ctx.before.iterations} rounds: "
                        f"overall P95 {ctx.before.all_p95_ms:.1f} ms")
        story.say("    slowest statements (pg_stat_statements, mean time per call):")
        for row in top:
            text = " ".join(ln for ln in row["query"].splitlines() if not ln.strip().startswith("--"))
            shown = " ".join(text.split())[:90]
            story.say(f"    {float(row['mean_ms']):9.2f} ms  {row['calls']:>5} calls  {shown}")


def migrate_under_load(story: Story, ctx: Context) -> None:
    from pgwarden.demo.writeload import WriteProbe
    from pgwarden.migrations import api as migrate
    from pgwarden.migrations.settings import MigrateSettings

    lock_timeout_s = MigrateSettings().lock_timeout.seconds
    with story.step("migrate-head", "Migrate to head while the application keeps writing") as s:
        applied: list[str] = []
        with WriteProbe(ctx.dsn) as probe:
            report = migrate.upgrade(
                ctx.dsn, "head",
                on_step=lambda st: applied.append(f"{getattr(st, 'revision', '?')}"))
        res = probe.result
        assert res is not None
        stalled = res.max_ms > lock_timeout_s * 1000
        story.report["migration"] = {
            "revisions applied": ", ".join(applied) or "none",
            "writes during migration": res.writes,
            "write errors": res.errors,
            "write p50 ms": res.p50_ms, "write p99 ms": res.p99_ms, "write max ms": res.max_ms,
            "lock_timeout ms": round(lock_timeout_s * 1000),
            "writers stalled beyond lock_timeout": stalled,
            "lock retries": len(report.retries),
        }
        s["message"] = (f"applied {', '.join(applied) or 'nothing'}; {res.writes} writes meanwhile, "
                        f"max {res.max_ms:.0f} ms (p99 {res.p99_ms:.0f} ms) vs lock_timeout "
                        f"{lock_timeout_s * 1000:.0f} ms: "
                        + ("writers STALLED" if stalled else "writers never stalled"))
        if res.errors:
            s["message"] += f"; {res.errors} write errors (first: {res.first_error})"


def replay_after(story: Story, ctx: Context) -> None:
    with story.step("workload-after", "Replay again; before and after side by side") as s:
        ctx.after = _replay(story, ctx, seed=1)
        rows = comparison(ctx.before, ctx.after)
        story.report["workload_after"] = to_jsonable(ctx.after)
        story.report["comparison"] = rows
        ratio = (ctx.before.all_p95_ms / ctx.after.all_p95_ms) if ctx.after.all_p95_ms else None
        story.report.setdefault("summary", {})["workload P95 before → after"] = (
            f"{ctx.before.all_p95_ms:.1f} ms → {ctx.after.all_p95_ms:.1f} ms"
            + (f" ({ratio:.1f}× faster)" if ratio else ""))
        s["message"] = (f"overall P95 {ctx.before.all_p95_ms:.1f} ms → {ctx.after.all_p95_ms:.1f} ms"
                        + (f" ({ratio:.1f}× faster)" if ratio else ""))
        if story.interactive:
            print_chart(rows)


def comparison(before: Any, after: Any) -> list[dict[str, Any]]:
    """Per-query P50/P95 before and after, with the P95 speed-up."""
    b, a = before.by_name(), after.by_name()
    out = []
    for name in b:
        if name not in a:
            continue
        speed = b[name].p95_ms / a[name].p95_ms if a[name].p95_ms else None
        out.append({"query": name, "before_p50_ms": b[name].p50_ms, "before_p95_ms": b[name].p95_ms,
                    "after_p50_ms": a[name].p50_ms, "after_p95_ms": a[name].p95_ms,
                    "speedup_p95": round(speed, 2) if speed else None})
    return sorted(out, key=lambda r: -(r["before_p95_ms"] or 0))


def print_chart(rows: list[dict[str, Any]], width: int = 36) -> None:
    """A terminal bar chart (log scale) of P95 before/after per query."""
    from rich.table import Table

    from pgwarden.output import console

    values = [v for r in rows for v in (r["before_p95_ms"], r["after_p95_ms"]) if v]
    if not values:
        return
    lo = math.log10(max(min(values), 0.01)) - 0.3
    hi = math.log10(max(values))
    span = max(hi - lo, 0.1)

    def bar(v: float, colour: str) -> str:
        n = max(1, round(width * (math.log10(max(v, 0.01)) - lo) / span))
        return f"[{colour}]{'█' * n}[/]"

    out = console()
    order = ("before (orange, upper bar) and after (blue, lower bar)"
             if out.color_system and not out.no_color
             else "before (upper bar) and after (lower bar)")
    t = Table(title=f"P95 per query, {order}, log scale", box=None)
    t.add_column("query")
    t.add_column("P95 ms", justify="right")
    t.add_column("")
    t.add_column("speed-up", justify="right")
    for r in rows:
        t.add_row(r["query"], f"{r['before_p95_ms']:.2f}", bar(r["before_p95_ms"], "dark_orange"),
                  f"{r['speedup_p95']:.1f}×" if r["speedup_p95"] else "–")
        t.add_row("", f"{r['after_p95_ms']:.2f}", bar(r["after_p95_ms"], "dodger_blue2"), "")
    out.print(t)


def hand_written_indexes(start: str, target: str) -> list[dict[str, Any]]:
    """The indexes revisions ``start``..``target`` build: table and key columns, read from the
    offline SQL (``alembic upgrade --sql``) with pglast."""
    import pglast
    from pglast import ast

    from pgwarden.migrations import api as migrate

    out: list[dict[str, Any]] = []
    for raw in pglast.parse_sql(migrate.offline_sql(target, start=start)):
        stmt = raw.stmt
        if not isinstance(stmt, ast.IndexStmt) or stmt.relation is None:
            continue
        keys = []
        for p in stmt.indexParams or ():
            keys.append(p.name if p.name else pglast.stream.RawStream()(p.expr))
        out.append({"name": stmt.idxname, "table": stmt.relation.relname, "keys": keys,
                    "partial": stmt.whereClause is not None})
    return out


def advise(story: Story, ctx: Context) -> None:
    """What the advisor suggests from the workload just replayed, next to revision 0004."""
    from pgwarden.analyzers.advisor import advise as run_advice

    with story.step("advise", "advise: the indexes pgwarden suggests from pg_stat_statements") as s:
        advice = run_advice(ctx.dsn, min_calls=2)
        hand = hand_written_indexes(BEFORE_PERFORMANCE, PERFORMANCE)
        rows = []
        for d in advice.kept:
            c = d.candidate
            first = c.keys[0].expr if c.keys else ""
            match = [h["name"] for h in hand if h["table"] == c.table and h["keys"][:1] == [first]]
            rows.append({"sql": c.ddl(), "why": d.reason,
                         "cost": f"{d.cost_before:,.0f} → {d.cost_after:,.0f}",
                         "validated": d.measured,
                         "revision_0004_indexes": match,
                         "revision_0004": revision_note(match)})
        story.report["advice"] = rows
        story.report["advice_source"] = {"validated": advice.validated, "queries": len(advice.queries),
                                         "skipped": len(advice.skipped),
                                         "hand_written_0004": len(hand)}
        matched = sum(1 for r in rows if r["revision_0004_indexes"])
        s["message"] = (f"{len(rows)} index(es) suggested from {len(advice.queries)} statements "
                        f"({'validated with hypopg' if advice.validated else 'UNVALIDATED: no hypopg'}); "
                        f"{matched} of them lead with the same column as one of the "
                        f"{len(hand)} hand-written indexes of revision {PERFORMANCE}")
        story.report.setdefault("summary", {})["advice"] = s["message"]
        for r in rows:
            story.say(f"    {r['sql']}")
            story.say(f"        why: {r['why']}; cost {r['cost']}; {r['revision_0004']}")


def lint_pending(story: Story, ctx: Context) -> None:
    """Lint the revisions the database has not applied yet (what a reviewer would do)."""
    from pgwarden.analyzers.lint import lint_paths
    from pgwarden.migrations import api as migrate

    with story.step("lint", "Lint the pending revisions for lock hazards") as s:
        pending = migrate.plan_upgrade(ctx.dsn, "head")
        script = migrate.script_directory()
        paths = [str(script.get_revision(r.revision).path) for r in pending]
        report = lint_paths(paths) if paths else None
        findings = report.findings if report else []
        story.report["lint"] = {
            "revisions": [r.revision for r in pending],
            "statements": report.statements if report else 0,
            "findings": [to_jsonable(f) for f in findings],
            "suppressed": report.suppressed if report else 0,
        }
        s["message"] = (f"{len(paths)} pending revision(s) ({', '.join(r.revision for r in pending)}), "
                        f"{report.statements if report else 0} statements: "
                        + (f"{len(findings)} finding(s)" if findings else "no lock hazards"))
        for f in findings:
            story.say(f"    {f.file}:{f.line}: {f.rule} {f.message}")


# The CMS's retention policies, as examples/pgwarden.toml writes them.
DEMO_MAINTENANCE = {
    "cleanup": {"pause": "0ms", "policies": [
        {"name": "audit_logs", "table": "public.audit_logs", "time_column": "created_at",
         "older_than": "365d"},
        {"name": "user_sessions", "table": "public.user_sessions", "time_column": "expires_at",
         "older_than": "1d"},
    ]},
}


def maintain_and_health(story: Story, ctx: Context) -> None:
    """The nightly cron entry (`maintain run`), then the health checks."""
    from collections import Counter

    from pgwarden.config import build
    from pgwarden.health.runner import run as run_health
    from pgwarden.maintenance import Options, Outcome, run_tasks
    from pgwarden.maintenance.settings import MaintenanceSettings

    title = "maintain run: clean-up, vacuum, refresh, reindex (the 3 a.m. cron entry)"
    with story.step("maintain", title) as s:
        settings = build(MaintenanceSettings, DEMO_MAINTENANCE, "maintenance")
        outcomes: list[Outcome] = []
        report = run_tasks(ctx.dsn, settings.run.tasks, settings,
                           Options(progress=story.interactive), lock_name="run",
                           on_outcome=outcomes.append)
        counts = Counter(o.outcome for o in outcomes)
        deleted = sum(o.rows for o in outcomes if o.task == "cleanup")
        story.report["maintenance"] = {"exit_code": report.exit_code,
                                       "outcomes": [to_jsonable(o) for o in outcomes]}
        for o in outcomes:
            if o.outcome != "not-needed":
                story.say(f"    {o.outcome:8} {o.task:8} {o.action} {o.object}: {o.reason}"
                          + rows_note(o.rows, o.reason))
        s["message"] = (", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
                        + f"; {deleted:,} expired rows deleted; exit code {report.exit_code}")
        story.report.setdefault("summary", {})["maintenance"] = s["message"]
    with story.step("health", "health: the checks a monitoring system would run") as s:
        health = run_health(ctx.dsn)
        story.report["health"] = {"status": health.status.name,
                                  "checks": [{"name": r.name, "status": r.status.name,
                                              "summary": r.summary} for r in health.results]}
        for r in health.results:
            story.say(f"    {r.status.name:8} {r.name}: {r.summary}")
        s["message"] = f"overall {health.status.name} ({len(health.results)} checks)"
        story.report.setdefault("summary", {})["health"] = s["message"]


def standby_story(story: Story, ctx: Context) -> None:
    """With ``--replicas``: a report that runs only on the standby, the index the primary
    alone would call unused, and the cron entry standing aside on the standby."""
    import time

    from pgwarden.analyzers.indexes import report as index_report
    from pgwarden.maintenance import Options, run_tasks
    from pgwarden.maintenance.settings import MaintenanceSettings

    title = "Replicas: a report only the standby runs, and the cron entry on the standby"
    with story.step("replicas", title) as s:
        standby = ctx.cluster.dsn(DEMO_DB, node=1)
        with db.session(ctx.dsn, timeouts=_ADMIN) as conn:
            row = conn.execute(sqlfiles.load("demo/standby_report_candidate")).fetchone()
            lsn_row = conn.execute(sqlfiles.load("migrate/current_lsn")).fetchone()
        lsn = lsn_row["lsn"] if lsn_row else None
        if row is None:
            s["message"] = "every plain index of the demo schema is used on the primary already"
            return
        table = sql.Identifier(row["schema"], row["table"])
        column = sql.Identifier(row["column"])
        with db.session(standby, timeouts=_ADMIN) as sb:
            deadline = time.monotonic() + 60
            while True:
                got = sb.execute(sqlfiles.load("migrate/replayed_up_to"), {"lsn": lsn}).fetchone()
                if got is not None and got["replayed"]:
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError("the standby did not replay the demo's schema in 60 s")
                time.sleep(0.1)
            sb.execute(sql.SQL("SET enable_seqscan = off"))
            sample = sb.execute(sql.SQL("SELECT {} AS v FROM {} WHERE {} IS NOT NULL LIMIT 1")
                                .format(column, table, column)).fetchone()
            value = sample["v"] if sample else None
            for _ in range(20):  # the standby's report: rows of one value of that column
                sb.execute(sql.SQL("SELECT count(*) FROM {} WHERE {} = %s").format(table, column),
                           (value,)).fetchone()
        index = f"{row['schema']}.{row['index']}"
        story.say(f"    a report on the standby reads {row['schema']}.{row['table']} by "
                  f"{row['column']} (20 runs), served by {index}")
        time.sleep(1.5)  # the standby flushes its statistics when the session has ended
        alone = index_report(ctx.dsn)
        both = index_report(ctx.dsn, replicas=[standby])
        alone_says = next((f.kind for f in alone.findings if f.index == index), "not listed")
        used = [u for u in both.used_only_on_replicas if u.index == index]
        story.say(f"    pgwarden indexes on the primary alone: {index} is {alone_says}")
        story.say(f"    pgwarden indexes --replica <standby>: {index} is "
                  + ("used only on the standby: keep it" if used else "not seen used yet"))
        # the same cron entry on every node: on the standby it stands aside
        try:
            ran = run_tasks(standby, ["cleanup", "vacuum"], MaintenanceSettings(),
                            Options(progress=False), lock_name="run")
            stands_aside = (f"stands aside ({ran.status}: {ran.standby}; exit {ran.exit_code})"
                            if ran.standby else f"ran (unexpected on a standby; {ran.status})")
        except Exception as exc:  # noqa: BLE001 - the demo reports what happened, in one line
            stands_aside = f"failed: {' '.join(str(exc).split())}"
        story.say(f"    maintain run on the standby: {stands_aside}")
        story.report["replicas"] = {"index": index, "primary_alone": alone_says,
                                    "used_only_on_standby": bool(used),
                                    "maintain_on_standby": stands_aside}
        s["message"] = (f"{index}: '{alone_says}' on the primary alone, "
                        f"{'used only on the standby' if used else 'not seen used'} with "
                        f"--replica; maintain run on the standby {stands_aside.split(' (')[0]}")


def rows_note(rows: int, reason: str) -> str:
    """`` (N rows)`` after a maintenance line, unless its reason already gives that number."""
    if not rows or str(rows) in reason or f"{rows:,}" in reason:
        return ""
    return f" ({rows:,} rows)"


def next_steps(story: Story, ctx: Context) -> None:
    base = ctx.cluster.base
    pgw = ".venv/bin/pgwarden" if _running_from_checkout_venv() else "pgwarden"
    lines = [
        f"the demo database: export DATABASE_URL={shlex.quote(ctx.dsn)}",
        f"report: {base / 'demo-report.json'} (as a page: {pgw} demo report --html {HTML_NAME})",
        f"try: {pgw} doctor;  {pgw} migrate status;  {pgw} maintain run --dry-run",
        f"     {pgw} health;  {pgw} locks;  {pgw} indexes;  {pgw} lint pgwarden/versions",
        "docs: docs/ (one page per command), docs/benchmarks.md",
        f"stop the cluster: {pgw} local stop   (delete it: {pgw} local destroy)",
    ]
    story.report["next"] = lines
    story.say("")
    story.say(click.style("==> Where to look next", bold=True))
    for line in lines:
        story.say(f"    {line}")


def _running_from_checkout_venv() -> bool:
    """True when this pgwarden is the ``.venv`` of the current directory (``make demo``), which
    is not on PATH: the printed commands then name ``.venv/bin/pgwarden``."""
    import shutil
    import sys
    from pathlib import Path

    venv = Path.cwd() / ".venv"
    try:
        ours = Path(sys.prefix).resolve() == venv.resolve()
    except OSError:
        return False
    on_path = shutil.which("pgwarden")
    return ours and (on_path is None or Path(on_path).resolve().parent != (venv / "bin").resolve())
