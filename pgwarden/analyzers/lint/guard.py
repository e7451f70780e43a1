"""Parsing SQL text so that no input can take the process down, in time linear in its size.

pglast turns libpg_query's parse tree into Python objects recursively in C. The parser itself
refuses right-nested input (``stack depth limit exceeded``), but a left-associative chain —
``SELECT 1+1+…`` with 24,000 operators, 15,500 ``UNION``s — parses, and its conversion then
overflows the C stack: a segfault no ``except`` can catch. Measured with an 8 MB stack
(bench/lint_speed.py), the shortest crashing statement is ~31,000 characters (two per level);
a statement of fewer than ``SAFE_STATEMENT_CHARS`` cannot nest deep enough. Longer statements
(found with pglast's scanner, which does not recurse) are parsed first in a forked child; a
child killed by a signal means the statement cannot be parsed safely and becomes an input error
at its line instead of a crash.

Statements are parsed in batches of ``BATCH`` (the scanner finds the boundaries), so the parse
trees of a large file are not all alive at once: memory stays bounded by the batch and the
cyclic garbage collector does not rescan an ever-growing heap.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import Any

from pglast import parse_sql
from pglast.parser import ParseError, split

SAFE_STATEMENT_CHARS = 10_000
BATCH = 500


class ParserCrash(Exception):
    """The parser could not parse a statement without crashing (``pos``: its offset)."""

    def __init__(self, pos: int, detail: str):
        super().__init__(detail)
        self.pos = pos
        self.detail = detail


def _probe(text: str) -> str | None:
    """Parse ``text`` in a forked child; None when that is safe, else why it is not."""
    if not hasattr(os, "fork"):  # pragma: no cover - Linux and macOS have fork
        return None
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: measured by its exit status only
        code = 0
        try:
            parse_sql(text)
        except ParseError:
            code = 3  # the parent's own parse reports it with its position
        except BaseException:  # noqa: BLE001 - anything else: let the parent decide
            code = 4
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"the SQL parser crashed ({name}) on this statement: it is nested too deeply"
    if os.WEXITSTATUS(status) == 4:
        return "the SQL parser failed on this statement: it is nested too deeply"
    return None


def statement_slices(text: str) -> list[slice]:
    """Statement boundaries from pglast's scanner; [] when the text does not even scan."""
    try:
        return list(split(text, with_parser=False, only_slices=True))
    except ParseError:
        return []


def parse_statements(text: str) -> Iterator[tuple[int, int, Any]]:
    """Yield (start, end, RawStmt) for every statement of ``text``: ``start``/``end`` bound the
    text that was parsed, and ``stmt_location`` (``stmt_len`` 0: up to ``end``) is relative to
    ``start``. Raises ParseError (with the
    position relative to ``text`` in ``args[1]``) or ParserCrash.
    """
    slices = statement_slices(text)
    for s in slices:
        if (s.stop - s.start) > SAFE_STATEMENT_CHARS:
            why = _probe(text[s])
            if why is not None:
                raise ParserCrash(s.start, why)
    if not slices or len(text) <= SAFE_STATEMENT_CHARS:
        # small, or unscannable (the parser reports where): one parse of the whole text
        yield from ((0, len(text), raw) for raw in _parse_at(text, 0))
        return
    start = 0
    for i in range(0, len(slices), BATCH):
        end = slices[i + BATCH].start if i + BATCH < len(slices) else len(text)
        try:
            parsed = parse_sql(text[start:end])
        except ParseError:
            # a real error, or a boundary the scanner cannot see (BEGIN ATOMIC … END bodies
            # hold semicolons): the rest of the text in one parse says which
            yield from ((start, len(text), raw) for raw in _parse_at(text[start:], start))
            return
        for raw in parsed:
            yield start, end, raw
        start = end


def _parse_at(text: str, offset: int) -> tuple[Any, ...]:
    try:
        return tuple(parse_sql(text))
    except ParseError as exc:
        pos = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else 0
        raise ParseError(exc.args[0], pos + offset) from None
