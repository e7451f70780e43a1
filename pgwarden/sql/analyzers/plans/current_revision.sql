-- The alembic revision a database is at (one row per head; none when never migrated).
SELECT version_num FROM alembic_version
