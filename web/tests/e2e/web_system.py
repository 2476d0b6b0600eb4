"""The web process and a real OpenID Connect provider beside the whole system (tests/system.py),
each a real process started and stopped here by its PID."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import requests

from samskab_dev.store_runner import die_with_parent
from tests.harness import PYTHONPATH, ROOT, free_port, wait_until
from tests.system import System

WEB_PYTHONPATH = os.pathsep.join([PYTHONPATH, str(ROOT / "web")])
OIDC_PEOPLE = ("oidc.operator@politi.dk",)
"""Who the session-wide identity provider offers to sign in."""


class Process:
    def __init__(self, argv: list[str], env: dict[str, str], name: str):
        self.log_path = Path("/tmp") / f"samskab-test-{name}-{uuid.uuid4().hex[:8]}.log"
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(argv, env={**os.environ, "PYTHONPATH": WEB_PYTHONPATH, **env}, cwd=ROOT,
                                        stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)

    def answers(self, url: str) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"exited at start-up:\n{self.log()[-3000:]}")
        try:
            return requests.get(url, timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


class IdentityProvider(Process):
    """oidc-provider-mock: a real OpenID Connect provider (discovery, authorisation code,
    token, userinfo) whose sign-in page offers the given people."""

    def __init__(self, *people: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        argv = [sys.executable, "-m", "oidc_provider_mock", "--port", str(self.port)]
        for person in people:
            argv += ["--user", person]
        super().__init__(argv, {}, "oidc")
        wait_until(lambda: self.answers(f"{self.url}/.well-known/openid-configuration"), timeout=30,
                   message="the identity provider answers")


class WebProcess(Process):
    """``python -m samskab_web`` against the test system's gateway and store."""

    def __init__(self, system: System, idp: IdentityProvider | None = None):
        self.port, self.ops_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ops_url = f"http://127.0.0.1:{self.ops_port}"
        self.env = {"MONGO_URI": system.mongo_uri, "SAMSKAB_DB_PREFIX": system.db_prefix,
                    "SAMSKAB_JWT_SECRET": system.jwt_secret, "WEB_SESSION_SECRET": secrets.token_urlsafe(48),
                    "WEB_ADDRESS": f"127.0.0.1:{self.port}", "WEB_METRICS_PORT": str(self.ops_port),
                    "WEB_GATEWAY_URL": system.url}
        if idp is not None:
            self.env.update({"WEB_OIDC_ISSUER": idp.url, "WEB_OIDC_CLIENT_ID": "samskab-web",
                             "WEB_OIDC_CLIENT_SECRET": secrets.token_urlsafe(16)})
        super().__init__([sys.executable, "-m", "samskab_web"], self.env, "web")
        wait_until(lambda: self.answers(f"{self.ops_url}/health/ready"), timeout=60, message="the web process ready")

    def create_account(self, email: str, password: str, *grant: str) -> subprocess.CompletedProcess:
        """The operator command, as an operator runs it (the password on stdin)."""
        return subprocess.run([sys.executable, "-m", "samskab_web.accounts", "create", "--email", email, *grant],
                              input=password + "\n", text=True, capture_output=True, cwd=ROOT, timeout=60,
                              env={**os.environ, "PYTHONPATH": WEB_PYTHONPATH, **self.env})
