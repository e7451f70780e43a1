"""Monitoring tests reuse the health fixtures (state schema)."""

from tests.health.conftest import state_schema  # noqa: F401
