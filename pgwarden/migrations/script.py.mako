"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

Locks: <which locks this revision takes, on what, for how long>
Data loss: <what the downgrade destroys, or delete this line when it destroys nothing>
"""

from __future__ import annotations

from alembic import op  # noqa: F401

from pgwarden.migrations import ops  # noqa: F401  (run_file, create_index_concurrently, ...)

${imports if imports else ""}
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
