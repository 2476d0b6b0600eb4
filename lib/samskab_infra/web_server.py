"""nameko's HTTP server on a socket that no other process may share.

nameko's ``WebServer.start`` opens its socket with ``eventlet.listen``, which sets
``SO_REUSEPORT``; this server opens it with ``listen_exclusively`` instead, so a
second process configured with the same WEB_SERVER_ADDRESS fails at start-up.
"""
from __future__ import annotations

from nameko.web.server import WebServer

from .listening import listen_exclusively

WEB_SERVER_SETTING = "WEB_SERVER_ADDRESS"


class ExclusiveWebServer(WebServer):
    _starting: bool

    def start(self) -> None:
        if self._starting:
            return
        self._starting = True
        self._sock = listen_exclusively(tuple(self.bind_addr), WEB_SERVER_SETTING)
        # As nameko does: work around https://github.com/celery/kombu/issues/838
        self._sock.settimeout(None)
        self._serv = self.get_wsgi_server(self._sock, self.get_wsgi_app())
        self._gt = self.container.spawn_managed_thread(self.run)

    def stop(self) -> None:
        # A start that failed to bind left nothing to stop but the providers.
        if self._gt is None:
            self._is_accepting = False
            super(WebServer, self).stop()
            return
        super().stop()
