"""Real servers on loopback for tests of notifications (and local demos): an SMTP
server (aiosmtpd) that keeps what it receives, and an HTTP receiver for webhooks.
Both run in a thread of the calling process on a free port; stop them when done."""
from __future__ import annotations

import email
import email.policy
import ssl
import threading
from collections.abc import Callable
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from samskab_dev.store_runner import free_port

Answer = tuple[int, dict[str, str], bytes]


class MailSink:
    """aiosmtpd handler: keeps every message; can refuse for a while or refuse recipients."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.transient_failures = 0
        self.refused_recipients: set[str] = set()
        self.port = 0
        self._controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused_recipients:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.transient_failures > 0:
            self.transient_failures -= 1
            return "451 4.3.0 try again later"
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages received for one address, oldest first."""
        return [m for m in list(self.messages) if any(a.addr_spec == address for a in m["To"].addresses)]

    def start(self) -> MailSink:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self._controller.start()
        self.port = self._controller.port
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()


class HttpReceiver:
    """An HTTP server in a thread; ``respond(request)`` decides each answer. Every
    request is kept as ``{"path", "headers", "body"}`` (headers with lower-case names).
    With ``tls`` (a server context) it speaks HTTPS; ``server_names`` keeps the name
    each client asked for in its TLS hello (SNI)."""

    def __init__(self, respond: Callable[[dict], Answer], tls: ssl.SSLContext | None = None):
        self.respond = respond
        self.server_names: list[str | None] = []
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = {"path": self.path, "headers": headers, "body": body}
                receiver.requests.append(request)
                status, answer_headers, answer = receiver.respond(request)
                self.send_response(status)
                for name, value in {**answer_headers, "content-length": str(len(answer))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.scheme = "https" if tls else "http"
        if tls is not None:
            tls.sni_callback = lambda _socket, name, _context: self.server_names.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/hook"

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def start(self) -> HttpReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
