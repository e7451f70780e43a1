"""Metrics tests reuse the health fixtures (sessions, state schema, roles)."""

from tests.health.conftest import monitor_dsn, plain_dsn, sessions, state_schema  # noqa: F401
