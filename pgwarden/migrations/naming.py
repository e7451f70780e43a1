"""Names of the parts of an index on a partitioned table (no alembic import: the advisor's
``--format sql`` and the migration helper name them the same way)."""

from __future__ import annotations

import hashlib


def partition_index_name(name: str, partition: str) -> str:
    """The name of the index ``name``'s part on ``partition``: the partition's name and a hash
    of ``name`` (unique in the schema, at most 63 characters)."""
    digest = hashlib.blake2s(name.encode(), digest_size=3).hexdigest()
    return f"{partition[:50]}_{digest}_idx"
