"""Monitoring views and functions: slow queries, index usage, bloat estimates, connections.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

Schema ``monitoring``: ``slow_queries`` (pg_stat_statements; its text is chosen from the
server version at migration time, because PostgreSQL 17 renamed blk_read_time to
shared_blk_read_time), ``index_usage``, ``table_bloat``, ``index_bloat``,
``connection_summary`` and ``long_running_queries(interval)``; readable by pg_monitor.
Where pg_stat_statements is not installed in the database, ``slow_queries`` is skipped with
a NOTICE (install the extension and run ``pgwarden migrate down 0004 && pgwarden migrate up``).

Locks: none on CMS tables (new objects in a new schema).

Data loss: none (views and a function only).
"""

from __future__ import annotations

from pgwarden.migrations import ops

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ops.run_file("schema/monitoring")
    if ops.relation_exists("pg_stat_statements"):
        ops.run_file_for("schema/monitoring_slow_queries")
    else:
        ops.notice("pg_stat_statements is not installed in this database: monitoring.slow_queries "
                   "was not created (CREATE EXTENSION pg_stat_statements, then re-apply 0005)")


def downgrade() -> None:
    ops.run_file("schema/monitoring_drop")
