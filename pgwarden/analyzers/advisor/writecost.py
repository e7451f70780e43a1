"""The write cost of an index entry on this server, measured at advise time (phase 4b).

The write budget turns the marginal write model (index entries, lost HOT updates) into time
with ``index_entry_ms``, one index entry's time. A fixed figure measured once on one machine
(6 us, ``bench/index_entry_cost.py``) was 1.1–1.8× low against the writes measured on the
benchmark workloads (docs/benchmarks.md, runs 5–6): what an index adds to a write depends on
the server, its load, and the statement around the entry (every statement opens and locks
each index of its table, the commit releases the locks). So it is measured here, on the
server, at the time of the advice.

``probe`` (in the advisor's own session) creates two TEMPORARY tables of the same shape, one
with its primary key only and one with ``extra_indexes`` more btree indexes, and a TEMPORARY
procedure that inserts the same rows into both, one row per statement and per transaction (a
COMMIT after each, as an application's autocommit INSERT), row by row in alternating
order, timed by the server's clock. It keeps the median over the batches of what one more
index adds to a row's insert, as a share of the row's insert with its primary key alone
(``ratio``). A temporary table writes no WAL and sits in the session's own buffers, so its
absolute times are low, but both sides of the ratio are, alike: ``entry_ms`` scales the ratio
by the workload's own INSERTs as pg_stat_statements timed them (execution time per row, on the
real tables, less the share the indexes they have already take), and that becomes
``index_entry_ms``; without an INSERT in the workload, the probe's own time is used.

Nothing is measured, and ``index_entry_ms`` (the setting) is used, on a standby or a
read-only session (no temporary table can be written there), where the session may not
create temporary objects, where the workload has no write, or with ``calibrate_writes =
false``. The probe takes 0.05–0.2 s (``ROWS`` × ``BATCHES`` × 2 single-row inserts), bounded
by ``statement_timeout`` = ``TIMEOUT_MS`` and with ``synchronous_commit`` off for its duration
(both restored after it); its objects are dropped after it,
and by the server at the session's end whatever happens.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.model import Query

ROWS = 50  # single-row INSERTs per table per batch
BATCHES = 21
EXTRA_INDEXES = 4
TIMEOUT_MS = 2000  # the probe's statement_timeout (it takes 0.05-0.2 s)
# for the probe's duration (restored after): its time bounded; no commit waits for a WAL flush
# (a flush per row would swamp the few microseconds an index adds, and does not depend on the
# indexes; pg_stat_statements' execution time, which the ratio scales, has none either)
_PROBE_SETTINGS = (("statement_timeout", str(TIMEOUT_MS)), ("synchronous_commit", "off"))
# the probe's secondary indexes, in order (up to 8): one to three columns each
_KEYS: tuple[tuple[str, ...], ...] = (("a",), ("b", "d"), ("c",), ("d",), ("b",), ("a", "c"),
                                      ("c", "d"), ("a", "b", "d"))


@dataclass(frozen=True)
class Probe:
    """The probe's figures: per-row insert time (ms) into the table with its primary key only
    and with ``extra`` more indexes (medians over the batches), and the ratio per index."""

    plain_ms: float
    indexed_ms: float
    extra: int
    ratio: float  # what one more index adds / the row's insert with its primary key alone

    @property
    def entry_ms(self) -> float:
        """What one more index adds to a single-row insert (ms)."""
        return self.ratio * self.plain_ms


@dataclass(frozen=True)
class Calibration:
    """``index_entry_ms`` as used, and how it was found (``note`` says so in the advice)."""

    entry_ms: float
    note: str
    probe: Probe | None = None


def _first(row: Any, key: str) -> Any:
    return row[key] if isinstance(row, Mapping) else row[0]


def skip_reason(conn: psycopg.Connection[Any]) -> str | None:
    """Why the probe must not run in this session (a standby, a read-only session), or None."""
    standby = conn.execute("SELECT pg_is_in_recovery() AS v").fetchone()
    if standby is not None and _first(standby, "v"):
        return "a standby"
    ro = conn.execute("SELECT current_setting('transaction_read_only') AS v").fetchone()
    if ro is not None and _first(ro, "v") == "on":
        return "a read-only session"
    return None


def probe(conn: psycopg.Connection[Any], extra_indexes: int = EXTRA_INDEXES, rows: int = ROWS,
          batches: int = BATCHES) -> Probe:
    """Measure (see the module docstring) on an autocommit session; the temporary objects are
    dropped afterwards. Raises psycopg.Error when the session cannot (no TEMP privilege, a
    read-only or standby server, the timeout)."""
    if not 1 <= extra_indexes <= len(_KEYS):
        raise ValueError(f"extra_indexes must be 1..{len(_KEYS)}")
    previous = {}
    for name, value in _PROBE_SETTINGS:
        old = conn.execute("SELECT current_setting(%s) AS v", (name,)).fetchone()
        previous[name] = str(_first(old, "v")) if old is not None else value
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))
    try:
        conn.execute(sqlfiles.load("analyzers/advisor/write_probe_setup"))
        template = sqlfiles.load("analyzers/advisor/write_probe_index")
        for cols in _KEYS[:extra_indexes]:
            conn.execute(sql.SQL(template).format(
                cols=sql.SQL(", ").join(sql.Identifier(c) for c in cols)))
        got = conn.execute("CALL pg_temp.pgwarden_write_probe(%s, %s)", (rows, batches)).fetchone()
    finally:
        if not conn.closed:
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()
            conn.execute(sqlfiles.load("analyzers/advisor/write_probe_drop"))
            for name, value in previous.items():
                conn.execute("SELECT set_config(%s, %s, false)", (name, value))
    if got is None:
        raise psycopg.DataError("the write probe returned nothing")
    plains, indexeds = (got["plain_ms"], got["indexed_ms"]) if isinstance(got, Mapping) \
        else (got[0], got[1])
    pairs = list(zip(plains, indexeds, strict=True))
    plain = statistics.median(p for p, _ in pairs)
    indexed = statistics.median(x for _, x in pairs)
    ratios = [max(x - p, 0.0) / (extra_indexes * p) for p, x in pairs if p > 0]
    return Probe(plain, indexed, extra_indexes, statistics.median(ratios) if ratios else 0.0)


def entry_ms(found: Probe, writes: Sequence[Query], index_counts: Mapping[tuple[str, str], int]
             ) -> tuple[float, str]:
    """One more index entry's time (ms) for this workload, and how it was found: the probe's
    ratio times the time per row of the workload's own INSERTs (pg_stat_statements' execution
    time, on the real tables, WAL included), less the share of it the indexes their table has
    already take (weighted by rows); the probe's own figure where the workload has no INSERT."""
    rows = weighted = 0.0
    for w in writes:
        ref = w.stmt.target
        if w.stmt.kind != "insert" or ref is None or w.rows <= 0 or w.statement.total_ms <= 0:
            continue
        per_row = w.statement.total_ms / w.rows
        n = next((c for (schema, table), c in index_counts.items()
                  if table == ref.name and ref.schema in (None, schema)), 1)
        row_alone = per_row / (1.0 + found.ratio * max(n - 1, 0))  # less its other indexes
        weighted += w.rows * found.ratio * row_alone
        rows += w.rows
    if rows > 0 and weighted > 0:
        ms = weighted / rows
        return ms, (f"write cost calibrated on this server: an index adds {found.ratio:.0%} of "
                    f"a single-row insert (a probe on temporary tables), {ms * 1000:.1f} us a "
                    "row at the workload's own INSERT times (index_entry_ms)")
    return found.entry_ms, (f"write cost calibrated on this server: an index adds "
                            f"{found.ratio:.0%} of a single-row insert, {found.entry_ms * 1000:.1f}"
                            " us a row on temporary tables (index_entry_ms; no INSERT in the "
                            "workload to scale it by)")


def calibrate(conn: psycopg.Connection[Any], writes: Sequence[Query],
              index_counts: Mapping[tuple[str, str], int], default_ms: float,
              enabled: bool = True) -> Calibration:
    """``index_entry_ms`` for this advice: measured (``probe``) where allowed, else
    ``default_ms`` (the setting) with the reason in the note."""
    fallback = f"index_entry_ms = {default_ms * 1000:g} us (the setting)"
    if not enabled:
        return Calibration(default_ms, f"write cost not calibrated (calibrate_writes = false): "
                                       f"{fallback}")
    if not writes:
        return Calibration(default_ms, "")  # nothing to charge: no need to measure
    why = skip_reason(conn)
    if why is not None:
        return Calibration(default_ms, f"write cost not calibrated on {why} (the probe writes a "
                                       f"temporary table): {fallback}")
    try:
        found = probe(conn)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Calibration(default_ms, f"write cost not calibrated ({first}): {fallback}")
    if found.ratio <= 0:
        return Calibration(default_ms, f"write cost not calibrated (the probe saw no cost per "
                                       f"index entry): {fallback}", found)
    ms, note = entry_ms(found, writes, index_counts)
    return Calibration(ms, note, found)
