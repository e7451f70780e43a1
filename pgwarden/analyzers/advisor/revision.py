"""Phase 8, revision: ``--write-revision`` writes the advice as an alembic revision chained onto the head.

The revision builds each index with ``CREATE INDEX CONCURRENTLY`` outside a transaction and
drops it ``CONCURRENTLY`` on downgrade, through ``pgwarden.migrations.ops`` (which also
handles a killed build's INVALID leftover). Without that helper it falls back to alembic's
``autocommit_block`` and drops an invalid leftover of the same name first itself, since
``IF NOT EXISTS`` would silently keep it. The head is read with alembic's ScriptDirectory.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from pathlib import Path

from pgwarden.analyzers.advisor.selection import Decision
from pgwarden.errors import UsageError

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "versions"

_TEMPLATE = '''"""{message}

Revision ID: {revision}
Revises: {down}
Create Date: {date}

Written by `pgwarden advise --write-revision`. Each index is built with CREATE INDEX
CONCURRENTLY outside the revision's transaction ({helper}); a killed
run leaves an INVALID index that the re-run drops and builds again. Why each one:
{explanations}
Locks: SHARE UPDATE EXCLUSIVE on each table during its build (blocks no DML).

Data loss: none (the downgrade drops these indexes only).
"""

from __future__ import annotations

{imports}

revision = {revision!r}
down_revision = {down!r}
branch_labels = None
depends_on = None

{body}'''

_WITH_OPS = '''# (name, table, columns, options), as pgwarden.migrations.ops takes them
INDEXES: list[tuple[str, str, list[str], dict[str, object]]] = [
{indexes}]


def upgrade() -> None:
    for name, table, columns, options in INDEXES:
        ops.create_index_concurrently(name, table, columns, **options)  # type: ignore[arg-type]


def downgrade() -> None:
    for name, _table, _columns, options in reversed(INDEXES):
        ops.drop_index_concurrently(name, str(options.get("schema", "public")))
'''

_PLAIN = '''# (schema, index name, statement): CREATE INDEX CONCURRENTLY; on a partitioned table the steps
# that build it without blocking writes (ON ONLY the table, CONCURRENTLY on each partition, ATTACH)
INDEXES = [
{indexes}]

_IS_VALID = sa.text("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(:name)")


def upgrade() -> None:
    bind = op.get_bind()
    with op.get_context().autocommit_block():
        for schema, name, ddl in INDEXES:
            qualified = f'"{{schema}}"."{{name}}"'
            # a killed CONCURRENTLY build leaves an invalid index that IF NOT EXISTS would keep
            # (an index ON ONLY a partitioned table is invalid until its parts are attached)
            if " CONCURRENTLY " in ddl and \
                    bind.execute(_IS_VALID, {{"name": qualified}}).scalar() is False:
                op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {{qualified}}")
            op.execute(ddl)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        # a partitioned table's index goes first, with its partitions' parts (it cannot be
        # dropped CONCURRENTLY, nor can a part while attached)
        for schema, name, ddl in INDEXES:
            if " ON ONLY " in ddl:
                op.execute(f'DROP INDEX IF EXISTS "{{schema}}"."{{name}}"')
        for schema, name, ddl in reversed(INDEXES):
            if ddl.startswith("CREATE INDEX CONCURRENTLY"):
                op.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{{schema}}"."{{name}}"')
'''


def _has_ops_helper() -> bool:
    try:
        from pgwarden.migrations import ops
    except ImportError:
        return False
    return hasattr(ops, "create_index_concurrently") and hasattr(ops, "drop_index_concurrently")


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


def write_revision(kept: Sequence[Decision], directory: Path | None = None) -> Path:
    """Write the revision file for the kept indexes into ``directory``; returns its path."""
    if not kept:
        raise UsageError("--write-revision: the advisor keeps no index, so there is nothing to write")
    folder = directory or DEFAULT_DIR
    down = current_head(folder)
    if down is not None and down.isdigit():
        revision = str(int(down) + 1).zfill(len(down))
    else:
        revision = uuid.uuid4().hex[:12]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    explanations = "\n".join(_wrap(f"- {d.candidate.name}: {d.reason}") for d in kept) + "\n"
    helper = _has_ops_helper()
    lines = []
    for d in kept:
        c = d.candidate
        if helper:
            options: dict[str, object] = {}
            if c.method != "btree":
                options["using"] = c.method
            if c.include:
                options["include"] = list(c.include)
            if c.where:
                options["where"] = c.where
            if c.schema != "public":
                options["schema"] = c.schema
            cols = [k.render() for k in c.keys]
            lines.append(f"    ({c.name!r}, {c.table!r},\n     {cols!r},\n     {options!r}),\n")
        else:
            lines += [f"    ({c.schema!r}, {name!r},\n     {text!r}),\n" for name, text in c.steps()]
    body = (_WITH_OPS if helper else _PLAIN).format(indexes="".join(lines))
    imports = ("from pgwarden.migrations import ops" if helper
               else "import sqlalchemy as sa\nfrom alembic import op")
    text = _TEMPLATE.format(
        message=f"Indexes suggested by pgwarden advise ({len(kept)})", revision=revision,
        down=down, date=now.isoformat(), explanations=explanations, imports=imports, body=body,
        helper="pgwarden.migrations.ops" if helper else "alembic's autocommit_block")
    path = folder / f"v{revision}_advised_indexes.py"
    if path.exists():
        raise UsageError(f"--write-revision: {path} already exists")
    path.write_text(text, encoding="utf-8")
    return path
def _wrap(text: str, width: int = 100) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, subsequent_indent="  ")) or text
