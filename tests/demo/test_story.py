"""The demo story runs end to end at a tiny scale, and its HTML report renders in a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pgwarden.local import LocalCluster


@pytest.fixture
def story_dir(tmp_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    base = tmp_path / ".pgwarden"
    yield base
    LocalCluster(base).destroy()


def test_story_runs_end_to_end(story_dir: Path, request: pytest.FixtureRequest,
                               cli: Callable[..., tuple[int, str, str]]) -> None:
    """`pgwarden demo` (no subcommand) runs the whole story and prints one JSON report."""
    code, out, err = cli("demo", "--pg-bin", request.config.getoption("--pg-bin"), "--dir",
                         str(story_dir), "--scale", "0.2", "--iterations", "2", "--json")
    report = json.loads(out)
    assert code == 0, [s for s in report["steps"] if not s.get("ok")]
    assert report["exit_code"] == 0
    names = [s["step"] for s in report["steps"]]
    assert names[:4] == ["cluster", "migrate", "seed", "workload-before"]
    assert "migrate-head" in names and "workload-after" in names and "lint" in names
    assert report["lint"]["revisions"] == ["0004", "0005", "0006"]
    assert report["lint"]["findings"] == []
    assert "advise" in names
    assert report["advice_source"]["hand_written_0004"] >= 15  # revision 0004 builds ~20
    for a in report["advice"]:
        assert a["sql"].startswith("CREATE INDEX CONCURRENTLY")
    assert report["maintenance"]["exit_code"] == 0
    done = {(o["task"], o["object"]) for o in report["maintenance"]["outcomes"] if o["outcome"] == "done"}
    assert ("refresh", "public.workshop_statistics") in done
    assert ("cleanup", "public.audit_logs") in done  # the seed has audit rows older than a year
    assert report["health"]["status"] in ("OK", "WARNING")
    assert all(s["ok"] for s in report["steps"])
    assert report["seed"]["rows"]["workshops"] > 0
    assert report["migration"]["writers stalled beyond lock_timeout"] is False
    assert report["migration"]["writes during migration"] > 0
    assert report["migration"]["write errors"] == 0
    assert {r["query"] for r in report["comparison"]} >= {"search_pl", "workshop_sessions"}
    saved = json.loads((story_dir / "demo-report.json").read_text())
    assert saved["steps"] == report["steps"]

    html = story_dir.parent / "demo.html"
    code, msg, err = cli("demo", "report", "--html", str(html), "--from",
                         str(story_dir / "demo-report.json"))
    assert code == 0, err
    page = html.read_text()
    assert page.count('class="bar before"') == len(report["comparison"])
    assert "maintain run" in page and "health:" in page
    _check_in_browser(html, len(report["comparison"]))


def _check_in_browser(html: Path, queries: int) -> None:
    """Headless Chromium loads the page and its DOM holds the chart's bars."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("chromium is not installed (apt-get install chromium): browser check skipped")
    profile = html.parent / "chromium-profile"
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "<svg" in dom
    assert dom.count('class="bar before"') == queries
    assert dom.count('class="bar after"') == queries


def test_report_without_a_run_is_a_clear_error(tmp_path: Path,
                                               cli: Callable[..., tuple[int, str, str]]) -> None:
    code, _, err = cli("demo", "report", "--html", str(tmp_path / "x.html"), "--from",
                       str(tmp_path / "missing.json"))
    assert code == 2
    assert "no demo report" in err
