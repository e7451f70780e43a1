"""``pgwarden metrics``: Prometheus metrics that postgres_exporter does not give.

Public API: ``PgwardenCollector`` (a prometheus_client custom collector that queries the
database on every collection), ``render(dsn, ...) -> bytes`` (the text exposition format),
``write_textfile(path, ...)`` (atomic, for node_exporter's textfile collector) and
``serve(dsn, host, port, ...)``.
"""

from __future__ import annotations

from pgwarden.metrics.collector import PgwardenCollector
from pgwarden.metrics.expose import parse_listen, render, serve, write_textfile

__all__ = ["PgwardenCollector", "parse_listen", "render", "serve", "write_textfile"]
