"""Processes and ports: running a tool, is a postmaster alive, which loopback port is free."""

from __future__ import annotations

import errno
import os
import random
import socket
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pgwarden.errors import LocalClusterError


def run(cmd: Sequence[str], *, check: bool = True, **kw: Any) -> subprocess.CompletedProcess[str]:
    """Run ``cmd``; with ``check`` a failure becomes a one-line LocalClusterError."""
    try:
        out = subprocess.run(list(cmd), capture_output=True, text=True, **kw)
    except OSError as exc:
        raise LocalClusterError(f"cannot run {cmd[0]}: {exc.strerror}") from None
    if check and out.returncode != 0:
        detail = (out.stderr or out.stdout).strip().splitlines()
        msg = detail[-1] if detail else f"exit code {out.returncode}"
        raise LocalClusterError(f"{Path(cmd[0]).name} failed: {msg}")
    return out


PORT_RANGE_ENV = "PGWARDEN_PORT_RANGE"
_handed: set[int] = set()  # ports this process handed out: never the same one twice


def port_range() -> tuple[int, int] | None:
    """``PGWARDEN_PORT_RANGE=LOW-HIGH``: the ports free_port picks from (the test runner gives
    each of its two simultaneous passes a range of its own, below the kernel's ephemeral
    ports, so that their servers never pick the same port); unset or malformed: none."""
    raw = os.environ.get(PORT_RANGE_ENV, "")
    low, sep, high = raw.partition("-")
    if not sep or not low.strip().isdigit() or not high.strip().isdigit():
        return None
    lo, hi = int(low), int(high)
    return (lo, hi) if 1024 <= lo < hi <= 65535 else None


def free_port(preferred: int | None = None) -> int:
    """A TCP port on 127.0.0.1 nobody listens on (``preferred`` when it is free), and none
    this process handed out before (two servers set up one after the other must not be told
    the same port before the first binds it). From ``PGWARDEN_PORT_RANGE`` when it is set,
    else the kernel's choice."""
    if preferred and port_is_free(preferred):
        _handed.add(preferred)
        return preferred
    span = port_range()
    if span is not None:
        for _ in range(500):
            port = random.randint(*span)  # noqa: S311 - a port, not a secret
            if port not in _handed and port_is_free(port):
                _handed.add(port)
                return port
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port not in _handed:
            break
    _handed.add(port)
    return port


def port_is_free(port: int) -> bool:
    """Nobody listens on ``port`` (connections of a stopped server in TIME_WAIT do not count:
    PostgreSQL binds with SO_REUSEADDR too, so its own port stays usable across restarts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


def is_postmaster_for(pid: int, data_dir: Path) -> bool:
    """Whether ``pid`` is a running postgres whose data directory is ``data_dir``."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return pid_alive(pid)  # no /proc: trust kill(0)
    if not cmdline or b"postgres" not in Path(cmdline[0].decode(errors="replace")).name.encode():
        return False
    args = [a.decode(errors="replace") for a in cmdline]
    if "-D" in args:
        idx = args.index("-D")
        if idx + 1 < len(args):
            try:
                return Path(args[idx + 1]).resolve() == data_dir.resolve()
            except OSError:
                return False
    return True


def postmaster_pid(data_dir: Path) -> int | None:
    """The pid in ``data_dir``'s postmaster.pid when that process runs this data directory."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])
    except (FileNotFoundError, IndexError, ValueError, PermissionError):
        return None
    return pid if is_postmaster_for(pid, data_dir) else None


def postmaster_port(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postmaster.pid").read_text().splitlines()[3])
    except (FileNotFoundError, IndexError, ValueError, PermissionError):
        return None


def has_locale(name: str) -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return False
    return name.lower() in {ln.strip().lower() for ln in out.stdout.splitlines()}


def tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def last_error(log: str) -> str:
    for line in reversed(log.splitlines()):
        if "FATAL" in line or "ERROR" in line or "could not" in line:
            return line.split("  ", 1)[-1].strip()
    return ""
