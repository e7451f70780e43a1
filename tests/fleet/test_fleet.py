"""Fleet mode on real servers: 50 databases on one cluster, a second cluster (PostgreSQL 18),
one stopped, one hung; the rest always complete and the exit code is the worst row's."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pgwarden.local import LocalCluster
from tests.conftest import PASSWORD_GROUP
from tests.fleet.conftest import FLEET_DBS, PREFIX, toml_str, write_fleet

CLI = Callable[..., tuple[int, str, str]]


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _fleet(tmp_path: Path, pg_cluster: LocalCluster, second: LocalCluster | None = None,
           stopped: LocalCluster | None = None, hung: str | None = None) -> Path:
    text = f"""
[[clusters]]
name = "main"
dsn = {toml_str(pg_cluster.dsn("postgres"))}
include = ["{PREFIX}*"]
exclude = ["{PREFIX}49"]
labels = {{ env = "prod", team = "cms" }}
"""
    if second is not None:
        text += f"""
[[clusters]]
name = "pg18"
dsn = {toml_str(second.dsn())}
labels = {{ env = "staging" }}
"""
    if stopped is not None:
        text += f"""
[[clusters]]
name = "stopped"
dsn = {toml_str(stopped.dsn())}
databases = ["pgwarden"]
labels = {{ env = "staging" }}
"""
    if hung is not None:
        text += f"""
[[clusters]]
name = "hung"
dsn = {toml_str(hung)}
labels = {{ env = "staging" }}
"""
    return write_fleet(tmp_path / "fleet.toml", text)


class _Peak:
    """Samples pg_stat_activity: the most sessions of one application at any moment that are
    not idle. A backend whose client has closed the connection stays listed (idle) until it has
    finished exiting, which on a loaded machine can overlap the next target's connection: a
    full run beside a benchmark once saw 4 under ``--per-host 3``. An idle session does no
    work on the host; what the limit bounds, the sessions working at once, is still seen."""

    def __init__(self, dsn: str, application: str):
        self.dsn, self.application, self.peak = dsn, application, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self._stop.is_set():
                n = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
                                 "AND state IS DISTINCT FROM 'idle'",
                                 (self.application,)).fetchone()[0]  # type: ignore[index]
                self.peak = max(self.peak, int(n))
                time.sleep(0.01)

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


def test_health_on_every_target_while_one_is_stopped_and_one_hangs(
        tmp_path: Path, cli: CLI, pg_cluster: LocalCluster, fifty: list[str],
        second_cluster: LocalCluster, stopped_cluster: LocalCluster, hung_dsn: str) -> None:
    fleet = _fleet(tmp_path, pg_cluster, second_cluster, stopped_cluster, hung_dsn)
    html = tmp_path / "report.html"
    started = time.monotonic()
    with _Peak(pg_cluster.dsn("postgres"), "pgwarden health") as peak:
        code, out, err = cli("--fleet", str(fleet), "--jobs", "8", "--per-host", "3",
                             "--timeout", "4s", "--html", str(html), "health", "--json")
    took = time.monotonic() - started
    rows = _lines(out)
    summary = rows.pop()
    # the JSON lines' shape (docs/fleet.md): one row per target, then the summary
    assert set(summary) == {"summary", "command", "targets", "counts", "exit_code", "seconds"}
    assert all(set(r) == {"target", "cluster", "database", "labels", "status", "exit_code",
                          "seconds", "message", "detail"} for r in rows)
    assert summary["summary"] is True and summary["command"] == "health"
    by_name = {r["target"]: r for r in rows}
    assert len(rows) == FLEET_DBS - 1 + 3  # 49 matched (one excluded), pg18, stopped, hung
    assert f"main/{PREFIX}49" not in by_name
    assert by_name["stopped/pgwarden"]["status"] == "unreachable"
    assert "connection refused" in by_name["stopped/pgwarden"]["message"]
    assert by_name["hung"]["status"] == "timeout"
    main_rows = [r for r in rows if r["cluster"] == "main"]
    assert all(r["status"] in ("ok", "findings") for r in main_rows), \
        [r for r in main_rows if r["status"] not in ("ok", "findings")]
    assert by_name["pg18"]["status"] in ("ok", "findings")
    assert by_name["pg18"]["detail"]["server_version"].startswith("18")
    assert all(r["labels"]["env"] == "prod" for r in main_rows)
    # the worst rows are unreachable/timeout: exit 4, as the table says
    assert code == summary["exit_code"] == 4, err
    assert summary["counts"]["unreachable"] == 1 and summary["counts"]["timeout"] == 1
    # the hung server cost its own timeout, not the run: 50 databases finish meanwhile
    assert took < 30, took
    assert 1 <= peak.peak <= 3, peak.peak
    # the report: one matrix row per target, a cell per check linking to its detail
    page = html.read_text()
    assert page.count("<tr><th>") == len(rows) + 1  # and the header
    assert 'href="#d' in page and "<script" not in page


def test_health_matrix_and_html_in_chromium(tmp_path: Path, cli: CLI, pg_cluster: LocalCluster,
                                           fifty: list[str], stopped_cluster: LocalCluster) -> None:
    import shutil
    import subprocess

    fleet = _fleet(tmp_path, pg_cluster, stopped=stopped_cluster)
    html = tmp_path / "fleet.html"
    code, out, err = cli("--fleet", str(fleet), "--only", f"main/{PREFIX}0*", "--only", "stopped",
                         "--html", str(html), "health")
    assert code == 4, err
    lines = out.splitlines()
    assert "targets x checks, worst first" in lines[0]
    # worst first: the unreachable target heads the matrix, then the ten main/fleetdb_0N
    body = [ln for ln in lines[2:] if ln.startswith(("main/", "stopped/"))]
    assert body[0].startswith("stopped/pgwarden") and "unreachable" in body[0]
    assert len([b for b in body if b.startswith("main/")]) >= 10
    assert "11 target(s)" in out
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("chromium is not installed: browser check skipped")
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert dom.count('<tr><th>') == 11 + 1  # and the header
    assert dom.count('class="cell s-unreachable"') == 1
    # every cell links to a detail section that exists on the page
    import re

    links = set(re.findall(r'href="#(d[\d-]+)"', dom))
    ids = set(re.findall(r'id="(d[\d-]+)"', dom))
    assert links and links <= ids
    assert len(links) > 11  # per-check cells, not only one per target


def test_only_and_exclude_by_name_and_label(tmp_path: Path, cli: CLI, pg_cluster: LocalCluster,
                                            fifty: list[str], second_cluster: LocalCluster) -> None:
    fleet = _fleet(tmp_path, pg_cluster, second_cluster)
    code, out, err = cli("--fleet", str(fleet), "--only", "env=staging", "config", "--json")
    assert code == 0, err
    assert [t["target"] for t in json.loads(out)["targets"]] == ["pg18"]
    code, out, err = cli("--fleet", str(fleet), "--exclude", "env=staging",
                         "--exclude", f"main/{PREFIX}1*", "config", "--json")
    assert code == 0, err
    names = [t["target"] for t in json.loads(out)["targets"]]
    assert len(names) == FLEET_DBS - 1 - 10 and "pg18" not in names
    code, _, err = cli("--fleet", str(fleet), "--only", "team=nobody", "health")
    assert code == 2
    assert err.count("\n") == 1 and "--only 'team=nobody' matches no target" in err


def test_config_lists_targets_and_never_prints_the_secret(
        tmp_path: Path, cli: CLI, pg_cluster: LocalCluster, fifty: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "Fleet-s3cret-pw"
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS fleet_monitor")
        conn.execute(sql.SQL("CREATE ROLE fleet_monitor LOGIN PASSWORD {} IN ROLE {}, pg_monitor")
                     .format(sql.Literal(secret), sql.Identifier(PASSWORD_GROUP)))
    monkeypatch.setenv("FLEET_MONITOR_PASSWORD", secret)
    dsn = make_conninfo(pg_cluster.dsn("postgres"), user="fleet_monitor", passfile="",
                        password="${FLEET_MONITOR_PASSWORD}")
    fleet = write_fleet(tmp_path / "fleet.toml", f"""
[[clusters]]
name = "monitored"
dsn = {toml_str(dsn)}
include = ["{PREFIX}0*"]
[clusters.health]
long_query_warning = "2min"
""")
    code, out, err = cli("--fleet", str(fleet), "config")
    assert code == 0, err
    assert len([ln for ln in out.splitlines() if ln.startswith("monitored/")]) == 10
    assert "fleet_monitor@" in out and "overrides: health" in out
    code, out2, err2 = cli("--fleet", str(fleet), "--only", f"monitored/{PREFIX}00", "health",
                           "--json")
    assert code in (0, 1), err2
    assert secret not in out + err + out2 + err2
    # a wrong password: the row says why, without the password either
    monkeypatch.setenv("FLEET_MONITOR_PASSWORD", "wrong-" + secret)
    code, out, err = cli("--fleet", str(fleet), "--only", f"monitored/{PREFIX}00", "health",
                         "--json")
    assert secret not in out + err
    assert code == 4 and "unreachable" in out


BAD_FILES = {
    "syntax error": ("[[clusters]\nname = 'x'\n", "malformed TOML"),
    "unknown key": ("[[clusters]]\nname = 'x'\ndsn = 'host=h'\ncolour = 'red'\n",
                    "unknown key 'clusters[x].colour'"),
    "duplicate name": ("[[clusters]]\nname = 'x'\ndsn = 'host=h'\n"
                       "[[clusters]]\nname = 'x'\ndsn = 'host=h'\n", "duplicate cluster name 'x'"),
    "undefined variable": ("[[clusters]]\nname = 'x'\ndsn = 'host=h password=${NO_SUCH_VAR_X}'\n",
                           "${NO_SUCH_VAR_X} is not set"),
    "bad section key": ("[[clusters]]\nname = 'x'\ndsn = 'host=h'\n[clusters.health]\nnope = 1\n",
                        "unknown key 'clusters[x].health.nope'"),
    "bad topology": ("[[clusters]]\nname = 'x'\ndsn = 'host=h'\n[clusters.topology]\nreplicas = 'h'\n",
                     "topology.replicas"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_fleet_file_is_one_line_and_exit_2(case: str, tmp_path: Path, cli: CLI) -> None:
    text, expected = BAD_FILES[case]
    fleet = write_fleet(tmp_path / "fleet.toml", text)
    code, out, err = cli("--fleet", str(fleet), "health")
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("pgwarden: error: ") and expected in err, err
    assert "Traceback" not in err


def test_pattern_matching_nothing_stops_before_any_target_is_touched(
        tmp_path: Path, cli: CLI, pg_cluster: LocalCluster, db_dsn: str) -> None:
    dbname = psycopg.conninfo.conninfo_to_dict(db_dsn)["dbname"]
    fleet = write_fleet(tmp_path / "fleet.toml", f"""
[[clusters]]
name = "listed"
dsn = {toml_str(db_dsn)}

[[clusters]]
name = "typo"
dsn = {toml_str(pg_cluster.dsn("postgres"))}
include = ["{dbname}", "no_such_db_*"]
""")
    code, _, err = cli("--fleet", str(fleet), "maintain", "run")
    assert code == 2
    assert err.count("\n") == 1 and "'no_such_db_*' matches no database" in err
    with psycopg.connect(db_dsn) as conn:  # maintain never ran: no state schema was created
        assert conn.execute("SELECT to_regnamespace('pgwarden')").fetchone() == (None,)


def test_fleet_options_and_commands_outside_fleet_mode(tmp_path: Path, cli: CLI,
                                                      db_dsn: str) -> None:
    code, _, err = cli("--jobs", "3", "health")
    assert code == 2 and "--jobs goes with --fleet FILE" in err
    fleet = write_fleet(tmp_path / "f.toml", f"[[clusters]]\nname = 'a'\ndsn = {toml_str(db_dsn)}\n")
    code, _, err = cli("--fleet", str(fleet), "doctor")
    assert code == 2 and "'doctor' does not run on a fleet" in err
    code, _, err = cli("--fleet", str(fleet), "maintain", "vacuum")
    assert code == 2 and "'maintain vacuum' does not run on a fleet" in err
    code, _, err = cli("--fleet", str(fleet), "--dsn", db_dsn, "health")
    assert code == 2 and "exclude each other" in err
    # --fleet after the command's name works the same (the issue's `config --fleet FILE`)
    code, out, err = cli("--only", "a", "config", "--fleet", str(fleet), "--json")
    assert code == 0 and [t["target"] for t in json.loads(out)["targets"]] == ["a"], err
    code, out, err = cli("migrate", "status", "--fleet", str(fleet), "--json")
    assert code == 1 and json.loads(out.splitlines()[-1])["summary"], err
    code, _, err = cli("--fleet", str(fleet), "health", "--fleet", str(fleet))
    assert code == 2 and "--fleet is given twice" in err
    code, _, err = cli("--dsn", db_dsn, "--timeout", "5s", "migrate", "down", "base")
    assert code == 2 and "--timeout goes with --fleet FILE" in err


def test_migrate_status_on_many_targets_at_once_and_templates_skipped(
        tmp_path: Path, cli: CLI, pg_cluster: LocalCluster, fifty: list[str]) -> None:
    fleet = write_fleet(tmp_path / "fleet.toml", f"""
[[clusters]]
name = "all"
dsn = {toml_str(pg_cluster.dsn("postgres"))}
include = ["*"]
""")
    code, out, err = cli("--fleet", str(fleet), "config", "--json")
    assert code == 0, err
    names = {t["database"] for t in json.loads(out)["targets"]}
    assert set(fifty) <= names and "postgres" in names
    # templates (template0/1 and the test template) are never targets
    assert not {"template0", "template1", "pgwarden_test_template"} & names
    # alembic's script directory read by 8 workers at once: every row is the same answer
    code, out, err = cli("--fleet", str(fleet), "--jobs", "8", "--per-host", "8", "--only",
                         f"all/{PREFIX}0*", "migrate", "status", "--json")
    rows = _lines(out)[:-1]
    assert len(rows) == 10 and code == 1, err
    assert {r["status"] for r in rows} == {"findings"}
    assert len({tuple(r["detail"]["pending"]) for r in rows}) == 1
    assert rows[0]["detail"]["current"] == [] and rows[0]["detail"]["pending"]
