"""The custom collector: one database connection per collection, families built from rows.

Every family is built on each scrape (no state kept between scrapes), so a view or task
that disappears stops being exported. ``pgwarden_up`` is 0 (and nothing else is exported)
when the database cannot be reached, so an alert can tell "down" from "no data".
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

import psycopg
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.health.settings import HealthSettings, MetricsSettings
from pgwarden.health.state import run_alive

WRAP_LIMIT = 2**31
OUTCOMES = ("success", "partial", "failed", "running")


class PgwardenCollector(Collector):
    """Collects pgwarden's metrics from ``dsn`` each time the registry is scraped."""

    def __init__(self, dsn: str, settings: MetricsSettings | None = None,
                 health: HealthSettings | None = None):
        self.dsn = dsn
        self.settings = settings or MetricsSettings()
        self.health = health or HealthSettings()
        self.errors: list[str] = []  # what could not be collected on the last scrape

    def describe(self) -> list[Metric]:
        return []  # unchecked collector: families depend on what the database holds

    def collect(self) -> Iterator[Metric]:
        started = time.monotonic()
        self.errors = []
        up = GaugeMetricFamily("pgwarden_up", "1 when pgwarden could connect and collect, 0 otherwise")
        families: list[Metric] = []
        try:
            with self._connection() as conn:
                facts = db.read_server_facts(conn)
                for part in (self._node_role, self._wraparound, self._invalid_indexes,
                             self._sessions, self._statements, self._bloat, self._state):
                    try:
                        families.extend(part(conn, facts))
                    except psycopg.Error as exc:
                        self.errors.append(f"{part.__name__.strip('_')}: {db.one_line(str(exc))}")
            up.add_metric([], 1)
        except Exception as exc:  # noqa: BLE001 - a scrape must answer, with pgwarden_up 0
            self.errors.append(db.redact(" ".join(str(exc).split())))
            up.add_metric([], 0)
            families = []
        yield up
        yield from families
        errs = GaugeMetricFamily("pgwarden_collection_errors",
                                 "Parts of the last collection that failed (e.g. a missing privilege)")
        errs.add_metric([], len(self.errors))
        yield errs
        dur = GaugeMetricFamily("pgwarden_collection_duration_seconds",
                                "How long the last collection took")
        dur.add_metric([], time.monotonic() - started)
        yield dur

    def _connection(self) -> AbstractContextManager[psycopg.Connection[Any]]:
        """A connection for one collection (fleet mode's --serve borrows one from a pool)."""
        timeouts = db.Timeouts(lock_timeout=1.0, connect_timeout=10.0,
                               statement_timeout=self.settings.statement_timeout.seconds)
        return db.session(self.dsn, timeouts=timeouts, application_name="pgwarden metrics")

    # -- parts ------------------------------------------------------------------------------

    @staticmethod
    def _rows(conn: psycopg.Connection[Any], facts: db.ServerFacts, name: str,
              params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with conn.cursor(row_factory=dict_row) as cur:
            cur.execute(sqlfiles.load_for(name, facts.version_num), params)
            return cur.fetchall()

    def _node_role(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        from pgwarden.topology import read_node_facts

        node = read_node_facts(conn)
        role = GaugeMetricFamily("pgwarden_node_role",
                                 "1 for this node's role (primary or standby), asked of the server",
                                 labels=["role"])
        for name in ("primary", "standby"):
            role.add_metric([name], 1 if node.role == name else 0)
        out: list[Metric] = [role]
        if node.in_recovery:
            paused = GaugeMetricFamily("pgwarden_standby_replay_paused",
                                       "1 when this standby's WAL replay is paused")
            paused.add_metric([], 1 if node.replay_paused else 0)
            out.append(paused)
        return out

    def _wraparound(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        xid = GaugeMetricFamily("pgwarden_xid_wraparound_headroom",
                                "Transaction IDs left before wraparound (2^31 - age(datfrozenxid))",
                                labels=["datname"])
        mxid = GaugeMetricFamily("pgwarden_multixact_wraparound_headroom",
                                 "Multixact IDs left before wraparound (2^31 - mxid_age(datminmxid))",
                                 labels=["datname"])
        used = GaugeMetricFamily("pgwarden_xid_wraparound_used_ratio",
                                 "Share of the 2^31 transaction-ID space consumed (1 = wraparound)",
                                 labels=["datname"])
        for r in self._rows(conn, facts, "health/wraparound"):
            xid.add_metric([r["datname"]], WRAP_LIMIT - r["xid_age"])
            mxid.add_metric([r["datname"]], WRAP_LIMIT - r["mxid_age"])
            used.add_metric([r["datname"]], r["xid_age"] / WRAP_LIMIT)
        return [xid, mxid, used]

    def _invalid_indexes(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        g = GaugeMetricFamily("pgwarden_invalid_indexes",
                              "Invalid indexes in the database (e.g. a failed CREATE INDEX CONCURRENTLY)",
                              labels=["datname"])
        g.add_metric([facts.database], self._rows(conn, facts, "metrics/invalid_indexes")[0]["invalid"])
        return [g]

    def _sessions(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        if facts.major < 14:
            return []
        fams = {k: CounterMetricFamily(f"pgwarden_database_{k}",
                                       f"Sessions {what} (pg_stat_database.{k}, PostgreSQL 14+)",
                                       labels=["datname"])
                for k, what in (("sessions_fatal", "ended by a fatal error"),
                                ("sessions_killed", "terminated by operator intervention"),
                                ("sessions_abandoned", "ended because the client disconnected"))}
        for r in self._rows(conn, facts, "metrics/sessions"):
            for k, fam in fams.items():
                fam.add_metric([r["datname"]], float(r[k] or 0))
        return list(fams.values())

    def _statements(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        if not facts.installed("pg_stat_statements"):
            return []
        s = self.settings
        labels = ["datname", "rank"] + (["queryid"] if s.queryid_labels else [])
        approx = " (approximate: PostgreSQL keeps mean and stddev, not percentiles)"
        mean = GaugeMetricFamily("pgwarden_statement_mean_seconds",
                                 "Mean execution time of the database's Nth statement by total time"
                                 + approx, labels=labels)
        std = GaugeMetricFamily("pgwarden_statement_stddev_seconds",
                                "Standard deviation of execution time of the Nth statement" + approx,
                                labels=labels)
        calls = GaugeMetricFamily("pgwarden_statement_calls",
                                  "Calls of the database's Nth statement by total time", labels=labels)
        db_calls = CounterMetricFamily("pgwarden_statements_calls",
                                       "Calls of all statements tracked by pg_stat_statements",
                                       labels=["datname"])
        db_time = CounterMetricFamily("pgwarden_statements_exec_seconds",
                                      "Execution time of all statements tracked by pg_stat_statements; "
                                      "rate(exec_seconds)/rate(calls) is the mean latency" + approx,
                                      labels=["datname"])
        seen: set[str] = set()
        for r in self._rows(conn, facts, "metrics/statements_top",
                            {"top": s.top_statements, "min_calls": s.statements_min_calls}):
            if r["datname"] not in seen:
                seen.add(r["datname"])
                db_calls.add_metric([r["datname"]], float(r["db_calls"] or 0))
                db_time.add_metric([r["datname"]], float(r["db_total_s"] or 0))
            if r["rank"] is None or s.top_statements == 0:
                continue
            lv = [r["datname"], str(r["rank"])] + ([str(r["queryid"])] if s.queryid_labels else [])
            mean.add_metric(lv, float(r["mean_s"]))
            std.add_metric(lv, float(r["stddev_s"]))
            calls.add_metric(lv, float(r["calls"]))
        return [mean, std, calls, db_calls, db_time]

    def _bloat(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        labels = ["datname", "schema", "table", "confidence"]
        size = GaugeMetricFamily("pgwarden_table_bloat_estimate_bytes",
                                 "Estimated wasted bytes in the table, from planner statistics "
                                 "(confidence: medium or low; pgstattuple measures exactly)",
                                 labels=labels)
        ratio = GaugeMetricFamily("pgwarden_table_bloat_estimate_ratio",
                                  "Estimated share of the table's pages that are bloat", labels=labels)
        for r in self._rows(conn, facts, "metrics/bloat", {"top": self.settings.bloat_top_tables}):
            lv = [facts.database, r["schema"], r["table"], r["confidence"]]
            size.add_metric(lv, float(r["bloat_bytes"]))
            ratio.add_metric(lv, float(r["bloat_ratio"]))
        return [size, ratio]

    def _state(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        tables = self._rows(conn, facts, "health/state_tables")[0]
        out: list[Metric] = []
        if tables["mview_refresh"]:
            if not tables["mview_refresh_readable"]:
                raise psycopg.errors.InsufficientPrivilege("cannot read pgwarden.mview_refresh")
            out.extend(self._mviews(conn, facts))
        if tables["task_runs"]:
            if not tables["task_runs_readable"]:
                raise psycopg.errors.InsufficientPrivilege("cannot read pgwarden.task_runs")
            out.extend(self._tasks(conn, facts))
        return out

    def _mviews(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        labels = ["datname", "schema", "view"]
        known = GaugeMetricFamily("pgwarden_mview_refresh_known",
                                  "1 when pgwarden recorded a successful refresh of the view, 0 when "
                                  "its age is unknown", labels=labels)
        age = GaugeMetricFamily("pgwarden_mview_age_seconds",
                                "Seconds since pgwarden last refreshed the view successfully",
                                labels=labels)
        allowed = GaugeMetricFamily("pgwarden_mview_allowed_age_seconds",
                                    "Allowed staleness of the view ([health] mview_max_age and "
                                    "overrides)", labels=labels)
        last = GaugeMetricFamily("pgwarden_mview_last_success_timestamp_seconds",
                                 "Unix time of the view's last successful refresh", labels=labels)
        dur = GaugeMetricFamily("pgwarden_mview_last_refresh_duration_seconds",
                                "Duration of the view's last refresh", labels=labels)
        for r in self._rows(conn, facts, "metrics/mviews"):
            lv = [facts.database, r["schema"], r["view"]]
            known.add_metric(lv, 1 if r["refreshed"] else 0)
            allowed.add_metric(lv, self.health.mview_limit(r["schema"], r["view"]))
            if r["refreshed"]:
                age.add_metric(lv, float(r["age_s"]))
                last.add_metric(lv, float(r["last_success_ts"]))
            if r["last_duration_s"] is not None:
                dur.add_metric(lv, float(r["last_duration_s"]))
        return [known, age, allowed, last, dur]

    def _tasks(self, conn: psycopg.Connection[Any], facts: db.ServerFacts) -> list[Metric]:
        labels = ["datname", "task"]
        outcome = GaugeMetricFamily("pgwarden_task_last_outcome",
                                    "1 for the outcome of the task's latest run ('running' whose "
                                    "session is gone counts as failed)",
                                    labels=labels + ["outcome"])
        success = GaugeMetricFamily("pgwarden_task_last_success_timestamp_seconds",
                                    "Unix time of the task's last successful run", labels=labels)
        run_ts = GaugeMetricFamily("pgwarden_task_last_run_timestamp_seconds",
                                   "Unix time the task's latest run started", labels=labels)
        dur = GaugeMetricFamily("pgwarden_task_last_run_duration_seconds",
                                "Duration of the task's latest finished run", labels=labels)
        allowed = GaugeMetricFamily("pgwarden_task_allowed_age_seconds",
                                    "How old the task's last success may be ([health] task_max_age)",
                                    labels=labels)
        for r in self._rows(conn, facts, "metrics/tasks"):
            lv = [facts.database, r["task"]]
            current = r["last_outcome"]
            if current == "running" and not run_alive(conn, r["task"], bool(r["backend_alive"])):
                current = "failed"
            for o in OUTCOMES:
                outcome.add_metric(lv + [o], 1 if o == current else 0)
            if r["last_success_ts"] is not None:
                success.add_metric(lv, float(r["last_success_ts"]))
            run_ts.add_metric(lv, float(r["last_run_ts"]))
            if r["last_duration_s"] is not None:
                dur.add_metric(lv, float(r["last_duration_s"]))
            allowed.add_metric(lv, self.health.task_limit(r["task"]))
        return [outcome, success, run_ts, dur, allowed]
