"""``advise --write-revision``: a revision chained onto the head that builds and drops the
indexes CONCURRENTLY, applied for real."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.script import ScriptDirectory

from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.revision import DEFAULT_DIR, current_head, write_revision
from pgwarden.errors import UsageError
from tests.analyzers.conftest import Workload
from tests.analyzers.revision_helpers import run_revision


def _index_names(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT indexrelname FROM pg_stat_user_indexes").fetchall()
        invalid = conn.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid").fetchone()
    assert invalid == (0,)
    return {r[0] for r in rows}


def test_revision_chains_onto_head_and_applies(shop_dsn: str, run_workload: Workload,
                                               tmp_path: Path, cli: Any) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    for f in DEFAULT_DIR.glob("v*.py"):
        shutil.copy(f, versions / f.name)
    head = current_head(versions)
    run_workload([
        ("SELECT id FROM customers WHERE lower(email) = %s", ("user7@example.com",)),
        ("SELECT id FROM orders WHERE note ILIKE %s", ("%gift%",)),
    ], 3)
    code, _, err = cli("--dsn", shop_dsn, "advise", "--write-revision", str(versions),
                       "--format", "sql")
    assert code == 0, err
    (written,) = [p for p in versions.glob("v*.py") if p.name.endswith("_advised_indexes.py")]
    assert f"wrote {written}" in err
    script = ScriptDirectory(str(versions), version_locations=[str(versions)])
    rev = script.get_revision(script.get_current_head())
    assert rev is not None and rev.down_revision == head and rev.path == str(written)
    text = written.read_text()
    assert "create_index_concurrently" in text or "CONCURRENTLY" in text
    kept = advise(shop_dsn).kept
    names = {d.candidate.name for d in kept}
    assert names and not names & _index_names(shop_dsn)
    run_revision(written, shop_dsn, "upgrade")
    assert names <= _index_names(shop_dsn)
    run_revision(written, shop_dsn, "upgrade")  # re-run converges
    run_revision(written, shop_dsn, "downgrade")
    assert not names & _index_names(shop_dsn)


def test_nothing_to_write_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nothing to write"):
        write_revision([], tmp_path)
