"""The whole system in real processes for end-to-end tests: its own vhost, its own
databases, the gateway on a free port. Stopped by PID at the end."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import uuid
from datetime import timedelta

import requests
from kombu import Connection

from samskab_infra.context import ADMIN_ROLES, Principal
from samskab_infra.topology import UNROUTED
from tests.harness import (
    PYTHONPATH,
    RABBIT_API,
    RABBIT_AUTH,
    ROOT,
    ServiceProcess,
    free_port,
    wait_for_rpc,
    wait_until,
)

SERVICES = {
    "initiatives": "initiatives.service:InitiativesService",
    "actors": "actors.service:ActorsService",
    "notifications": "notifications.service:NotificationsService",
    "reporting": "reporting.service:ReportingService",
}


def create_vhost() -> str:
    vhost = f"samskab_test_{uuid.uuid4().hex[:10]}"
    requests.put(f"{RABBIT_API}/api/vhosts/{vhost}", auth=RABBIT_AUTH, timeout=10).raise_for_status()
    requests.put(f"{RABBIT_API}/api/permissions/{vhost}/guest", auth=RABBIT_AUTH, timeout=10,
                 json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()
    return vhost


def put_grants(db, principal: Principal) -> None:
    """Give ``principal``'s grants by writing them to the gateway's store, as a fixture: the
    administrative ones as an operator would, the initiative and actor ones as if the domain
    had appointed the person (tests of the real appointment path go through the API)."""
    for grant in principal.grants:
        grant_id = f"{grant.role}|{grant.scope or ''}|{principal.subject}"
        source = "operator" if grant.role in ADMIN_ROLES else "fixture"
        db["grants"].replace_one({"_id": grant_id}, {"_id": grant_id, "subject": principal.subject,
                                                     "role": grant.role, "scope": grant.scope,
                                                     "source": source}, upsert=True)
    from gateway.access_cache import access_changed

    access_changed(db)  # as the CLI does after a change: the gateway forgets what it resolved


def delete_vhost(vhost: str) -> None:
    requests.delete(f"{RABBIT_API}/api/vhosts/{vhost}", auth=RABBIT_AUTH, timeout=30)


class System:
    def __init__(self, mongo_uri: str, extra_env: dict | None = None):
        self.vhost = create_vhost()
        self.amqp_uri = f"amqp://guest:guest@127.0.0.1:5672/{self.vhost}"
        self.db_prefix = f"e{uuid.uuid4().hex[:10]}"
        self.mongo_uri = mongo_uri
        self.jwt_secret = secrets.token_urlsafe(48)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "AMQP_URI": self.amqp_uri, "MONGO_URI": mongo_uri, "SAMSKAB_DB_PREFIX": self.db_prefix,
            "SAMSKAB_JWT_SECRET": self.jwt_secret, "SAMSKAB_RETRY_DELAYS_MS": "200,500",
            "SAMSKAB_RELAY_INTERVAL_MS": "50", "WEB_SERVER_ADDRESS": f"127.0.0.1:{self.port}",
            "GATEWAY_RPC_TIMEOUT_S": "10",
            # Fixtures (put_grants) write grants behind the gateway's back, as the CLI would, and
            # the next request must see them: the gateway reads the access epoch at every request.
            "GATEWAY_ACCESS_FRESHNESS_MS": "0", **(extra_env or {}),
        }
        self.processes: dict[str, ServiceProcess] = {}
        self._sessions: list[requests.Session] = []
        # Every process's ops listener (metrics, health), the gateway's included: none of
        # them is on the API port.
        self.metrics_ports = {name: free_port() for name in [*SERVICES, "gateway"]}
        self.ops_url = f"http://127.0.0.1:{self.metrics_ports['gateway']}"
        self._gateway_db = None

    def start(self) -> System:
        env = {**os.environ, "PYTHONPATH": PYTHONPATH, **self.env}
        subprocess.run([sys.executable, "-m", "samskab_dev.topology_cli", "declare"], env=env,
                       cwd=ROOT, check=True, capture_output=True)
        for name, target in SERVICES.items():
            env = {**self.env, "METRICS_PORT": str(self.metrics_ports[name])}
            self.processes[name] = ServiceProcess(target, env, name).start()
        gateway_env = {**self.env, "METRICS_PORT": str(self.metrics_ports["gateway"])}
        self.processes["gateway"] = ServiceProcess("gateway.service:GatewayService", gateway_env,
                                                   "gateway").start()
        try:
            for name in SERVICES:
                wait_for_rpc(self.vhost, name, process=self.processes[name])
            wait_until(self._gateway_up, timeout=60, message="gateway up")
        except BaseException as error:
            # The fixture never yields when start fails, so nothing else would stop what has
            # started; and without the processes' own words a CI failure says only "not met".
            logs = self.logs()
            self.stop()
            raise AssertionError(f"the system did not start: {error}\n{logs}") from error
        return self

    def _none_exited(self) -> None:
        for name, process in self.processes.items():
            if process.process is not None and process.process.poll() is not None:
                raise RuntimeError(f"{name} exited at start-up (code {process.process.returncode})")

    def _gateway_up(self) -> bool:
        self._none_exited()
        try:
            return (requests.get(f"{self.ops_url}/health/live", timeout=1).status_code == 200
                    and requests.get(f"{self.url}/openapi.json", timeout=1).status_code == 200)
        except requests.RequestException:
            return False

    def unrouted(self) -> int:
        """Events published that no queue was bound to (a passive declare counts exactly)."""
        with Connection(self.amqp_uri) as connection, connection.channel() as channel:
            return channel.queue_declare(UNROUTED, passive=True).message_count

    def stop(self) -> None:
        # The gateway waits for its idle keep-alive connections before it exits: close the
        # test's own first, so it stops in the services' 2.5 s instead of its timeout.
        for session in self._sessions:
            session.close()
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            # The gateway keeps a test session's idle keep-alive connection open until it
            # times out; the services themselves stop in about 2.5 s.
            process.stop(timeout=6)
        delete_vhost(self.vhost)

    def token(self, role: str | None = "district_operator", district: str | None = "nordjylland",
              subject: str | None = None, initiatives: tuple[str, ...] = (),
              actor_id: str | None = None, ttl: timedelta = timedelta(hours=1)) -> str:
        """A token for ``subject`` after giving it the described role (see put_grants). Without
        a subject, one per role and district, so two roles never merge into one person."""
        from gateway.auth import issue_token

        if subject is None:
            subject = ("operator@politi.dk" if (role, district) == ("district_operator", "nordjylland")
                       else f"{role}.{district or 'all'}@politi.dk")
        put_grants(self.gateway_db, Principal.of(subject, role, district, initiatives, actor_id))
        return issue_token(self.jwt_secret, subject, ttl)

    @property
    def gateway_db(self):
        from samskab_infra.mongo import make_client

        if self._gateway_db is None:
            self._gateway_db = make_client(self.mongo_uri)[f"{self.db_prefix}_gateway"]
        return self._gateway_db

    def session(self, **token_args) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.token(**token_args)}"
        self._sessions.append(session)
        return session

    def logs(self) -> str:
        return "\n".join(f"== {name}\n{p.log()[-4000:]}" for name, p in self.processes.items())
