"""``pgwarden doctor``: the server's facts and, per pgwarden feature, whether it can run here.

Each feature is a small function registered in ``FEATURES``; it reads ``ServerFacts`` (and
the probes gathered once) and returns a ``Feature`` with the exact fix when it cannot run.
Adding a feature touches this one list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.fixes import statement


@dataclass(frozen=True)
class Feature:
    name: str
    status: str  # "ok" | "degraded" | "unavailable"
    detail: str
    fix: str | None = None


@dataclass(frozen=True)
class Probes:
    """Things learned by trying, not by reading the catalog."""

    polish_dictionary: bool | None = None  # None: could not tell
    polish_dictionary_error: str | None = None
    pg_stat_statements_readable: bool | None = None


@dataclass(frozen=True)
class NodeReport:
    """One node of the topology as doctor shows it (``error``: why it could not be read)."""

    name: str
    role: str                      # primary | standby | unknown
    version: str | None = None
    error: str | None = None
    replay_lag_bytes: int | None = None   # standbys: WAL of the primary not replayed yet
    replay_paused: bool | None = None
    stats_age_s: float | None = None
    hot_standby_feedback: str | None = None
    max_standby_streaming_delay: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    target: str
    facts: db.ServerFacts
    probes: Probes
    features: list[Feature] = field(default_factory=list)
    nodes: list[NodeReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no feature is unavailable (degraded optional features are fine)."""
        return all(f.status != "unavailable" for f in self.features)

    def as_json(self) -> dict[str, Any]:
        """The diagnosis as ``pgwarden doctor --json`` prints it."""
        from pgwarden.output import to_jsonable

        return {"target": self.target, "facts": to_jsonable(self.facts),
                "probes": to_jsonable(self.probes), "features": to_jsonable(self.features),
                "nodes": to_jsonable(self.nodes), "ok": self.ok}


Check = Callable[[db.ServerFacts, Probes], Feature]
FEATURES: list[Check] = []


def feature(fn: Check) -> Check:
    FEATURES.append(fn)
    return fn


def _apt(facts: db.ServerFacts, ext: str) -> str:
    return f"apt-get install postgresql-{facts.major}-{ext}"


@feature
def _pg_stat_statements(f: db.ServerFacts, p: Probes) -> Feature:
    name = "pg_stat_statements (advise, metrics, slow queries)"
    if not f.available("pg_stat_statements"):
        return Feature(name, "unavailable", "the extension is not shipped with this server",
                       "install PostgreSQL's contrib package")
    if f.pg_stat_statements_unknown:
        grant = f"GRANT {db.SETTINGS_ROLE} TO {f.user};"
        if not f.installed("pg_stat_statements"):
            return Feature(name, "unavailable",
                           f"not created in {f.database!r}; this role may not read "
                           "shared_preload_libraries, so whether it is preloaded is unknown",
                           f"run: CREATE EXTENSION pg_stat_statements; and {grant}")
        return Feature(name, "unavailable",
                       "created, but its view does not answer: the library is not loaded (this "
                       "role may not read shared_preload_libraries to confirm)",
                       "add pg_stat_statements to shared_preload_libraries and restart the "
                       f"server; {grant} lets pgwarden read the setting")
    if not f.pg_stat_statements_preloaded:
        return Feature(name, "unavailable",
                       "pg_stat_statements is not in shared_preload_libraries",
                       "add it: ALTER SYSTEM SET shared_preload_libraries = "
                       "'pg_stat_statements'; then restart the server")
    if not f.installed("pg_stat_statements"):
        return Feature(name, "unavailable", f"preloaded but not created in {f.database!r}",
                       "run: CREATE EXTENSION pg_stat_statements;")
    if not f.can_read_all_stats:
        return Feature(name, "degraded", "other roles' query texts are hidden from this role",
                       statement("GRANT pg_read_all_stats TO {role};", role=f.user))
    return Feature(name, "ok", f"version {f.installed_extensions['pg_stat_statements']}")


@feature
def _hypopg(f: db.ServerFacts, p: Probes) -> Feature:
    name = "hypopg (advise: hypothetical-index validation)"
    if f.installed("hypopg"):
        return Feature(name, "ok", f"version {f.installed_extensions['hypopg']}")
    if f.available("hypopg"):
        return Feature(name, "degraded", "available but not created in this database "
                       "(until it is, advise ranks candidates unvalidated)",
                       "run: CREATE EXTENSION hypopg;")
    return Feature(name, "degraded", "hypopg missing: advice would be unvalidated",
                   _apt(f, "hypopg"))


@feature
def _pg_qualstats(f: db.ServerFacts, p: Probes) -> Feature:
    name = "pg_qualstats (advise: predicate statistics, optional)"
    if f.installed("pg_qualstats") and f.preloaded("pg_qualstats"):
        return Feature(name, "ok", f"version {f.installed_extensions['pg_qualstats']}")
    if not f.available("pg_qualstats"):
        return Feature(name, "degraded", "not installed (optional)", _apt(f, "pg-qualstats"))
    if not f.preloaded("pg_qualstats"):
        return Feature(name, "degraded", "not in shared_preload_libraries (optional)",
                       "add pg_qualstats to shared_preload_libraries and restart")
    return Feature(name, "degraded", "preloaded but not created in this database (optional)",
                   "run: CREATE EXTENSION pg_qualstats;")


@feature
def _fts(f: db.ServerFacts, p: Probes) -> Feature:
    name = "bilingual full-text search (migrations: unaccent, pg_trgm, Polish dictionary)"
    missing = [e for e in ("unaccent", "pg_trgm") if not f.available(e)]
    if missing:
        return Feature(name, "unavailable", f"missing extensions: {', '.join(missing)}",
                       "install PostgreSQL's contrib package")
    if p.polish_dictionary is False:
        return Feature(name, "degraded",
                       "Polish dictionary files missing: Polish search falls back to 'simple' "
                       "(no stemming)",
                       "apt-get install hunspell-pl (then pg_updatedicts, as root)")
    if p.polish_dictionary is None:
        return Feature(name, "degraded", "could not probe the Polish dictionary: "
                       + (p.polish_dictionary_error or "unknown"), None)
    return Feature(name, "ok", "unaccent, pg_trgm and the Polish hunspell dictionary present")


@feature
def _pgstattuple(f: db.ServerFacts, p: Probes) -> Feature:
    name = "pgstattuple (maintain reindex: exact bloat before acting)"
    if f.installed("pgstattuple"):
        return Feature(name, "ok", f"version {f.installed_extensions['pgstattuple']}")
    if f.available("pgstattuple"):
        return Feature(name, "degraded", "available but not created: bloat is estimated only",
                       "run: CREATE EXTENSION pgstattuple;")
    return Feature(name, "degraded", "not shipped with this server: bloat is estimated only",
                   "install PostgreSQL's contrib package")


@feature
def _monitoring_role(f: db.ServerFacts, p: Probes) -> Feature:
    name = "monitoring privileges (health, metrics, locks)"
    if f.is_superuser:
        return Feature(name, "ok", "superuser")
    if f.has_role("pg_monitor"):
        return Feature(name, "ok", "member of pg_monitor")
    return Feature(name, "degraded",
                   "not a member of pg_monitor: other sessions' queries and some statistics "
                   "are hidden", statement("GRANT pg_monitor TO {role};", role=f.user))


@feature
def _migrations(f: db.ServerFacts, p: Probes) -> Feature:
    name = "migrations (create schema objects)"
    if f.is_superuser or f.can_create_in_database:
        return Feature(name, "ok", "can create schemas in this database")
    return Feature(name, "unavailable", "this role cannot create schemas in this database",
                   statement("GRANT CREATE ON DATABASE {db} TO {role};", db=f.database,
                             role=f.user))


def probe(conn: psycopg.Connection[Any]) -> Probes:
    """Try what the catalog cannot tell, always rolled back."""
    polish: bool | None
    err: str | None = None
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(sqlfiles.load("core/polish_dictionary_probe"))
        polish = True
    except psycopg.errors.UndefinedFile:
        polish = False
    except psycopg.errors.InsufficientPrivilege as exc:
        polish, err = None, db.one_line(exc.diag.message_primary or str(exc))
    except psycopg.Error as exc:
        polish, err = None, db.one_line(str(exc))
    return Probes(polish_dictionary=polish, polish_dictionary_error=err)


def _report(name: str, nf: Any, behind: int | None = None) -> NodeReport:
    return NodeReport(name, nf.role, nf.server_version, None, behind, nf.replay_paused,
                      nf.stats_age_s, nf.hot_standby_feedback, nf.max_standby_streaming_delay)


def diagnose(dsn: str, *, replicas: list[str] | None = None) -> Diagnosis:
    """Connect, read the facts, probe, and assess every registered feature; with ``replicas``
    (DSNs of the target's standbys) also show every node: role, version, replay lag,
    statistics age, hot_standby_feedback and max_standby_streaming_delay."""
    from pgwarden.topology import nodes as topo
    from pgwarden.topology import read_node_facts

    reports: list[NodeReport] = []
    with db.session(dsn, timeouts=db.Timeouts(lock_timeout=1, statement_timeout=30)) as conn:
        facts = db.read_server_facts(conn)
        probes = probe(conn)
        if replicas:
            mine = read_node_facts(conn)
            reports.append(_report(topo.node_name(dsn) + " (target)", mine))
            for node in topo.replica_nodes(conn, replicas):
                if node.facts is None:
                    reports.append(NodeReport(node.name, "unknown", error=node.error))
                    continue
                behind = None
                if node.facts.replay_lsn and not mine.in_recovery:
                    row = conn.execute(sqlfiles.load("topology/lsn_behind"),
                                       {"lsn": node.facts.replay_lsn}).fetchone()
                    behind = int(row["behind_bytes"]) if row else None
                rep = _report(node.name, node.facts, behind)
                reports.append(NodeReport(**{**rep.__dict__, "error": node.error}))
    return Diagnosis(target=db.redact(db.describe_target(dsn)), facts=facts, probes=probes,
                     features=[check(facts, probes) for check in FEATURES], nodes=reports)
