"""HTTP receivers for webhook tests: a real server in a thread, and how it answers."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from samskab_common.store_runner import free_port

Answer = tuple[int, dict[str, str], bytes]


class HttpReceiver:
    """An HTTP server in a thread; ``respond(request)`` decides each answer."""

    def __init__(self, respond: Callable[[dict], Answer]):
        self.respond = respond
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                request = {"path": self.path, "headers": dict(self.headers.items()), "body": body}
                receiver.requests.append(request)
                status, headers, answer = receiver.respond(request)
                self.send_response(status)
                for name, value in {**headers, "content-length": str(len(answer))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def start(self) -> HttpReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def ok(_request: dict) -> Answer:
    return 200, {}, b"ok"


def failing_then_ok(failures: int) -> Callable[[dict], Answer]:
    state = {"left": failures}

    def respond(_request: dict) -> Answer:
        if state["left"] > 0:
            state["left"] -= 1
            return 503, {}, b"database is down " * 100
        return 200, {}, b"thanks"
    return respond


def slow(seconds: float) -> Callable[[dict], Answer]:
    def respond(_request: dict) -> Answer:
        time.sleep(seconds)
        return 200, {}, b"late"
    return respond
