"""Inputs: SQL files (as psql runs them), stdin, and alembic revisions rendered offline.

Alembic revisions are rendered the way ``alembic upgrade --sql`` does — alembic's own
``MigrationContext`` in ``as_sql`` mode on the postgresql dialect, ``Operations`` bound to it,
each revision's ``upgrade()`` run — wrapped in BEGIN/COMMIT as pgwarden's runner runs a
revision (``autocommit_block()`` emits its own COMMIT/BEGIN). Every chunk alembic writes is
recorded with the line of the revision file that produced it, found on the call stack.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import tokenize
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Chunk:
    """SQL text and the file line its first character maps to."""

    text: str
    line: int
    # lines inside ``text`` are added to ``line`` (SQL files, op.execute strings); alembic's
    # rendered DDL is reported at the call's line
    follow_lines: bool = True
    # the pgwarden.migrations.ops helper that emitted it (the runner knows what it guarantees)
    helper: str | None = None
    # the SQL file the text comes from (ops.run_file), when not the migration's own file
    file: str | None = None


@dataclass
class Migration:
    """One unit the linter follows from start to end: a SQL file or one alembic revision."""

    file: str
    runner: str  # "psql" | "alembic"
    chunks: list[Chunk] = field(default_factory=list)
    comments: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, text)
    error: tuple[int, str] | None = None  # unreadable: (line, message)


def decode(data: bytes) -> str | tuple[int, str]:
    """UTF-8 text, or (line, message) naming the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return line, (f"not UTF-8: byte 0x{data[exc.start]:02x} at column {col} "
                      "(save the file as UTF-8)")


def read_sql(path: str, text: str | bytes | None = None) -> Migration:
    """A ``.sql`` file (or stdin when ``text`` is given) as psql would run it."""
    if text is None:
        try:
            text = Path(path).read_bytes()
        except OSError as exc:
            return Migration(path, "psql", error=(0, f"cannot read: {exc.strerror or exc}"))
    if isinstance(text, bytes):
        decoded = decode(text)
        if isinstance(decoded, tuple):
            return Migration(path, "psql", error=decoded)
        text = decoded
    else:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # text decoded with surrogateescape (a str stdin): the same message as for the bytes
            return read_sql(path, text.encode("utf-8", "surrogateescape"))
    # psql meta-commands (\set, \connect, …) are psql's, not the server's, and so are the data
    # lines after COPY … FROM STDIN (up to \.): blank them, keep the line numbers.
    return Migration(path, "psql", [Chunk("\n".join(_server_lines(text.split("\n"))), 1)])


_COPY_FROM_STDIN = re.compile(r"^\s*COPY\b.*\bFROM\s+STDIN\b", re.IGNORECASE | re.DOTALL)


def _server_lines(lines: list[str]) -> Iterator[str]:
    """The lines psql sends to the server as SQL; meta-commands and COPY data blanked."""
    statement: list[str] = []
    in_copy_data = False
    for ln in lines:
        if in_copy_data:
            in_copy_data = ln.rstrip("\r") != "\\."
            yield ""
            continue
        if ln.lstrip().startswith("\\"):
            yield ""
            continue
        yield ln
        code = ln.split("--", 1)[0]
        statement.append(code)
        if code.rstrip().endswith(";"):
            in_copy_data = bool(_COPY_FROM_STDIN.match(" ".join(statement)))
            statement = []


def is_revision_file(path: Path) -> bool:
    if path.suffix != ".py" or path.name.startswith("__"):
        return False
    try:
        head = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "def upgrade" in head and "revision" in head


class _Capture(io.StringIO):
    """alembic's output buffer: every write is kept with the revision line that caused it."""

    def __init__(self, filename: str):
        super().__init__()
        self.filename = filename
        self.chunks: list[Chunk] = []
        self.default_line = 1

    def write(self, s: str) -> int:
        line = self.default_line
        follow = False
        helper = None
        sql_name: str | None = None
        frame: Any = sys._getframe(1)
        while frame is not None:
            code = frame.f_code
            if code.co_filename == self.filename:
                line = frame.f_lineno
                break
            if frame.f_globals.get("__name__") == "pgwarden.migrations.ops":
                helper = code.co_name
                if helper in ("run_file", "run_file_for"):
                    sql_name = frame.f_locals.get("name")
            # op.execute("…"): the SQL's own lines map into the revision file
            if frame.f_code.co_name == "execute" and "operations" in frame.f_code.co_filename:
                follow = True
            frame = frame.f_back
        if follow:
            line = _text_line(self.filename, line, s)
        located = _locate_sql_file(sql_name, s) if sql_name else None
        if located is not None:
            self.chunks.append(Chunk(s, located[1], True, helper, located[0]))
        else:
            self.chunks.append(Chunk(s, line, follow, helper))
        return len(s)


def _locate_sql_file(name: str, text: str) -> tuple[str, int] | None:
    """(path, line of the chunk's first character) for SQL that ops.run_file copied from
    ``pgwarden/sql/<name>[.pgNN].sql``, so findings point into that file."""
    from importlib import resources

    area, _, base = name.rpartition("/")
    folder = resources.files("pgwarden.sql")
    if area:
        folder = folder.joinpath(area)
    for entry in folder.iterdir():
        if not (entry.name == f"{base}.sql" or
                (entry.name.startswith(f"{base}.pg") and entry.name.endswith(".sql"))):
            continue
        body = entry.read_text(encoding="utf-8").strip()
        at = text.find(body) if body else -1
        if at >= 0:
            path = Path(str(entry))
            try:
                shown = str(path.relative_to(Path.cwd()))
            except ValueError:
                shown = str(path)
            return shown, 1 - text.count("\n", 0, at) + _leading_newlines(entry.read_text("utf-8"))
    return None


def _leading_newlines(text: str) -> int:
    return len(text) - len(text.lstrip("\n")) if text.strip() else 0


def _text_line(filename: str, call_line: int, text: str) -> int:
    """The revision line where op.execute's SQL text starts (SQLAlchemy strips the leading
    newline of a triple-quoted string, so the call's line is not always the SQL's first line)."""
    import linecache

    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")[:40]
    if not first:
        return call_line
    for offset in range(0, 200):
        src = linecache.getline(filename, call_line + offset)
        if not src:
            break
        if first in src:
            return call_line + offset
    return call_line


def _load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"_pgwarden_lint_{uuid.uuid4().hex}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _error_line(exc: BaseException, filename: str) -> int:
    line = 0
    for fs in traceback.extract_tb(exc.__traceback__):
        if fs.filename == filename:
            line = fs.lineno or 0
    return line


def render_revision(path: Path, module: Any | None = None) -> Migration:
    """Render one alembic revision's ``upgrade()`` offline into SQL chunks mapped to its lines."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    filename = str(path.resolve())
    mig = Migration(str(path), "alembic")
    try:
        mig.comments = [(str(path), line, text) for line, text in _python_comments(path)]
        if module is None:
            module = _load_module(path)
        buf = _Capture(filename)
        upgrade = module.upgrade
        buf.default_line = upgrade.__code__.co_firstlineno
        ctx = MigrationContext.configure(dialect_name="postgresql",
                                         opts={"as_sql": True, "output_buffer": buf})
        # pgwarden's runner: one transaction per revision; autocommit_block() commits around itself
        buf.chunks.append(Chunk("BEGIN;", buf.default_line, False))
        with Operations.context(ctx):
            upgrade()
        buf.chunks.append(Chunk("COMMIT;", buf.default_line, False))
        mig.chunks = buf.chunks
    except Exception as exc:  # noqa: BLE001 - any failure in user code makes the input unreadable
        mig.error = (_error_line(exc, filename), f"cannot render revision: {type(exc).__name__}: {exc}")
    return mig


def _python_comments(path: Path) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    with path.open("rb") as fh:
        for tok in tokenize.tokenize(fh.readline):
            if tok.type == tokenize.COMMENT:
                out.append((tok.start[0], tok.string))
    return out


def revisions_in_order(paths: list[Path]) -> list[Migration]:
    """Render revision files base → head (down_revision order; file name breaks ties)."""
    loaded: dict[str, tuple[Path, Any]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    failed: list[Migration] = []
    for p in sorted(paths):
        try:
            module = _load_module(p)
            rev = str(module.revision)
        except Exception as exc:  # noqa: BLE001
            failed.append(Migration(str(p), "alembic", error=(_error_line(exc, str(p.resolve())),
                                                              f"cannot import revision: {exc}")))
            continue
        down = getattr(module, "down_revision", None)
        parents[rev] = tuple(down) if isinstance(down, list | tuple) else ((down,) if down else ())
        loaded[rev] = (p, module)
    order: list[str] = []
    done: set[str] = set()
    pending = sorted(loaded, key=lambda r: str(loaded[r][0]))
    while pending:
        ready = [r for r in pending if all(d in done or d not in loaded for d in parents[r])]
        if not ready:  # a cycle: keep file order rather than loop forever
            ready = pending[:1]
        for r in ready:
            order.append(r)
            done.add(r)
        pending = [r for r in pending if r not in done]
    return failed + [render_revision(loaded[r][0], loaded[r][1]) for r in order]


def _read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return sys.stdin.read().encode("utf-8", "surrogateescape")


def collect(paths: list[str], stdin: str | bytes | None = None) -> list[Migration]:
    """Every migration named by ``paths`` (files, folders, ``-`` for stdin), in run order."""
    out: list[Migration] = []
    for raw in paths:
        if raw == "-":
            out.append(read_sql("<stdin>", stdin if stdin is not None else _read_stdin()))
            continue
        p = Path(raw)
        if p.is_dir():
            sql_files = sorted(f for f in p.rglob("*.sql") if f.is_file())
            revs = [f for f in sorted(p.glob("*.py")) if is_revision_file(f)]
            if not sql_files and not revs:
                out.append(Migration(str(p), "psql", error=(0, "no .sql files or alembic revisions")))
            out.extend(read_sql(str(f)) for f in sql_files)
            out.extend(revisions_in_order(revs))
        elif p.suffix == ".py":
            out.extend(revisions_in_order([p]))
        elif p.is_file():
            out.append(read_sql(str(p)))
        else:
            out.append(Migration(str(p), "psql", error=(0, "no such file or folder")))
    return out
