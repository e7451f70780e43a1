"""The labelled corpus stays whole and the linter does not regress on it.

The labels come from running every file on PostgreSQL 15 (bench/lint_corpus_label.py); this
test only reads them, so it needs no server. Figures and method: docs/benchmarks.md.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "lint_corpus"


def _eval_module() -> Any:
    spec = importlib.util.spec_from_file_location("lint_corpus_eval", ROOT / "bench" / "lint_corpus_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_corpus_file_was_labelled_by_running_it() -> None:
    labels = json.loads((CORPUS / "labels.json").read_text())
    meta = labels.pop("_meta")
    assert meta["server"].startswith("15.") and meta["scales"] == [1, 10]
    files = sorted(f.name for f in (CORPUS / "migrations").glob("*.sql"))
    assert len(files) >= 60
    assert sorted(labels) == files
    for name, entry in labels.items():
        assert set(entry["runs"]) == {"s1", "s10"}, name
        assert all("elapsed_ms" in run and "exit" in run for run in entry["runs"].values()), name


def test_no_regression_on_the_corpus() -> None:
    """The dev figures of docs/benchmarks.md stay: files 001-340 (held-out-3 was scored once,
    then became dev); files 401+ (held-out-4, held-out-5) have floors of their own below."""
    ev = _eval_module()
    labels = json.loads((CORPUS / "labels.json").read_text())
    meta = labels.pop("_meta")
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if ev.split_of(f.name) not in ("held-out-4", "held-out-5", "held-out-6", "held-out-7",
                                            "held-out-8", "held-out-9", "held-out-10",
                                            "held-out-11", "held-out-12", "held-out-13",
                                            "held-out-14")]
    names = [f.name for f in files]
    lock = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    wider = {n: bool(v["label"]["lock_hazard"] or v["label"]["fails"] or v["label"]["breaks"])
             for n, v in labels.items()}
    cat = meta["catalog"]
    assert {"tables", "stats", "settings", "view_columns", "casts"} <= set(cat), \
        "labels.json's _meta lacks sizes/statistics: run bench/lint_corpus_label.py --catalog-only"
    catalog = ev.catalog_of(cat)
    plain = ev.score(ev.pgwarden_flags(files), lock, names)
    with_dsn = ev.score(ev.pgwarden_flags(files, catalog=catalog), lock, names)
    breaking = ev.score(ev.pgwarden_flags(files, catalog=catalog, fail_on=("breaking",)), wider,
                        names)
    # measured (dev: files 001-340, 260 files; held-out-3 scored once before, dev since):
    # 98.0% / 8.2% without the catalog, 100% / 3.8% with it; the wider label with --fail-on
    # lock,breaking and the catalog: 97.5% / 5.0%. (Before backfill-batch-too-large: 7.5 %,
    # 3.1 %, 4.3 %; it adds one false alarm, a DO loop of 5,000-row batches whose batches
    # took 97-163 ms each under CPU load, bench/lint_batch_speed.py, and 67 ms in the
    # labeller's quieter run: docs/benchmarks.md.)
    assert plain["recall"] >= 0.97, plain["missed"]
    assert plain["false_alarms"] <= 0.085, plain["false"]
    assert with_dsn["recall"] >= 0.99 and with_dsn["false_alarms"] <= 0.04, with_dsn
    assert breaking["recall"] >= 0.97 and breaking["false_alarms"] <= 0.05, breaking


# Each later split was scored once while unseen (the figure of record in docs/benchmarks.md),
# then worked on, so it is dev since and keeps the figures its round ended with:
# (first file, last file, files, plain recall >=, plain false alarms <=, --dsn false alarms <=)
HELD_OUT_FLOORS = {
    # scored 93.6% / 5.9%, --dsn 93.6% / 4.4%; round 3 ended at 97.9% / 4.4%, 100% / 2.9%
    "held-out-4": (401, 600, 115, 0.97, 0.05, 0.035),
    # scored 88.0% / 19.6%, --dsn 94.0% / 15.0%; round 4 ended at 94.0% / 19.6%, 100% / 13.1%
    # (of those 14 false alarms, 4 are labels near the 100 ms line, 5 labeller limits)
    # round 7 (the calibrated line, a FOREIGN KEY's VALIDATE sizing its referenced table):
    # --dsn 11.2%
    "held-out-5": (601, 800, 190, 0.939, 0.197, 0.113),
    # scored 92.4% / 11.7%, --dsn 97.5% / 7.5%; round 5 ended at 92.4% / 10.8%, 100% / 5.8%
    # (of those 7 false alarms, 3 are labels that flipped between labelling runs, 1 a limit)
    # round 7: --dsn 5.0%
    "held-out-6": (801, 999, 199, 0.924, 0.109, 0.051),
    # scored 96.8% / 9.5%, --dsn 100% / 8.4%; round 6 ended at 96.8% / 8.4%, 100% / 7.4%
    # (of those 7 false alarms, 2 labels flipped between runs, 3 statements the corpus also
    # labels a hazard elsewhere, 2 a correlation between columns pg_stats cannot show)
    # round 7: --dsn 6.3%
    "held-out-7": (1001, 1200, 126, 0.967, 0.085, 0.064),
    # scored 91.7% / 14.6%, --dsn 100% / 13.4% (of those 11, 4 near-line labels a run of 3
    # disagreed on, 1 the labeller's twice-scale-1 rule); round 7 ended at 91.7% / 14.6%,
    # --dsn 100% / 9.8% (docs/benchmarks.md, "Round 7")
    "held-out-8": (1201, 1400, 130, 0.916, 0.147, 0.098),
    # scored 92.3% / 16.7%, --dsn 96.2% / 12.8% (after round 7); round 8 ended at 92.3% /
    # 16.7%, --dsn 98.1% / 10.3% (its --dsn recall is under the 99% the others keep: 1429, a
    # batched purge the linter sizes like a safe one, docs/benchmarks.md "Round 8"; the floor
    # is its own)
    "held-out-9": (1401, 1600, 130, 0.923, 0.167, 0.103, 0.98),
    # scored 87.1% / 18.4%, --dsn 100% / 12.2% (after round 8; of those 6, 3 near-line labels
    # a run of 3 disagreed on); not yet worked on: the scored figure
    "held-out-10": (1601, 1800, 80, 0.870, 0.184, 0.123),
    # scored 96.8% / 8.7%, --dsn 96.8% / 2.9% (after round 8 and advisor round 12; the one
    # miss, 1863, a DELETE through a subquery of its own table sized by `row_id % 2 = 0`; the
    # two --dsn false alarms near-line labels, 67 and 44-49 ms at scale 10); round 9 (the
    # residue's 1/n, the self-subquery as its WHERE) ended at --dsn 100% / 2.9%
    "held-out-11": (1801, 2000, 100, 0.967, 0.087, 0.029),
    # scored 90.9% / 11.9%, --dsn 97.0% / 7.5% (after round 9; the --dsn miss, 2078, an UPDATE
    # of every row through `NOT attrs ? 'schema'`; the five --dsn false alarms near-line builds
    # and scans of 10-93 ms and a file that fails); round 10 (a key operator at the planner's
    # 1%) ended at 93.9% / 11.9%, --dsn 100% / 7.5%
    "held-out-12": (2001, 2100, 100, 0.939, 0.120, 0.075),
    # scored 93.3% / 18.6%, --dsn 100% / 17.1% (after lint round 11; the two plain misses need
    # the catalog: char(2) -> text on a table the file does not define, a DELETE sized by
    # pg_stats; the twelve --dsn false alarms are builds and scans on small tables measured at
    # 22-122 ms, and UPDATEs whose row locks no probe met); not worked on: the scored figure
    "held-out-13": (2101, 2200, 100, 0.933, 0.186, 0.172),
}


@pytest.mark.parametrize("split", sorted(HELD_OUT_FLOORS))
def test_no_regression_on_a_worked_held_out_split(split: str) -> None:
    """A held-out split that was scored once and then worked on keeps its round's figures
    (the --dsn recall stays >= 99%); later, sealed splits are not held here."""
    first, last, count, recall, false_plain, false_dsn, *rest = HELD_OUT_FLOORS[split]
    recall_dsn = rest[0] if rest else 0.99  # a split not yet worked on keeps its scored figure
    ev = _eval_module()
    labels = json.loads((CORPUS / "labels.json").read_text())
    cat = labels.pop("_meta")["catalog"]
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if first <= int(f.name.split("_", 1)[0]) <= last]
    names = [f.name for f in files]
    assert len(names) == count
    assert {ev.split_of(n) for n in names} == {split}
    lock = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    catalog = ev.catalog_of(cat)
    plain = ev.score(ev.pgwarden_flags(files), lock, names)
    with_dsn = ev.score(ev.pgwarden_flags(files, catalog=catalog), lock, names)
    assert plain["recall"] >= recall and plain["false_alarms"] <= false_plain, plain
    assert with_dsn["recall"] >= recall_dsn and with_dsn["false_alarms"] <= false_dsn, with_dsn
