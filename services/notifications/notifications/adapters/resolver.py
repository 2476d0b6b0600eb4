"""Name resolution, the system's adapter of the url_policy.Resolver port: used by the
registration check and, once per attempt, by the pinned webhook client."""
from __future__ import annotations

import socket


def system_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))
