"""SQL that pgwarden runs lives in pgwarden/sql/ (loaded by name): no ``execute("SELECT …")``
with a literal or f-string text, no ``sql.SQL(...)`` without a placeholder to compose (short
utility statements composed with ``sql.Identifier`` — ``sql.SQL("VACUUM (ANALYZE) {}")`` — are
the pattern STYLE.md names). Checked for the modules moved over so far; extend ``MOVED``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "pgwarden"
MOVED = sorted([*(ROOT / "demo").glob("*.py"), *(ROOT / "health").glob("*.py"), ROOT / "doctor.py",
                ROOT / "fixes.py"])


def inline_sql(path: Path) -> list[int]:
    """Lines where SQL text is run from a string written in the Python."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        first = node.args[0]
        if node.func.attr in ("execute", "executemany") and isinstance(first, ast.JoinedStr | ast.Constant):
            found.append(node.lineno)
        elif (node.func.attr == "SQL" and isinstance(first, ast.Constant)
              and isinstance(first.value, str) and "{" not in first.value
              and any(c.isalpha() for c in first.value)):  # sql.SQL(", ") joins, runs nothing
            found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", MOVED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_text_in_python(path: Path) -> None:
    assert inline_sql(path) == []


def test_the_check_sees_inline_sql(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text('conn.execute("SELECT 1")\n'
                 'conn.execute(f"SET lock_timeout = {x}")\n'
                 'conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(t))\n'
                 'conn.execute(sqlfiles.load("demo/x"))\n'
                 'q = sql.SQL("SELECT 2")\n'
                 'names = sql.SQL(", ").join(idents)\n'
                 'fix = "GRANT pg_monitor TO x;"\n')
    assert inline_sql(f) == [1, 2, 5]


@pytest.mark.parametrize("path", sorted((ROOT / "sql").rglob("*.sql")),
                         ids=lambda p: str(p.relative_to(ROOT / "sql")))
def test_sql_file_comments_hold_no_placeholder(path: Path) -> None:
    """psycopg counts a positional ``%s`` in a comment as a parameter (the query then wants one
    more); a named ``%(name)s`` there is harmless (the same name, the same value)."""
    import re

    comments = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                if ln.lstrip().startswith("--")]
    assert not [ln for ln in comments if re.search(r"(?<!%)%s", ln)]
