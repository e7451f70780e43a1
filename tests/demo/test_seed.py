"""``pgwarden demo seed``: row counts, skew, both languages, determinism, refusal."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from pgwarden.demo.seed import CMS_TABLES, plan, read_word_list
from pgwarden.errors import UsageError

# revision 0003's statistics materialized views: the seed refreshes every one of them
STATISTICS_VIEWS = ("workshop_statistics", "enrollments_per_day", "questionnaire_responses_daily")


def _rows(dsn: str, query: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(dsn) as c:
        return c.execute(query).fetchall()


def _one(dsn: str, query: str) -> Any:
    return _rows(dsn, query)[0][0]


def test_scale_mapping() -> None:
    p = plan(100)
    assert (p.workshops, p.enrollments, p.users) == (100_000, 2_220_000, 500_000)
    small = plan(0.001)
    assert small.workshops == 10 and small.users >= 200 and small.staff > 25
    with pytest.raises(UsageError):
        plan(0)


def test_word_lists_are_real_polish_and_english() -> None:
    themes = read_word_list("themes.tsv", 6)
    nominatives = {t[2] for t in themes}
    genitives = {t[3] for t in themes}
    assert "adaptacja w żłobku" in nominatives and "zdrowia psychicznego" in genitives
    assert any("ą" in t[2] or "ł" in t[2] or "ż" in t[2] for t in themes)
    assert {t[6] for t in themes} <= {row[1] for row in read_word_list("tags.tsv", 3)}


def test_seeded_counts_and_skew(cms_seeded_dsn: str, cms_seeded_template: dict[str, Any]) -> None:
    rows = cms_seeded_template["rows"]
    assert set(rows) == set(CMS_TABLES)
    assert all(n > 0 for n in rows.values()), rows
    assert rows["workshops"] == plan(cms_seeded_template["scale"]).workshops
    per_workshop = ("SELECT max(n), percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM "
                    "(SELECT count(*) AS n FROM enrollments GROUP BY {}) c")
    top, median = _rows(cms_seeded_dsn, per_workshop.format("workshop_id"))[0]
    assert top >= 5 * median, (top, median)
    # many users with few enrollments, a few with many
    top, median = _rows(cms_seeded_dsn, per_workshop.format("participant_id"))[0]
    assert median <= 3 and top >= 4 * median, (top, median)
    by_status = dict(_rows(cms_seeded_dsn, "SELECT status, count(*) FROM workshops GROUP BY status"))
    assert by_status["published"] > sum(n for s, n in by_status.items() if s != "published")
    assert _one(cms_seeded_dsn, "SELECT count(*) FROM workshops WHERE title ? 'en'") > 0
    assert _one(cms_seeded_dsn, "SELECT count(*) FROM workshops WHERE NOT title ? 'en'") > 0
    assert _one(cms_seeded_dsn, "SELECT count(*) FROM workshops WHERE language = 'en'") > 0
    assert _one(cms_seeded_dsn, "SELECT count(*) FROM workshops WHERE start_date > now()") > 0
    assert _one(cms_seeded_dsn, "SELECT count(*) FROM workshops WHERE start_date < now()") > 0
    assert _one(cms_seeded_dsn, "SELECT count(*) FROM workshops WHERE title->>'pl' ~ '[ąćęłńóśźż]'") > 0
    # surnames agree with the first name's gender (Anna Kowalska, Piotr Kowalski)
    names = "SELECT count(*) FROM users WHERE display_name ~ '{}'"
    assert _one(cms_seeded_dsn, names.format("^(Anna|Ewa|Zofia) .*ski$")) == 0
    assert _one(cms_seeded_dsn, names.format("^(Piotr|Jan|Paweł) .*ska$")) == 0
    assert _one(cms_seeded_dsn, names.format("ska$")) > 0
    old = _one(cms_seeded_dsn, "SELECT count(*) FROM audit_logs WHERE created_at < now() - interval '1 year'")
    assert 0 < old < rows["audit_logs"]
    expired = _one(cms_seeded_dsn, "SELECT count(*) FROM user_sessions WHERE expires_at < now()")
    assert 0 < expired < rows["user_sessions"]


def _fingerprint(dsn: str) -> tuple[str, ...]:
    with psycopg.connect(dsn) as c:
        return tuple(c.execute(q).fetchone()[0] for q in (  # type: ignore[index]
            "SELECT md5(string_agg(w::text, '' ORDER BY id)) FROM workshops w",
            "SELECT md5(string_agg(e::text, '' ORDER BY id)) FROM enrollments e",
            "SELECT md5(string_agg(a::text, '' ORDER BY id)) FROM audit_logs a",
            "SELECT md5(string_agg(r::text, '' ORDER BY id)) FROM responses r"))


def test_same_seed_same_data(cms_db_dsn: str, cli: Any) -> None:
    code, out, _ = cli("--dsn", cms_db_dsn, "demo", "seed", "--scale", "0.02", "--seed", "7", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["rows"]["workshops"] == 20 and summary["total_rows"] == sum(summary["rows"].values())
    assert set(summary["views_refreshed"]) == set(STATISTICS_VIEWS)
    first = _fingerprint(cms_db_dsn)
    code, _, _ = cli("--dsn", cms_db_dsn, "demo", "seed", "--scale", "0.02", "--seed", "7", "--force")
    assert code == 0
    assert _fingerprint(cms_db_dsn) == first
    code, _, _ = cli("--dsn", cms_db_dsn, "demo", "seed", "--scale", "0.02", "--seed", "8", "--force")
    assert code == 0
    other = _fingerprint(cms_db_dsn)
    assert all(a != b for a, b in zip(first, other, strict=True))


def test_refuses_a_database_with_data(cms_seeded_dsn: str, cli: Any) -> None:
    before = _fingerprint(cms_seeded_dsn)
    code, out, err = cli("--dsn", cms_seeded_dsn, "demo", "seed", "--scale", "0.01")
    assert code == 2 and out == ""
    assert "already holds CMS data" in err and "--force" in err and "Traceback" not in err
    assert _fingerprint(cms_seeded_dsn) == before


def test_refuses_a_database_without_the_schema(db_dsn: str, cli: Any) -> None:
    code, _, err = cli("--dsn", db_dsn, "demo", "seed", "--scale", "0.01")
    assert code == 2
    assert "CMS schema is not there" in err and "pgwarden migrate up" in err


def test_text_output(cms_db_dsn: str, cli: Any) -> None:
    code, out, _ = cli("--dsn", cms_db_dsn, "demo", "seed", "--scale", "0.01")
    assert code == 0
    assert out.startswith("seeded scale 0.01 (seed 42)")
    assert "enrollments" in out and "audit_logs" in out


def test_no_orphans_although_fk_triggers_were_skipped(cms_seeded_dsn: str) -> None:
    """The seed skips per-row FK checks (superuser): every foreign key must still hold."""
    fks = _rows(cms_seeded_dsn, """
        SELECT conrelid::regclass::text, confrelid::regclass::text,
               (SELECT string_agg(quote_ident(attname), ',' ORDER BY k.n)
                FROM unnest(conkey) WITH ORDINALITY k(a, n)
                JOIN pg_attribute ON attrelid = conrelid AND attnum = k.a),
               (SELECT string_agg(quote_ident(attname), ',' ORDER BY k.n)
                FROM unnest(confkey) WITH ORDINALITY k(a, n)
                JOIN pg_attribute ON attrelid = confrelid AND attnum = k.a)
        FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace""")
    assert len(fks) >= 15
    for child, parent, cols, pcols in fks:
        child_cols = ", ".join("c." + x for x in cols.split(","))
        orphans = _one(cms_seeded_dsn,
                       f"SELECT count(*) FROM {child} c WHERE ({cols}) IS NOT NULL AND NOT EXISTS "  # noqa: S608
                       f"(SELECT 1 FROM {parent} p WHERE ({pcols}) = ({child_cols}))")
        assert orphans == 0, (child, cols, parent)


def test_topical_words_stay_with_their_themes(cms_seeded_dsn: str) -> None:
    # a nursery word appears only in workshops of the nursery-tagged themes (their names and
    # their topical sentences), not in a random share of all workshops via generic sentences
    nursery = {key for _n, key, *_rest, tag in read_word_list("themes.tsv", 6) if tag == "zlobek"}
    rows = _rows(cms_seeded_dsn, "SELECT regexp_replace(slug, '-[0-9]+$', ''), lower(concat_ws("
                                 "' ', title, short_description, description)) FROM workshops")
    mentioning = {theme for theme, text in rows if "żłob" in text or "nurser" in text}
    assert mentioning <= nursery, mentioning - nursery
    assert len([1 for _theme, text in rows if "żłob" in text]) < len(rows) / 4


def test_seed_ends_with_vacuum_analyze(cms_db_dsn: str) -> None:
    # as autovacuum would leave a loaded table: vacuumed (visibility map) and analyzed
    from pgwarden.demo.seed import seed

    seed(cms_db_dsn, scale=0.02)
    rows = _rows(cms_db_dsn, "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL "
                             "FROM pg_stat_user_tables WHERE schemaname = 'public'")
    done = {name for name, vacuumed, analyzed in rows if vacuumed and analyzed}
    assert set(CMS_TABLES) <= done, set(CMS_TABLES) - done


def test_seed_leaves_the_statistics_views_populated_and_current(cms_db_dsn: str) -> None:
    # the migration populated them empty; the seed refreshes them after VACUUM (ANALYZE)
    from pgwarden.demo.seed import seed

    result = seed(cms_db_dsn, scale=0.02)
    views = {name: populated for name, populated in _rows(
        cms_db_dsn, "SELECT matviewname::text, ispopulated FROM pg_matviews WHERE schemaname = 'public'")}
    assert set(views) == set(STATISTICS_VIEWS) == set(result.views_refreshed)
    assert all(views.values()), views
    expected = {
        "workshop_statistics": "SELECT count(*) FROM workshops WHERE deleted_at IS NULL",
        "enrollments_per_day": "SELECT count(DISTINCT (workshop_id, (created_at AT TIME ZONE "
                               "'Europe/Warsaw')::date)) FROM enrollments",
        "questionnaire_responses_daily": (
            "SELECT count(DISTINCT (g.questionnaire_id, (r.created_at AT TIME ZONE 'UTC')::date)) "
            "FROM responses r JOIN questions q ON q.id = r.question_id "
            "JOIN question_groups g ON g.id = q.group_id "
            "WHERE r.created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"),
    }
    for name, query in expected.items():
        n = _one(cms_db_dsn, query)
        assert n > 0 and result.views_refreshed[name] == n, name
        in_view = _one(cms_db_dsn, f"SELECT count(*) FROM {name}")  # noqa: S608 - a constant name
        assert in_view == n, name
    assert _one(cms_db_dsn, "SELECT sum(responses) FROM questionnaire_responses_daily") == _one(
        cms_db_dsn, "SELECT count(*) FROM responses "
                    "WHERE created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")
    # analyzed after their refresh's row counts were flushed: nothing modified since the analyze
    analyzed = {r[0]: r[1] for r in _rows(cms_db_dsn, "SELECT relname, n_mod_since_analyze FROM "
                                                      "pg_stat_user_tables WHERE last_analyze IS NOT NULL")}
    assert {v: analyzed.get(v) for v in STATISTICS_VIEWS} == {v: 0 for v in STATISTICS_VIEWS}
