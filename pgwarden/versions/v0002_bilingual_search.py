"""Bilingual full-text search: Polish (hunspell), English and accent-free, on workshops.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Text search configurations ``polish`` (hunspell-pl dictionary, then ``simple`` for unknown
words; ``simple`` alone with a NOTICE when the server lacks the dictionary files) and
``simple_unaccent`` (``unaccent`` + ``simple``: "zlobek" finds "żłobek"); English uses the
built-in ``english``. ``workshops.search_vector`` holds the weighted document (title A, short
description B, description C, each in Polish and English; title and short description also
accent-free, see docs/search.md for why not the description), searched through a GIN index with
``search_vector @@ workshop_search_query(:q)``. ``workshop_search(config, q, max_rows)`` is the
public search (live published workshops, best ts_rank first); revision 0006 can rank it in a
RUM index instead.

Trigger, not a generated column: a STORED generated column needs IMMUTABLE expressions
(``unaccent`` is only STABLE, and a regconfig named by text resolves through search_path), and
``ADD COLUMN ... GENERATED ALWAYS AS (...) STORED`` rewrites the whole table under ACCESS
EXCLUSIVE: every read and write of workshops waits for the rewrite. A plain nullable column is
added in metadata only, the trigger keeps new writes current, existing rows are back-filled in
batches of 500 (each its own transaction, row locks only) and the GIN index is built
CONCURRENTLY. The trigger fires only when a text column changes, so the frequent seat-count
updates never load the dictionary.

Locks: ACCESS EXCLUSIVE on workshops for the ADD COLUMN and SHARE ROW EXCLUSIVE for the
trigger, each within lock_timeout, for milliseconds; row locks during the backfill; SHARE
UPDATE EXCLUSIVE (blocks no reader or writer) during the index build.

Data loss: none (the downgrade drops search_vector, which is derived from the texts).
"""

from __future__ import annotations

from pgwarden.migrations import ops

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ops.set_local("pgwarden.polish_dictionary", ops.settings().polish_dictionary)
    ops.run_file("schema/search")
    ops.run_batches("schema/search_backfill")
    ops.create_index_concurrently("workshops_search_vector_idx", "workshops", ["search_vector"],
                                  using="gin")
    ops.run_file("schema/search_rank_ts")


def downgrade() -> None:
    ops.drop_index_concurrently("workshops_search_vector_idx")
    ops.run_file("schema/search_drop")
