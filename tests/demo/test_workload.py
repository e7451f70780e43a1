"""The CMS workload: replay covers every named query; the query files parse and run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pglast
import psycopg
import pytest

from pgwarden.demo import workload

QUERY_DIR = Path(workload.__file__).parent / "queries"


def test_replay_returns_latencies_for_every_query(cms_seeded_dsn: str) -> None:
    result = workload.replay(cms_seeded_dsn, iterations=4, seed=1)
    stats = result.by_name()
    assert set(stats) == {q.name for q in workload.QUERIES}
    for s in stats.values():
        assert s.calls == 4
        assert 0 < s.p50_ms <= s.p95_ms <= s.max_ms
    # the data answers the hot queries (not all empty)
    for name in ("workshop_sessions", "workshop_enrollments", "audit_by_record"):
        assert stats[name].rows > 0, name
    assert result.all_p50_ms <= result.all_p95_ms


@pytest.mark.parametrize("name", ["search_pl", "search_en", "search_unaccented"])
def test_common_search_phrases_find_workshops(name: str, cms_seeded_dsn: str) -> None:
    # topical phrases match the workshops of their themes only: at the fixture's 50 workshops
    # the rarer themes are absent, so a third of the phrases (not all) find something
    q = workload.query(name)
    phrases = workload.load_search_terms()[name]
    with psycopg.connect(cms_seeded_dsn) as conn:
        found = [p for p in phrases if conn.execute(q.text, {"q": p}).fetchall()]
    assert len(found) >= len(phrases) // 3, found


def test_a_second_seed_draws_other_values(cms_seeded_dsn: str) -> None:
    import random

    with psycopg.connect(cms_seeded_dsn) as conn:
        pools_a, pools_b = workload.load_pools(conn, 1), workload.load_pools(conn, 2)
    assert pools_a.popular == pools_b.popular
    assert pools_a.rare["workshop"] != pools_b.rare["workshop"]
    q = workload.query("workshop_enrollments")
    draws_a = [workload.draw(q, random.Random(1), pools_a) for _ in range(5)]
    draws_b = [workload.draw(q, random.Random(2), pools_b) for _ in range(5)]
    assert draws_a != draws_b


def test_popular_values_are_the_busiest(cms_seeded_dsn: str) -> None:
    with psycopg.connect(cms_seeded_dsn) as conn:
        pools = workload.load_pools(conn)
        busiest = conn.execute("SELECT workshop_id FROM enrollments GROUP BY 1 "
                               "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]  # type: ignore[index]
    assert pools.popular["workshop"][0][0] == busiest


def test_query_files_match_the_registry() -> None:
    assert {p.stem for p in QUERY_DIR.glob("*.sql")} == {q.name for q in workload.QUERIES}


def test_query_files_are_the_workload_with_literal_values(cms_seeded_dsn: str, tmp_path: Path) -> None:
    """``demo/queries/`` is generated from ``sql/demo/workload/`` (``write_query_files``): each file
    is the same statement as the workload's, constants aside (pglast fingerprints ignore them),
    so the two cannot drift. ``make golden`` (PGWARDEN_UPDATE_GOLDEN=1) regenerates them."""
    import os

    with psycopg.connect(cms_seeded_dsn) as conn:
        if os.environ.get("PGWARDEN_UPDATE_GOLDEN") == "1":
            workload.write_query_files(conn, QUERY_DIR)
        fresh = workload.write_query_files(conn, tmp_path)
    stale = [p.stem for p in fresh
             if pglast.fingerprint(p.read_text(encoding="utf-8"))
             != pglast.fingerprint((QUERY_DIR / p.name).read_text(encoding="utf-8"))]
    assert not stale, (f"pgwarden/demo/queries/ differs from sql/demo/workload/ for {stale}: "
                       "run `make golden` and commit the files")


@pytest.mark.parametrize("path", sorted(QUERY_DIR.glob("*.sql")), ids=lambda p: p.stem)
def test_query_file_parses_and_runs(path: Path, cms_seeded_dsn: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(pglast.parse_sql(text)) == 1
    assert "%(" not in text
    with psycopg.connect(cms_seeded_dsn) as conn:
        conn.execute(text).fetchall()


def test_render_and_explain(cms_seeded_dsn: str) -> None:
    with psycopg.connect(cms_seeded_dsn) as conn:
        params = workload.representative_params(conn)
        q = workload.query("workshop_sessions")
        text = workload.render(conn, q, params[q.name])
        assert params[q.name]["workshop_id"].hex in text
        scans = workload.explain_scans(conn, q, params[q.name])
    assert scans and all(" on sessions" in s for s in scans)


def test_percentile() -> None:
    values: list[Any] = list(range(1, 101))
    assert workload.percentile(values, 50) == 50
    assert workload.percentile(values, 95) == 95
    assert workload.percentile([3.0], 95) == 3.0


def test_every_hot_query_can_use_an_index_at_head(cms_seeded_dsn: str) -> None:
    """With sequential scans priced out, each hot query's plan is index-backed: revision 0004
    (and 0002's GIN index for the searches) covers the workload. A query no index serves would
    still show a Seq Scan here."""
    with psycopg.connect(cms_seeded_dsn) as conn:
        conn.execute("SET enable_seqscan = off")
        params = workload.representative_params(conn)
        plans = {q.name: workload.explain_scans(conn, q, params[q.name]) for q in workload.QUERIES}
    lagging = {name: scans for name, scans in plans.items() if not workload.is_index_backed(scans)}
    assert not lagging, lagging
