"""Test ports never come from the range the kernel gives outgoing connections: one of them
could take the port before the process that was to listen on it starts (a service that
never served RPC in CI)."""
from __future__ import annotations

import socket
from contextlib import closing

import pytest

from samskab_dev import store_runner
from samskab_dev.store_runner import free_port

pytestmark = pytest.mark.unit


def test_a_free_port_is_outside_the_ephemeral_range_and_can_be_listened_on():
    low, high = store_runner._ephemeral_range()
    port = free_port()
    assert not low <= port <= high
    with closing(socket.socket()) as listener:
        listener.bind(("127.0.0.1", port))
        listener.listen()


def test_ports_chosen_together_differ():
    ports = [free_port() for _ in range(300)]
    assert len(set(ports)) == len(ports)


def test_a_port_something_listens_on_is_never_chosen(monkeypatch):
    with closing(socket.socket()) as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        taken_port = taken.getsockname()[1]
        offered: list[int] = []
        real_choice = store_runner.random.choice

        def taken_first(ports):  # the taken port is offered twice before any other
            offered.append(taken_port if len(offered) < 2 else real_choice(ports))
            return offered[-1]

        monkeypatch.setattr(store_runner.random, "choice", taken_first)
        monkeypatch.setattr(store_runner, "_handed_out", set())
        assert free_port() != taken_port
        assert offered[:2] == [taken_port, taken_port]
