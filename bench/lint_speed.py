"""How fast ``pgwarden lint`` is (targets: the CMS versions folder < 1 s; 2,000 statements < 2 s).

Run: python bench/lint_speed.py [runs]
Prints medians of: linting the versions folder in-process (alembic rendering included) and as
a whole ``pgwarden lint`` process; linting a generated 2,000-statement SQL file in-process and as
a process. Baselines measured in the same run: ``python -c "import alembic.context"`` (the import
cost every alembic-aware process pays) and pglast's bare parse of the same 2,000 statements.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "pgwarden" / "versions"
CASES = ROOT / "tests" / "analyzers" / "lint_cases"


def median_s(fn: Callable[[], object], runs: int) -> float:
    xs = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        xs.append(time.perf_counter() - t0)
    return statistics.median(xs)


def two_thousand_statements() -> str:
    """2,000 statements cycled from the rule case files (safe and unsafe alike)."""
    from pglast import parse_sql

    pool: list[str] = []
    for f in sorted(CASES.glob("*.sql")):
        text = f.read_text()
        for raw in parse_sql(text):
            loc = raw.stmt_location or 0
            pool.append(text[loc:loc + raw.stmt_len] if raw.stmt_len else text[loc:])
    stmts = [pool[i % len(pool)] for i in range(2000)]
    return ";\n".join(stmts) + ";\n"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    from pglast import parse_sql

    from pgwarden.analyzers.lint import lint_paths, lint_sql

    exe = shutil.which("pgwarden") or str(Path(sys.executable).with_name("pgwarden"))
    sql = two_thousand_statements()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "2000.sql"
        big.write_text(sql)
        folder = lint_paths([str(VERSIONS)])
        n_big = lint_sql(sql).statements
        rows = [
            ("versions folder, in-process", median_s(lambda: lint_paths([str(VERSIONS)]), runs)),
            ("versions folder, pgwarden lint process",
             median_s(lambda: subprocess.run([exe, "lint", str(VERSIONS)], capture_output=True), runs)),
            ("baseline: python -c 'import alembic.context'",
             median_s(lambda: subprocess.run([sys.executable, "-c", "import alembic.context"],
                                             capture_output=True), runs)),
            (f"{n_big} statements, in-process", median_s(lambda: lint_sql(sql), runs)),
            (f"{n_big} statements, pgwarden lint process",
             median_s(lambda: subprocess.run([exe, "lint", str(big)], capture_output=True), runs)),
            ("baseline: pglast parse_sql of the same text", median_s(lambda: parse_sql(sql), runs)),
        ]
    print(f"versions folder: {folder.files} revisions, {folder.statements} statements; "
          f"{runs} runs each, medians")
    for name, secs in rows:
        print(f"{name:48s} {secs * 1000:8.1f} ms")
    ratio = rows[3][1] / rows[5][1]
    print(f"lint / bare parse (2,000 statements): {ratio:.1f}x")
    print(f"target versions folder < 1 s (in-process): {'met' if rows[0][1] < 1 else 'MISSED'}; "
          f"as a process: {'met' if rows[1][1] < 1 else 'MISSED'}")
    print(f"target 2,000 statements < 2 s (in-process): {'met' if rows[3][1] < 2 else 'MISSED'}; "
          f"as a process: {'met' if rows[4][1] < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
