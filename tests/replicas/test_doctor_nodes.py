"""`pgwarden doctor --replica` shows every node (issue 13, section 2): role, version, replay lag,
statistics age and the standby settings; a bad replica is a named row, never a traceback."""

from __future__ import annotations

import json
from typing import Any

from tests.replicas.conftest import Pair


def test_doctor_lists_every_node(pair: Pair, cli: Any) -> None:
    code, out, err = cli("--dsn", pair.primary, "doctor", "--json", "--replica", pair.standby,
                         "--replica", "postgresql://x:secret-pw@127.0.0.1:1/x?connect_timeout=1")
    assert "Traceback" not in err
    doc = json.loads(out)
    nodes = doc["nodes"]
    assert [n["role"] for n in nodes] == ["primary", "standby", "unknown"]
    primary, standby, bad = nodes
    assert primary["name"].endswith("(target)") and primary["error"] is None
    assert standby["version"] == primary["version"]
    assert standby["replay_lag_bytes"] is not None and standby["replay_lag_bytes"] >= 0
    assert standby["hot_standby_feedback"] in ("on", "off")
    assert standby["max_standby_streaming_delay"] == "30s"
    assert standby["stats_age_s"] is not None and standby["stats_age_s"] >= 0
    assert bad["error"].startswith("unreachable:") and "secret-pw" not in out
    code, text, _ = cli("--dsn", pair.primary, "doctor", "--replica", pair.standby)
    assert "nodes" in text and "standby" in text and "30s" in text
