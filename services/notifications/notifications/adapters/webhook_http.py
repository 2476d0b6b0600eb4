"""One HTTP POST of a webhook: bounded in time, no redirects, the answer's first 500 characters."""
from __future__ import annotations

import time
from dataclasses import dataclass

import requests

EXCERPT_CHARS = 500
USER_AGENT = "Samskab-Webhooks/1.0"


@dataclass(frozen=True)
class HttpResult:
    status_code: int | None
    latency_ms: int
    excerpt: str = ""
    retry_after: str | None = None
    error: str | None = None


class WebhookClient:
    """Environment proxies are ignored (trust_env off) so the address guard's view of
    where a request goes stays true; redirects are not followed for the same reason."""

    def __init__(self, timeout_s: float):
        self.timeout_s = timeout_s

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult:
        started = time.monotonic()
        session = requests.Session()
        session.trust_env = False
        try:
            with session.post(url, data=body, timeout=self.timeout_s, allow_redirects=False,
                              stream=True, headers={**headers, "content-type": "application/json",
                                                    "user-agent": USER_AGENT}) as response:
                raw = next(response.iter_content(4 * EXCERPT_CHARS), b"")
                return HttpResult(
                    status_code=response.status_code, latency_ms=_ms_since(started),
                    excerpt=raw.decode("utf-8", errors="replace")[:EXCERPT_CHARS],
                    retry_after=response.headers.get("retry-after"))
        except requests.RequestException as exc:
            return HttpResult(None, _ms_since(started), error=f"{type(exc).__name__}: {exc}")
        finally:
            session.close()


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
