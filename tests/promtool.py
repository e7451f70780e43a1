"""promtool (Debian's prometheus package) for tests; they skip, with the reason, without it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PROMTOOL = shutil.which("promtool") or ("/usr/bin/promtool" if Path("/usr/bin/promtool").exists()
                                         else None)


def promtool(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    if PROMTOOL is None:
        pytest.skip("promtool not installed (Debian package prometheus: scripts/setup-system.sh installs it)")
    return subprocess.run([PROMTOOL, *args], input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=60, check=False)
