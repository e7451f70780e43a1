"""The linter against a real server: what ``--dsn`` reads from the catalog, and the rewrites the
rules claim checked by the table's relfilenode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.lint import lint_sql
from pgwarden.analyzers.lint.catalog import read

Cli = Callable[..., tuple[int, str, str]]

SCHEMA = """
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200), phone text, score integer,
                    note text);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint, total numeric(10,2), customer text);
INSERT INTO users SELECT g, 'u' || g, NULL, g, 'n' FROM generate_series(1, 1000) g;
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);
ALTER TABLE users ADD CONSTRAINT users_phone_nn CHECK (phone IS NOT NULL) NOT VALID;
ALTER TABLE billing.invoices ADD CONSTRAINT inv_ck CHECK (customer IS NOT NULL AND total >= 0);
"""


def _rules(sql: str, **kw: Any) -> list[str]:
    return sorted(f.rule for f in lint_sql(sql, **kw).findings)


def test_catalog_makes_set_not_null_clean_only_when_proven(db_dsn: str,
                                                           conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA)
    cat = read(db_dsn)
    email = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
    # without the catalog the linter cannot know the validated CHECK exists
    assert _rules(email) == ["set-not-null-scan"]
    assert _rules(email, catalog=cat) == []
    # a NOT VALID check proves nothing; a column already NOT NULL needs no scan
    assert _rules("ALTER TABLE users ALTER COLUMN phone SET NOT NULL;", catalog=cat) == \
        ["set-not-null-scan"]
    assert _rules("ALTER TABLE users ALTER COLUMN id SET NOT NULL;", catalog=cat) == []
    # another schema, and one term of an AND
    assert _rules("ALTER TABLE billing.invoices ALTER COLUMN customer SET NOT NULL;",
                  catalog=cat) == []
    # what the migration does after reading the catalog wins: the check dropped first
    assert _rules("ALTER TABLE users DROP CONSTRAINT users_email_nn;\n" + email, catalog=cat) == \
        ["set-not-null-scan"]


def test_catalog_gives_the_real_old_type(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA)
    cat = read(db_dsn)
    assert cat.column_types[("users", "email")] == ("varchar", (200,))
    assert cat.column_types[("billing.invoices", "total")] == ("numeric", (10, 2))
    # unknown old type: `TYPE text` is taken for a varchar widening; the catalog says integer
    to_text = "ALTER TABLE users ALTER COLUMN score TYPE text;"
    assert _rules(to_text) == []
    assert _rules(to_text, catalog=cat) == ["rewrite-column-type"]
    assert _rules("ALTER TABLE users ALTER COLUMN email TYPE varchar(300);", catalog=cat) == []
    assert _rules("ALTER TABLE users ALTER COLUMN email TYPE varchar(100);", catalog=cat) == \
        ["rewrite-column-type"]
    assert _rules("ALTER TABLE billing.invoices ALTER COLUMN total TYPE numeric(12,2);",
                  catalog=cat) == []


def test_cli_reads_the_catalog_with_dsn(cli: Cli, db_dsn: str, conn: psycopg.Connection[Any],
                                        tmp_path: Path) -> None:
    conn.execute(SCHEMA)
    f = tmp_path / "m.sql"
    f.write_text("ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n")
    assert cli("lint", str(f))[0] == 1
    code, out, _ = cli("--dsn", db_dsn, "lint", str(f))
    assert code == 0, out
    assert "0 finding(s)" in out


def _relfilenode(conn: psycopg.Connection[Any], rel: str) -> int:
    return int(conn.execute("SELECT relfilenode FROM pg_class WHERE oid = %s::regclass",
                            (rel,)).fetchone()[0])  # type: ignore[index]


@pytest.mark.parametrize(("statement", "rewrites"), [
    ("ALTER TABLE users ALTER COLUMN email TYPE text USING lower(email)", True),
    ("ALTER TABLE users ALTER COLUMN note TYPE text USING trim(note)", True),
    ("ALTER TABLE users ALTER COLUMN email TYPE text USING email::text", False),
    ("ALTER TABLE users ALTER COLUMN email TYPE text", False),
    ("ALTER TABLE users ALTER COLUMN score TYPE bigint USING score::bigint", True),
])
def test_type_change_rewrite_claims_match_the_server(db_dsn: str, conn: psycopg.Connection[Any],
                                                     statement: str, rewrites: bool) -> None:
    """``ALTER COLUMN … TYPE … USING expr`` rewrites whatever the types; the column itself
    (cast or not) only when the type change does."""
    conn.execute(SCHEMA)
    cat = read(db_dsn)
    before = _relfilenode(conn, "users")
    conn.execute(statement)  # type: ignore[call-overload]
    assert (_relfilenode(conn, "users") != before) is rewrites
    assert ("rewrite-column-type" in _rules(statement + ";", catalog=cat)) is rewrites
