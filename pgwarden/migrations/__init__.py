"""pgwarden's alembic environment: the lock-safe runner and the helper operations revisions use.

``env.py`` (loaded by alembic from ``script_location = pgwarden:migrations``) hands over to
``runner``; revisions import ``pgwarden.migrations.ops`` for SQL files and CONCURRENTLY
index builds. ``settings.MigrateSettings`` is the ``[migrate]`` section of pgwarden.toml.
"""
