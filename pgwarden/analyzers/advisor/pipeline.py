"""``advise()``: the advisor's phases, run in order (see the package docstring for each).

Decide, then act: ``advise()`` reads facts (statements, catalog, plans) and returns an
``Advice`` (kept and rejected candidates, each with its reason); rendering and writing the
migration are separate (``render``, ``revision``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor import candidates as cands
from pgwarden.analyzers.advisor import cost, estimate, inline, writecost
from pgwarden.analyzers.advisor import validate as validation
from pgwarden.analyzers.advisor import workload as wl
from pgwarden.analyzers.advisor.catalog import Table, read_tables
from pgwarden.analyzers.advisor.model import Advice, Query, QueryInfo, Skipped, Validation
from pgwarden.analyzers.advisor.parse import ParsedStatement, ParseFailure, TableRef, analyze, relations
from pgwarden.analyzers.advisor.selection import QueryCost, select
from pgwarden.analyzers.advisor.settings import AdviseSettings
from pgwarden.analyzers.advisor.whatif import WhatIf
from pgwarden.errors import PgwardenError

Progress = Callable[..., None]


def _noop(steps: float = 1, *, description: str | None = None) -> None:
    return None


def advise(dsn: str, *, settings: AdviseSettings | None = None, min_calls: int | None = None,
           min_total_ms: float = 0.0, top: int | None = None, queries_file: Path | None = None,
           progress: Progress = _noop, use_hypopg: bool = True,
           workload: wl.Workload | None = None, validate: bool | None = None) -> Advice:
    """Read the workload, cost candidates and choose; changes nothing in the database.

    ``queries_file`` replaces pg_stat_statements as the source. ``workload`` replaces both: a
    workload already read (``workload.read`` on each node, then ``workload.merge``), planned
    here on ``dsn``. ``use_hypopg=False`` forces the unvalidated path (the advisor's own
    estimates) even where hypopg is installed. ``validate`` (default: ``[advise] validate``)
    builds the kept candidates for real on temporary copies (``validate.py``); refused on a
    standby (StandbyError, exit 2)."""
    s = settings or AdviseSettings()
    validating = s.validate if validate is None else validate
    validations: dict[str, Validation] = {}
    notes: list[str] = []
    skipped: list[Skipped] = []
    with db.session(dsn, row_factory=dict_row) as conn:
        facts = db.read_server_facts(conn)
        if validating:
            validation.refuse_on_standby(conn)
        # 1. workload: the statements and how often they ran
        if workload is None:
            workload = wl.read(conn, facts, queries_file=queries_file,
                               min_calls=min_calls if min_calls is not None else s.min_calls,
                               min_total_ms=min_total_ms, top=top)
        queries = [Query(i, st, st.text) for i, st in enumerate(workload.statements)]
        progress(0, description=f"parsing {len(queries)} statements")
        # 2. inline: SQL functions called in FROM read as the server runs them (their body)
        for q, expanded in zip(queries, inline.expand_all(conn, [q.text for q in queries]),
                               strict=True):
            if expanded is not None:
                q.text, q.inlined = expanded
        # 3. parse: the tables each statement names (utility and catalog statements left aside)
        queries, quiet = _name_tables(queries, skipped)
        # 4. catalog: those tables' facts, and the planner's cost constants
        tables = read_tables(conn, {r for q in queries for r in q.tables})
        constants = _cost_constants(conn)
        # 3 (continued). parse and repair with the catalog's column types: reads and writes
        reads, writes = _analyze(queries, tables, workload.constants, skipped)
        counts = {(t.schema, t.name): max(1, len(t.indexes)) for t in tables.values()}
        # 4b. the write cost of an index entry on this server (a probe on TEMPORARY tables)
        calibration = writecost.calibrate(conn, writes, s)
    s = replace(s, index_entry_ms=calibration.entry_ms, index_call_ms=calibration.call_ms)
    if calibration.note:
        notes.append(calibration.note)
    if quiet:
        notes.append(f"{quiet} statements left aside: utility, catalog or table-less statements")
    hypopg = use_hypopg and facts.installed("hypopg")
    notes += _capability_notes(facts, use_hypopg=use_hypopg, hypopg=hypopg)
    notes += _unknown_pattern_notes(reads, tables)
    with WhatIf(dsn, facts.version_num, use_hypopg=hypopg) as wi:
        # 6. cost: each read statement as it runs now ...
        progress(0, description=f"planning {len(reads)} queries")
        cost.plan_queries(wi, reads, tables, skipped)
        # 5. candidates: the indexes the reads could use
        found = cands.collect([q.stmt for q in reads.values()], tables,
                              rare_fraction=s.rare_fraction, has_trgm=facts.installed("pg_trgm"),
                              max_include=s.max_include, partial_max_distinct=s.partial_max_distinct,
                              has_btree_gist=facts.installed("btree_gist"))
        if not facts.installed("btree_gist") and any(c.method == "gist" for c, _ in found):
            notes.append("btree_gist is not installed: a GiST index on a range or geometric "
                         "column cannot lead with the query's equality columns (CREATE EXTENSION "
                         "btree_gist)")
        found = cost.rare(found, wi, s.rare_fraction)  # partial WHEREs the planner rates
        # 6 (continued). ... and with each candidate
        options = cost.options(found, reads, writes, tables, s, wi, hypopg=hypopg,
                               constants=constants, progress=progress)
        # 7. select: greedy on net benefit per byte, indexes costed together (hypopg)
        base = [QueryCost(i, q.calls, q.cost, _or_groups(q, tables)) for i, q in reads.items()]
        budget = cost.write_budget(writes, s)
        with cost.Measurer(wi, reads) as measure:
            decisions = select(base, options, s, counts, measure if hypopg else None, budget)
        if validating:  # 7b. validate: the kept candidates built for real on temporary copies
            progress(0, description="validating on temporary copies")
            decisions, validations, note = validation.run(dsn, facts.version_num, decisions,
                                                          reads, tables, s, progress=progress)
            notes.append(note)
        before = sum(q.calls * q.base for q in base)
        after = cost.workload_after(reads, [d for d in decisions if d.kept], options, wi, hypopg,
                                    base)
    # 8. render / revision: the caller's (render.print_table, render.as_json, write_revision)
    infos = tuple(QueryInfo(i, q.statement.query, q.calls, q.cost, q.stmt.repairs,
                            q.statement.nodes)
                  for i, q in reads.items())
    return Advice(facts.database, facts.version_num, workload.source, hypopg, tuple(decisions),
                  infos, tuple(skipped), tuple(notes), before, after, validations,
                  budget.observed_ms, budget.max_fraction)


def gather_workload(dsn: str, replicas: Sequence[str], *, min_calls: int = 1,
                    min_total_ms: float = 0.0, top: int | None = None,
                    notes: list[str] | None = None) -> wl.Workload:
    """The workload of the primary at ``dsn`` and of each of its ``replicas`` (standbys of it
    only: ``topology.nodes``), merged (``workload.merge``): a statement that runs on several
    nodes counts its calls on all of them, and each node's share is kept. The filters apply to
    the merged figures (a query called 3 times on each of 3 nodes has 9 calls). A replica that
    cannot be read is named in ``notes`` and left out."""
    from pgwarden.topology.nodes import REPLICA_TIMEOUTS, replica_nodes

    named: list[tuple[str, wl.Workload]] = []
    with db.session(dsn, row_factory=dict_row) as conn:
        facts = db.read_server_facts(conn)
        wl.require_pg_stat_statements(facts)
        named.append(("primary", wl.read(conn, facts)))
        nodes = replica_nodes(conn, replicas)
    for node in nodes:
        if node.error is not None:
            if notes is not None:
                notes.append(f"replica {node.name} left out: {node.error}")
            continue
        try:
            with db.session(node.dsn, row_factory=dict_row, timeouts=REPLICA_TIMEOUTS,
                            application_name="pgwarden advise") as rconn:
                rfacts = db.read_server_facts(rconn)
                named.append((node.name, wl.read(rconn, rfacts)))
        except PgwardenError as exc:
            if notes is not None:
                notes.append(f"replica {node.name} left out: {exc.one_line()}")
    merged = wl.merge(named)
    kept = [st for st in merged.statements
            if st.calls >= min_calls and st.total_ms >= min_total_ms]
    if top is not None:
        kept = kept[:top]
    return wl.Workload(tuple(kept), merged.source, merged.constants)


def _name_tables(queries: Sequence[Query], skipped: list[Skipped]) -> tuple[list[Query], int]:
    """The statements that name tables, each with ``tables`` set; the others are listed in
    ``skipped`` with the reason, or counted (the second value) when not worth listing."""
    out: list[Query] = []
    quiet = 0
    for q in queries:
        try:
            q.tables = relations(q.text)[1]
        except ParseFailure as exc:
            if exc.quiet:
                quiet += 1
            else:
                skipped.append(Skipped(q.statement.query, str(exc)))
            continue
        out.append(q)
    return out, quiet


def _cost_constants(conn: psycopg.Connection[Any]) -> estimate.CostConstants:
    row = conn.execute(sqlfiles.load("analyzers/advisor/planner_settings")).fetchone()
    return estimate.CostConstants(**row) if row else estimate.CostConstants()


def _analyze(queries: Sequence[Query], tables: dict[TableRef, Table], observed: wl.Constants,
             skipped: list[Skipped]) -> tuple[dict[int, Query], list[Query]]:
    """Each statement analysed with the catalog: (reads by index, writes). A statement naming
    a table this database lacks, or one the analysis refuses, is listed in ``skipped``."""
    catalog = {ref: {c.name: c.data_type for c in t.columns.values()} for ref, t in tables.items()}
    reads: dict[int, Query] = {}
    writes: list[Query] = []
    for q in queries:
        missing = [str(r) for r in q.tables if r not in tables]
        if missing:
            skipped.append(Skipped(q.statement.query,
                                   f"names no table of this database: {', '.join(missing)}"))
            continue
        try:
            parsed = analyze(q.text, catalog)
        except ParseFailure as exc:
            skipped.append(Skipped(q.statement.query, str(exc)))
            continue
        if q.inlined:
            parsed = replace(parsed, repairs=(
                f"SQL function {', '.join(q.inlined)} inlined: its body read and planned "
                "as the server inlines it", *parsed.repairs))
        if observed:
            parsed = _with_observed_constants(parsed, tables, observed, q.statement.queryid)
        q.parsed = parsed
        if parsed.kind == "select":
            reads[q.index] = q
        else:
            writes.append(q)
    return reads, writes


def _with_observed_constants(parsed: ParsedStatement, tables: dict[TableRef, Table],
                             observed: wl.Constants, queryid: int | None) -> ParsedStatement:
    """Parameters that pg_qualstats saw bound to one value nearly every time carry that value
    as a constant (so that a rare condition can become a partial index's WHERE): those of an
    equality, a range (``severity >= $2``) or a containment or key operator (``payload ?
    $1``) against one value; the values seen for this statement (its queryid) and operator,
    else those seen for the column and operator in any."""
    by_column: dict[tuple[str, str, str], dict[str, int]] = {}
    for (_, table, column, op), values in observed.items():
        into = by_column.setdefault((table, column, op), {})
        for value, n in values.items():
            into[value] = into.get(value, 0) + n
    uses = []
    for use in parsed.uses:
        t = tables[use.table]
        preds = []
        for p in use.predicates:
            seen: dict[str, int] | None = None
            operator = "=" if p.kind == "eq" else p.op  # range and contains: against one value
            if p.kind in ("eq", "range", "contains") and p.params and operator is not None:
                seen = observed.get((queryid, t.name, p.column, operator)) if queryid is not None \
                    else None
                seen = seen or by_column.get((t.name, p.column, operator))
            if seen and p.constant is None and p.expression is None:
                value, count = max(seen.items(), key=lambda kv: kv[1])
                literal = wl.constant_text(value)
                if literal is not None and count >= 5 and count >= 0.9 * sum(seen.values()):
                    p = replace(p, constant=literal)
            preds.append(p)
        uses.append(replace(use, predicates=tuple(preds)))
    return replace(parsed, uses=tuple(uses))


def _unknown_pattern_notes(reads: Mapping[int, Query], tables: Mapping[TableRef, Table]
                           ) -> list[str]:
    """What no statistics record, so no candidate could be costed: a ``LIKE`` whose pattern is
    a parameter, a jsonb key that is one (``meta->>$1``, as pg_stat_statements records
    ``meta->>'arn'``). For ``upper(code) LIKE upper($1)`` pg_stat_statements shows ``$1`` and
    pg_qualstats keeps no qual on an expression: whether the application sends prefixes is
    unknown, so no ``text_pattern_ops`` btree is costed for it. Said once per column or
    expression, with the index that would serve (the application's authors know which it
    is)."""
    out: dict[str, str] = {}
    for q in reads.values():
        for use in q.stmt.uses:
            t = tables[use.table]
            on = sql.Identifier(t.schema, t.name).as_string(None)
            for p in use.predicates:
                col = t.columns.get(p.column)
                if p.kind != "infix" or p.op != "~~" or p.constant is not None or not p.params \
                        or col is None:
                    continue
                opclass = cands.pattern_opclass(col.data_type)
                if opclass is None:
                    continue
                key = cands.KeyPart(p.expression or p.column, expression=bool(p.expression),
                                    opclass=opclass).render()
                out.setdefault(f"{t.name}.{p.expression or p.column}", (
                    f"{p.expression or p.column} LIKE a parameter on {t.name}: the pattern is "
                    "recorded nowhere (pg_stat_statements shows $n), so no btree is costed for "
                    f"it; if the application sends prefixes ('abc%'), CREATE INDEX ON {on} "
                    f"({key}) serves them"))
            for column in use.param_keys:
                ident = sql.Identifier(column).as_string(None)
                out.setdefault(f"{t.name}.{column}->>$", (
                    f"{column}->>$n on {t.name}: pg_stat_statements records the jsonb key as a "
                    "parameter, so which key the application reads is known nowhere and no "
                    "expression index is costed for it; if it is always one key, CREATE INDEX "
                    f"ON {on} (({ident} ->> 'the_key')) serves an equality on it (--queries "
                    "with the literal key costs it)"))
    return list(out.values())


def _capability_notes(facts: db.ServerFacts, *, use_hypopg: bool, hypopg: bool) -> list[str]:
    """What the advice lacks on this server: hypopg (no validation), pg_trgm (no trigram)."""
    notes = []
    if not hypopg:
        why = ("hypopg is not installed in this database (CREATE EXTENSION hypopg)"
               if facts.available("hypopg") else "hypopg is not available on this server")
        if not use_hypopg:
            why = "hypopg was turned off"
        notes.append(f"{why}: every candidate is ranked by the advisor's own estimate and "
                     "marked UNVALIDATED")
    if not facts.installed("pg_trgm"):
        notes.append("pg_trgm is not installed: no trigram index is suggested for infix LIKE/ILIKE")
    return notes


def _or_groups(q: Query, tables: Mapping[TableRef, Table]
               ) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Per OR of one table's columns in the statement: (schema, table, the column each side's
    index leads with), for the selection's ``bitmap_or``."""
    return tuple((t.schema, t.name, leads) for use in q.stmt.uses
                 if (t := tables.get(use.table)) is not None for leads in use.or_leads())
