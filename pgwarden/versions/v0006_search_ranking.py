"""Search ranking inside a RUM index: the public search reads only the rows it returns.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

``workshop_search(config, q, max_rows)`` (revision 0002) ranks with ts_rank: it reads and
ranks the vector of every match, and a popular phrase matches thousands of live published
workshops. With the ``rum`` extension (Debian: ``postgresql-NN-rum``) this revision builds
the partial RUM index ``workshops_search_rank_idx`` on live published workshops, CONCURRENTLY;
it stores each lexeme's positions and weights, so an index scan returns the best matches in
rank order and only the rows returned are read from the heap. ``workshop_search`` is then
replaced by the RUM-ranked version (same signature and columns; see search_rank_rum.sql for how
its rank compares with ts_rank), after the index is valid.

``[migrate] search_ranking``: ``auto`` (default) uses rum when the server has it and the role
may create it, else keeps ts_rank with a NOTICE; ``rum`` fails without it; ``ts_rank`` leaves
the search as it is. Offline (``pgwarden migrate sql``) ``auto`` writes the rum script.

Locks: SHARE UPDATE EXCLUSIVE on workshops during the build (blocks no reader or writer); the
function is replaced in a transaction of its own.

Data loss: none (the downgrade puts the ts_rank function back and drops the index; the rum
extension stays installed: DROP EXTENSION rum by hand if nothing else uses it).
"""

from __future__ import annotations

from pgwarden.errors import MissingExtension
from pgwarden.migrations import ops

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEX = "workshops_search_rank_idx"


def upgrade() -> None:
    mode = ops.settings().search_ranking
    if mode == "ts_rank":
        ops.notice("[migrate] search_ranking = ts_rank: searches keep ranking every match with ts_rank")
        return
    if ops.offline():
        ops.execute_sql("CREATE EXTENSION IF NOT EXISTS rum")
    else:
        ops.run_file("schema/rum_extension")
    if not ops.extension_installed("rum"):
        if mode == "rum":
            raise MissingExtension(
                "[migrate] search_ranking = rum, but the rum extension is not installed in this database",
                hint="install postgresql-NN-rum on the server and run CREATE EXTENSION rum as a superuser")
        return
    ops.create_index_concurrently(INDEX, "workshops", ["search_vector rum_tsvector_ops"], using="rum",
                                  where="status = 'published' AND deleted_at IS NULL")
    ops.run_file("schema/search_rank_rum")


def downgrade() -> None:
    ops.run_file("schema/search_rank_ts")
    ops.drop_index_concurrently(INDEX)
