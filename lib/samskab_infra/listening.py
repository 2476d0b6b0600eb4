"""Listening sockets that refuse to share their port.

``eventlet.listen``, and with it nameko's web server, sets ``SO_REUSEPORT`` unless told
otherwise. Then a second system started on the same port binds without complaint and
the kernel splits connections between the two (issue 12, failure 6). Every socket we
listen on is opened here, without ``SO_REUSEPORT``, so a taken port fails loudly and
says which setting moves it. ``SO_REUSEADDR`` stays: on Linux it lets a restart bind
while old connections linger in TIME_WAIT, but never lets two sockets listen at once.
"""
from __future__ import annotations

import errno
import socket

import eventlet


class PortInUse(OSError):
    """Another process listens on the address; the message names the setting to change."""

    def __init__(self, host: str, port: int, setting: str) -> None:
        super().__init__(errno.EADDRINUSE, f"{host or '0.0.0.0'}:{port} is already in use by another process; "
                                           f"set {setting} to a free port")
        self.host = host
        self.port = port
        self.setting = setting

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def listen_exclusively(address: tuple[str, int], setting: str, backlog: int = 50) -> socket.socket:
    """A green listening socket on ``address`` that no other socket may share.

    ``setting`` names the configuration that chooses the port, for the error message."""
    try:
        return eventlet.listen(address, reuse_addr=True, reuse_port=False, backlog=backlog)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(address[0], address[1], setting) from exc
        raise


def port_in_use(host: str, port: int) -> bool:
    """Whether a listener on ``host:port`` would fail, probed with a plain socket opened
    the way ``listen_exclusively`` opens one (so lingering TIME_WAIT connections do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            probe.listen(1)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return True
            raise
    return False
