"""The linter's own duration estimates against what the labeller measured (issue 15, round 7).

Run: python bench/lint_corpus_calibrate.py [--margins 1,1.25,1.5,2] [--rows]
Needs no server: lints every dev file (every split but a sealed one) with the catalog stored in
labels.json (what ``--dsn`` reads), records every duration estimate a rule makes (``work_estimate``
for CREATE INDEX / validating scans, ``work_seconds`` for UPDATE/DELETE row locks), and prints:

- per file whose ``--dsn`` check fails on a duration-gated finding only: the largest estimate,
  the label's measured longest block at scale 10 (the median where the labeller repeated the
  file), and the ratio measured / estimated;
- the distribution of that ratio (hazards and safe files apart);
- recall and false alarms of ``--dsn`` per split with the line an estimate must pass set to
  100 ms × each margin in ``--margins`` (the linter's is ``sizes.ESTIMATE_MARGIN``) — what
  moving the line buys and costs;
- with ``--plain-most``: plain ``lint`` (no catalog) over all dev files with the share of the
  rows a WHERE must keep to be "most of the table" (``transactions.MOST_ROWS``, 0.5) set to
  each value given — would a lower default catch the UPDATEs filtered on a constant that only
  the statistics size, and at what cost in false alarms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from lint_corpus_eval import CORPUS, SEALED, catalog_of, score, split_of  # noqa: E402

from pgwarden.analyzers.lint import lint_paths, sizes  # noqa: E402
from pgwarden.analyzers.lint.rules import transactions  # noqa: E402


def measured_ms(entry: dict[str, Any]) -> float:
    """The label's longest blocked span at scale 10 (medians where repeated)."""
    spans = entry.get("median_blocked_ms", {}).get("s10") or entry["runs"]["s10"]["blocked_ms"]
    return max(spans.values(), default=0.0)


def lint_all(files: list[Path], catalog: Any, margin: float) -> tuple[dict[str, list[str]],
                                                                     dict[str, list[float]]]:
    """Failing rules per file and every estimate (seconds) made while linting it."""
    estimates: list[float] = []
    real_est, real_sec = sizes.work_estimate, transactions.work_seconds

    def est(*a: Any, **k: Any) -> float | None:
        v = real_est(*a, **k)
        if v is not None:
            estimates.append(v)
        return v

    def sec(*a: Any, **k: Any) -> float | None:
        v = real_sec(*a, **k)
        if v is not None:
            estimates.append(v)
        return v

    saved = sizes.HAZARD_ESTIMATE_S
    sizes.work_estimate, transactions.work_seconds = est, sec  # type: ignore[assignment]
    sizes.HAZARD_ESTIMATE_S = sizes.SMALL_WORK_S * margin  # what hazard_line returns with --dsn
    flags: dict[str, list[str]] = {}
    seen: dict[str, list[float]] = {}
    try:
        for f in files:
            estimates.clear()
            report = lint_paths([str(f)], catalog=catalog)
            flags[f.name] = sorted({x.rule for x in report.failing}) + [
                f"error:{e.message}" for e in report.errors]
            seen[f.name] = list(estimates)
    finally:
        sizes.work_estimate, transactions.work_seconds = real_est, real_sec  # type: ignore[assignment]
        sizes.HAZARD_ESTIMATE_S = saved
    return flags, seen


# rules whose hazard tier depends on an estimate (the others fire whatever the size)
DURATION_RULES = {"index-not-concurrent", "set-not-null-scan", "foreign-key-not-valid-missing",
                  "check-not-valid-missing", "validate-in-same-transaction",
                  "unique-constraint-builds-index", "exclusion-constraint", "backfill-whole-table",
                  "backfill-batch-too-large", "lock-held-across-work", "lock-upgrade",
                  "refresh-matview-not-concurrent"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--margins", default="1,1.25,1.5,2,3")
    ap.add_argument("--rows", action="store_true", help="print the per-file table")
    ap.add_argument("--plain-most", default="", help="e.g. 0.5,0.3,0.004,0")
    args = ap.parse_args()
    labels = json.loads((CORPUS / "labels.json").read_text())
    meta = labels.pop("_meta")
    catalog = catalog_of(meta["catalog"])
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if f.name in labels and split_of(f.name) not in SEALED]
    truth = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    flags, seen = lint_all(files, catalog, 1.0)
    ratios: dict[bool, list[float]] = {True: [], False: []}
    rows = []
    for f in files:
        fl = flags[f.name]
        if not fl or not set(fl) <= DURATION_RULES or not seen[f.name]:
            continue
        est = max(seen[f.name])
        if est <= sizes.SMALL_WORK_S:
            continue
        ms = measured_ms(labels[f.name])
        hazard = truth[f.name]
        if labels[f.name]["label"]["rewrite"]:
            continue
        ratios[hazard].append(ms / (est * 1000))
        rows.append((f.name, ",".join(fl), est * 1000, ms, hazard))
    if args.rows:
        print(f"{'file':55s} {'rules':40s} {'est ms':>8s} {'meas ms':>8s}  hazard")
        for name, fl, e, m, h in sorted(rows, key=lambda r: r[2]):
            print(f"{name[:55]:55s} {fl[:40]:40s} {e:8.0f} {m:8.1f}  {h}")
    for hazard in (True, False):
        r = sorted(ratios[hazard])
        if r:
            q = statistics.quantiles(r, n=4) if len(r) > 1 else [r[0]] * 3
            print(f"{'hazards' if hazard else 'safe   '}: {len(r):3d} flagged on an estimate; "
                  f"measured/estimated min {r[0]:.2f} q1 {q[0]:.2f} median {q[1]:.2f} "
                  f"q3 {q[2]:.2f} max {r[-1]:.2f}")
    band = [(lo, hi) for lo, hi in ((100, 150), (150, 200), (200, 300), (300, 500), (500, 1e9))]
    for lo, hi in band:
        inb = [r for r in rows if lo < r[2] <= hi]
        print(f"estimate {lo:4.0f}-{hi if hi < 1e9 else float('inf'):5.0f} ms: {len(inb):3d} files, "
              f"{sum(r[4] for r in inb):3d} hazards, {sum(not r[4] for r in inb):3d} safe")
    splits = sorted({split_of(f.name) for f in files}, key=lambda s: (len(s), s))
    for margin in (float(m) for m in args.margins.split(",")):
        fl, _ = lint_all(files, catalog, margin) if margin != 1.0 else (flags, seen)
        print(f"\nline x{margin:g} ({100 * margin:.0f} ms), --dsn:")
        for s in [*splits, "all"]:
            names = [f.name for f in files if s == "all" or split_of(f.name) == s]
            r = score(fl, truth, names)
            print(f"  {s:11s} recall {r['recall']:6.1%}  false alarms {r['false_alarms']:6.1%}"
                  f"  (missed {len(r['missed'])}, false {len(r['false'])})"
                  + (f" missed: {', '.join(m[:4] for m in r['missed'])}" if r["missed"] else ""))


    if args.plain_most:
        plain_most(files, truth, [float(v) for v in args.plain_most.split(",")])


def plain_most(files: list[Path], truth: dict[str, bool], values: list[float]) -> None:
    """Plain lint with MOST_ROWS at each of ``values``: recall / false alarms over every dev file,
    and the files each value flags that 0.5 (the linter's) does not."""
    saved = transactions.MOST_ROWS
    base: dict[str, list[str]] = {}
    print("\nplain lint, all dev files, by MOST_ROWS:")
    try:
        for v in [saved, *values]:
            transactions.MOST_ROWS = v
            flags = {}
            for f in files:
                report = lint_paths([str(f)])
                flags[f.name] = sorted({x.rule for x in report.failing}) + [
                    f"error:{e.message}" for e in report.errors]
            if not base:
                base = flags
            r = score(flags, truth, [f.name for f in files])
            newly = [n for n in flags if flags[n] and not base[n]]
            print(f"  {v:<6g} recall {r['recall']:6.1%}  false alarms {r['false_alarms']:6.1%}  "
                  f"newly flagged: {sum(truth[n] for n in newly)} hazards, "
                  f"{sum(not truth[n] for n in newly)} safe")
    finally:
        transactions.MOST_ROWS = saved


if __name__ == "__main__":
    main()
