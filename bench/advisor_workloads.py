"""The index advisor on workloads unlike the CMS, against the hand-tuned set of each.

Run: python bench/advisor_workloads.py [--workloads orders,helpdesk,saas,eventlog] [--scale 1]
     [--iterations 15] [--write-rounds 1000] [--rounds 3] [--cms] [--noise] [--dsn DSN] [--json]

For each workload of ``bench/_workloads.py`` (its schema, skewed data, reads, writes and the
hand-tuned index set a DBA wrote before the advisor ever ran on it):

1. A template database: the schema without secondary indexes, seeded, VACUUM ANALYZE.
2. Training copy: pg_stat_statements and pg_qualstats emptied (pg_qualstats samples every
   statement of the training sessions), the reads replayed (values drawn with seed 1) with the
   writes, then ``advise`` (API, reading pg_stat_statements and pg_qualstats) is timed, and
   pg_qualstats' own ``pg_qualstats_index_advisor()`` is asked on the same copy.
3. Copies: none (no secondary index), hand-tuned, advised (the advisor's ``--format sql`` lines
   applied one by one with ``psql -v ON_ERROR_STOP=1``: each failure counts as invalid DDL),
   pg_qualstats (its suggestions applied the same way), and with ``--noise`` a second copy
   without indexes whose ratio to "none" shows the measurement's noise. VACUUM ANALYZE each,
   autovacuum off.
4. Paired measurement as in ``bench/advisor.py``, on connections opened anew each round:
   every read (values drawn with another seed) runs on each copy in turn with the same values,
   in a shuffled order; then every write statement of every write round likewise, the copies'
   order shuffled per statement, on connections of their own. Read time = sum of execution
   times. Write time per write round = the CPU time the copy's backend spent on its writes
   (Linux schedstat: parse to commit, blind to the time it waited for a core) + the median over
   the copies of the remainder of the client's wall-clock time (the client, the loopback,
   waiting for a core: independent of the indexes); ``bench/_writes.py`` says why and what was
   measured.
   The written tables are vacuumed between rounds; one unmeasured warm-up round first. Each
   figure is the median over the rounds.

Reported per workload: advised/hand-tuned read time, advised/none write time (and its two
parts: server time alone, and the raw client wall-clock ratio), index count
(added indexes), invalid DDL, advisor run time, and the same for pg_qualstats' advisor.
``--cms`` also runs ``bench/advisor.py`` (the CMS, on which the advisor was first built) at a
small size and adds its figures. The write ratios are taken within each round (copy / none)
and their median kept. Goals (issue 15), per workload: reads <= 1.2x hand-tuned, writes <=
1.10x none, indexes <= hand-tuned + 1, 0 invalid DDL.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
from _cms import add_server_options, run_then_stop, server_dsn, with_dbname  # noqa: E402
from _workloads import TUNED_ON, WORKLOADS, Spec  # noqa: E402
from _writes import WriteFigure, combined, prepare_session, timed_writes, wait_gone  # noqa: E402
from psycopg import sql  # noqa: E402
from psycopg.conninfo import conninfo_to_dict  # noqa: E402

HERE = Path(__file__).resolve().parent
BASE_EXTENSIONS = ("pg_stat_statements", "pg_qualstats", "hypopg")
NO_AUTOVACUUM = """
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT c.oid::regclass FROM pg_class c
           WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace LOOP
    EXECUTE format('ALTER TABLE %s SET (autovacuum_enabled = false)', t);
  END LOOP;
END $$"""


def recreate(dsn: str, name: str, template: str | None = None) -> str:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        else:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)))
    return with_dbname(dsn, name)


def build_template(server: str, spec: Spec, name: str, scale: float) -> tuple[str, float]:
    """The workload's schema and data, without secondary indexes; (dsn, seconds)."""
    dsn = recreate(server, name)
    t0 = time.monotonic()
    with psycopg.connect(dsn, autocommit=True) as conn:
        available = {r[0] for r in conn.execute("SELECT name FROM pg_available_extensions")}
        for ext in (*BASE_EXTENSIONS, *spec.extensions):
            if ext in available:
                conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
        conn.execute(spec.schema)
        conn.execute(spec.seed.replace("%(scale)s", repr(float(scale))))
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")
    return dsn, time.monotonic() - t0


def replay(dsn: str, spec: Spec, pools: dict[str, list[Any]], iterations: int, write_rounds: int,
           seed: int) -> None:
    """The training run: every read ``iterations`` times in a shuffled order, then the writes."""
    rng = random.Random(seed)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.prepare_threshold = None
        try:
            conn.execute("SET pg_qualstats.sample_rate = 1")  # every statement, not 1 in 100
        except psycopg.errors.UndefinedObject:
            pass
        for _ in range(iterations):
            order = list(spec.reads)
            rng.shuffle(order)
            for q in order:
                conn.execute(q.text, q.draw(rng, pools)).fetchall()
        for _ in range(write_rounds):
            params = spec.write_draw(rng, pools)
            for text in spec.writes:
                conn.execute(text, params)


def apply_ddl(dsn: str, lines: list[str], log: Any) -> int:
    """Each statement through psql with ON_ERROR_STOP; the number that failed."""
    invalid = 0
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "ddl.sql"
        for line in lines:
            script.write_text(line.rstrip().rstrip(";") + ";\n")
            done = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f",
                                   str(script)], capture_output=True, text=True)
            if done.returncode != 0:
                invalid += 1
                log(f"    INVALID DDL: {line}: {done.stderr.strip()}")
    return invalid


def qualstats_advice(dsn: str) -> tuple[list[str] | None, float]:
    """pg_qualstats_index_advisor()'s CREATE INDEX statements (None: not runnable here)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        t0 = time.monotonic()
        try:
            row = conn.execute("SELECT pg_qualstats_index_advisor()").fetchone()
        except psycopg.Error:
            return None, 0.0
        took = time.monotonic() - t0
    doc = row[0] if row else None
    if isinstance(doc, str):
        doc = json.loads(doc)
    indexes = [str(ix) for ix in (doc or {}).get("indexes") or []]
    return indexes, took


def paired_round(copies: dict[str, str], admin: psycopg.Connection[Any], spec: Spec,
                 pools: dict[str, list[Any]], iterations: int, write_rounds: int, seed: int
                 ) -> tuple[dict[str, float], dict[str, WriteFigure], dict[str, dict[str, float]]]:
    """One round on every copy side by side, each on a new connection: (read ms, writes per
    write round, ms per query) per copy."""
    names = list(copies)
    rng = random.Random(seed)
    turns = random.Random(seed + 1)
    reads = {n: 0.0 for n in names}
    per_query: dict[str, dict[str, float]] = {n: {q.name: 0.0 for q in spec.reads} for n in names}
    conns = {n: psycopg.connect(dsn, autocommit=True) for n, dsn in copies.items()}
    pids = [c.info.backend_pid for c in conns.values()]
    try:
        for c in conns.values():
            prepare_session(c)
        for _ in range(iterations):
            order = list(spec.reads)
            rng.shuffle(order)
            for q in order:
                params = q.draw(rng, pools)
                shuffled = list(names)
                turns.shuffle(shuffled)
                for n in shuffled:
                    t0 = time.perf_counter()
                    conns[n].execute(q.text, params).fetchall()
                    ms = (time.perf_counter() - t0) * 1000
                    reads[n] += ms
                    per_query[n][q.name] += ms
    finally:
        for c in conns.values():
            c.close()
    wait_gone(admin, pids)  # their statistics flushed before the write phase is measured
    draws = [spec.write_draw(rng, pools) for _ in range(write_rounds)]
    writes = timed_writes(copies, {n: dbname_of(dsn) for n, dsn in copies.items()}, admin,
                          spec.writes, draws, turns)
    for dsn in copies.values():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("VACUUM {}").format(
                sql.SQL(", ").join(sql.Identifier(t) for t in spec.vacuum)))
    return reads, writes, per_query


def trained_copy(server: str, spec: Spec, prefix: str, pools: dict[str, list[Any]],
                 args: argparse.Namespace) -> str:
    """``{prefix}_train``, a fresh copy of the template whose pg_stat_statements and
    pg_qualstats hold only the workload: its reads replayed ``args.iterations`` times and
    half of ``args.write_rounds`` write rounds. Returns its DSN."""
    train = recreate(server, f"{prefix}_train", prefix)
    with psycopg.connect(train, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database "
                     "WHERE datname = current_database()), 0)")
        try:
            conn.execute("SELECT pg_qualstats_reset()")
        except psycopg.Error:
            pass
    replay(train, spec, pools, args.iterations, args.write_rounds // 2, 1)
    return train


def dbname_of(dsn: str) -> str:
    return str(conninfo_to_dict(dsn)["dbname"])


def index_count(dsn: str) -> int:
    """Secondary indexes (not backing a primary key)."""
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                           "WHERE c.relnamespace = 'public'::regnamespace "
                           "AND NOT i.indisprimary").fetchone()
    return int(row[0]) if row else 0


def run_workload(server: str, spec: Spec, args: argparse.Namespace, log: Any) -> dict[str, Any]:
    from pgwarden.analyzers.advisor import advise
    from pgwarden.analyzers.advisor.render import sql_lines, writes_summary
    from pgwarden.analyzers.advisor.settings import AdviseSettings

    prefix = f"{args.dbname}_{spec.name}"
    template, build_s = build_template(server, spec, prefix, args.scale)
    role = "tuned on" if spec.name in TUNED_ON else "HELD OUT"
    log(f"[{spec.name}] template built in {build_s:.1f} s ({role})")
    with psycopg.connect(template) as conn:
        pools = spec.load_pools(conn)
    train = trained_copy(server, spec, prefix, pools, args)
    t0 = time.monotonic()
    chosen = AdviseSettings() if args.max_write_overhead is None else \
        AdviseSettings(max_write_overhead=args.max_write_overhead)
    advice = advise(train, settings=chosen)
    advise_s = time.monotonic() - t0
    ddl = sql_lines(advice)
    log(f"[{spec.name}] advisor: {len(advice.kept)} indexes in {advise_s:.1f} s "
        f"({'hypopg' if advice.validated else 'unvalidated'}), {len(advice.queries)} queries, "
        f"{len(advice.skipped)} skipped")
    for d in advice.kept:
        log(f"    {d.candidate.describe()}  [{d.candidate.kind}"
            f"{'' if d.measured else ', UNVALIDATED'}]  +{d.write_ms:.1f} ms of writes")
    budget = writes_summary(advice)
    log(f"    estimated write overhead {budget['estimated_overhead']} of the writes' "
        f"{budget['observed_ms']} ms (max_write_overhead {budget['max_write_overhead']})")
    for note in advice.notes:
        if note.startswith("write cost"):
            log(f"    {note}")
    # the same advice with the fixed write-cost settings (no probe), for the comparison
    fixed = advise(train, settings=replace(chosen, calibrate_writes=False))
    budget["fixed_estimated_overhead"] = writes_summary(fixed)["estimated_overhead"]
    log(f"    with the fixed settings (index_entry_ms 6 us, no probe): "
        f"{len(fixed.kept)} indexes, estimated write overhead "
        f"{budget['fixed_estimated_overhead']}")
    for d in advice.decisions:
        if d.over_budget:
            log(f"    dropped for the write budget: {d.candidate.describe()} "
                f"(+{d.write_ms:.1f} ms)")
        elif d.kept_over_budget:
            log(f"    {d.candidate.describe()}: {d.kept_over_budget}")
    qs_ddl, qs_s = qualstats_advice(train)
    if qs_ddl is not None:
        log(f"[{spec.name}] pg_qualstats_index_advisor: {len(qs_ddl)} indexes in {qs_s:.1f} s")
        for line in qs_ddl:
            log(f"    {line}")

    copies = {"none": recreate(server, f"{prefix}_none", prefix),
              "hand-tuned": recreate(server, f"{prefix}_hand", prefix),
              "advised": recreate(server, f"{prefix}_advised", prefix)}
    if qs_ddl is not None:
        copies["pg_qualstats"] = recreate(server, f"{prefix}_qs", prefix)
    if args.noise:  # a second copy without indexes: its ratio to "none" is the noise
        copies["none again"] = recreate(server, f"{prefix}_none2", prefix)
    invalid = {"hand-tuned": apply_ddl(copies["hand-tuned"], list(spec.hand_tuned), log),
               "advised": apply_ddl(copies["advised"], ddl, log)}
    if qs_ddl is not None:
        invalid["pg_qualstats"] = apply_ddl(copies["pg_qualstats"], qs_ddl, log)
    for dsn in copies.values():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(NO_AUTOVACUUM)
            conn.execute("VACUUM (ANALYZE)")
    rounds = []
    with psycopg.connect(server, autocommit=True) as admin:
        paired_round(copies, admin, spec, pools, 2, args.write_rounds // 4, 1000)  # warm-up
        for rnd in range(args.rounds):
            rounds.append(paired_round(copies, admin, spec, pools, args.iterations,
                                       args.write_rounds, 2 + rnd))
            r, w, _ = rounds[-1]
            both = combined(w)
            log(f"[{spec.name}] round {rnd + 1}/{args.rounds}: " + ", ".join(
                f"{n} {r[n]:.0f} ms / writes {both[n]:.0f} us (cpu {w[n].cpu_us or 0:.0f}, active "
                f"{w[n].server_us:.0f}, exec {w[n].exec_us:.0f}, wall {w[n].wall_us:.0f})"
                for n in copies))
    none_ix = index_count(copies["none"])
    out: dict[str, Any] = {"workload": spec.name, "held_out": spec.name not in TUNED_ON,
                           "advisor_s": round(advise_s, 2), "advised_ddl": ddl,
                           "advisor_writes": budget,
                           "qualstats_ddl": qs_ddl, "qualstats_s": round(qs_s, 2), "copies": {}}
    both = [combined(w) for _, w, _ in rounds]
    for name, dsn in copies.items():
        out["copies"][name] = {
            "read_ms": round(statistics.median(r[name] for r, _, _ in rounds), 1),
            "write_us": round(statistics.median(b[name] for b in both), 1),
            "write_server_us": round(statistics.median(w[name].own_us for _, w, _ in rounds), 1),
            "write_active_us": round(statistics.median(w[name].server_us for _, w, _ in rounds), 1),
            "write_wall_us": round(statistics.median(w[name].wall_us for _, w, _ in rounds), 1),
            "write_exec_us": round(statistics.median(w[name].exec_us for _, w, _ in rounds), 1),
            "indexes": index_count(dsn) - none_ix, "invalid_ddl": invalid.get(name, 0),
            "per_query_ms": {q.name: round(statistics.median(p[name][q.name] for _, _, p in rounds)
                                           / args.iterations, 3) for q in spec.reads}}
    c = out["copies"]
    for name in c:
        c[name]["read_vs_hand"] = round(c[name]["read_ms"] / c["hand-tuned"]["read_ms"], 2)
        # the write ratios: paired within each round (the machine's load changes between
        # rounds and weighs on every copy of a round alike), the median over the rounds
        figures = {"write_vs_none": [b[name] / b["none"] for b in both]}
        for key, part in (("server_vs_none", "own_us"), ("wall_vs_none", "wall_us"),
                          ("exec_vs_none", "exec_us"), ("active_vs_none", "server_us")):
            figures[key] = [getattr(w[name], part) / max(getattr(w["none"], part), 1e-9)
                            for _, w, _ in rounds]
        for key, ratios in figures.items():
            c[name][key] = round(statistics.median(ratios), 3)
    adv, hand = c["advised"], c["hand-tuned"]
    out["goals"] = {"reads <= 1.2x hand-tuned": adv["read_vs_hand"] <= 1.2,
                    "writes <= 1.10x none": adv["write_vs_none"] <= 1.10,
                    "indexes <= hand-tuned + 1": adv["indexes"] <= hand["indexes"] + 1,
                    "0 invalid DDL": adv["invalid_ddl"] == 0}
    return out


def run_cms(args: argparse.Namespace, log: Any) -> dict[str, Any] | None:
    """bench/advisor.py at a small size (the CMS), its JSON report."""
    cmd = [sys.executable, str(HERE / "advisor.py"), "--json", "--scale", "2", "--iterations", "10",
           "--rounds", "2", "--write-rounds", "1000", "--dbname", f"{args.dbname}_cms"]
    if args.max_write_overhead is not None:
        cmd += ["--max-write-overhead", str(args.max_write_overhead)]
    if args.dsn:
        cmd += ["--dsn", args.dsn]
    if args.pg_bin:
        cmd += ["--pg-bin", args.pg_bin]
    log("[cms] " + " ".join(cmd[1:]))
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        log(f"[cms] failed: {done.stderr.strip()[-400:]}")
        return None
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def main(argv: list[str] | None = None) -> int:
    return run_then_stop(run, argv)


def run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.set_defaults(scale=1.0, dbname="pgwarden_bench_wl")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--iterations", type=int, default=15)
    parser.add_argument("--write-rounds", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cms", action="store_true", help="also run bench/advisor.py (small)")
    parser.add_argument("--noise", action="store_true",
                        help="also measure a second copy without indexes (the noise control)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--max-write-overhead", type=float, default=None,
                        help="the advisor's write budget (default: the advisor's own default, "
                             "[advise] max_write_overhead; runs 5-6 used 0.10)")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    server = server_dsn(args)
    results = []
    for name in args.workloads.split(","):
        results.append(run_workload(server, WORKLOADS[name], args, log))
    cms = run_cms(args, log) if args.cms else None
    if args.json:
        print(json.dumps({"scale": args.scale, "iterations": args.iterations,
                          "write_rounds": args.write_rounds, "rounds": args.rounds,
                          "workloads": results, "cms": cms}, indent=2))
        return 0
    print()
    for res in results:
        print(f"{res['workload']} ({'held out' if res['held_out'] else 'tuned on'}):")
        names = list(res["copies"])
        print(f"  {'query (ms per call)':22s}" + "".join(f"{n:>14s}" for n in names))
        for q in res["copies"]["none"]["per_query_ms"]:
            print(f"  {q:22s}" + "".join(f"{res['copies'][n]['per_query_ms'][q]:14.3f}" for n in names))
    print()
    print(f"{'workload':10s} {'set':13s} {'read/hand':>9s} {'write/none':>10s} {'server':>7s} "
          f"{'active':>7s} {'exec':>7s} {'wall':>7s} {'indexes':>7s} {'invalid':>7s} "
          f"{'advisor s':>9s}")
    for res in results:
        for name in ("hand-tuned", "advised", "pg_qualstats", "none", "none again"):
            c = res["copies"].get(name)
            if c is None:
                continue
            secs = {"advised": f"{res['advisor_s']:.1f}",
                    "pg_qualstats": f"{res['qualstats_s']:.1f}"}.get(name, "")
            label = res["workload"] + ("" if res["held_out"] else "*")
            print(f"{label:10s} {name:13s} {c['read_vs_hand']:8.2f}x {c['write_vs_none']:9.3f}x "
                  f"{c['server_vs_none']:6.3f}x {c['active_vs_none']:6.3f}x "
                  f"{c['exec_vs_none']:6.2f}x {c['wall_vs_none']:6.3f}x "
                  f"{c['indexes']:7d} {c['invalid_ddl']:7d} {secs:>9s}")
    if cms is not None:
        print(f"{'cms':10s} {'advised':13s} {cms['read_vs_hand']:8.2f}x {cms['write_vs_none']:9.3f}x "
              f"{cms['indexes_advised']:7d} {cms['invalid_ddl']:7d} {cms['advisor_s']:9.1f}"
              f"   (hand-tuned: {cms['indexes_hand']} indexes, writes "
              f"{cms['hand_write_vs_none']}x none)")
    print("(* tuned on; the others are held out. write/none, the goal's figure: the backend's "
          "CPU time + the copies' median remainder of the wall-clock time; server: the backend's "
          "CPU time alone; active: pg_stat_database.active_time; exec: pg_stat_statements' "
          "planning + execution; wall: the client's own timing)")
    print("advised set's write overhead, estimated by the advisor (calibrated; with the fixed "
          "settings) against measured (write/none - 1):")
    for res in results:
        w = res["advisor_writes"]
        measured = res["copies"]["advised"]["write_vs_none"] - 1
        est, fixed = w.get("estimated_overhead"), w.get("fixed_estimated_overhead")
        print(f"  {res['workload']:10s} estimated {est if est is None else f'{est:+.1%}'}, fixed "
              f"{fixed if fixed is None else f'{fixed:+.1%}'}; measured {measured:+.1%}")
    for res in results:
        missed = [g for g, ok in res["goals"].items() if not ok]
        print(f"  {res['workload']}: " + ("all goals met" if not missed else "MISSED " + ", ".join(missed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
