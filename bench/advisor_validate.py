"""``advise --validate`` on the workloads of ``bench/_workloads.py``: its run time against the
advice alone, and its verdicts against the estimates.

Run: python bench/advisor_validate.py [--workloads orders,helpdesk,saas] [--scale 1]
     [--iterations 15] [--write-rounds 600] [--budget 120] [--dsn DSN] [--json]

For each workload: the template and the training replay of ``bench/advisor_workloads.py``
(pg_stat_statements and pg_qualstats filled by the same seeded replay), then on the training
copy, in the same process, one after the other:

1. ``advise`` alone (the baseline);
2. ``advise --validate`` with ``validate_rows`` at its default (tables above it sampled);
3. ``advise --validate`` with ``validate_rows`` above every table's size (whole copies: the
   closest this script gets to the index built on the table itself, as a temp table is never
   scanned in parallel).

Printed: the run times and their ratios to (1); per candidate kept by (1), its estimated gain
(the share of its queries' cost it saves, by the estimate), the gain measured on the sample and
on the whole copy, and the verdicts; how many candidates the sample and the whole copy confirm,
reject, or leave unvalidated, and how often the sample's verdict is the whole copy's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
from _cms import add_server_options, run_then_stop, server_dsn  # noqa: E402
from _workloads import WORKLOADS, Spec  # noqa: E402
from advisor_workloads import build_template, trained_copy  # noqa: E402


def run_workload(server: str, spec: Spec, args: argparse.Namespace, log: Any) -> dict[str, Any]:
    from pgwarden.analyzers.advisor import advise
    from pgwarden.analyzers.advisor.settings import AdviseSettings

    prefix = f"{args.dbname}_{spec.name}"
    template, build_s = build_template(server, spec, prefix, args.scale)
    log(f"[{spec.name}] template built in {build_s:.1f} s")
    with psycopg.connect(template) as conn:
        pools = spec.load_pools(conn)
        sizes = {r[0]: float(r[1]) for r in conn.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace")}
    train = trained_copy(server, spec, prefix, pools, args)
    base = AdviseSettings(validate_budget=args.budget)
    runs: dict[str, tuple[Any, float]] = {}
    for label, s, validate in (
            ("alone", base, False),
            ("sample", base, True),
            ("whole", replace(base, validate_rows=int(max(sizes.values(), default=1) * 2) + 1),
             True)):
        t0 = time.monotonic()
        advice = advise(train, settings=s, validate=validate)
        runs[label] = (advice, time.monotonic() - t0)
        log(f"[{spec.name}] advise ({label}): {len(advice.kept)} kept in {runs[label][1]:.1f} s")
        for note in advice.notes:
            if note.startswith("validation"):
                log(f"    {note}")
    alone = runs["alone"][0]
    rows = []
    for d in alone.kept:
        sig = d.candidate.signature
        vs = runs["sample"][0].validations.get(sig)
        vw = runs["whole"][0].validations.get(sig)
        rows.append({
            "index": d.candidate.describe(), "kind": d.candidate.kind,
            "estimated_gain": 1 - d.cost_after / d.cost_before if d.cost_before else 0.0,
            "sample_fraction": vs.sampled_fraction if vs else None,
            "sample_gain": vs.validated_gain if vs else None,
            "sample_status": vs.status if vs else "(not kept)",
            "whole_gain": vw.validated_gain if vw else None,
            "whole_status": vw.status if vw else "(not kept)",
            "ms_without": vw.ms_without if vw else None, "ms_with": vw.ms_with if vw else None})
    agree = sum(1 for r in rows if r["sample_status"] == r["whole_status"])
    return {"workload": spec.name, "alone_s": runs["alone"][1], "sample_s": runs["sample"][1],
            "whole_s": runs["whole"][1], "candidates": rows, "agree": agree,
            "kept": {k: len(v[0].kept) for k, v in runs.items()}}


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def main(argv: list[str] | None = None) -> int:
    return run_then_stop(run, argv)


def run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_server_options(parser)
    parser.set_defaults(scale=1.0, dbname="pgwarden_bench_val")
    parser.add_argument("--workloads", default="orders")
    parser.add_argument("--iterations", type=int, default=15)
    parser.add_argument("--write-rounds", type=int, default=600)
    parser.add_argument("--budget", type=float, default=120.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    server = server_dsn(args)
    results = [run_workload(server, WORKLOADS[name], args, log)
               for name in args.workloads.split(",")]
    if args.json:
        print(json.dumps({"scale": args.scale, "budget": args.budget, "workloads": results},
                         indent=2))
        return 0
    for res in results:
        print()
        print(f"{res['workload']}: advise {res['alone_s']:.1f} s; --validate (sample) "
              f"{res['sample_s']:.1f} s ({res['sample_s'] / res['alone_s']:.1f}x); --validate "
              f"(whole) {res['whole_s']:.1f} s ({res['whole_s'] / res['alone_s']:.1f}x); kept "
              + ", ".join(f"{k} {n}" for k, n in res["kept"].items()))
        print(f"  {'index':52s} {'est.':>5s} {'sample':>7s} {'(frac)':>7s} {'whole':>6s}  "
              f"{'ms without → with':>18s}  verdicts (sample / whole)")
        for r in res["candidates"]:
            ms = (f"{r['ms_without']:.2f} → {r['ms_with']:.2f}"
                  if r["ms_without"] is not None and r["ms_with"] is not None else "")
            print(f"  {r['index'][:52]:52s} {_pct(r['estimated_gain']):>5s} "
                  f"{_pct(r['sample_gain']):>7s} {_pct(r['sample_fraction']):>7s} "
                  f"{_pct(r['whole_gain']):>6s}  {ms:>18s}  {r['sample_status']} / "
                  f"{r['whole_status']}")
        print(f"  the sample's verdict is the whole copy's for {res['agree']} of "
              f"{len(res['candidates'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
