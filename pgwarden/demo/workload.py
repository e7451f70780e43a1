"""The CMS hot queries as a named, replayable workload with realistic parameter skew.

Each named query is ``pgwarden/sql/demo/workload/<name>.sql`` (psycopg ``%(param)s``
placeholders). Parameter values come from the data (``sql/demo/workload_params.sql``): the
busiest workshops, participants, questionnaires and audited records ("popular") are drawn most
of the time, a seed-dependent sample of others ("rare") the rest, so both the common and the
quiet values reach the planner. ``replay(dsn, iterations, seed)`` runs every query once per
iteration in a shuffled order and returns P50/P95 per query; a second ``seed`` draws another
rare sample and other choices (the advisor benchmark replays with different values that way).

``pgwarden/demo/queries/<name>.sql`` holds each query with representative literal values (for
``pgwarden plans`` and ``psql``). They are generated, never edited: ``write_query_files`` renders
them from a seeded database, and ``tests/demo/test_workload.py`` checks that each is the
workload's statement (pglast fingerprint) and regenerates them under ``make golden``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from pgwarden import sql as sqlfiles

PARAMS = Callable[[random.Random, "Pools", bool], dict[str, Any]]
POPULAR_SHARE = 0.8  # share of draws that hit a popular value


@dataclass(frozen=True)
class Pools:
    """Parameter values drawn from the data (popular and rare per pool) and the search phrases."""

    popular: dict[str, list[tuple[Any, ...]]]
    rare: dict[str, list[tuple[Any, ...]]]
    search_terms: dict[str, list[str]]
    now: dt.datetime

    def pick(self, rng: random.Random, pool: str, popular: bool) -> tuple[Any, ...]:
        values = (self.popular if popular else self.rare).get(pool) or self.popular.get(pool) \
            or self.rare.get(pool)
        if not values:
            raise LookupError(f"the data has no values for {pool}: is the database seeded?")
        if popular:  # Zipf-like over the popular list: the busiest value is drawn most often
            weights = [1.0 / (i + 1) for i in range(len(values))]
            return rng.choices(values, weights=weights)[0]
        return rng.choice(values)


@dataclass(frozen=True)
class NamedQuery:
    """One CMS hot query: its name (and file), what it serves, how to draw its parameters."""

    name: str
    purpose: str
    params: PARAMS

    @property
    def text(self) -> str:
        return sqlfiles.load(f"demo/workload/{self.name}")


@dataclass(frozen=True)
class QueryStats:
    """Latencies of one named query over a replay (milliseconds)."""

    name: str
    calls: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    total_ms: float
    rows: int


@dataclass(frozen=True)
class ReplayResult:
    iterations: int
    seed: int
    duration_s: float
    queries: list[QueryStats]
    all_p50_ms: float
    all_p95_ms: float

    def by_name(self) -> dict[str, QueryStats]:
        return {q.name: q for q in self.queries}


def _status_date(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    days = rng.randint(0, 14) if popular else rng.randint(-400, 300)
    return {"status": "published" if popular or rng.random() < 0.7 else rng.choice(
        ["archived", "cancelled", "draft"]), "from_days": days}


def _theme_language(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    theme, _, language = pools.pick(rng, "theme_language", popular)[1].partition("/")
    return {"theme": theme, "language": language}


def _workshop(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    return {"workshop_id": pools.pick(rng, "workshop", popular)[0]}


def _participant(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    statuses = rng.choice([["confirmed", "pending"], ["confirmed", "pending", "waitlisted"],
                           ["completed"], ["cancelled"]])
    return {"participant_id": pools.pick(rng, "participant", popular)[0], "statuses": statuses}


def _workshop_status(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    status = rng.choices(["confirmed", "pending", "waitlisted", "completed", "cancelled"],
                         weights=[5, 2, 2, 3, 1])[0]
    return {"workshop_id": pools.pick(rng, "workshop", popular)[0], "status": status}


def _questionnaire(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    return {"questionnaire_id": pools.pick(rng, "questionnaire", popular)[0],
            "since_days": rng.choice([30, 90, 365, 730])}


def _audit(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    record_id, table_name = pools.pick(rng, "audit_record", popular)
    return {"table_name": table_name, "record_id": record_id}


def _expiring(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
    return {"within": rng.choice(["1 hour", "1 day"] if popular else ["7 days", "30 days"])}


def _search(name: str) -> PARAMS:
    def draw(rng: random.Random, pools: Pools, popular: bool) -> dict[str, Any]:
        terms = pools.search_terms[name]
        return {"q": terms[rng.randrange(3)] if popular else rng.choice(terms)}
    return draw


# The registry: adding a hot query is one file in sql/demo/workload/ and one line here.
QUERIES: tuple[NamedQuery, ...] = (
    NamedQuery("published_by_date", "listing: published workshops from a date", _status_date),
    NamedQuery("published_by_theme_language", "listing: by template theme and language", _theme_language),
    NamedQuery("workshop_sessions", "a workshop's sessions in order", _workshop),
    NamedQuery("participant_enrollments", "a participant's enrollments by status", _participant),
    NamedQuery("workshop_enrollments", "a workshop's enrollments by status", _workshop_status),
    NamedQuery("questionnaire_responses_per_day", "responses per questionnaire over time", _questionnaire),
    NamedQuery("audit_by_record", "audit log of one record", _audit),
    NamedQuery("expiring_sessions", "user sessions expiring soon", _expiring),
    NamedQuery("search_pl", "Polish full-text search", _search("search_pl")),
    NamedQuery("search_en", "English full-text search", _search("search_en")),
    NamedQuery("search_unaccented", "accent-insensitive search", _search("search_unaccented")),
)


def query(name: str) -> NamedQuery:
    for q in QUERIES:
        if q.name == name:
            return q
    raise KeyError(name)


def load_search_terms() -> dict[str, list[str]]:
    text = resources.files("pgwarden.demo").joinpath("data", "search_terms.tsv").read_text("utf-8")
    terms: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, phrase = line.split("\t")
            terms.setdefault(name, []).append(phrase)
    return terms


def load_pools(conn: psycopg.Connection[Any], seed: int = 1) -> Pools:
    """Read the parameter pools from the seeded database (a few group-bys)."""
    popular: dict[str, list[tuple[Any, ...]]] = {}
    rare: dict[str, list[tuple[Any, ...]]] = {}
    with conn.cursor(row_factory=psycopg.rows.tuple_row) as cur:
        cur.execute(sqlfiles.load("demo/workload_params"), {"seed": str(seed)})
        for pool, kind, value, txt in cur.fetchall():
            (popular if kind == "popular" else rare).setdefault(pool, []).append((value, txt))
        cur.execute(sqlfiles.load("demo/workload_now"))
        now = cur.fetchone()[0]  # type: ignore[index]
    return Pools(popular=popular, rare=rare, search_terms=load_search_terms(), now=now)


def draw(q: NamedQuery, rng: random.Random, pools: Pools) -> dict[str, Any]:
    """One parameter set for ``q``: popular values with probability POPULAR_SHARE."""
    return q.params(rng, pools, rng.random() < POPULAR_SHARE)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * pct // 100)))
    return ordered[int(rank) - 1]


def replay(dsn: str, iterations: int = 20, seed: int = 1, *,
           queries: Sequence[NamedQuery] = QUERIES, warmup: int = 1,
           on_iteration: Callable[[int], None] | None = None) -> ReplayResult:
    """Run every query ``iterations`` times with skewed parameters; P50/P95 per query.

    Uses one connection without server-side prepared statements (every execution is planned
    with its own values, as an ORM sending literals would be), application_name
    ``cms-workload`` (so pg_stat_statements shows it as the application's, not pgwarden's).
    ``warmup`` untimed rounds run first on the same connection: a backend's first Polish
    full-text query loads the hunspell dictionary (hundreds of ms), which a pooled application
    connection pays once, not per query.
    """
    from pgwarden.db import Timeouts, connect

    rng = random.Random(seed)
    times: dict[str, list[float]] = {q.name: [] for q in queries}
    rows: dict[str, int] = {q.name: 0 for q in queries}
    started = time.monotonic()
    with connect(dsn, timeouts=Timeouts(lock_timeout=5.0, statement_timeout=120.0),
                 application_name="cms-workload", row_factory=psycopg.rows.tuple_row) as conn:
        conn.prepare_threshold = None
        pools = load_pools(conn, seed)
        texts = {q.name: q.text for q in queries}
        warm = random.Random(seed + 7919)
        for _ in range(warmup):
            for q in queries:
                conn.execute(texts[q.name], draw(q, warm, pools)).fetchall()
        for i in range(iterations):
            order = list(queries)
            rng.shuffle(order)
            for q in order:
                params = draw(q, rng, pools)
                t0 = time.perf_counter()
                cur = conn.execute(texts[q.name], params)
                rows[q.name] += len(cur.fetchall())
                times[q.name].append((time.perf_counter() - t0) * 1000)
            if on_iteration:
                on_iteration(i + 1)
    stats = [QueryStats(name=n, calls=len(t), p50_ms=round(percentile(t, 50), 3),
                        p95_ms=round(percentile(t, 95), 3), max_ms=round(max(t), 3),
                        total_ms=round(sum(t), 3), rows=rows[n]) for n, t in times.items()]
    everything = [x for t in times.values() for x in t]
    return ReplayResult(iterations=iterations, seed=seed, duration_s=round(time.monotonic() - started, 3),
                        queries=stats, all_p50_ms=round(percentile(everything, 50), 3),
                        all_p95_ms=round(percentile(everything, 95), 3))


def representative_params(conn: psycopg.Connection[Any], seed: int = 1) -> dict[str, dict[str, Any]]:
    """For each query, one parameter set using the busiest value of each pool."""
    pools = load_pools(conn, seed)
    top = Pools(popular={k: v[:1] for k, v in pools.popular.items()}, rare={},
                search_terms=pools.search_terms, now=pools.now)
    return {q.name: q.params(random.Random(0), top, True) for q in QUERIES}


def render(conn: psycopg.Connection[Any], q: NamedQuery, params: dict[str, Any]) -> str:
    """The query's text with ``params`` as SQL literals (psycopg's client-side binding)."""
    with psycopg.ClientCursor(conn) as cur:
        return cur.mogrify(q.text, params)


def write_query_files(conn: psycopg.Connection[Any], folder: Path) -> list[Path]:
    """Write ``<name>.sql`` per query with representative literal values into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for q in QUERIES:
        path = folder / f"{q.name}.sql"
        path.write_text(render(conn, q, representative_params(conn)[q.name]), encoding="utf-8")
        written.append(path)
    return written


def explain_scans(conn: psycopg.Connection[Any], q: NamedQuery, params: dict[str, Any]) -> list[str]:
    """The plan's scan nodes as 'Node Type on relation (index)' strings (EXPLAIN, not ANALYZE)."""
    stmt = sql.SQL("EXPLAIN (FORMAT JSON) {}").format(sql.SQL(q.text))
    with conn.cursor(row_factory=psycopg.rows.tuple_row) as cur:
        cur.execute(stmt, params)
        plan = cur.fetchone()[0][0]["Plan"]  # type: ignore[index]
    scans: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        if "Relation Name" in node:
            index = f" ({node['Index Name']})" if "Index Name" in node else ""
            scans.append(f"{node['Node Type']} on {node['Relation Name']}{index}")
        for child in node.get("Plans", []):
            walk(child)

    walk(plan)
    return scans


def is_index_backed(scans: Sequence[str]) -> bool:
    """True when no scan of a CMS table is a sequential scan."""
    return not any(s.startswith("Seq Scan") for s in scans)


__all__ = ["QUERIES", "NamedQuery", "Pools", "QueryStats", "ReplayResult", "draw", "explain_scans",
           "is_index_backed", "load_pools", "percentile", "query", "render", "replay",
           "representative_params", "write_query_files"]
