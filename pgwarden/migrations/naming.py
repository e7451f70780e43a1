"""The parts of an index on a partitioned table: their names and the order they are built in
(no alembic import: the advisor's ``--format sql`` and the migration helper build them the same
way)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


def partition_index_name(name: str, partition: str) -> str:
    """The name of the index ``name``'s part on ``partition``: the partition's name and a hash
    of ``name`` (unique in the schema, at most 63 characters)."""
    digest = hashlib.blake2s(name.encode(), digest_size=3).hexdigest()
    return f"{partition[:50]}_{digest}_idx"


@dataclass(frozen=True)
class PartitionLayout:
    """Where the index ``name`` on a partitioned table needs parts: (schema, table, index name)
    of each partitioned partition (built ``ON ONLY`` it) and of each leaf (built
    CONCURRENTLY), parents first; (parent's schema, parent's index, schema, child's index) of
    each attachment, the deepest first; and how many foreign partitions were left out (they
    cannot have an index)."""

    inner: tuple[tuple[str, str, str], ...]
    leaves: tuple[tuple[str, str, str], ...]
    attach: tuple[tuple[str, str, str, str], ...]
    foreign: int


def partition_layout(schema: str, table: str, name: str,
                     partitions: Iterable[tuple[str, str, str, str, bool, bool]]
                     ) -> PartitionLayout:
    """The layout of the index ``name`` on ``schema.table`` over ``partitions``: (schema,
    table, parent's schema, parent's table, leaf, foreign) of each, parents first."""
    named = {(schema, table): name}
    parts = list(partitions)
    kept = [p for p in parts if not p[5]]
    for p_schema, p_table, *_ in kept:
        named[(p_schema, p_table)] = partition_index_name(name, p_table)
    inner = tuple((s, t, named[(s, t)]) for s, t, _ps, _pt, leaf, _f in kept if not leaf)
    leaves = tuple((s, t, named[(s, t)]) for s, t, _ps, _pt, leaf, _f in kept if leaf)
    attach = tuple((ps, named[(ps, pt)], s, named[(s, t)])
                   for s, t, ps, pt, _leaf, _f in reversed(kept) if (ps, pt) in named)
    return PartitionLayout(inner, leaves, attach, len(parts) - len(kept))
