"""Phase 5, candidates: indexes from what the workload asks of each table (pure).

Kinds: ``single`` and ``composite`` btree (equality columns, then one range column, then the
ORDER BY columns with their direction), ``covering`` (INCLUDE the other referenced columns so an
index-only scan answers), ``partial`` (a rare constant predicate becomes the index's WHERE),
``expression`` (``lower(email)``), ``join`` (the inner side's join key), ``trigram`` (GIN
pg_trgm for infix LIKE/ILIKE), ``fulltext`` (GIN for ``@@``) and ``containment`` (GIN for the
array and jsonb operators ``@>``, ``<@``, ``&&``, ``?``, ``?|``, ``?&``) and ``gist`` (GiST for
the same operators on a range column, led by the query's equality columns when btree_gist is
installed).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from psycopg import sql

from pgwarden.analyzers.advisor.catalog import Column, Index, Partition, Table
from pgwarden.analyzers.advisor.parse import ParsedStatement, Predicate, TableRef, TableUse
from pgwarden.migrations.naming import partition_layout

EQ_KINDS = ("eq", "in", "isnull")
HYPOTHETICAL_METHODS = ("btree", "hash", "brin")


@dataclass(frozen=True)
class KeyPart:
    expr: str  # column name, or an expression's text
    expression: bool = False
    desc: bool = False
    opclass: str | None = None
    sort: bool = False  # the part serves ORDER BY (its direction matters)

    def render(self) -> str:
        text = f"({self.expr})" if self.expression else sql.Identifier(self.expr).as_string(None)
        if self.opclass:
            text += f" {self.opclass}"
        return text + (" DESC" if self.desc else "")

    def short(self) -> str:
        text = f"({self.expr})" if self.expression else self.expr
        return text + (f" {self.opclass}" if self.opclass else "") + (" DESC" if self.desc else "")


@dataclass(frozen=True)
class Candidate:
    schema: str
    table: str
    kind: str
    keys: tuple[KeyPart, ...]
    method: str = "btree"
    include: tuple[str, ...] = ()
    where: str | None = None
    reason: str = ""
    columns: frozenset[str] = field(default_factory=frozenset)  # every column it stores
    fraction: float | None = None  # a partial index: the fraction of rows its WHERE keeps
    conditions: tuple[str, ...] = ()  # a narrowing GIN: the conditions its WHERE joins with AND
    # a partial index for one rare value: (its column, the value's literal); a partial index for
    # several rare values of one column: the signatures of the one-value candidates it merges
    rare: tuple[str, str] | None = None
    parts: tuple[str, ...] = ()
    # a partial index whose WHERE compares two columns of a row (``qty_on_hand < reorder_point``):
    # no statistic tells the share it keeps (the planner takes a third), so the cost phase
    # measures it on a sample of the table and prices the index with the advisor's own model
    sampled: bool = False
    # a partitioned table's partitions: each needs an index of its own (``statements``)
    partitions: tuple[Partition, ...] = ()

    @property
    def narrowing(self) -> bool:
        """A partial GIN for the rows a query always keeps (an existing full GIN on the same key
        serves the match, but fetches every matching row from the heap to filter them)."""
        return self.method == "gin" and self.where is not None

    @property
    def name(self) -> str:
        suffix = {"covering": "_incl", "partial": "_part", "trigram": "_trgm",
                  "fulltext": "_fts", "containment": "_gin", "gist": "_gist"}.get(self.kind, "")
        return f"{_name_base([self.table] + [k.expr for k in self.keys])}{suffix}_{self._digest}_idx"

    @property
    def _digest(self) -> str:
        return hashlib.blake2s(self.signature.encode(), digest_size=3).hexdigest()

    @functools.cached_property
    def signature(self) -> str:
        """What makes two candidates the same index (computed once: the selection keys its
        state by it)."""
        keys = ", ".join(k.render() for k in self.keys)
        inc = f" INCLUDE ({', '.join(self.include)})" if self.include else ""
        return f"{self.schema}.{self.table} USING {self.method} ({keys}){inc} WHERE {self.where}"

    def describe(self) -> str:
        """Short form for tables: ``orders (status, created_at DESC) INCLUDE (total)``."""
        text = f"{self.table} "
        text += "" if self.method == "btree" else f"USING {self.method} "
        text += "(" + ", ".join(k.short() for k in self.keys) + ")"
        if self.include:
            text += " INCLUDE (" + ", ".join(self.include) + ")"
        if self.where:
            text += f" WHERE {self.where}"
        return text

    @property
    def hypothetical(self) -> bool:
        """hypopg can cost it (it cannot cost GIN or GiST)."""
        return self.method in HYPOTHETICAL_METHODS

    def ddl(self, *, concurrently: bool = True, if_not_exists: bool = True,
            name: str | None = None, on: tuple[str, str] | None = None, only: bool = False) -> str:
        """One CREATE INDEX of it (on its table, or ``on`` another one: a partition)."""
        table = sql.Identifier(*(on or (self.schema, self.table))).as_string(None)
        keys = ", ".join(k.render() for k in self.keys)
        text = "CREATE INDEX "
        text += "CONCURRENTLY " if concurrently else ""
        text += "IF NOT EXISTS " if if_not_exists else ""
        text += f"{sql.Identifier(name or self.name).as_string(None)} ON {'ONLY ' if only else ''}{table}"
        text += f" USING {self.method} ({keys})"
        if self.include:
            text += " INCLUDE (" + ", ".join(sql.Identifier(c).as_string(None)
                                             for c in self.include) + ")"
        if self.where:
            text += f" WHERE {self.where}"
        return text

    def statements(self) -> list[str]:
        """The DDL that builds it without blocking the table's writes (``steps``)."""
        return [text for _, text in self.steps()]

    def steps(self) -> list[tuple[str, str]]:
        """(index name, statement) of each step that builds it without blocking the table's
        writes: one CREATE INDEX CONCURRENTLY. A partitioned table refuses CONCURRENTLY, so
        there: an index ``ON ONLY`` it and each partitioned partition (no rows, done at once;
        invalid until every partition's index is attached), one CREATE INDEX CONCURRENTLY on
        each leaf partition, then each attached to its parent's, the deepest first (the
        parent's becomes valid with the last one). Every step is a no-op when run again; a
        foreign partition is left out (it cannot have an index; the parent's then stays
        invalid, the leaves' serve). The layout is the migration helper's
        (``pgwarden.migrations.naming.partition_layout``)."""
        if not self.partitions:
            return [(self.name, self.ddl())]
        layout = partition_layout(self.schema, self.table, self.name, [
            (p.schema, p.name, p.parent_schema, p.parent_name, p.leaf, p.foreign_table)
            for p in self.partitions])
        out = [(self.name, self.ddl(concurrently=False, only=True))]
        out += [(ix, self.ddl(concurrently=False, only=True, name=ix, on=(s, t)))
                for s, t, ix in layout.inner]
        out += [(ix, self.ddl(name=ix, on=(s, t))) for s, t, ix in layout.leaves]
        out += [(parent, f"ALTER INDEX {sql.Identifier(ps, parent).as_string(None)} ATTACH "
                         f"PARTITION {sql.Identifier(s, child).as_string(None)}")
                for ps, parent, s, child in layout.attach]
        return out


def _name_base(parts: Sequence[str]) -> str:
    """An index name's readable part: ``parts`` joined by ``_``, other characters as ``_``,
    lower case, at most 44 characters (a name has 63)."""
    base = "_".join("".join(ch if ch.isalnum() else "_" for ch in p) for p in parts)
    while "__" in base:
        base = base.replace("__", "_")
    return base[:44].strip("_").lower()


def admitted(c: Candidate) -> float:
    """The share of written rows that get an entry in ``c``: a partial index's ``fraction``
    (the rows its WHERE keeps, taken as the share of new rows it admits), else all."""
    return c.fraction if c.where is not None and c.fraction is not None else 1.0


def _norm(text: str) -> str:
    return "".join(text.lower().replace('"', "").replace("(", "").replace(")", "").split())


def same_expr(a: str, b: str) -> bool:
    """The same index key column or expression, spelled either way."""
    return _norm(a) == _norm(b)


def served_by(c: Candidate, indexes: Iterable[Index]) -> Index | None:
    """An existing valid index that already serves ``c`` (same keys, or ``c`` is its prefix)."""
    for ix in indexes:
        if not ix.is_valid or ix.method != c.method or len(ix.keys) < len(c.keys):
            continue
        if (ix.predicate or None) != (c.where or None) and not (
                ix.predicate and c.where and _norm(ix.predicate) == _norm(c.where)):
            if ix.predicate is not None or c.where is None or c.narrowing or c.sampled:
                continue  # a partial candidate is served by a full index with the same keys
                # (not a narrowing GIN: what it saves is the heap fetches of the full one; not
                # a comparison's: its keys need not be selective, its WHERE is)
        if not all(same_expr(k.expr, e) for k, e in zip(c.keys, ix.keys, strict=False)):
            continue
        # only the ORDER BY parts care about direction; a btree reads backwards as well
        descs = {k.desc != (bool(ix.desc[i]) if i < len(ix.desc) else False)
                 for i, k in enumerate(c.keys) if k.sort}
        if len(descs) > 1:
            continue  # mixed directions cannot be read backwards
        stored = set(ix.keys) | set(ix.include)
        if not set(c.include) <= stored:
            continue
        return ix
    return None


def leads_with_primary_key(c: Candidate, primary_key: tuple[str, ...]) -> bool:
    n = len(primary_key)
    return bool(n) and len(c.keys) >= n and tuple(k.expr for k in c.keys[:n]) == primary_key \
        and not any(k.expression for k in c.keys[:n])


def _gin_default(data_type: str) -> bool:
    """A type whose default GIN operator class serves the containment operators (an array,
    jsonb; ``jsonb_path_ops`` would be smaller but cannot answer ``?``)."""
    return data_type.endswith("[]") or data_type == "jsonb"


def expression_columns(expr: str, cols: Mapping[str, Column]) -> list[str]:
    """The table's columns an expression's text names (the parser printed it from a call on
    exactly one of them)."""
    words = set(re.findall(r'[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"', expr))
    names = {w[1:-1].replace('""', '"') if w.startswith('"') else w for w in words}
    return [c for c in cols if c in names]


GEOMETRIC_TYPES = frozenset({"point", "box", "polygon", "circle"})


def gist_type(data_type: str) -> bool:
    """A range or multirange type (``tstzrange``, ``daterange``, ``int4multirange``...) or a
    geometric one (``point <@ box(…)``, ``box && box``): no btree serves its overlap and
    containment operators, a GiST does (the type's default operator class)."""
    return data_type.endswith(("range", "multirange")) or data_type in GEOMETRIC_TYPES


def pattern_opclass(data_type: str) -> str | None:
    """The btree operator class that serves ``LIKE 'abc%'`` whatever the collation."""
    if data_type.startswith("character varying"):
        return "varchar_pattern_ops"
    if data_type in ("text", "character") or data_type.startswith("character("):
        return "text_pattern_ops"
    return None


def generate(use: TableUse, table: Table, *, rare_fraction: float = 0.05,
             has_trgm: bool = True, max_include: int = 3,
             partial_max_distinct: int = 100, has_btree_gist: bool = False) -> list[Candidate]:
    """Candidates for one statement's use of one table (deduplicated by signature)."""
    out: dict[str, Candidate] = {}
    cols = table.columns
    n = max(table.reltuples, 1.0)

    def add(kind: str, keys: list[KeyPart], reason: str, *, method: str = "btree",
            include: tuple[str, ...] = (), where: str | None = None, extra: Iterable[str] = (),
            fraction: float | None = None, conditions: tuple[str, ...] = (),
            sampled: bool = False) -> None:
        if not keys:
            return
        stored = {k.expr for k in keys if not k.expression} | set(include) | set(extra)
        stored |= {x for k in keys if k.expression and k.sort for x in expression_columns(k.expr, cols)}
        c = Candidate(table.schema, table.name, kind, tuple(keys), method, include, where,
                      reason, frozenset(s for s in stored if s in cols), fraction, conditions,
                      rare=rare_values.get(where) if kind == "partial" and where else None,
                      sampled=sampled, partitions=table.partitions)
        out.setdefault(c.signature, c)

    def sel(p_col: str, constant: str | None = None, kind: str = "eq") -> float:
        col = cols.get(p_col)
        if col is None:
            return 0.01
        if kind == "isnull":
            return col.null_frac
        if kind == "notnull":
            return 1.0 - col.null_frac
        return col.eq_selectivity(n, constant)

    plain = [p for p in use.predicates if p.expression is None and p.column in cols]
    # WHERE text of an equality with a literal -> (column, literal): a one-value partial index
    rare_values = {f"{sql.Identifier(p.column).as_string(None)} = {lit}": (p.column, lit)
                   for p in plain if p.kind == "eq" and p.constant is not None
                   for lit in [sql.Literal(p.constant).as_string(None)]}
    # equality-like: =, IN, a selective IS NULL, and join keys (a nested loop's inner side
    # looks them up by equality); most selective first
    eq = [p for p in plain if (p.kind in EQ_KINDS or p.kind == "join")
          and not (p.kind == "isnull" and sel(p.column, None, "isnull") > 0.5)]
    eq = sorted({p.column: p for p in eq}.values(),
                key=lambda p: (p.kind == "join", sel(p.column, p.constant, p.kind)))
    ranges = list({p.column: p for p in plain if p.kind == "range"}.values())
    eq_keys = [KeyPart(p.column) for p in eq]
    # ORDER BY a column, or an expression of one (its column stored: an UPDATE of it is not HOT)
    sort_keys = [KeyPart(c, expression=c not in cols, desc=d, sort=True) for c, d in use.order_by
                 if c in cols or expression_columns(c, cols)]
    eq_names = {p.column for p in eq}
    sort_keys = [k for k in sort_keys if k.expr not in eq_names]
    # the keys when this table is the join's outer side: its own constant conditions only (a
    # join key is looked up only when the table is the inner side)
    driving = [KeyPart(p.column) for p in eq if p.kind != "join"]

    for p in eq:
        add("single", [KeyPart(p.column)], f"{'join key' if p.kind == 'join' else 'equality on'} "
            f"{p.column}")
    for p in ranges:
        add("single", [KeyPart(p.column)], f"range on {p.column}")
    if len(eq_keys) > 1:
        add("composite", eq_keys, "equality columns together")
    for r in ranges[:2]:
        if r.column not in eq_names:
            keys = eq_keys + [KeyPart(r.column)]
            if sort_keys and sort_keys[0].expr == r.column:
                keys = eq_keys + sort_keys
            add("composite", keys, f"equality then range on {r.column}")
    best = eq_keys + [KeyPart(r.column) for r in ranges[:1] if r.column not in eq_names]
    order = ", ".join(k.expr + (" DESC" if k.desc else "") for k in sort_keys)
    stops = " (LIMIT stops early)" if use.limit else ""
    drives = bool(sort_keys) and len(driving) < len(eq_keys)  # it may drive a join in order
    if sort_keys:
        add("composite", eq_keys + sort_keys, f"equality then ORDER BY {order}{stops}")
        if not best or len(eq_keys + sort_keys) >= len(best):
            best = eq_keys + sort_keys
        if len(eq_keys) > 1:  # the most selective equality alone, then the order
            add("composite", eq_keys[:1] + sort_keys,
                f"equality on {eq_keys[0].expr} then ORDER BY, other conditions filtered")
        if drives:  # the table drives the join in the ORDER BY's order
            add("composite", driving + sort_keys, f"ORDER BY {order} driving the join{stops}")
    for g in use.group_by[:1]:
        if g in cols and g not in eq_names:
            add("single", [KeyPart(g)], f"GROUP BY {g}")
    # covering: the other referenced columns as INCLUDE, when few and narrow
    if best and not use.star and use.referenced:
        rest = tuple(sorted(c for c in use.referenced
                            if c in cols and c not in {k.expr for k in best}))
        if rest and len(rest) <= max_include and all(cols[c].avg_width <= 64 for c in rest):
            add("covering", best, "INCLUDE the columns read: index-only", include=rest)
    # partial: a rare constant condition becomes the WHERE of an index on the rest. Each one
    # alone, and all of them together (``severity >= 4 AND acked_at IS NULL``: neither rare,
    # the pair is); rarity from pg_stats where the column's statistics tell it, else left to
    # the planner's row estimate (``rare``, in the cost phase: ``fraction`` None)
    found = _constant_conditions(plain, cols, n, partial_max_distinct)
    for where, (column, s, gin_only) in found.items():
        if s is not None and s > rare_fraction:
            continue
        others = [k for k in best if k.expr != column]
        if not others:
            others = _small_key(table) if gin_only else [KeyPart(column)]
        shown = f" ({s:.2%} of rows)" if s is not None else ""
        add("partial", others, f"rare predicate WHERE {where}{shown}", where=where,
            extra=[column], fraction=s)
        if drives:  # the rare rows in the ORDER BY's order
            add("partial", [k for k in driving if k.expr != column] + sort_keys,
                f"rare predicate WHERE {where}{shown}, in ORDER BY order", where=where,
                extra=[column], fraction=s)
    if len(found) > 1:
        where = " AND ".join(sorted(found))
        columns = {c for c, _, _ in found.values()}
        others = [k for k in best if k.expr not in columns] or _small_key(table)
        add("partial", others, f"rare conditions together WHERE {where}", where=where,
            extra=columns)
    # a comparison of two columns of the row: the rows it keeps as the WHERE of an index on the
    # rest (``stock (warehouse_id) WHERE qty_on_hand < reorder_point``), and in the ORDER BY's
    # order when the table may drive a join; rare or not is measured in the cost phase
    for (a, _, b), where in zip(use.comparisons, comparison_wheres(use), strict=True):
        others = [k for k in best if k.expr not in (a, b)] or sort_keys or _small_key(table)
        add("partial", others, f"rare comparison WHERE {where}", where=where, extra=[a, b],
            sampled=True)
        if drives:
            add("partial", [k for k in driving if k.expr not in (a, b)] + sort_keys,
                f"rare comparison WHERE {where}, in ORDER BY order", where=where, extra=[a, b],
                sampled=True)
    # each side of an OR on this table (``from_account_id = $1 OR to_account_id = $1``): an
    # index on its conditions; none serves the OR alone, a BitmapOr of one per side does (the
    # selection keeps them together, ``bitmap_or``)
    for group, leads in zip(use.or_groups, use.or_leads(), strict=True):
        shown = " OR ".join(dict.fromkeys(leads))
        for arm in group:
            arm_eq = sorted({p.expression or p.column: p for p in arm
                             if p.kind in ("eq", "in", "isnull")}.values(),
                            key=lambda p: sel(p.column, p.constant, p.kind))
            arm_range = [p for p in arm if p.kind == "range"][:1]
            parts = [KeyPart(p.expression or p.column, expression=p.expression is not None)
                     for p in arm_eq + arm_range]
            if parts and all(k.expression or k.expr in cols for k in parts):
                add("single" if len(parts) == 1 else "composite", parts,
                    f"OR side ({shown}): BitmapOr, one index per side",
                    extra=[p.column for p in arm])
    # sparse: the leading key's condition implies it IS NOT NULL (a strict operator), so when
    # most rows hold NULL there an index on the others alone serves the query as well, smaller
    # and written only for the rows that hold a value
    lead = best[0].expr if best else None
    if lead is not None and lead in eq_names | {r.column for r in ranges} and not any(
            p.column == lead and p.kind in ("isnull", "notnull") for p in plain):
        nulls = cols[lead].null_frac
        if nulls >= SPARSE_MIN_NULLS:
            where = sql.Identifier(lead).as_string(None) + " IS NOT NULL"
            add("partial", best, f"sparse column: {lead} is NULL in {nulls:.0%} of rows, the "
                f"index holds the others (WHERE {where})", where=where, fraction=1.0 - nulls)
    # nearest first (``ORDER BY pos <-> point($1, $2) LIMIT 8``): a GiST on a geometric column
    # returns the rows in that order, so the LIMIT stops after a few
    for column in use.nearest:
        if column in cols and cols[column].data_type in GEOMETRIC_TYPES:
            add("gist", [KeyPart(column)], f"nearest-first ORDER BY {column} <-> … (GiST)",
                method="gist")
    # expression indexes: the expression alone, and after the equality columns (``city_id = $1
    # AND (requested_at AT TIME ZONE 'Europe/Warsaw')::date = $2``: one range of the index)
    for p in use.predicates:
        if p.expression is not None and p.kind in ("eq", "in", "range", "prefix"):
            add("expression", [KeyPart(p.expression, expression=True)],
                f"condition on the expression {p.expression}", extra=[p.column])
            if eq_keys:
                add("expression", [*eq_keys, KeyPart(p.expression, expression=True)],
                    f"equality on {', '.join(k.expr for k in eq_keys)} then the expression "
                    f"{p.expression}", extra=[p.column])
    # join keys
    for p in plain:
        if p.kind == "join":
            add("join", [KeyPart(p.column)], f"join key {p.column} (inner side lookups)")
    # LIKE 'abc%': btree with a pattern opclass (collation-independent)
    for p in plain:
        if p.kind == "prefix":
            oc = pattern_opclass(cols[p.column].data_type)
            add("single", [KeyPart(p.column, opclass=oc)], f"LIKE prefix on {p.column}")
    # GIN: trigram for infix LIKE/ILIKE, full text for @@ (hypopg cannot cost these)
    for p in use.predicates:
        if p.kind == "infix" and has_trgm:
            expr = p.expression or p.column
            add("trigram", [KeyPart(expr, expression=p.expression is not None,
                                    opclass="gin_trgm_ops")],
                f"infix LIKE/ILIKE on {expr}", method="gin", extra=[p.column])
        if p.kind == "contains" and p.column in cols and _gin_default(cols[p.column].data_type):
            add("containment", [KeyPart(p.column)],
                f"containment/key operator on {p.column} (GIN)", method="gin")
        if p.kind == "contains" and p.expression is None and p.column in cols \
                and gist_type(cols[p.column].data_type):
            # a range column's overlap/containment: GiST, after the equality columns when
            # btree_gist gives them a GiST operator class (a single-value equality only: GiST
            # does not search an IN list)
            gist_lead = [KeyPart(q.column) for q in plain if q.kind == "eq" and q.column in cols
                         and q.column != p.column and not gist_type(cols[q.column].data_type)]
            gist_lead = sorted(dict.fromkeys(gist_lead), key=lambda k: sel(k.expr))[:2]
            if gist_lead and has_btree_gist:
                add("gist", [*gist_lead, KeyPart(p.column)],
                    f"equality on {', '.join(k.expr for k in gist_lead)} and a range operator on "
                    f"{p.column} (GiST, btree_gist)", method="gist")
            what = "geometric operator" if cols[p.column].data_type in GEOMETRIC_TYPES else \
                "range operator"
            add("gist", [KeyPart(p.column)], f"{what} on {p.column} (GiST)", method="gist")
        if p.kind == "fts":
            if p.expression is not None:
                add("fulltext", [KeyPart(p.expression, expression=True)],
                    f"full-text search on {p.expression}", method="gin", extra=[p.column])
            elif p.column in cols and cols[p.column].data_type == "tsvector":
                add("fulltext", [KeyPart(p.column)], f"full-text search on {p.column}",
                    method="gin")
                states = conditions(plain, cols, n, partial_max_distinct)
                kept = math.prod(s for _, s in states.values())
                if states and kept <= NARROWING_MAX_FRACTION:
                    where = " AND ".join(sorted(states))
                    add("fulltext", [KeyPart(p.column)],
                        f"full-text search on {p.column} over the rows the query always keeps "
                        f"({where}: {kept:.0%} of rows): no heap fetch of the others",
                        method="gin", where=where, fraction=max(kept, 0.0001),
                        conditions=tuple(sorted(states)),
                        extra=[c for c, _ in states.values()])  # an UPDATE of them is not HOT
    return list(out.values())


def collect(statements: Iterable[ParsedStatement], tables: Mapping[TableRef, Table], *,
            rare_fraction: float, has_trgm: bool, max_include: int,
            partial_max_distinct: int, has_btree_gist: bool = False
            ) -> list[tuple[Candidate, Table]]:
    """Phase 5: the candidates of every read statement's use of every table, each once (by
    signature, first seen first), with the table it is on."""
    found: dict[str, tuple[Candidate, Table]] = {}
    for parsed in statements:
        for use in parsed.uses:
            t = tables[use.table]
            for c in generate(use, t, rare_fraction=rare_fraction, has_trgm=has_trgm,
                              max_include=max_include, partial_max_distinct=partial_max_distinct,
                              has_btree_gist=has_btree_gist):
                found.setdefault(c.signature, (c, t))
    on = {(c.schema, c.table): t for c, t in found.values()}
    for c in merged_covering([c for c, _ in found.values()], max_include):
        found.setdefault(c.signature, (c, on[(c.schema, c.table)]))
    for c in merged_rare([c for c, _ in found.values()]):
        found.setdefault(c.signature, (c, on[(c.schema, c.table)]))
    return list(found.values())


MERGE_MAX_VALUES = 4  # rare values of one column one merged partial index may hold


def _forward(keys: tuple[KeyPart, ...]) -> tuple[KeyPart, ...]:
    """The keys with the first one ascending: a btree read backwards serves the other order."""
    return tuple(replace(k, desc=not k.desc) for k in keys) if keys and keys[0].desc else keys


def merged_rare(found: Sequence[Candidate]) -> list[Candidate]:
    """One partial index for several rare values of one column: where one-value partial
    candidates of different statements share their other keys (``(ts) WHERE kind = 'error'``
    for one, ``(ts DESC) WHERE kind = 'security'`` for another: the same index read
    backwards), the column then those keys ``WHERE kind IN ('error', 'security')``. Selection
    takes it in place of the one-value indexes it merges when it serves their queries about as
    cheaply (``consolidate``): one index fewer to keep, the same rows written."""
    groups: dict[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], list[Candidate]] = {}
    for c in found:
        if c.kind != "partial" or c.method != "btree" or c.rare is None:
            continue
        key = (c.schema, c.table, c.rare[0], tuple(k.render() for k in _forward(c.keys)),
               c.include)
        groups.setdefault(key, []).append(c)
    out: list[Candidate] = []
    for (schema, table, column, _, include), group in groups.items():
        values = {c.rare[1]: c for c in group if c.rare is not None}
        if not 2 <= len(values) <= MERGE_MAX_VALUES:
            continue
        keys = _forward(group[0].keys)
        where = f"{sql.Identifier(column).as_string(None)} IN ({', '.join(sorted(values))})"
        fractions = [c.fraction for c in values.values()]
        fraction = sum(f for f in fractions if f is not None) if None not in fractions else None
        # led by the column (each value's rows apart), or on the other keys alone (the values'
        # rows interleaved, the column filtered: the planner costs its heap visits by the
        # first key's order, which the column's would spoil)
        variants = [keys] if keys[0].expr == column else [(KeyPart(column), *keys), keys]
        for ks in variants:
            out.append(Candidate(schema, table, "partial", ks, "btree", include, where,
                                 f"{len(values)} rare values of {column} together: one index "
                                 "for their queries", frozenset().union(*(c.columns for c in group)),
                                 fraction, parts=tuple(sorted({c.signature for c in group})),
                                 partitions=group[0].partitions))
    return out


def merged_covering(found: Sequence[Candidate], max_include: int) -> list[Candidate]:
    """One covering candidate for several queries: where covering candidates of different
    statements share their key (and WHERE) but INCLUDE different columns (``(account_id, ts)
    INCLUDE (kind)`` for one, ``INCLUDE (severity)`` for another), the key with the union of
    their INCLUDE columns, when it stays within ``max_include``: one index answers each of
    them alone, where two would each be written on every INSERT."""
    groups: dict[tuple[str, str, str, tuple[str, ...], str | None], list[Candidate]] = {}
    for c in found:
        if c.kind == "covering" and c.method == "btree":
            key = (c.schema, c.table, c.method, tuple(k.render() for k in c.keys), c.where)
            groups.setdefault(key, []).append(c)
    out: list[Candidate] = []
    for group in groups.values():
        union = tuple(sorted({i for c in group for i in c.include}))
        if len({c.include for c in group}) < 2 or len(union) > max_include:
            continue
        first = group[0]
        out.append(Candidate(first.schema, first.table, "covering", first.keys, first.method,
                              union, first.where, "INCLUDE the columns several queries read: "
                              "index-only for each", frozenset().union(*(c.columns for c in group)),
                              first.fraction, partitions=first.partitions))
    return out


NARROWING_MAX_FRACTION = 0.9  # a narrowing GIN must leave out at least a tenth of the rows
SPARSE_MIN_NULLS = 0.5  # a column NULL in at least half the rows gets a partial WHERE ... IS NOT NULL


def comparison_wheres(use: TableUse) -> list[str]:
    """The WHERE text of a partial index for each comparison of two columns of a row that
    ``use`` applies (``"qty_on_hand" < "reorder_point"``), as the candidate writes it."""
    return [f"{sql.Identifier(a).as_string(None)} {op} {sql.Identifier(b).as_string(None)}"
            for a, op, b in use.comparisons]


def _small_key(table: Table) -> list[KeyPart]:
    """A small key for a partial index whose query has no column a btree could use (``payload
    ? 'key'`` alone): the primary key's first column (none without a primary key)."""
    return [KeyPart(table.primary_key[0])] if table.primary_key else []


def _constant_conditions(plain: Iterable[Predicate], cols: Mapping[str, Column], n: float,
                         max_distinct: int) -> dict[str, tuple[str, float | None, bool]]:
    """The conditions of a query that are constant, a partial index's WHERE candidates: WHERE
    term -> (its column, the fraction of rows it keeps from pg_stats or None when only the
    planner can tell, whether a btree on the column itself is useless for it). An equality
    with a state of a column of at most ``max_distinct`` values, IS [NOT] NULL, a range
    against one literal, a containment or key operator against one literal."""
    out: dict[str, tuple[str, float | None, bool]] = {}
    for p in plain:
        col = cols.get(p.column)
        if col is None:
            continue
        ident = sql.Identifier(p.column).as_string(None)
        if p.kind == "eq" and p.constant is not None:
            if col.distinct_count(n) > max_distinct:
                continue  # a constant on a high-cardinality column is a parameter value, not a state
            out[f"{ident} = {sql.Literal(p.constant).as_string(None)}"] = (
                p.column, col.eq_selectivity(n, p.constant), False)
        elif p.kind == "isnull":
            out[f"{ident} IS NULL"] = (p.column, col.null_frac, False)
        elif p.kind == "notnull":
            out[f"{ident} IS NOT NULL"] = (p.column, 1.0 - col.null_frac, False)
        elif p.kind in ("range", "contains") and p.constant is not None and p.op is not None:
            out[f"{ident} {p.op} {sql.Literal(p.constant).as_string(None)}"] = (
                p.column, None, p.kind == "contains")
    return out


def conditions(preds: Iterable[Predicate], cols: Mapping[str, Column], n: float,
               max_distinct: int) -> dict[str, tuple[str, float]]:
    """The constant conditions on state columns a query applies (``status = 'published'``,
    ``deleted_at IS NULL``): WHERE term -> (its column, the fraction of rows it keeps)."""
    out: dict[str, tuple[str, float]] = {}
    for p in preds:
        col = cols.get(p.column)
        if col is None:
            continue
        ident = sql.Identifier(p.column).as_string(None)
        if p.kind == "eq" and p.constant is not None and col.distinct_count(n) <= max_distinct:
            out[f"{ident} = {sql.Literal(p.constant).as_string(None)}"] = (
                p.column, col.eq_selectivity(n, p.constant))
        elif p.kind == "isnull":
            out[f"{ident} IS NULL"] = (p.column, col.null_frac)
        elif p.kind == "notnull":
            out[f"{ident} IS NOT NULL"] = (p.column, 1.0 - col.null_frac)
    return out
