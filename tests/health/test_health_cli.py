"""The health command's interface: check names, formats, config errors, privileges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pgwarden.health import Perf, Status, check_names, run
from pgwarden.health.model import worst
from tests.health.conftest import write_config


def test_unknown_check_exits_2_listing_the_names(db_dsn: str, cli: Any) -> None:
    code, out, err = cli("--dsn", db_dsn, "health", "--check", "nope")
    assert code == 2 and out == ""
    assert "unknown health check nope" in err
    for name in check_names():
        assert name in err


def test_every_check_runs_and_json_has_the_shape(db_dsn: str, cli: Any) -> None:
    code, out, _ = cli("--dsn", db_dsn, "health", "--json")
    doc = json.loads(out)
    assert [c["name"] for c in doc["checks"]] == check_names()
    assert code == doc["exit_code"] == Status[doc["status"]].value
    assert not [c for c in doc["checks"] if c["summary"].startswith("could not check")]


def test_unreachable_server_is_critical_in_nagios_format(cli: Any) -> None:
    code, out, _ = cli("--dsn", "postgresql://nobody@127.0.0.1:1/x?connect_timeout=1", "health",
                       "--format", "nagios")
    assert code == 2
    assert out.startswith("PGWARDEN HEALTH CRITICAL - cannot connect")


def test_bad_threshold_in_config_is_one_line_exit_2(db_dsn: str, cli: Any, tmp_path: Path) -> None:
    cfg = write_config(tmp_path, "[health]\nconnections_warning = 0.99\nconnections_critical = 0.5\n")
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "health")
    assert code == 2
    assert "connections_warning" in err and len(err.strip().splitlines()) == 1
    cfg = write_config(tmp_path, "[health]\nlong_query_warning = 'soon'\n")
    code, _, err = cli("--dsn", db_dsn, "--config", cfg, "health")
    assert code == 2 and "health.long_query_warning" in err


def test_pg_monitor_role_sees_everything_it_needs(monitor_dsn: str, sessions: Any,
                                                  state_schema: Any) -> None:
    idle = sessions.open("someone-else")
    idle.execute("SELECT 1")
    report = run(monitor_dsn, None)
    statuses = {r.name: r for r in report.results}
    # pg_monitor reads other roles' sessions and statistics...
    assert not [r for r in report.results if r.summary.startswith("could not check")]
    for name in ("long_running", "idle_in_transaction", "blocked", "pg_stat_statements"):
        assert statuses[name].not_visible is None, name
    # ...but not pgwarden's own tables unless granted: it says so, with the GRANT
    assert statuses["maintenance_tasks"].status is Status.UNKNOWN
    assert "GRANT SELECT" in (statuses["maintenance_tasks"].fix or "")


def test_role_without_pg_monitor_says_what_it_could_not_see(plain_dsn: str, conn: Any,
                                                            cli: Any) -> None:
    conn.execute("CREATE SEQUENCE private_seq")
    code, out, _ = cli("--dsn", plain_dsn, "health", "--json")
    doc = json.loads(out)
    assert code == doc["exit_code"]
    limits = "\n".join(doc["limitations"])
    assert "idle_in_transaction: other roles' session details" in limits
    assert '"public"."private_seq"' in limits
    assert 'GRANT SELECT ON SEQUENCE "public"."private_seq" TO "pgwarden_test_plain";' in limits


def test_worst_and_perfdata_rendering() -> None:
    assert worst([Status.OK, Status.UNKNOWN]) is Status.UNKNOWN
    assert worst([Status.UNKNOWN, Status.WARNING]) is Status.WARNING
    assert worst([Status.CRITICAL, Status.WARNING]) is Status.CRITICAL
    assert worst([]) is Status.OK
    assert Perf("lag", 1.5, "s", 60, 600, 0).render() == "'lag'=1.5s;60;600;0"
    assert Perf("n", 3).render() == "'n'=3"
