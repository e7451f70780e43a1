"""Statistics materialized views: workshop_statistics and enrollments_per_day.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Both are created WITH NO DATA inside the revision's transaction (no scan of the base tables
while the migration holds locks), each with the unique index REFRESH ... CONCURRENTLY needs.
They are populated outside the migration's lock: right after the run by the runner (one
plain REFRESH per view in autocommit mode; it holds ACCESS SHARE on the base tables, so
writers never wait), or later by ``pgwarden maintain refresh`` when the run was told not to
(``[migrate] populate_views = false``, ``pgwarden migrate up --no-populate``).

Locks: ACCESS SHARE on the base tables while the view definitions are recorded.

Data loss: none (the views hold derived data; the downgrade drops them).
"""

from __future__ import annotations

from pgwarden.migrations import ops

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ops.run_file("schema/statistics")


def downgrade() -> None:
    ops.run_file("schema/statistics_drop")
