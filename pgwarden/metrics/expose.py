"""Expose the collector: text format, an atomic textfile, or a loopback HTTP endpoint."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest, start_http_server, write_to_textfile

from pgwarden.errors import UsageError
from pgwarden.health.settings import HealthSettings, MetricsSettings
from pgwarden.metrics.collector import PgwardenCollector


def registry_for(dsn: str, settings: MetricsSettings | None = None,
                 health: HealthSettings | None = None) -> tuple[CollectorRegistry, PgwardenCollector]:
    """A fresh registry holding only pgwarden's collector (no process/platform metrics)."""
    reg = CollectorRegistry(auto_describe=False)
    collector = PgwardenCollector(dsn, settings, health)
    reg.register(collector)
    return reg, collector


def render(dsn: str, settings: MetricsSettings | None = None,
           health: HealthSettings | None = None) -> tuple[bytes, list[str]]:
    """One collection in the Prometheus text format, and what could not be collected."""
    reg, collector = registry_for(dsn, settings, health)
    return generate_latest(reg), collector.errors


def write_textfile(path: str | os.PathLike[str], dsn: str, settings: MetricsSettings | None = None,
                   health: HealthSettings | None = None) -> list[str]:
    """Write one collection to ``path`` atomically (prometheus-client's temp file in the same
    folder + rename), so node_exporter's textfile collector never reads a half-written file."""
    target = check_textfile(path)
    reg, collector = registry_for(dsn, settings, health)
    # prometheus-client writes a temp file beside the target and renames it over (atomic)
    write_to_textfile(str(target), reg)
    return collector.errors


def check_textfile(path: str | os.PathLike[str]) -> Path:
    """``path`` as a --textfile: its folder exists and it ends in .prom (node_exporter's rule)."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"--textfile: folder {target.parent} does not exist")
    if target.suffix != ".prom":
        raise UsageError("--textfile: node_exporter reads only files ending in .prom")
    return target


def parse_listen(text: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:9188`` for IPv6) -> (host, port)."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--listen: expected host:port such as 127.0.0.1:9188, got {text!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


def serve(dsn: str, host: str, port: int, settings: MetricsSettings | None = None,
          health: HealthSettings | None = None, stop: threading.Event | None = None,
          on_ready: Callable[[], None] | None = None) -> None:
    """Serve /metrics on host:port until ``stop`` is set (or forever); each scrape collects.
    ``on_ready`` is called once the address is bound (to announce it only when it is true)."""
    reg, _ = registry_for(dsn, settings, health)
    serve_registry(reg, host, port, stop=stop, on_ready=on_ready)


def serve_registry(reg: CollectorRegistry, host: str, port: int,
                   stop: threading.Event | None = None,
                   on_ready: Callable[[], None] | None = None) -> None:
    """Serve ``reg`` on host:port until ``stop`` is set (or forever)."""
    try:
        server, thread = start_http_server(port, addr=host, registry=reg)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    if on_ready is not None:
        on_ready()
    try:
        (stop or threading.Event()).wait()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
