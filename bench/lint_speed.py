"""How fast ``pgwarden lint`` is (targets: the CMS versions folder < 1 s; 2,000 statements < 2 s;
time linear in the size of the input; the parser-crash guard cheap).

Run: python bench/lint_speed.py [runs] [max_mb]
Prints medians of: linting the versions folder in-process (alembic rendering included) and as
a whole ``pgwarden lint`` process; linting a generated 2,000-statement SQL file in-process and as
a process. Baselines measured in the same run: ``python -c "import alembic.context"`` (the import
cost every alembic-aware process pays) and pglast's bare parse of the same 2,000 statements.

Then linearity: SQL files of 1/8, 1/4, 1/2 and 1 × ``max_mb`` (default 5 MB) — the rule case
statements cycled, every tenth with a suppression comment, plus a run of ADD COLUMN … REFERENCES
— each linted by a ``pgwarden lint`` process (CPU seconds and peak RSS from getrusage; the
least of two runs), beside the baseline of pglast parsing the same text in this process.
Linear: the time ratio per doubling of the size stays near 2, like the baseline's.

Last, the guard against parser crashes: a 12,000-character statement (above
``SAFE_STATEMENT_CHARS``, so parsed first in a forked child) against pglast's bare parse of it,
and the time to reject one SELECT of 30,000 nested additions (exit 2, not a segfault).
"""

from __future__ import annotations

import resource
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


def sized_sql(target_bytes: int) -> str:
    """Realistic statements cycled to ``target_bytes``: the rule cases, a suppression before every
    tenth, and a run of ADD COLUMN … REFERENCES on one table (the FK rule's per-table state)."""
    from pglast import parse_sql

    pool: list[str] = []
    for f in sorted(CASES.glob("*.sql")):
        text = f.read_text()
        for raw in parse_sql(text):
            loc = raw.stmt_location or 0
            pool.append(text[loc:loc + raw.stmt_len] if raw.stmt_len else text[loc:])
    parts: list[str] = []
    size = i = 0
    while size < target_bytes:
        if i % 10 == 0:
            stmt = (f"-- pgwarden: ignore vacuum-full because bench {i}\n"
                    f"VACUUM FULL bench_{i}")
        elif i % 10 == 5:
            stmt = f"ALTER TABLE wide ADD COLUMN c{i} bigint REFERENCES users (id)"
        else:
            stmt = pool[i % len(pool)].strip()
        parts.append(stmt + ";\n")
        size += len(parts[-1])
        i += 1
    return "".join(parts)


def child_usage(cmd: list[str]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, peak RSS in MB) of one child process running ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, after.ru_maxrss // 1024


def linearity(exe: str, max_mb: float, tmp: Path) -> None:
    from pglast import parse_sql

    print("\nlinearity: a pgwarden lint process per file (CPU s, peak RSS); baseline: pglast "
          "parse_sql of the same text in this process (CPU s)")
    prev: tuple[float, float] | None = None
    for frac in (8, 4, 2, 1):
        sql = sized_sql(int(max_mb * 1_000_000 / frac))
        f = tmp / f"size_{frac}.sql"
        f.write_text(sql)
        # the least of two runs each: CPU time on a shared machine still varies by ~30%
        runs = [child_usage([exe, "lint", str(f)]) for _ in range(2)]
        cpu, wall, rss = min(runs)
        base = float("inf")
        for _ in range(2):
            t0 = time.process_time()
            parse_sql(sql)
            base = min(base, time.process_time() - t0)
        per = (f"  x{cpu / prev[0]:.2f} per doubling (baseline x{base / prev[1]:.2f})"
               if prev else "")
        print(f"{len(sql) / 1e6:5.2f} MB: lint {cpu:6.2f} s CPU ({wall:6.2f} s wall, peak RSS "
              f"{rss} MB; RSS is the largest child so far), baseline {base:5.2f} s, "
              f"lint/baseline {cpu / base:4.2f}{per}")
        prev = (cpu, base)


def guard_cost(exe: str, runs: int, tmp: Path) -> None:
    from pglast import parse_sql

    from pgwarden.analyzers.lint import lint_sql
    from pgwarden.analyzers.lint.guard import SAFE_STATEMENT_CHARS

    values = ",".join(f"({i}, 'row {i}')" for i in range(1_200))
    long_stmt = f"INSERT INTO t VALUES {values};\n"  # noqa: S608 - generated test data
    assert len(long_stmt) > SAFE_STATEMENT_CHARS
    lint_t = median_s(lambda: lint_sql(long_stmt), runs)
    parse_t = median_s(lambda: parse_sql(long_stmt), runs)
    print(f"\nguard: one {len(long_stmt):,}-character statement: lint {lint_t * 1000:.1f} ms "
          f"(forked probe parse + parse + rules) vs bare parse {parse_t * 1000:.1f} ms: "
          f"+{(lint_t - parse_t) * 1000:.1f} ms")
    deep = tmp / "deep.sql"
    deep.write_text("SELECT " + "+".join(["1"] * 30_000) + ";\n")
    t0 = time.perf_counter()
    done = subprocess.run([exe, "lint", str(deep)], capture_output=True, text=True)
    print(f"guard: SELECT of 30,000 nested additions: exit {done.returncode} in "
          f"{time.perf_counter() - t0:.2f} s: {done.stdout.splitlines()[0]}")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    max_mb = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
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
    with tempfile.TemporaryDirectory() as tmp:
        guard_cost(exe, runs, Path(tmp))
        linearity(exe, max_mb, Path(tmp))


if __name__ == "__main__":
    main()
