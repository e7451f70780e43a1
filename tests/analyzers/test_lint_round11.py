"""Round 11 of the linter's precision (issue 15): a btree build's rate depends on its keys.
bench/lint_work_speed.py measured keys of fixed-width types (bigint, timestamp, boolean, numeric,
uuid) sorting 2.38x faster than a 40-character text key in the same run, so with ``--dsn`` an
index build on such keys is priced at that rate (sizes.RATES ``btree-scalar``); a text key, an
expression or a column of a type the linter does not know keeps the slowest rate. On a 30,000-row
table the first is within the 150 ms line (advice), the second is over it (a hazard). Before,
every btree was priced as a text key, so each of these was a hazard."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.lint.catalog import read
from pgwarden.analyzers.lint.model import State
from pgwarden.analyzers.lint.sizes import HAZARD_ESTIMATE_S, work_estimate
from tests.analyzers.lint_helpers import rules_and_tiers as _rules


def _table(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE keyed_t (id bigint PRIMARY KEY, owner_id bigint, "
                 "seen_at timestamptz, active boolean, ref uuid, note text)")
    conn.execute("INSERT INTO keyed_t SELECT g, g % 997, now() - g * interval '1 minute', "
                 "g % 3 = 0, md5(g::text)::uuid, md5(g::text) || 'abcdefgh' "
                 "FROM generate_series(1, 30000) g")
    conn.execute("VACUUM ANALYZE keyed_t")


@pytest.mark.parametrize(("keys", "tier"), [
    ("owner_id", "advice"),
    ("active", "advice"),
    ("ref", "advice"),
    ("owner_id, seen_at", "advice"),
    ("note", "hazard"),
    ("owner_id, note", "hazard"),
    ("lower(note)", "hazard"),
    ("(owner_id + 1)", "hazard"),  # an expression: its type is not read, the slowest rate
])
def test_a_btree_build_is_priced_by_its_keys(db_dsn: str, conn: psycopg.Connection[Any],
                                            keys: str, tier: str) -> None:
    _table(conn)
    cat = read(db_dsn)
    text = f"CREATE INDEX keyed_idx ON keyed_t ({keys});\n"
    assert _rules(text, catalog=cat) == [("index-not-concurrent", tier)]
    # without the catalog nothing is sized: every build without CONCURRENTLY is a hazard
    assert _rules(text) == [("index-not-concurrent", "hazard")]


def test_a_unique_constraint_is_priced_by_its_keys(db_dsn: str,
                                                  conn: psycopg.Connection[Any]) -> None:
    _table(conn)
    cat = read(db_dsn)
    assert _rules("ALTER TABLE keyed_t ADD CONSTRAINT keyed_ref UNIQUE (ref);\n",
                  catalog=cat) == [("unique-constraint-builds-index", "advice")]
    assert _rules("ALTER TABLE keyed_t ADD CONSTRAINT keyed_note UNIQUE (note);\n",
                  catalog=cat) == [("unique-constraint-builds-index", "hazard")]


def test_the_two_rates_straddle_the_line(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """The table is sized so that the line separates the two kinds (not by a hair)."""
    _table(conn)
    st = State()
    read(db_dsn).seed(st)
    scalar = work_estimate(st, "keyed_t", "btree-scalar")
    text = work_estimate(st, "keyed_t", "btree-index")
    assert scalar is not None and text is not None
    assert scalar < 0.85 * HAZARD_ESTIMATE_S < 1.2 * HAZARD_ESTIMATE_S < text
