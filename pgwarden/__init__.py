"""pgwarden: keeps a PostgreSQL database fast and safe.

Public surface: the command functions live in their units (``pgwarden.maintenance``,
``pgwarden.analyzers``...); this module only carries the version.
"""

__version__ = "0.1.0"
