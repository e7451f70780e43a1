"""The labelled corpus stays whole and the linter does not regress on it.

The labels come from running every file on PostgreSQL 15 (bench/lint_corpus_label.py); this
test only reads them, so it needs no server. Figures and method: docs/benchmarks.md.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

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
    from pgwarden.analyzers.lint.catalog import Catalog

    ev = _eval_module()
    labels = json.loads((CORPUS / "labels.json").read_text())
    meta = labels.pop("_meta")
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if ev.split_of(f.name) not in ("held-out-4", "held-out-5", "held-out-6", "held-out-7")]
    names = [f.name for f in files]
    lock = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    wider = {n: bool(v["label"]["lock_hazard"] or v["label"]["fails"] or v["label"]["breaks"])
             for n, v in labels.items()}
    cat = meta["catalog"]
    assert {"tables", "stats", "settings", "view_columns", "casts"} <= set(cat), \
        "labels.json's _meta lacks sizes/statistics: run bench/lint_corpus_label.py --catalog-only"
    catalog = Catalog.from_rows(cat["columns"], cat["checks"], cat["tables"], cat["stats"],
                                cat["settings"], cat["view_columns"], cat["casts"])
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


def test_no_regression_on_held_out_4() -> None:
    """Files 401-600 (held-out-4): scored once (93.6% / 5.9%, with the catalog 93.6% / 4.4%),
    then its misses were worked on (round 3), so it is dev and keeps its figures: 97.9% / 4.4%
    without the catalog, 100% / 2.9% with it. Later batches (601+) are not held here."""
    from pgwarden.analyzers.lint.catalog import Catalog

    ev = _eval_module()
    labels = json.loads((CORPUS / "labels.json").read_text())
    cat = labels.pop("_meta")["catalog"]
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if 400 < int(f.name.split("_", 1)[0]) <= 600]
    names = [f.name for f in files]
    assert len(names) == 115
    lock = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    catalog = Catalog.from_rows(cat["columns"], cat["checks"], cat["tables"], cat["stats"],
                                cat["settings"], cat["view_columns"], cat["casts"])
    plain = ev.score(ev.pgwarden_flags(files), lock, names)
    with_dsn = ev.score(ev.pgwarden_flags(files, catalog=catalog), lock, names)
    assert plain["recall"] >= 0.97 and plain["false_alarms"] <= 0.05, plain
    assert with_dsn["recall"] >= 0.99 and with_dsn["false_alarms"] <= 0.035, with_dsn


def test_no_regression_on_held_out_5() -> None:
    """Files 601-800 (held-out-5): scored once (88.0% / 19.6%, with the catalog 94.0% / 15.0%),
    then its misses and false alarms were worked on (round 4), so it is dev and keeps its
    figures: 94.0% / 19.6% without the catalog, 100% / 13.1% with it (docs/benchmarks.md,
    "Round 4": of the 14 false alarms left with the catalog, 4 are labels near the 100 ms line
    and 5 are labeller limits). Later batches (801+) are not held here."""
    from pgwarden.analyzers.lint.catalog import Catalog

    ev = _eval_module()
    labels = json.loads((CORPUS / "labels.json").read_text())
    cat = labels.pop("_meta")["catalog"]
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if 600 < int(f.name.split("_", 1)[0]) <= 800]
    names = [f.name for f in files]
    assert len(names) == 190
    lock = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    catalog = Catalog.from_rows(cat["columns"], cat["checks"], cat["tables"], cat["stats"],
                                cat["settings"], cat["view_columns"], cat["casts"])
    plain = ev.score(ev.pgwarden_flags(files), lock, names)
    with_dsn = ev.score(ev.pgwarden_flags(files, catalog=catalog), lock, names)
    assert plain["recall"] >= 0.939 and plain["false_alarms"] <= 0.197, plain
    assert with_dsn["recall"] >= 0.99 and with_dsn["false_alarms"] <= 0.131, with_dsn


def test_no_regression_on_held_out_6() -> None:
    """Files 801-999 (held-out-6): scored once (92.4% / 11.7%, with the catalog 97.5% / 7.5%),
    then worked on (round 5, docs/benchmarks.md), so it is dev and keeps its figures: 92.4% /
    10.8% without the catalog, 100% / 5.8% with it (of the 7 false alarms left with the catalog,
    3 are labels that flipped between labelling runs and 1 a labeller limit: docs/benchmarks.md,
    "Round 5"). Later batches (1001+) are not held here."""
    from pgwarden.analyzers.lint.catalog import Catalog

    ev = _eval_module()
    labels = json.loads((CORPUS / "labels.json").read_text())
    cat = labels.pop("_meta")["catalog"]
    files = [f for f in sorted((CORPUS / "migrations").glob("*.sql"))
             if 800 < int(f.name.split("_")[0]) <= 999]
    names = [f.name for f in files]
    assert len(names) == 199
    lock = {n: bool(v["label"]["lock_hazard"]) for n, v in labels.items()}
    catalog = Catalog.from_rows(cat["columns"], cat["checks"], cat["tables"], cat["stats"],
                                cat["settings"], cat["view_columns"], cat["casts"])
    plain = ev.score(ev.pgwarden_flags(files), lock, names)
    with_dsn = ev.score(ev.pgwarden_flags(files, catalog=catalog), lock, names)
    assert plain["recall"] >= 0.924 and plain["false_alarms"] <= 0.109, plain
    assert with_dsn["recall"] >= 0.99 and with_dsn["false_alarms"] <= 0.059, with_dsn
