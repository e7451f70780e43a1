"""The sociologist's dashboard: revision 0003's rollup questionnaire_responses_daily plus a live
tail equals the raw aggregate over responses, however fresh the rollup is."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from pgwarden.demo import workload

ROLLUP = "questionnaire_responses_daily"
# The raw aggregate the dashboard must equal: the same UTC-day window, straight from responses.
RAW = """
SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS responses,
       count(DISTINCT r.user_id) AS respondents
FROM question_groups g
JOIN questions q ON q.group_id = g.id
JOIN responses r ON r.question_id = q.id
WHERE g.questionnaire_id = %(questionnaire_id)s
  AND (r.created_at AT TIME ZONE 'UTC')::date >= (now() AT TIME ZONE 'UTC')::date - %(since_days)s::integer
GROUP BY 1
ORDER BY 1
"""
# Busiest and quietest questionnaires that have responses, and how many days ago the busiest's
# median response day was (a window cutting through its data).
PICK = """
WITH per AS (
    SELECT g.questionnaire_id, count(*) AS n,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY (r.created_at AT TIME ZONE 'UTC')::date) AS mid
    FROM question_groups g
    JOIN questions q ON q.group_id = g.id
    JOIN responses r ON r.question_id = q.id
    GROUP BY 1
)
SELECT (SELECT questionnaire_id FROM per ORDER BY n DESC, 1 LIMIT 1),
       (SELECT questionnaire_id FROM per ORDER BY n, 1 LIMIT 1),
       (SELECT (now() AT TIME ZONE 'UTC')::date - mid FROM per ORDER BY n DESC, 1 LIMIT 1)
"""


# n responses by n users to the questionnaire's first question, and one more by the first of them
# to its last question, at %(at)s UTC %(days)s days ago (at NULL: now()).
ADD = """
WITH ts AS (
    SELECT coalesce(((now() AT TIME ZONE 'UTC')::date - %(days)s::integer + %(at)s::time)
                    AT TIME ZONE 'UTC', now()) AS t
), qs AS (
    SELECT min(q.id::text)::uuid AS first_q, max(q.id::text)::uuid AS last_q
    FROM questions q JOIN question_groups g ON g.id = q.group_id
    WHERE g.questionnaire_id = %(qid)s
)
INSERT INTO responses (question_id, user_id, answer, created_at)
SELECT qs.first_q, u.id, '{"value": 3}'::jsonb, ts.t
FROM (SELECT id FROM users ORDER BY id LIMIT %(n)s) u, qs, ts
UNION ALL
SELECT qs.last_q, (SELECT id FROM users ORDER BY id LIMIT 1), '{"value": 4}'::jsonb, ts.t
FROM qs, ts
"""


def _scalar(conn: psycopg.Connection[Any], query: str, params: Any = None) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def _dashboard(conn: psycopg.Connection[Any], questionnaire_id: Any, since_days: int) -> list[Any]:
    return conn.execute(workload.query("questionnaire_responses_per_day").text,
                        {"questionnaire_id": questionnaire_id, "since_days": since_days}).fetchall()


def _raw(conn: psycopg.Connection[Any], questionnaire_id: Any, since_days: int) -> list[Any]:
    return conn.execute(RAW, {"questionnaire_id": questionnaire_id, "since_days": since_days}).fetchall()


def _assert_exact(conn: psycopg.Connection[Any], picks: tuple[Any, Any, int]) -> int:
    """Dashboard == raw aggregate for the busy and the quiet questionnaire over several windows
    (one cutting through the busy one's data); the number of days compared."""
    busy, quiet, mid = picks
    compared = 0
    for qid in (busy, quiet):
        for since in (0, 3, mid, 3650):
            raw = _raw(conn, qid, since)
            assert _dashboard(conn, qid, since) == raw, (qid, since)
            compared += len(raw)
    return compared


@pytest.fixture
def dash(cms_seeded_dsn: str) -> Any:
    with psycopg.connect(cms_seeded_dsn, autocommit=True) as conn:
        # days are UTC whatever the session's time zone
        conn.execute("SET TimeZone = 'Pacific/Kiritimati'")
        picks = conn.execute(PICK).fetchone()
        assert picks is not None and picks[0] != picks[1]
        yield conn, picks


def _add_responses(conn: psycopg.Connection[Any], questionnaire_id: Any, days_ago: int, n: int,
                   at: str = "12:00") -> None:
    """``n`` responses by ``n`` users (one of them twice) to the questionnaire's first question,
    ``days_ago`` UTC days ago at ``at`` UTC (``now`` for the current time)."""
    conn.execute(ADD, {"qid": questionnaire_id, "n": n, "days": days_ago,
                       "at": None if at == "now" else at})


def _refresh_without_recent_days(conn: psycopg.Connection[Any], days: int) -> None:
    """Refresh the rollup as it would have been ``days`` days ago: the responses of the last
    ``days`` UTC days set aside during the refresh, then put back."""
    with conn.transaction():
        conn.execute("CREATE TEMP TABLE recent ON COMMIT DROP AS SELECT * FROM responses WHERE "
                     "created_at >= ((now() AT TIME ZONE 'UTC')::date - %(d)s::integer)::timestamp "
                     "AT TIME ZONE 'UTC'", {"d": days})
        conn.execute("DELETE FROM responses r USING recent WHERE r.id = recent.id")
        conn.execute("REFRESH MATERIALIZED VIEW questionnaire_responses_daily")
        conn.execute("INSERT INTO responses SELECT * FROM recent")


def test_fresh_rollup_plus_todays_tail_equals_the_raw_aggregate(dash: Any) -> None:
    conn, picks = dash
    assert _scalar(conn, "SELECT count(*) FROM questionnaire_responses_daily") > 0  # the seed refreshed it
    # the rollup holds closed UTC days only
    assert _scalar(conn, "SELECT max(day) < (now() AT TIME ZONE 'UTC')::date "
                         "FROM questionnaire_responses_daily") is True
    assert _assert_exact(conn, picks) > 5
    # responses committed today (after the refresh) are counted live
    for qid in picks[:2]:
        _add_responses(conn, qid, 0, 3, at="now")
        _add_responses(conn, qid, 0, 2, at="00:00")
    assert _assert_exact(conn, picks) > 5
    busy = picks[0]
    today = _dashboard(conn, busy, 0)
    assert len(today) == 1 and today[0][1] >= 7


def test_stale_rollup_is_completed_from_responses(dash: Any) -> None:
    conn, picks = dash
    _refresh_without_recent_days(conn, 4)   # as refreshed four days ago
    for qid in picks[:2]:
        for days_ago, at in ((3, "00:00"), (2, "12:00"), (1, "23:59:59.999999"), (0, "now")):
            _add_responses(conn, qid, days_ago, 2, at=at)
    assert _assert_exact(conn, picks) > 5
    busy = picks[0]
    recent = _dashboard(conn, busy, 3)
    assert len(recent) >= 4 and all(row[1] >= 3 for row in recent)
    # the next refresh rolls the closed days up; the result does not change
    before = {qid: _dashboard(conn, qid, 3650) for qid in picks[:2]}
    conn.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY questionnaire_responses_daily")
    assert _scalar(conn, "SELECT count(*) FROM questionnaire_responses_daily WHERE questionnaire_id = %s "
                         "AND day >= (now() AT TIME ZONE 'UTC')::date - 3", (busy,)) == 3
    assert {qid: _dashboard(conn, qid, 3650) for qid in picks[:2]} == before


def test_populated_but_empty_rollup_serves_everything_from_the_tail(dash: Any) -> None:
    conn, picks = dash
    _refresh_without_recent_days(conn, 100_000)
    assert _scalar(conn, "SELECT count(*) FROM questionnaire_responses_daily") == 0
    assert conn.execute("SELECT relispopulated FROM pg_class WHERE oid = %s::regclass",
                        (ROLLUP,)).fetchone() == (True,)
    assert _assert_exact(conn, picks) > 5


def test_a_late_row_in_a_rolled_up_day_appears_at_the_next_refresh(dash: Any) -> None:
    """The documented limit: a row committed with a created_at inside a day the rollup already
    holds for the questionnaire is counted once the rollup is refreshed."""
    conn, picks = dash
    busy = picks[0]
    day = _scalar(conn, "SELECT (now() AT TIME ZONE 'UTC')::date - max(day) "
                        "FROM questionnaire_responses_daily WHERE questionnaire_id = %s", (busy,))
    _add_responses(conn, busy, day, 1)
    assert _dashboard(conn, busy, 3650) != _raw(conn, busy, 3650)
    conn.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY questionnaire_responses_daily")
    assert _dashboard(conn, busy, 3650) == _raw(conn, busy, 3650)


def test_both_parts_are_index_backed_at_head(cms_seeded_dsn: str) -> None:
    with psycopg.connect(cms_seeded_dsn) as conn:
        conn.execute("SET enable_seqscan = off")
        params = workload.representative_params(conn)["questionnaire_responses_per_day"]
        scans = workload.explain_scans(conn, workload.query("questionnaire_responses_per_day"), params)
    assert workload.is_index_backed(scans), scans
    joined = "; ".join(scans)
    assert f"on {ROLLUP} ({ROLLUP}_questionnaire_day_key)" in joined, scans
    assert "on responses (responses_question_created_idx)" in joined, scans


def test_maintain_refresh_refreshes_the_rollup_concurrently_then_skips_it(
        cms_seeded_dsn: str, cli: Callable[..., tuple[int, str, str]]) -> None:
    def refresh() -> dict[str, Any]:
        code, out, err = cli("--dsn", cms_seeded_dsn, "maintain", "refresh", "--json")
        assert code == 0, err
        return {o["object"]: o for o in map(json.loads, out.splitlines())
                if o.get("task") == "refresh" and "object" in o}

    first = refresh()["public.questionnaire_responses_daily"]
    assert (first["action"], first["outcome"]) == ("refresh concurrently", "done"), first
    second = refresh()["public.questionnaire_responses_daily"]
    assert second["outcome"] == "not-needed" and "inputs unchanged" in second["reason"], second
    with psycopg.connect(cms_seeded_dsn, autocommit=True) as conn:
        conn.execute("REFRESH MATERIALIZED VIEW questionnaire_responses_daily WITH NO DATA")
    code, out, _ = cli("--dsn", cms_seeded_dsn, "migrate", "status")
    assert "unpopulated materialized view public.questionnaire_responses_daily" in out, out
    third = refresh()["public.questionnaire_responses_daily"]
    assert (third["action"], third["outcome"]) == ("refresh (not populated)", "done"), third
