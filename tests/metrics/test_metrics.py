"""``pgwarden metrics`` against a real server: content, promtool, textfile, HTTP."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

from pgwarden.local import free_port
from pgwarden.metrics import render, serve
from tests.health.conftest import Sessions
from tests.promtool import promtool


def samples(text: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out.setdefault(s.name, []).append(s)
    return out


def one(found: dict[str, list[Any]], name: str, **labels: str) -> float:
    hits = [s.value for s in found.get(name, [])
            if all(s.labels.get(k) == v for k, v in labels.items())]
    assert len(hits) == 1, (name, labels, found.get(name))
    return float(hits[0])


def test_metrics_reflect_views_tasks_and_pass_promtool(db_dsn: str, state_schema: Any,
                                                       sessions: Sessions, cli: Any) -> None:
    conn = state_schema
    dbname = conn.info.dbname
    conn.execute("CREATE TABLE public.src (v int); INSERT INTO public.src SELECT generate_series(1, 100)")
    conn.execute("CREATE MATERIALIZED VIEW public.stale_mv AS SELECT count(*) FROM public.src")
    conn.execute("CREATE MATERIALIZED VIEW public.unknown_mv AS SELECT max(v) FROM public.src")
    conn.execute("INSERT INTO pgwarden.mview_refresh (view_schema, view_name, last_success_at, "
                 "last_duration_s, last_outcome) VALUES "
                 "('public', 'stale_mv', now() - interval '2 days', 1.25, 'success')")
    conn.execute(
        "INSERT INTO pgwarden.task_runs (task, started_at, finished_at, outcome, detail) VALUES "
        "('refresh', now() - interval '2 hours', now() - interval '119 minutes', 'success', '{}'),"
        "('refresh', now() - interval '1 hour', now() - interval '59 minutes', 'failed', '{}'),"
        "('reindex', now() - interval '3 hours', NULL, 'running', '{}')")
    conn.execute("CREATE TABLE dup (v int); INSERT INTO dup VALUES (1), (1)")
    # the failure is the point: it leaves an invalid index behind
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v ON dup (v)")
    assert conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'dup_v'::regclass"
                        ).fetchone() == (False,)
    conn.execute("ANALYZE public.src")
    for _ in range(6):  # statements need [metrics] statements_min_calls (5) calls to rank
        conn.execute("SELECT count(*) FROM public.src WHERE v > %s", (3,))

    code, out, err = cli("--dsn", db_dsn, "metrics")
    assert code == 0, err
    found = samples(out)
    assert one(found, "pgwarden_up") == 1
    assert 2 * 86400 - 60 < one(found, "pgwarden_mview_age_seconds", view="stale_mv") < 2 * 86400 + 60
    assert one(found, "pgwarden_mview_last_refresh_duration_seconds", view="stale_mv") == 1.25
    assert one(found, "pgwarden_mview_refresh_known", view="unknown_mv") == 0
    assert not [s for s in found.get("pgwarden_mview_age_seconds", [])
                if s.labels["view"] == "unknown_mv"]
    assert one(found, "pgwarden_mview_allowed_age_seconds", view="stale_mv") == 86400
    assert one(found, "pgwarden_task_last_outcome", task="refresh", outcome="failed") == 1
    assert one(found, "pgwarden_task_last_outcome", task="refresh", outcome="success") == 0
    assert one(found, "pgwarden_task_last_outcome", task="reindex", outcome="failed") == 1  # killed
    assert one(found, "pgwarden_task_last_success_timestamp_seconds", task="refresh") \
        == pytest.approx(time.time() - 119 * 60, abs=120)
    assert one(found, "pgwarden_invalid_indexes", datname=dbname) == 1
    assert 0 < one(found, "pgwarden_xid_wraparound_headroom", datname=dbname) < 2**31
    assert one(found, "pgwarden_statements_calls_total", datname=dbname) > 0
    ranks = sorted(s.labels["rank"] for s in found["pgwarden_statement_mean_seconds"]
                   if s.labels["datname"] == dbname)
    assert ranks and len(ranks) <= 5 and "queryid" not in found["pgwarden_statement_mean_seconds"][0].labels
    bloat = [s for s in found.get("pgwarden_table_bloat_estimate_bytes", [])
             if s.labels["table"] == "src"]
    assert bloat and bloat[0].labels["confidence"] in ("low", "medium")
    if conn.info.server_version >= 140000:
        assert "pgwarden_database_sessions_killed_total" in found

    checked = promtool("check", "metrics", stdin=out.encode())
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_textfile_is_written_atomically(db_dsn: str, cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "pgwarden.prom"
    code, out, err = cli("--dsn", db_dsn, "metrics", "--textfile", str(target))
    assert code == 0 and out == "", err
    assert "pgwarden_up 1.0" in target.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["pgwarden.prom"]  # no temp file left
    code, _, err = cli("--dsn", db_dsn, "metrics", "--textfile", str(tmp_path / "x.txt"))
    assert code == 2 and "ends in .prom" in err or "ending in .prom" in err
    code, _, err = cli("--dsn", db_dsn, "metrics", "--textfile", str(tmp_path / "no" / "x.prom"))
    assert code == 2 and "does not exist" in err


def test_unreachable_database_still_writes_up_zero(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "pgwarden.prom"
    code, _, err = cli("--dsn", "postgresql://nobody@127.0.0.1:1/x?connect_timeout=1", "metrics",
                       "--textfile", str(target))
    assert code == 4 and "cannot connect" in err
    assert "pgwarden_up 0.0" in target.read_text()


def test_serve_on_loopback(db_dsn: str) -> None:
    port = free_port()
    stop = threading.Event()
    t = threading.Thread(target=serve, args=(db_dsn, "127.0.0.1", port), kwargs={"stop": stop},
                         daemon=True)
    t.start()
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
            body = resp.read().decode()
        assert "pgwarden_up 1.0" in body
        assert "python_gc" not in body and "process_cpu" not in body  # only pgwarden's registry
    finally:
        stop.set()
        t.join(10)


def test_listen_and_mode_errors(db_dsn: str, cli: Any, tmp_path: Path) -> None:
    code, _, err = cli("--dsn", db_dsn, "metrics", "--serve", "--listen", "nonsense")
    assert code == 2 and "host:port" in err
    code, _, err = cli("--dsn", db_dsn, "metrics", "--listen", "127.0.0.1:1")
    assert code == 2 and "--serve" in err


def test_monitor_role_collects_and_says_what_it_cannot_read(monitor_dsn: str,
                                                           state_schema: Any) -> None:
    data, errors = render(monitor_dsn)
    found = samples(data.decode())
    assert one(found, "pgwarden_up") == 1
    assert "pgwarden_xid_wraparound_headroom" in found
    assert any("pgwarden.mview_refresh" in e or "pgwarden.task_runs" in e for e in errors), errors
    assert one(found, "pgwarden_collection_errors") == len(errors)
