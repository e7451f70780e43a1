"""free_port: never the same port twice in one process, and within PGWARDEN_PORT_RANGE when set
(the test runner's two simultaneous passes each get a range of their own)."""

from __future__ import annotations

import socket

import pytest

from pgwarden.local import _proc, free_port


def test_the_kernels_choice_is_never_handed_out_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_proc.PORT_RANGE_ENV, raising=False)
    ports = [free_port() for _ in range(300)]
    assert len(set(ports)) == len(ports)


def test_ports_come_from_the_range_and_skip_a_busy_one(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        low, high = taken - 20, taken + 20
        monkeypatch.setenv(_proc.PORT_RANGE_ENV, f"{low}-{high}")
        assert _proc.port_range() == (low, high)
        ports = [free_port() for _ in range(15)]
        assert all(low <= p <= high for p in ports)
        assert taken not in ports
        assert len(set(ports)) == len(ports)


@pytest.mark.parametrize("value", ["", "abc", "30000", "30000-", "40000-30000", "80-90",
                                   "30000-70000"])
def test_a_malformed_range_is_ignored(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(_proc.PORT_RANGE_ENV, value)
    assert _proc.port_range() is None
    assert 1024 <= free_port() <= 65535
