"""The WorkshopsAI CMS schema, one alembic revision per module (``version_locations``).

Each revision's docstring says what it does, what locks it takes and, when its downgrade
loses data, a line starting with ``Data loss:`` (``pgwarden migrate down`` asks for --yes).
"""
