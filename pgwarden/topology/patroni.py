"""A small client of Patroni's REST API: who the members are, their roles and lag, who leads.

Two endpoints are enough (both plain GETs, no authentication in Patroni's default set-up):

- ``GET /cluster`` on any member lists every member with ``name``, ``role`` (``leader``,
  ``replica``, ``sync_standby``; ``standby_leader`` in a standby cluster, which is read-only),
  ``state``, the PostgreSQL ``host``/``port``, ``timeline`` and replica ``lag`` in bytes.
- ``GET /primary`` answers 200 only on the member that holds the leader lock (503 elsewhere).

Asked again before each batch, never cached. A URL that does not answer is a one-line
``PatroniError`` (exit 4, like a server that cannot be reached), never a traceback.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from pgwarden.db import redact
from pgwarden.errors import ConfigError, ConnectError

DEFAULT_TIMEOUT = 3.0


class PatroniError(ConnectError):
    """Patroni's REST API could not be read (exit 4)."""


@dataclass(frozen=True)
class Member:
    """One member of a Patroni cluster as ``/cluster`` lists it."""

    name: str
    role: str
    state: str
    host: str | None
    port: int | None
    api_url: str | None = None
    timeline: int | None = None
    lag: int | None = None       # bytes behind the leader (None: unknown or the leader)

    @property
    def is_leader(self) -> bool:
        """Holds the leader lock of a primary cluster (a ``standby_leader`` is read-only)."""
        return self.role in ("leader", "master", "primary")

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}" if self.host else "?"

    def describe(self) -> str:
        return f"{self.name} ({self.address})"


@dataclass(frozen=True)
class ClusterView:
    """What ``/cluster`` answered."""

    url: str
    members: tuple[Member, ...]

    @property
    def leader(self) -> Member | None:
        return next((m for m in self.members if m.is_leader), None)

    def member_at(self, host: str | None, port: int | None) -> Member | None:
        """The member whose PostgreSQL listens on ``host:port`` (``localhost`` and loopback
        addresses are the same host), or None."""
        want = _norm_host(host)
        for m in self.members:
            if m.port == port and _norm_host(m.host) == want:
                return m
        return None


def check_url(url: str) -> str:
    """``url`` without a trailing slash; a ConfigError (exit 2) unless it is http(s)://host[:port]."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"[topology] patroni: expected a Patroni REST API URL like "
                          f"http://host:8008, got {redact(url)!r}")
    return url.strip().rstrip("/")


def _get(url: str, path: str, timeout: float) -> tuple[int, Any]:
    base = check_url(url)
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as resp:  # noqa: S310 - http(s) checked
            status, body = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        raise PatroniError(f"Patroni's REST API at {redact(base)} does not answer: {reason}",
                           hint="check [topology] patroni (the URL of a member's REST API, "
                                "port 8008 by default) and that Patroni runs") from None
    try:
        data = json.loads(body) if body else None
    except ValueError:
        raise PatroniError(f"{redact(base)}{path} did not answer with JSON: is it Patroni's "
                           "REST API?") from None
    return status, data


def read_cluster(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> ClusterView:
    """``GET /cluster``: every member with its role, state, address, timeline and lag."""
    status, data = _get(url, "/cluster", timeout)
    if status != 200 or not isinstance(data, dict) or not isinstance(data.get("members"), list):
        raise PatroniError(f"{redact(check_url(url))}/cluster answered {status} without a member "
                           "list: is it Patroni's REST API?")
    return ClusterView(url=check_url(url), members=tuple(_member(m) for m in data["members"]
                                                          if isinstance(m, dict)))


def is_primary(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> bool:
    """``GET /primary`` on the member at ``url``: True only when it holds the leader lock."""
    status, _ = _get(url, "/primary", timeout)
    return status == 200


def _member(m: dict[str, Any]) -> Member:
    lag = m.get("lag")
    return Member(name=str(m.get("name", "?")), role=str(m.get("role", "")),
                  state=str(m.get("state", "")), host=m.get("host"),
                  port=_int(m.get("port")), api_url=m.get("api_url"),
                  timeline=_int(m.get("timeline")), lag=_int(lag))


def _int(v: Any) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _norm_host(host: str | None) -> str:
    h = (host or "").strip().lower()
    return "127.0.0.1" if h in ("localhost", "::1", "127.0.0.1", "") else h
