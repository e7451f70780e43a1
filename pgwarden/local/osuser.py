"""The OS user the server runs as, and files only that user (and the caller) can read.

Run as root, the server runs as ``postgres`` (else ``nobody``): ``initdb``, ``postgres`` and
``pg_ctl`` refuse root. Everything pgwarden creates for a cluster is private: directories
0700 (0711 for a runtime folder that the server's user only has to pass through), files 0600,
created with ``O_EXCL | O_NOFOLLOW`` and handed over with ``fchown``/``lchown`` so that a
symlink planted by another user is never followed as root. An existing directory is used only
when its owner is us or the server's user and nobody else can write to it.
"""

from __future__ import annotations

import os
import pwd
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pgwarden.errors import LocalClusterError


@dataclass(frozen=True)
class RunAs:
    """The OS user the server runs as (``None`` fields: the current user)."""

    name: str | None = None
    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_current_process(cls) -> RunAs:
        if os.geteuid() != 0:
            return cls()
        for candidate in ("postgres", "nobody"):
            try:
                pw = pwd.getpwnam(candidate)
            except KeyError:
                continue
            return cls(name=candidate, uid=pw.pw_uid, gid=pw.pw_gid)
        raise LocalClusterError(
            "running as root, and neither a 'postgres' nor a 'nobody' OS user exists to run "
            "the server", hint="useradd --system postgres")

    @property
    def effective_uid(self) -> int:
        return self.uid if self.uid is not None else os.geteuid()

    def popen_kwargs(self) -> dict[str, Any]:
        if self.uid is None:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": [],
                "env": {**os.environ, "HOME": tempfile.gettempdir()}}

    def can_traverse(self, path: Path) -> bool:
        """Whether this user can reach ``path`` (every parent searchable)."""
        if self.uid is None:
            return True
        p = path.resolve()
        chain = [p, *p.parents]
        for d in reversed(chain):
            if not d.exists():
                continue
            st = d.stat()
            if st.st_uid == self.uid:
                ok = bool(st.st_mode & stat.S_IXUSR)
            elif st.st_gid == self.gid:
                ok = bool(st.st_mode & stat.S_IXGRP)
            else:
                ok = bool(st.st_mode & stat.S_IXOTH)
            if not ok:
                return False
        return True

    def chown(self, path: Path) -> None:
        """Hand ``path`` itself (never what a symlink there points at) to this user."""
        if self.uid is not None:
            os.chown(path, self.uid, self.gid if self.gid is not None else -1,
                     follow_symlinks=False)


def check_private_dir(path: Path, *, owners: set[int], what: str,
                      allow_traverse: bool = False) -> None:
    """Refuse ``path`` unless it is a real directory (not a symlink) owned by one of ``owners``
    that no other user can write to or list (``allow_traverse``: that no other user can write
    to; the caller tightens it next)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise LocalClusterError(f"{what} {path} does not exist") from None
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise LocalClusterError(f"{what} {path} is not a directory (a symlink?): refusing to use it",
                                hint=f"remove {path} and start again")
    if st.st_uid not in owners:
        raise LocalClusterError(f"{what} {path} belongs to uid {st.st_uid}, not to this user or "
                                "the server's: refusing to use it",
                                hint=f"remove {path} and start again")
    forbidden = stat.S_IWGRP | stat.S_IWOTH
    if not allow_traverse:
        forbidden |= stat.S_IRGRP | stat.S_IROTH
    if st.st_mode & forbidden:
        raise LocalClusterError(f"{what} {path} is readable or writable by other users "
                                f"(mode {stat.S_IMODE(st.st_mode):04o}): refusing to use it",
                                hint=f"chmod 700 {path}")


def make_private_dir(path: Path, *, run_as: RunAs | None = None, mode: int = 0o700,
                     what: str = "directory") -> Path:
    """Create ``path`` (0700; handed to ``run_as``) or check an existing one is private."""
    owners = {os.geteuid()} | ({run_as.uid} if run_as and run_as.uid is not None else set())
    try:
        os.mkdir(path, mode)
    except FileExistsError:
        check_private_dir(path, owners=owners, what=what)
        return path
    _fchmod_dir(path, mode)  # mkdir's mode is filtered by the umask: set it exactly
    if run_as is not None:
        run_as.chown(path)
    return path


def _fchmod_dir(path: Path, mode: int) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def new_runtime_dir() -> Path:
    """A fresh folder under the system temp dir with an unpredictable name, owned by us, that
    other users may pass through (0711) but not list: the server's user reaches its own 0700
    data and log folders inside it."""
    path = Path(tempfile.mkdtemp(prefix="pgwarden-"))
    _fchmod_dir(path, 0o711)
    return path


def write_private_file(path: Path, text: str, *, run_as: RunAs | None = None) -> None:
    """Write ``text`` to ``path`` atomically, 0600, owned by us (or ``run_as``); never through a
    symlink."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        if run_as is not None and run_as.uid is not None:
            os.fchown(fd, run_as.uid, run_as.gid if run_as.gid is not None else -1)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
    os.replace(tmp, path)


def make_file_private(path: Path) -> None:
    """chmod 0600 an existing regular file without following a symlink (no-op when absent)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (FileNotFoundError, OSError):
        return
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
