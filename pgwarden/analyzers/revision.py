"""``--write-revision``: the advice as an alembic revision chained onto the current head.

The revision builds each index with ``CREATE INDEX CONCURRENTLY`` outside a transaction
(alembic's ``autocommit_block``) and drops it ``CONCURRENTLY`` on downgrade. A build that was
killed half-way leaves an INVALID index behind, which ``IF NOT EXISTS`` would silently keep:
the upgrade drops an invalid leftover of the same name first, so a re-run finishes the job.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from pathlib import Path

from pgwarden.analyzers.selection import Decision
from pgwarden.errors import UsageError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "versions"

_TEMPLATE = '''"""{message}

Written by `pgwarden advise --write-revision` on {date}.
{explanations}
Revision ID: {revision}
Revises: {down}
Create Date: {date}
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = {revision!r}
down_revision = {down!r}
branch_labels = None
depends_on = None

# (index name, CREATE INDEX CONCURRENTLY statement)
INDEXES = [
{indexes}]

_IS_VALID = sa.text("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(:name)")


def upgrade() -> None:
    bind = op.get_bind()
    with op.get_context().autocommit_block():
        for name, ddl in INDEXES:
            # a killed CONCURRENTLY build leaves an invalid index that IF NOT EXISTS would keep
            if bind.execute(_IS_VALID, {{"name": name}}).scalar() is False:
                op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {{name}}")
            op.execute(ddl)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for name, _ddl in reversed(INDEXES):
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {{name}}")
'''


def current_head(directory: Path) -> str | None:
    """The single head revision of the versions folder (None when it is empty)."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    if not directory.is_dir():
        raise UsageError(f"--write-revision: {str(directory)!r} is not a directory")
    try:
        script = ScriptDirectory(str(directory), version_locations=[str(directory)])
        heads = script.get_heads()
    except CommandError as exc:
        raise UsageError(f"--write-revision: cannot read the revisions in {directory}: {exc}") from None
    if len(heads) > 1:
        raise UsageError(f"--write-revision: {directory} has several heads ({', '.join(heads)})",
                         hint="merge them first: alembic merge heads")
    return heads[0] if heads else None


def write_revision(kept: Sequence[Decision], directory: Path | None = None, *,
                   schema_qualify: bool = True) -> Path:
    """Write the revision file for the kept indexes; returns its path."""
    if not kept:
        raise UsageError("--write-revision: the advisor keeps no index, so there is nothing to write")
    folder = directory or DEFAULT_DIR
    down = current_head(folder)
    revision = uuid.uuid4().hex[:12]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    names = ", ".join(d.candidate.name for d in kept)
    message = f"Indexes suggested by pgwarden advise: {names}"
    lines = []
    explanations = []
    for d in kept:
        qualified = f"{d.candidate.schema}.{d.candidate.name}" if schema_qualify else d.candidate.name
        lines.append(f"    ({qualified!r},\n     {d.candidate.ddl()!r}),\n")
        explanations.append(f"- {d.candidate.name}: {d.reason}")
    body = _TEMPLATE.format(message=_wrap(message), date=now.isoformat(), revision=revision,
                            down=down, indexes="".join(lines),
                            explanations="\n".join(_wrap(e) for e in explanations) + "\n")
    slug = re.sub(r"[^a-z0-9]+", "_", "advise_indexes")
    path = folder / f"{now:%Y%m%d_%H%M%S}_{revision}_{slug}.py"
    path.write_text(body, encoding="utf-8")
    return path


def _wrap(text: str, width: int = 100) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, subsequent_indent="  ")) or text
