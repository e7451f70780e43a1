"""Renames and drops that break the application code still running against the old schema."""

from __future__ import annotations

from collections.abc import Iterator

from pglast import enums

from pgwarden.analyzers.lint.model import State, Stmt, qualname, relname
from pgwarden.analyzers.lint.rule import BREAKING, Hit, rule

OT = enums.ObjectType
EXPAND = ("expand/contract: deploy code that no longer uses the old name first (or add a view / "
          "the new column alongside and dual-write), then drop or rename in a later release")


@rule("rename-table", summary="renaming a table breaks every running query that uses the old name",
      lock="AccessExclusiveLock", recipe=EXPAND, tier=BREAKING, nodes=("RenameStmt",))
def rename_table(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.renameType == OT.OBJECT_TABLE:
        yield Hit(f"RENAME {relname(n.relation)} TO {n.newname}", relname(n.relation))


@rule("rename-column", summary="renaming a column breaks every running query that uses the old name",
      lock="AccessExclusiveLock", recipe=EXPAND, tier=BREAKING, nodes=("RenameStmt",))
def rename_column(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.renameType == OT.OBJECT_COLUMN and n.relationType in (OT.OBJECT_TABLE, OT.OBJECT_MATVIEW):
        table = relname(n.relation)
        if st.new_column(table, str(n.subname)) is None:
            yield Hit(f"RENAME COLUMN {table}.{n.subname} TO {n.newname}", table)


# the relations whose queries resolve them by name through search_path
_MOVABLE = (OT.OBJECT_TABLE, OT.OBJECT_VIEW, OT.OBJECT_MATVIEW, OT.OBJECT_FOREIGN_TABLE)


@rule("set-schema",
      summary="moving a table (or view) to another schema breaks every running query that names "
              "it unqualified or by its old schema: the name no longer resolves",
      lock="AccessExclusiveLock", recipe=EXPAND + " (a view of the old name over the moved "
      "table bridges the release)", tier=BREAKING, nodes=("AlterObjectSchemaStmt",))
def set_schema(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.objectType in _MOVABLE and n.relation is not None:
        table = relname(n.relation)
        yield Hit(f"{table} SET SCHEMA {n.newschema}", table)


@rule("drop-table", summary="dropping a table breaks every running query that still uses it",
      lock="AccessExclusiveLock", recipe=EXPAND, tier=BREAKING, nodes=("DropStmt",))
def drop_table(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.removeType == OT.OBJECT_TABLE:
        for obj in n.objects or ():
            name = qualname(obj)
            # a name this migration created, or gave by RENAME: no running code uses it; a
            # partition (detached by this migration, or one by the catalog): queries go through
            # the parent, and dropping an old partition is how its rows are retired
            if name not in st.created_tables and name not in st.renamed_to \
                    and name not in st.detached and name not in st.partitions:
                yield Hit(f"DROP TABLE {name}")


@rule("drop-column", summary="dropping a column breaks running code that still selects or writes it",
      lock="AccessExclusiveLock", recipe=EXPAND, tier=BREAKING, nodes=("AlterTableStmt",))
def drop_column(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == enums.AlterTableType.AT_DropColumn:
            if st.new_column(table, str(cmd.name)) is None:
                yield Hit(f"DROP COLUMN {table}.{cmd.name}", table)


@rule("column-type-used-by-view",
      summary="ALTER COLUMN … TYPE on a column a view, materialized view or rule reads fails "
              "(ERROR: cannot alter type of a column used by a view or rule), whatever the types",
      lock=None, blocks="nothing: the migration fails (known with --dsn, which reads the views)",
      recipe="in one transaction: DROP VIEW v; ALTER TABLE … ALTER COLUMN … TYPE …; CREATE VIEW v AS "
             "… (the same definition); a materialized view is refilled by its CREATE (WITH NO DATA, "
             "then REFRESH after COMMIT, keeps the transaction short)",
      tier=BREAKING, nodes=("AlterTableStmt",))
def column_type_used_by_view(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == enums.AlterTableType.AT_AlterColumnType:
            views = st.view_columns.get((table, str(cmd.name)))
            if views:
                yield Hit(f"ALTER COLUMN {cmd.name} TYPE on {table} fails: "
                          f"{', '.join(sorted(views))} reads it", table)
