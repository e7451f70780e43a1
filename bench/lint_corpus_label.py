"""Label every corpus migration by RUNNING it on a real PostgreSQL, never by reading the rules.

Run: python bench/lint_corpus_label.py [--pg-bin system] [--only NAME…] [--catalog-only]
Writes bench/lint_corpus/labels.json. ``--catalog-only`` rebuilds the templates and rewrites
only ``_meta`` (the catalog ``--dsn`` would read), keeping every label.

For each file in bench/lint_corpus/migrations, at two sizes of the same data (scale 1 and 10
of bench/lint_corpus/fill.sql; orders 50,000 and 500,000 rows), on a fresh copy of the database:

- probe sessions keep reading (``SELECT … LIMIT 1``) and writing (an UPDATE or INSERT, rolled
  back) every table that existed before, while psql runs the file as a deploy would
  (``ON_ERROR_STOP``; autocommit unless the file says BEGIN);
- a monitor session samples pg_stat_activity every 10 ms: a probe waiting on a lock
  (``wait_event_type = 'Lock'``) that the migration's backend blocks (``pg_blocking_pids``)
  is blocked; the longest blocked span per table and per kind (read/write) is kept;
- afterwards: the relfilenode of every table and materialized view that existed before (by oid,
  so a rename is followed) — changed while the relation still has rows = rewritten; psql's exit
  status — non-zero = the migration failed; ``SELECT col FROM table LIMIT 0`` for every column
  the old schema had — any failure = running code breaks.

Labels: ``blocks`` — a read or write probe was blocked for at least 100 ms at scale 10 and at
least twice as long as at scale 1 (the blocking lasts as long as the work on the table does);
``rewrite`` at scale 10; ``fails``; ``breaks``. A lock hazard is ``blocks or rewrite``.

Near the line, one run is a coin toss on a shared machine, so a file whose scale-10 run has any
probe blocked between 0.5× and 2× of the 100 ms line (``NEAR``) is run again, on a fresh copy and
at both scales, until it has ``REPEATS`` (3) runs; the ``blocks`` decision then uses, per probe
and per scale, the MEDIAN of the runs' longest blocked spans (a run where the probe was never
blocked counts 0 ms), and ``rewrite``/``fails``/``breaks`` are what the majority of the runs saw.
A file far from the line keeps its one run. The entry's ``runs`` is the first run (the format of
a one-run label); ``repeats`` lists every run's spans, exit status and rewritten tables per scale,
and ``median_blocked_ms`` the medians the decision used.

The ``events`` table (partitioned) is written by an INSERT probe and by an UPDATE probe
(``write:events_update``: one existing row by ctid, rolled back), so a migration that blocks only
updates of its existing rows is seen too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _local import corpus_database, throwaway_cluster  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "lint_corpus"
SCALES = (1, 10)
BLOCK_MS = 100.0
NEAR = (0.5 * BLOCK_MS, 2 * BLOCK_MS)  # a scale-10 span in here gets the file run REPEATS times
REPEATS = 3
MIGRATION_APP = "corpus_migration"

READ_PROBES = ["customers", "products", "orders", "order_items", "events", "audit_log", "sessions",
               "daily_revenue"]
# (table, statement) run in a transaction that is rolled back
WRITE_PROBES = [
    ("customers", "UPDATE customers SET status = status WHERE ctid = %s::tid"),
    ("products", "UPDATE products SET stock = stock WHERE ctid = %s::tid"),
    ("orders", "UPDATE orders SET status = status WHERE ctid = %s::tid"),
    ("order_items", "UPDATE order_items SET quantity = quantity WHERE ctid = %s::tid"),
    ("events", "INSERT INTO events VALUES (-1, '2026-06-01', 'probe', '{}')"),
    ("events_update", "UPDATE events SET kind = kind WHERE ctid = %s::tid"),
    ("audit_log", "UPDATE audit_log SET action = action WHERE ctid = %s::tid"),
    ("sessions", "UPDATE sessions SET expires_at = expires_at WHERE ctid = %s::tid"),
]
MONITOR = """
SELECT a.application_name FROM pg_stat_activity a
WHERE a.application_name LIKE 'probe:%%' AND a.wait_event_type = 'Lock'
  AND EXISTS (SELECT 1 FROM pg_stat_activity m
              WHERE m.application_name = %s AND m.pid = ANY (pg_blocking_pids(a.pid)))
"""
RELATIONS = """
SELECT c.oid::bigint, c.relname, c.relfilenode::bigint FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')
"""
COLUMNS = """
SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'm', 'v') AND a.attnum > 0
  AND NOT a.attisdropped AND c.relname NOT LIKE 'events\\_%%'
"""


class Probes:
    """Reader and writer sessions on every old table, and the monitor that times their waits."""

    def __init__(self, dsn: str):
        self.dsn = dsn
        self.stop = threading.Event()
        self.blocked: dict[str, float] = {}  # "read:orders" -> longest blocked span, ms
        self.threads: list[threading.Thread] = []

    def _conn(self, name: str) -> psycopg.Connection[Any]:
        return psycopg.connect(self.dsn, application_name=f"probe:{name}", autocommit=True)

    def _reader(self, table: str) -> None:
        with self._conn(f"read:{table}") as c:
            q = sql.SQL("SELECT 1 FROM {} LIMIT 1").format(sql.Identifier(table))
            while not self.stop.is_set():
                try:
                    c.execute(q).fetchall()
                except psycopg.Error:
                    if self.stop.wait(0.05):
                        break
                self.stop.wait(0.01)

    def _writer(self, table: str, stmt: str) -> None:
        with self._conn(f"write:{table}") as c:
            rnd = random.Random(table)
            while not self.stop.is_set():
                params = (f"({rnd.randint(0, 200)},1)",) if "%s" in stmt else None
                try:
                    with c.transaction(force_rollback=True):
                        c.execute(stmt, params)
                except psycopg.Error:
                    if self.stop.wait(0.05):
                        break
                self.stop.wait(0.01)

    def _monitor(self) -> None:
        spans: dict[str, float] = {}
        with psycopg.connect(self.dsn, autocommit=True, application_name="probe-monitor") as c:
            while not self.stop.is_set():
                now = time.monotonic()
                waiting = {r[0].removeprefix("probe:") for r in c.execute(MONITOR, (MIGRATION_APP,))}
                for name in waiting:
                    spans.setdefault(name, now)
                for name in list(spans):
                    if name not in waiting:
                        start = spans.pop(name)
                        self.blocked[name] = max(self.blocked.get(name, 0.0), (now - start) * 1000)
                time.sleep(0.01)
            now = time.monotonic()
            for name, start in spans.items():
                self.blocked[name] = max(self.blocked.get(name, 0.0), (now - start) * 1000)

    def __enter__(self) -> Probes:
        targets: list[Any] = [(self._reader, (t,)) for t in READ_PROBES]
        targets += [(self._writer, (t, s)) for t, s in WRITE_PROBES]
        targets.append((self._monitor, ()))
        for fn, args in targets:
            th = threading.Thread(target=fn, args=args, daemon=True)
            th.start()
            self.threads.append(th)
        time.sleep(0.3)  # every probe connected and running
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.1)
        self.stop.set()
        for th in self.threads:
            th.join(30)


def _relations(dsn: str) -> dict[int, tuple[str, int]]:
    with psycopg.connect(dsn, autocommit=True) as c:
        return {r[0]: (r[1], r[2]) for r in c.execute(RELATIONS)}


def _columns(dsn: str) -> list[tuple[str, str]]:
    with psycopg.connect(dsn, autocommit=True) as c:
        return [(r[0], r[1]) for r in c.execute(COLUMNS)]


def _rewritten(dsn: str, before: dict[int, tuple[str, int]]) -> list[str]:
    after = _relations(dsn)
    out = []
    with psycopg.connect(dsn, autocommit=True) as c:
        for oid, (name, node) in before.items():
            if oid in after and after[oid][1] != node:
                rel = sql.Identifier(after[oid][0])
                has_rows = c.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(rel)).fetchone()
                if has_rows and has_rows[0]:
                    out.append(name)
    return out


def _broken(dsn: str, columns: list[tuple[str, str]]) -> list[str]:
    out = []
    with psycopg.connect(dsn, autocommit=True) as c:
        for table, col in columns:
            try:
                c.execute(sql.SQL("SELECT {} FROM {} LIMIT 0").format(sql.Identifier(col),
                                                                      sql.Identifier(table)))
            except psycopg.Error:
                out.append(f"{table}.{col}")
    return out


def run_one(cluster: Any, psql: str, template: str, path: Path) -> dict[str, Any]:
    name = f"m_{os.getpid()}"
    with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        c.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
            sql.Identifier(name), sql.Identifier(template)))
    dsn = cluster.dsn(name)
    try:
        before = _relations(dsn)
        columns = _columns(dsn)
        env = {**os.environ, "PGAPPNAME": MIGRATION_APP}
        with Probes(dsn) as probes:
            t0 = time.monotonic()
            done = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", str(path)],
                                  capture_output=True, text=True, env=env, timeout=900)
            elapsed = time.monotonic() - t0
        rewritten = _rewritten(dsn, before)
        broken = _broken(dsn, columns)
    finally:
        with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as c:
            c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    return {"elapsed_ms": round(elapsed * 1000, 1), "exit": done.returncode,
            "error": done.stderr.strip().split("\n")[0] if done.returncode else "",
            "blocked_ms": {k: round(v, 1) for k, v in sorted(probes.blocked.items())},
            "rewritten": rewritten, "broken": broken}


def _median_blocked(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Per probe, the median over ``runs`` of its longest blocked span (0 ms where not blocked)."""
    probes = sorted({p for r in runs for p in r["blocked_ms"]})
    return {p: round(statistics.median(r["blocked_ms"].get(p, 0.0) for r in runs), 1) for p in probes}


def near_line(run: dict[str, Any]) -> bool:
    """Whether a scale-10 run has a probe blocked close enough to the line to be a coin toss."""
    return any(NEAR[0] <= ms <= NEAR[1] for ms in run["blocked_ms"].values())


def label(runs: dict[str, dict[str, Any]],
          repeats: list[dict[str, dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The label from one run per scale (``runs``) or, with ``repeats`` (every run, the first
    one included), from the per-probe medians and the majority of the runs."""
    every = repeats or [runs]
    small = _median_blocked([r[f"s{SCALES[0]}"] for r in every])
    large = _median_blocked([r[f"s{SCALES[1]}"] for r in every])
    blocked = []
    for probe, ms in large.items():
        if ms >= BLOCK_MS and ms >= 2 * small.get(probe, 0.0):
            blocked.append(probe)
    top = [r[f"s{SCALES[1]}"] for r in every]

    def most(flags: list[bool]) -> bool:
        return sum(flags) * 2 > len(flags)

    rewrite = most([bool(r["rewritten"]) for r in top])
    return {"blocks": sorted(blocked), "rewrite": rewrite, "fails": most([r["exit"] != 0 for r in top]),
            "breaks": most([bool(r["broken"]) for r in top]), "lock_hazard": bool(blocked) or rewrite}


def label_file(cluster: Any, psql: str, path: Path) -> dict[str, Any]:
    """Run ``path`` at every scale, again up to REPEATS times when it lands near the line; the
    corpus entry for it."""
    first = {f"s{s}": run_one(cluster, psql, f"corpus_s{s}", path) for s in SCALES}
    entry: dict[str, Any] = {"runs": first}
    if not near_line(first[f"s{SCALES[-1]}"]):
        entry["label"] = label(first)
        return entry
    every = [first]
    while len(every) < REPEATS:
        every.append({f"s{s}": run_one(cluster, psql, f"corpus_s{s}", path) for s in SCALES})
    entry["repeats"] = [{sc: {"blocked_ms": r["blocked_ms"], "elapsed_ms": r["elapsed_ms"],
                              "exit": r["exit"], "rewritten": r["rewritten"]}
                         for sc, r in run.items()} for run in every]
    entry["median_blocked_ms"] = {f"s{s}": _median_blocked([r[f"s{s}"] for r in every]) for s in SCALES}
    entry["label"] = label(first, every)
    return entry


def build_templates(cluster: Any, psql: str) -> None:
    for scale in SCALES:
        dsn = corpus_database(cluster, psql, f"corpus_s{scale}", scale)
        with psycopg.connect(dsn, autocommit=True) as c:
            c.execute("CHECKPOINT")


def catalog_rows(cluster: Any) -> dict[str, Any]:
    """The catalog `pgwarden --dsn … lint` would read, stored so the evaluation runs offline:
    the schema (the same at every scale) from scale 1; table sizes, column statistics and the
    session settings from the largest scale, the one the labels are decided at."""
    from psycopg.rows import dict_row

    from pgwarden.sql import load

    with psycopg.connect(cluster.dsn(f"corpus_s{SCALES[0]}"), row_factory=dict_row) as c:
        out: dict[str, Any] = {"columns": c.execute(load("lint/columns")).fetchall(),
                               "checks": c.execute(load("lint/checks")).fetchall(),
                               "view_columns": c.execute(load("lint/view_columns")).fetchall(),
                               "casts": c.execute(load("lint/casts")).fetchall()}
    with psycopg.connect(cluster.dsn(f"corpus_s{SCALES[-1]}"), row_factory=dict_row) as c:
        out["tables"] = c.execute(load("lint/tables")).fetchall()
        out["stats"] = c.execute(load("lint/stats")).fetchall()
        out["settings"] = c.execute(load("lint/settings")).fetchone()
        out["scale"] = SCALES[-1]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg-bin", default="system")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--catalog-only", action="store_true",
                    help="rebuild the templates and rewrite _meta only; no file is relabelled")
    args = ap.parse_args()
    out_file = CORPUS / "labels.json"
    labels: dict[str, Any] = json.loads(out_file.read_text()) if out_file.exists() else {}
    with throwaway_cluster(args.pg_bin, "pgwarden-corpus-") as cluster:
        st = cluster.status()
        psql = str(Path(st.bindir) / "psql")
        t0 = time.monotonic()
        build_templates(cluster, psql)
        print(f"PostgreSQL {st.version}; templates built in {time.monotonic() - t0:.0f} s", flush=True)
        labels["_meta"] = {"server": st.version, "scales": list(SCALES), "block_ms": BLOCK_MS,
                           "catalog": catalog_rows(cluster)}
        if args.catalog_only:
            out_file.write_text(json.dumps(labels, indent=1, sort_keys=True, default=str) + "\n")
            print("_meta rewritten; labels kept", flush=True)
            return
        files = sorted((CORPUS / "migrations").glob("*.sql"))
        if args.only:
            files = [f for f in files if any(o in f.name for o in args.only)]
        for f in files:
            entry = label_file(cluster, psql, f)
            labels[f.name] = entry
            lab = entry["label"]
            runs_note = f" runs={len(entry['repeats'])}" if "repeats" in entry else ""
            print(f"{f.name:50s} hazard={lab['lock_hazard']!s:5s} blocks={','.join(lab['blocks']) or '-'} "
                  f"rewrite={lab['rewrite']} fails={lab['fails']} breaks={lab['breaks']}{runs_note}",
                  flush=True)
            out_file.write_text(json.dumps(labels, indent=1, sort_keys=True, default=str) + "\n")


if __name__ == "__main__":
    main()
