"""Our listening sockets never share a port (issue 12, failure 6)."""
from __future__ import annotations

import socket
from contextlib import closing

import pytest

from samskab_infra.listening import PortInUse, listen_exclusively, port_in_use

pytestmark = pytest.mark.unit


def listener_like_the_old_gateway() -> socket.socket:
    """What eventlet.listen opened before: SO_REUSEADDR and SO_REUSEPORT."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def test_our_listening_socket_never_sets_so_reuseport():
    with closing(listen_exclusively(("127.0.0.1", 0), "SOME_SETTING")) as sock:
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 0
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0


def test_a_second_listener_on_the_port_fails_and_names_the_setting():
    with closing(listen_exclusively(("127.0.0.1", 0), "FIRST")) as first:
        port = first.getsockname()[1]
        with pytest.raises(PortInUse) as refused:
            listen_exclusively(("127.0.0.1", port), "WEB_SERVER_ADDRESS")
    assert str(refused.value) == (f"127.0.0.1:{port} is already in use by another process; "
                                  "set WEB_SERVER_ADDRESS to a free port")
    assert refused.value.port == port


def test_a_port_shared_by_so_reuseport_listeners_is_refused_too():
    with closing(listener_like_the_old_gateway()) as other:
        port = other.getsockname()[1]
        with pytest.raises(PortInUse):
            listen_exclusively(("127.0.0.1", port), "WEB_SERVER_ADDRESS")


def test_the_probe_sees_a_taken_port_and_a_free_one():
    with closing(listener_like_the_old_gateway()) as other:
        port = other.getsockname()[1]
        assert port_in_use("127.0.0.1", port)
        assert port_in_use("0.0.0.0", port)
    assert not port_in_use("127.0.0.1", port)
