"""A reference receiver for Samskab webhooks (Standard Webhooks), standard library only.

    WEBHOOK_SECRETS=whsec_... PORT=8081 python3 receiver.py

It checks the signature and the timestamp before it trusts anything, answers
quickly (2xx), and ignores a ``webhook-id`` it has already handled (retries
and replays reuse the id). See README.md.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_S = 5 * 60
MAX_BODY_BYTES = 1_000_000


class InvalidWebhook(ValueError):
    pass


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def verify(body: bytes, headers: Mapping[str, str], secrets: Iterable[str], *,
           now: float | None = None, tolerance_s: int = TOLERANCE_S) -> dict:
    """Return the parsed payload if one of ``secrets`` signed it recently; else raise.

    During a secret rotation pass both the new and the old secret."""
    h = {k.lower(): v for k, v in headers.items()}
    msg_id, timestamp, signatures = h.get("webhook-id"), h.get("webhook-timestamp"), h.get(
        "webhook-signature")
    if not (msg_id and timestamp and signatures):
        raise InvalidWebhook("missing webhook headers")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise InvalidWebhook("bad webhook-timestamp") from None
    if abs((time.time() if now is None else now) - sent_at) > tolerance_s:
        raise InvalidWebhook("timestamp too old or too new (replayed request?)")
    signed = f"{msg_id}.{sent_at}.".encode() + body
    offered = [s.split(",", 1)[1] for s in signatures.split(" ") if s.startswith("v1,")]
    for secret in secrets:
        expected = base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()
        if any(hmac.compare_digest(expected, candidate) for candidate in offered):
            return json.loads(body)
    raise InvalidWebhook("no valid signature")


class Receiver(ThreadingHTTPServer):
    """An HTTP server that verifies, de-duplicates and hands each event to ``on_event``."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], secrets: list[str],
                 on_event: Callable[[str, dict], None]):
        super().__init__(address, _Handler)
        self.secrets = secrets
        self.on_event = on_event
        self.seen: set[str] = set()
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        length = int(self.headers.get("content-length") or 0)
        if length > MAX_BODY_BYTES:
            return self._answer(413, "too large")
        body = self.rfile.read(length)
        try:
            payload = verify(body, dict(self.headers.items()), self.server.secrets)
        except (InvalidWebhook, ValueError) as exc:
            return self._answer(401, str(exc))
        msg_id = self.headers["webhook-id"]
        with self.server.lock:
            duplicate = msg_id in self.server.seen
            self.server.seen.add(msg_id)
        if not duplicate:
            self.server.on_event(msg_id, payload)
        self._answer(200, "duplicate" if duplicate else "ok")

    def _answer(self, status: int, text: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("content-type", "text/plain; charset=utf-8")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        pass


def print_event(msg_id: str, payload: dict) -> None:
    print(json.dumps({"webhook_id": msg_id, **payload}, ensure_ascii=False), flush=True)


def main() -> None:
    secrets = [s.strip() for s in os.environ.get("WEBHOOK_SECRETS", "").split(",") if s.strip()]
    if not secrets:
        raise SystemExit("set WEBHOOK_SECRETS to your endpoint's secret (whsec_...)")
    port = int(os.environ.get("PORT", "8081"))
    server = Receiver(("0.0.0.0", port), secrets, print_event)
    print(f"listening on :{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
