"""The advisor's write probe (``writecost``) on a hot standby: it writes temporary tables, which
a standby cannot, so it is skipped there and the setting (``index_entry_ms``) used, said in
the advice's notes; the advice itself runs as usual."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from pgwarden.analyzers.advisor import writecost
from tests.replicas.conftest import Pair, advise_table_on_both


def test_the_write_probe_is_skipped_on_a_standby(pair: Pair, cli: Any, tmp_path: Path) -> None:
    workload = advise_table_on_both(pair, tmp_path / "q.sql",
                                    "SELECT sum(v) FROM t WHERE k = 7;\n"
                                    "INSERT INTO t (id, k, v) VALUES (30001, 3, 4);\n")
    code, out, err = cli("--dsn", pair.standby, "advise", "--queries", workload, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert any(n.startswith("write cost not calibrated on a standby") for n in doc["notes"]), doc
    assert doc["suggested"] and doc["writes"]["estimated_ms"] > 0
    # the probe itself cannot run there: the reason it is skipped
    with psycopg.connect(pair.standby, autocommit=True, row_factory=dict_row) as conn:
        assert writecost.skip_reason(conn) == "a standby"
        with pytest.raises(psycopg.Error):
            writecost.probe(conn)
    # on the primary it runs
    code, out, err = cli("--dsn", pair.primary, "advise", "--queries", str(workload), "--json")
    assert code == 0, err
    assert any(n.startswith("write cost calibrated on this server")
               for n in json.loads(out)["notes"]), out
