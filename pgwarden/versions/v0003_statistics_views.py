"""Statistics materialized views: workshop_statistics, enrollments_per_day, questionnaire_responses_daily.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

- ``workshop_statistics``: one row per live workshop (enrollment counts by status, seats left,
  sessions, responses, average feedback rating, next session, last enrollment).
- ``enrollments_per_day``: enrollments per workshop per Warsaw calendar day.
- ``questionnaire_responses_daily``: responses and distinct respondents per questionnaire per
  UTC day, closed days only (before the refresh's UTC midnight): the rollup behind the
  sociologist's dashboard query, which adds the days after a questionnaire's latest rolled-up
  day live from ``responses``. A response committed late into a day already rolled up appears at
  the next refresh.

All three are created WITH NO DATA inside the revision's transaction (no scan of the base tables
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
