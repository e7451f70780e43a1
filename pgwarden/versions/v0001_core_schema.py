"""Core schema: users, workshops, sessions, enrollments, questionnaires and the rest.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Creates the seventeen CMS tables with their keys, foreign keys and CHECK constraints
(``pgwarden/sql/schema/core.sql``). New tables only, in one transaction: it waits for no lock
that existing traffic holds.

Data loss: the downgrade drops every CMS table and all the data in them.
"""

from __future__ import annotations

from pgwarden.migrations import ops

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    ops.run_file("schema/core")


def downgrade() -> None:
    ops.run_file("schema/core_drop")
