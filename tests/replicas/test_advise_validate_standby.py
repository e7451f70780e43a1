"""``advise --validate`` on a hot standby: refused before any work with one line and exit 2
(a standby cannot create the temporary tables the validation builds on)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.replicas.conftest import Pair, advise_table_on_both


def test_validate_is_refused_on_a_standby(pair: Pair, cli: Any, tmp_path: Path) -> None:
    workload = advise_table_on_both(pair, tmp_path / "q.sql", "SELECT sum(v) FROM t WHERE k = 7;\n")
    code, out, err = cli("--dsn", pair.standby, "advise", "--queries", workload,
                         "--validate")
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pgwarden: error: advise --validate"), err
    assert "standby" in lines[0] and "Traceback" not in err
    code, out, err = cli("--dsn", pair.standby, "advise", "--queries", str(workload),
                         "--validate", "--json")
    assert code == 2
    assert json.loads(out.strip().splitlines()[-1])["exit_code"] == 2
    # the same on the primary validates
    code, out, err = cli("--dsn", pair.primary, "advise", "--queries", str(workload),
                         "--validate", "--json")
    assert code == 0, err
    (s,) = json.loads(out)["suggested"]
    assert s["validation"]["status"] == "confirmed"
