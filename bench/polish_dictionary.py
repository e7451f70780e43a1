"""First-use cost of the Polish hunspell dictionary on a new connection, and what avoids it.

Run: python bench/polish_dictionary.py [--runs N] [--pg-bin system|embedded|DIR] [--dsn DSN]

Without --dsn it starts a throwaway local cluster, migrates a database to head and inserts a
few workshops. For N fresh connections each it measures, in the same process:
  - baseline: the first English search on a new connection (no hunspell involved);
  - the first Polish search on a new connection (PostgreSQL loads and parses pl_pl.dict and
    pl_pl.affix into that backend), then the same search again on that warm connection;
  - backend memory before/after (pg_backend_memory_contexts, and VmRSS from /proc when the
    server runs on this machine);
  - the write paths: a seat-count UPDATE on a new connection (the trigger skips the texts, so
    no dictionary load) and a title UPDATE (loads it).
Prints medians and the ratio of a cold to a warm Polish search.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pgwarden.local import LocalCluster  # noqa: E402
from pgwarden.migrations import api as migrate  # noqa: E402

SEARCH = "SELECT count(*) FROM workshops WHERE search_vector @@ workshop_search_query(%s)"
ENGLISH = "SELECT count(*) FROM workshops WHERE search_vector @@ websearch_to_tsquery('english', %s)"
WARM_UP = "SELECT to_tsvector('polish', 'warsztat')"  # the connect hook docs/search.md gives
MEMORY = "SELECT sum(total_bytes) FROM pg_backend_memory_contexts"


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def timed(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> float:
    t0 = time.perf_counter()
    cur = conn.execute(query, params)
    if cur.description is not None:
        cur.fetchall()
    return (time.perf_counter() - t0) * 1000


def one_value(conn: psycopg.Connection[Any], query: str) -> int:
    row = conn.execute(query).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def prepare(dsn: str) -> None:
    migrate.upgrade(dsn, "head", on_notice=lambda text: None)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO workshops (slug, title, short_description) SELECT 'w-' || g,"
            " jsonb_build_object('pl', 'Warsztaty ceramiki ' || g, 'en', 'Pottery workshop ' || g),"
            " jsonb_build_object('pl', 'Żłobek sztuki dla dzieci', 'en', 'Art for kids')"
            " FROM generate_series(1, 200) g")
        conn.execute("ANALYZE workshops")


def measure(dsn: str, runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in (
        "english_first_ms", "polish_first_ms", "polish_warm_ms", "memory_delta_kib",
        "rss_delta_kib", "seat_update_first_ms", "title_update_first_ms",
        "warm_up_statement_ms")}

    def fresh(fn: Callable[[psycopg.Connection[Any]], None]) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SELECT 1")  # the connection itself is not what we time
            fn(conn)

    for run in range(runs):
        fresh(lambda c: out["english_first_ms"].append(timed(c, ENGLISH, ("workshops",))))

        def polish(c: psycopg.Connection[Any]) -> None:
            pid = c.info.backend_pid
            mem0, rss0 = one_value(c, MEMORY), rss_kib(pid)
            out["polish_first_ms"].append(timed(c, SEARCH, ("warsztatów",)))
            mem1, rss1 = one_value(c, MEMORY), rss_kib(pid)
            out["polish_warm_ms"].append(timed(c, SEARCH, ("warsztatów",)))
            out["memory_delta_kib"].append((mem1 - mem0) / 1024)
            if rss0 is not None and rss1 is not None:
                out["rss_delta_kib"].append(rss1 - rss0)

        fresh(polish)
        fresh(lambda c: out["seat_update_first_ms"].append(
            timed(c, "UPDATE workshops SET seat_reserved = seat_reserved + 1 WHERE slug = 'w-1'")))
        title = f"Warsztaty gliny {run}"  # a new text each run, so the trigger re-computes
        fresh(lambda c, t=title: out["title_update_first_ms"].append(  # type: ignore[misc]
            timed(c, "UPDATE workshops SET title = jsonb_set(title, '{pl}', to_jsonb(%s::text))"
                     " WHERE slug = 'w-2'", (t,))))
        fresh(lambda c: out["warm_up_statement_ms"].append(timed(c, WARM_UP)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pg-bin", default="system")
    ap.add_argument("--dsn")
    args = ap.parse_args()
    cluster = None
    if args.dsn:
        dsn = args.dsn
    else:
        cluster = LocalCluster(Path(tempfile.mkdtemp(prefix="pgwarden-bench-")) / ".pgwarden",
                               pg_bin=args.pg_bin)
        cluster.start()
        with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench_polish")
        dsn = cluster.dsn("bench_polish")
    try:
        prepare(dsn)
        with psycopg.connect(dsn) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
            mode = migrate.status(dsn).polish_search
        res = measure(dsn, args.runs)
    finally:
        if cluster is not None:
            cluster.destroy()
    print(f"PostgreSQL {version}, Polish search: {mode}, {args.runs} fresh connections per figure")
    for key, xs in res.items():
        if xs:
            print(f"  {key:24s} median {statistics.median(xs):9.1f}   max {max(xs):9.1f}")
    cold = statistics.median(res["polish_first_ms"])
    warm = statistics.median(res["polish_warm_ms"])
    base = statistics.median(res["english_first_ms"])
    print(f"first Polish search on a new connection: {cold / warm:.0f}x a warm one, "
          f"{cold / base:.0f}x the first English search (baseline)")


if __name__ == "__main__":
    main()
