"""How long ``pgwarden --help`` takes (target < 0.3 s): lazy imports keep it fast.

Run: python bench/cli_startup.py [runs]
Prints the median and max wall time of ``pgwarden --help`` and, as a baseline measured in the
same process, of ``python -c pass``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time


def timed(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    exe = shutil.which("pgwarden") or sys.executable
    cmd = [exe, "--help"] if exe != sys.executable else [exe, "-m", "pgwarden.cli", "--help"]
    base = timed([sys.executable, "-c", "pass"], runs)
    help_ = timed(cmd, runs)
    for name, xs in (("python -c pass", base), ("pgwarden --help", help_)):
        print(f"{name:18s} median {statistics.median(xs) * 1000:6.1f} ms   max {max(xs) * 1000:6.1f} ms")
    print(f"ratio (median) {statistics.median(help_) / statistics.median(base):.2f}x; "
          f"target: pgwarden --help < 300 ms -> {'met' if statistics.median(help_) < 0.3 else 'MISSED'}")


if __name__ == "__main__":
    main()
