"""Phase 6, cost (helper): the advisor's own cost model, where hypopg cannot measure (GIN, or no hypopg).

Results from here are always labelled *unvalidated*: they are a textbook estimate from
pg_stats (rows matched through the index's leading columns, random page per row fetched)
against the planner's real cost of the query without the index.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pgwarden.analyzers.advisor.candidates import EQ_KINDS, Candidate, KeyPart, comparison_wheres
from pgwarden.analyzers.advisor.catalog import Table
from pgwarden.analyzers.advisor.parse import TableUse

RANGE_SELECTIVITY = 0.1  # an open range on a parameter (pg's own default for < > is 1/3)
PATTERN_SELECTIVITY = 0.01  # LIKE prefix, trigram infix, full-text match


@dataclass(frozen=True)
class CostConstants:
    random_page_cost: float = 4.0
    seq_page_cost: float = 1.0
    cpu_tuple_cost: float = 0.01
    cpu_index_tuple_cost: float = 0.005
    cpu_operator_cost: float = 0.0025


def btree_bytes(c: Candidate, table: Table) -> int:
    """Leaf size: (key + include widths + tuple header) per row, at btree's 90% fill."""
    width = 0
    for k in c.keys:
        width += table.columns[k.expr].avg_width if k.expr in table.columns else 16
    width += sum(table.columns[i].avg_width for i in c.include if i in table.columns)
    rows = max(table.reltuples, 1.0) * (_partial_fraction(c, table))
    per_row = width + 8 + 4
    if c.method == "gin":
        per_row = width * 3 + 12  # trigrams / lexemes: several entries per row
    elif c.method == "gist":
        per_row = int((width + 12) * 1.5)  # a range's bounding box, pages filled unevenly
    return int(8192 + rows * per_row / 0.9)


def _partial_fraction(c: Candidate, table: Table) -> float:
    if not c.where:
        return 1.0
    if c.fraction is not None:
        return c.fraction
    for col in c.columns:
        if col in table.columns and col not in {k.expr for k in c.keys}:
            column = table.columns[col]
            if "IS NULL" in c.where:
                return max(column.null_frac, 0.001)
            if "IS NOT NULL" in c.where:
                return max(1 - column.null_frac, 0.001)
            return max(min(column.eq_selectivity(table.reltuples, None), 1.0), 0.001)
    return 0.05


def matched(c: Candidate, use: TableUse, table: Table, row_fraction: float | None = None
            ) -> tuple[float, bool] | None:
    """(fraction of rows read through ``c``, rows come out in ORDER BY order) or None.

    ``row_fraction``: the share of the table's rows the planner expects the statement to
    keep (its scan's row estimate), for the conditions this model cannot price itself (the
    containment operators)."""
    n = max(table.reltuples, 1.0)
    if c.sampled and c.where not in comparison_wheres(use):
        return None  # the statement does not apply the comparison: the index cannot serve it
    preds = {(p.expression or p.column): p for p in use.predicates}
    sel = 1.0
    used = 0  # leading keys the conditions use
    for k in c.keys:
        p = preds.get(k.expr)
        if p is None:
            break
        col = table.columns.get(p.column)
        if p.kind in EQ_KINDS or p.kind == "join":
            sel *= col.eq_selectivity(n, p.constant) if col else 0.01
            used += 1
            continue
        if p.kind == "range":
            sel *= RANGE_SELECTIVITY
        elif p.kind in ("prefix", "infix", "fts"):
            sel *= PATTERN_SELECTIVITY
        elif p.kind == "contains":
            # the planner's estimate of the rows the whole WHERE keeps; after equality keys
            # (a GiST led by them) no more than what those keep
            if row_fraction is None:
                sel *= PATTERN_SELECTIVITY
            elif c.method == "gist":
                # the range operator's own share: the WHERE's, less the equality conditions'
                # (taken as independent), so a GiST on the range alone reads all the rows it
                # matches and one led by the equality columns only theirs
                eq = math.prod(table.columns[q.column].eq_selectivity(n, q.constant)
                               for q in use.predicates
                               if q.kind == "eq" and q.expression is None and q.column in table.columns)
                sel *= min(1.0, row_fraction / max(eq, 1e-12))
            else:
                sel = min(sel, row_fraction)
        used += 1
        break
    if c.sampled:
        sel *= _partial_fraction(c, table)  # the share of the rows the comparison keeps
        partial = True
    elif c.where and any(p.column in c.columns for p in use.predicates
                       if p.kind in ("eq", "isnull", "notnull") and p.column not in
                       {k.expr for k in c.keys}):
        sel *= _partial_fraction(c, table)
        partial = True
    else:
        partial = False
    order = [col for col, _ in use.order_by]
    rest = [k.expr for k in c.keys[used:]]
    sorted_ = bool(order) and rest[:len(order)] == order
    if c.method == "gist" and rest[:1] and rest[0] in use.nearest:
        sorted_ = True  # the GiST's nearest-first scan gives the ORDER BY's order
    if used == 0 and not sorted_ and not partial:
        return None
    return sel, sorted_


def cost_after(c: Candidate, use: TableUse, table: Table, base_cost: float,
               k: CostConstants, row_fraction: float | None = None) -> float:
    """Estimated cost of the statement with ``c`` (``base_cost`` when ``c`` does not serve it,
    or when an existing index serves it as well by the same model)."""
    n = max(table.reltuples, 1.0)
    # the model prices the table's current best path too, and the planner's real cost is
    # scaled by the ratio, so the model's absolute errors cancel out
    current = table.relpages * k.seq_page_cost + n * (k.cpu_tuple_cost + k.cpu_operator_cost)
    for ix in table.indexes:
        if ix.is_valid and ix.method == "btree" and not ix.predicate:
            keys = tuple(KeyPart(e, expression=e not in table.columns) for e in ix.keys)
            existing = Candidate(table.schema, table.name, "existing", keys, ix.method,
                                 ix.include, None, "", frozenset(ix.keys) | frozenset(ix.include))
            if matched(existing, use, table) is not None:
                current = min(current, _model(existing, use, table, k))
    if matched(c, use, table, row_fraction) is None:
        return base_cost
    mine = _model(c, use, table, k, row_fraction)
    return base_cost * min(1.0, mine / max(current, 1e-6))


def _model(c: Candidate, use: TableUse, table: Table, k: CostConstants,
           row_fraction: float | None = None) -> float:
    """Cost of reading the rows ``use`` wants through ``c`` (the planner's formulas, simplified)."""
    m = matched(c, use, table, row_fraction)
    assert m is not None
    sel, sorted_ = m
    n = max(table.reltuples, 1.0)
    rows = n * sel
    if sorted_ and use.limit:
        rows = min(rows, 100.0)
    covering = not use.star and use.referenced <= c.columns
    pages = max(float(table.relpages), 1.0)
    # heap pages a bitmap scan visits (Mackert-Lohman), priced between random and sequential
    # the way the planner prices them (cost_bitmap_heap_scan)
    fetched = pages * (1.0 - math.exp(-rows / pages))
    if covering:
        fetched *= 1.0 - table.all_visible  # index-only scans skip all-visible pages
    per_page = k.random_page_cost - (k.random_page_cost - k.seq_page_cost) * math.sqrt(
        fetched / pages)
    index_pages = 3 + rows / 200 if c.method == "btree" else 3 + rows / 20
    index_cost = (k.random_page_cost * index_pages + fetched * per_page
                  + rows * (k.cpu_index_tuple_cost + k.cpu_tuple_cost + k.cpu_operator_cost))
    return index_cost
