"""The write cost of an index on this server, measured at advise time (phase 4b).

The write budget turns the marginal write model into time: ``index_entry_ms`` per index entry
(an INSERT's row, an UPDATE that is not HOT) and ``index_call_ms`` per write statement that
adds no entry to the index but still pays for it (a HOT UPDATE, a DELETE: the planner looks
at every index of the table, the executor opens and locks each, the commit releases the
locks). A fixed entry time measured once on one machine (6 us, ``bench/index_entry_cost.py``)
and no per-statement part left the estimate 1.1–1.8× under the writes measured on the
benchmark workloads (docs/benchmarks.md, runs 5–6). So both are measured here, on the server,
at the time of the advice.

``probe`` (in the advisor's own session) creates two TEMPORARY tables of the same shape, one
with its primary key only and one with ``extra_indexes`` more btree indexes, and a TEMPORARY
procedure that, row by row and in alternating order, sends each table a single-row INSERT, a
single-row UPDATE of a column no index holds (HOT) and one of an indexed column (not HOT in
the indexed table), each parsed and planned afresh and committed on its own, as an
application's autocommit statements, timed by the server's clock. The means of the middle half
of the paired differences, per index: what one more index adds to an INSERT (``entry_ms``),
also as a share of the INSERT into the table with its primary key alone (``ratio``), what it
adds to the HOT UPDATE (``call_ms``), and what losing HOT adds beyond the entries
(``hot_path_ms``, reported only: ``hot_update_cost`` keeps its setting). A small temporary
table writes no WAL, sits in the session's own buffers and has shallow indexes: an entry into
a large real index costs more (on this project's machine 2.5 us a small temporary table, 3.0
us a small real one, 6.8–8.5 us a 150,000-row real table), so ``calibrate`` multiplies the
figures by ``write_probe_factor`` (3).

Nothing is measured, and the settings are used, on a standby or a read-only session (no
temporary table can be written there), where the session may not create temporary objects,
where the workload has no write, or with ``calibrate_writes = false``. The probe takes about
0.2–0.4 s (``ROWS`` × 6 statements), bounded by ``statement_timeout`` =
``TIMEOUT_MS`` and with ``synchronous_commit`` off for its duration (both restored after it:
a WAL flush per commit would swamp the microseconds an index adds, and does not depend on the
indexes); its objects are dropped after it, and by the server at the session's end whatever
happens.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.model import Query
from pgwarden.analyzers.advisor.settings import AdviseSettings

ROWS = 200  # rows (each: 2 INSERTs and 4 UPDATEs); about 0.2-0.4 s on 2 loaded cores
EXTRA_INDEXES = 4
TIMEOUT_MS = 3000  # the probe's statement_timeout (it takes 0.2-0.4 s)
_PROBE_SETTINGS = (("statement_timeout", str(TIMEOUT_MS)), ("synchronous_commit", "off"))
# the probe's secondary indexes, in order (up to 8): one to three columns each
_KEYS: tuple[tuple[str, ...], ...] = (("a",), ("b", "d"), ("c",), ("d",), ("b",), ("a", "c"),
                                      ("c", "d"), ("a", "b", "d"))


@dataclass(frozen=True)
class Probe:
    """The probe's figures (ms per statement: medians over the rows; per index: interquartile
    means of the paired differences): the INSERT into the
    table with its primary key only and with ``extra`` more indexes, the HOT UPDATE and the
    UPDATE of an indexed column likewise, and per index what one more adds to an INSERT
    (``entry_ms``; ``ratio`` as a share of the plain INSERT) and to a HOT UPDATE
    (``call_ms``)."""

    plain_ms: float
    indexed_ms: float
    plain_update_ms: float
    indexed_update_ms: float
    extra: int
    entry_ms: float
    call_ms: float
    # the UPDATE of an indexed column: HOT in the plain table, not HOT in the indexed one
    plain_moved_ms: float = 0.0
    indexed_moved_ms: float = 0.0
    hot_path_ms: float = 0.0  # what losing HOT adds beyond the entries (the new row version)

    @property
    def ratio(self) -> float:
        return self.entry_ms / self.plain_ms if self.plain_ms > 0 else 0.0


@dataclass(frozen=True)
class Calibration:
    """``index_entry_ms`` and ``index_call_ms`` as used, and how they were found (``note``
    says so in the advice)."""

    entry_ms: float
    call_ms: float
    note: str
    probe: Probe | None = None


def _first(row: Any, key: str) -> Any:
    return row[key] if isinstance(row, Mapping) else row[0]  # dict_row or tuple row


def skip_reason(conn: psycopg.Connection[Any]) -> str | None:
    """Why the probe must not run in this session (a standby, a read-only session), or None."""
    row = conn.execute(sqlfiles.load("analyzers/advisor/write_probe_check")).fetchone()
    if row is None:
        return None
    standby, read_only = (row["standby"], row["read_only"]) if isinstance(row, Mapping) \
        else (row[0], row[1])
    if standby:
        return "a standby"
    if read_only:
        return "a read-only session"
    return None


def _set(conn: psycopg.Connection[Any], name: str, value: str) -> str:
    """Set a session setting; its previous value."""
    row = conn.execute(sqlfiles.load("analyzers/advisor/write_probe_setting"),
                       {"name": name, "value": value}).fetchone()
    return value if row is None else str(_first(row, "previous"))


def probe(conn: psycopg.Connection[Any], extra_indexes: int = EXTRA_INDEXES,
          rows: int = ROWS) -> Probe:
    """Measure (see the module docstring) on an autocommit session; the temporary objects are
    dropped afterwards. Raises psycopg.Error when the session cannot (no TEMP privilege, a
    read-only or standby server, the timeout)."""
    if not 1 <= extra_indexes <= len(_KEYS):
        raise ValueError(f"extra_indexes must be 1..{len(_KEYS)}")
    previous = {name: _set(conn, name, value) for name, value in _PROBE_SETTINGS}
    created = False
    try:
        conn.execute(sqlfiles.load("analyzers/advisor/write_probe_setup"))  # one implicit txn
        created = True
        template = sqlfiles.load("analyzers/advisor/write_probe_index")
        for key in _KEYS[:extra_indexes]:
            conn.execute(sql.SQL(template).format(
                cols=sql.SQL(", ").join(sql.Identifier(c) for c in key)))
        got = conn.execute(sqlfiles.load("analyzers/advisor/write_probe_run"),
                           {"rows": rows}).fetchone()
    finally:
        if not conn.closed:
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()
            if created:
                conn.execute(sqlfiles.load("analyzers/advisor/write_probe_drop"))
            for name, value in previous.items():
                _set(conn, name, value)
    if got is None:
        raise psycopg.DataError("the write probe returned nothing")
    names = ("plain_ms", "indexed_ms", "plain_update_ms", "indexed_update_ms", "plain_moved_ms",
             "indexed_moved_ms")
    cols: list[list[float]] = [[float(v) for v in (got[k] if isinstance(got, Mapping) else got[i])]
                               for i, k in enumerate(names)]
    pairs = list(zip(*cols, strict=True))
    med = [float(statistics.median(c)) for c in cols]
    entry = max(_middle_mean([x - p for p, x, _, _, _, _ in pairs]), 0.0) / extra_indexes
    call = max(_middle_mean([xu - pu for _, _, pu, xu, _, _ in pairs]), 0.0) / extra_indexes
    # the UPDATE that loses HOT writes an entry in every index (the primary key too): what it
    # adds beyond those entries is the non-HOT path itself
    moved = _middle_mean([xm - pm for _, _, _, _, pm, xm in pairs])
    hot_path = max(moved - (extra_indexes + 1) * entry, 0.0)
    return Probe(med[0], med[1], med[2], med[3], extra_indexes, entry, call, med[4], med[5],
                 hot_path)


def _middle_mean(values: Sequence[float]) -> float:
    """The mean of the middle half of ``values`` (the interquartile mean): a pause of the
    machine hits one statement of a pair and lands in a tail; unlike the median, it is not
    stuck on the server clock's whole microseconds when an index adds one or two."""
    ordered = sorted(values)
    n = len(ordered)
    middle = ordered[n // 4: n - n // 4] or ordered
    return sum(middle) / len(middle)


def calibrate(conn: psycopg.Connection[Any], writes: Sequence[Query], s: AdviseSettings
              ) -> Calibration:
    """``index_entry_ms`` and ``index_call_ms`` for this advice: measured (``probe``, times
    ``write_probe_factor``) where allowed, else the settings, with the reason in the note."""
    fallback = (f"index_entry_ms = {s.index_entry_ms * 1000:g} us, index_call_ms = "
                f"{s.index_call_ms * 1000:g} us (the settings)")
    keep = (s.index_entry_ms, s.index_call_ms)
    if not s.calibrate_writes:
        return Calibration(*keep, f"write cost not calibrated (calibrate_writes = false): "
                                  f"{fallback}")
    if not writes:
        return Calibration(*keep, "")  # nothing to charge: no need to measure
    why = skip_reason(conn)
    if why is not None:
        return Calibration(*keep, f"write cost not calibrated on {why} (the probe writes a "
                                  f"temporary table): {fallback}")
    try:
        found = probe(conn)
    except psycopg.Error as exc:
        first = db.one_line(str(exc)) or type(exc).__name__
        return Calibration(*keep, f"write cost not calibrated ({first}): {fallback}")
    if found.entry_ms <= 0:
        return Calibration(*keep, f"write cost not calibrated (the probe saw no cost per index "
                                  f"entry): {fallback}", found)
    f = s.write_probe_factor
    return Calibration(found.entry_ms * f, found.call_ms * f, (
        f"write cost calibrated on this server: an index adds {found.entry_ms * 1000:.1f} us "
        f"({found.ratio:.0%}) to a single-row INSERT, {found.call_ms * 1000:.1f} us to a HOT "
        f"UPDATE (a probe on small temporary tables; x{f:g} for large real ones, "
        "write_probe_factor: index_entry_ms, index_call_ms)"), found)
