"""Partner accounts on the broker, through the RabbitMQ management API.

Each partner is one broker user, ``partner-<name>``, tagged ``samskab-partner``, whose
permissions in the vhost allow exactly this: declare, bind and consume queues named
``partner.<name>.<anything>``, and bind them to the partner exchange. Binding needs
read permission on the exchange, so the internal events exchange (and every service
queue) is refused; publishing anywhere is refused. The password is made here, shown
once by the CLI and never stored by us (the broker keeps only its hash).
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlparse

import requests

from .settings import Settings

TAG = "samskab-partner"
PARTNER_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")


class PartnerAccountError(ValueError):
    pass


@dataclass(frozen=True)
class PartnerAccount:
    name: str
    username: str
    password: str
    vhost: str
    exchange: str
    queue_prefix: str


def username(name: str) -> str:
    return f"partner-{name}"


def queue_prefix(name: str) -> str:
    return f"partner.{name}."


def permissions(name: str, exchange: str) -> dict[str, str]:
    """Regular expressions the broker matches resource names against (names are checked
    against PARTNER_NAME first, so they hold no pattern characters)."""
    own_queues = rf"partner\.{name}\..+"
    return {"configure": f"^{own_queues}$", "write": f"^{own_queues}$",
            "read": f"^({own_queues}|{re.escape(exchange)})$"}


class BrokerAdmin:
    """The few management calls partner accounts need, as the operator's broker user."""

    def __init__(self, api_uri: str, auth: tuple[str, str], vhost: str, exchange: str) -> None:
        self.api = api_uri.rstrip("/")
        self.auth = auth
        self.vhost = vhost
        self.exchange = exchange

    @classmethod
    def from_settings(cls, settings: Settings) -> BrokerAdmin:
        amqp = urlparse(settings.amqp_uri)
        api = settings.broker_api_uri or f"http://{amqp.hostname or '127.0.0.1'}:15672"
        vhost = unquote(amqp.path[1:]) if amqp.path not in ("", "/") else "/"
        auth = (unquote(amqp.username or "guest"), unquote(amqp.password or "guest"))
        return cls(api, auth, vhost, settings.partner_exchange)

    def add(self, name: str) -> PartnerAccount:
        _check(name)
        if self._get(f"users/{quote(username(name), safe='')}", missing_ok=True) is not None:
            raise PartnerAccountError(f"partner {name} exists; revoke it first to issue a new password")
        password = secrets.token_urlsafe(24)
        self._call("PUT", f"users/{quote(username(name), safe='')}", json={"password": password, "tags": TAG})
        self._call("PUT", f"permissions/{self._vhost}/{quote(username(name), safe='')}",
                   json=permissions(name, self.exchange))
        return PartnerAccount(name, username(name), password, self.vhost, self.exchange, queue_prefix(name))

    def revoke(self, name: str) -> list[str]:
        """Delete the user, close its connections and delete its queues; returns the queues."""
        _check(name)
        self._call("DELETE", f"users/{quote(username(name), safe='')}", missing_ok=True)
        for connection in self._get("connections") or []:
            if connection.get("user") == username(name):
                self._call("DELETE", f"connections/{quote(connection['name'], safe='')}", missing_ok=True)
        queues = [q["name"] for q in self._get(f"queues/{self._vhost}") or []
                  if q["name"].startswith(queue_prefix(name))]
        for queue in queues:
            self._call("DELETE", f"queues/{self._vhost}/{quote(queue, safe='')}", missing_ok=True)
        return queues

    def partners(self) -> list[dict]:
        partners = [u["name"].removeprefix("partner-") for u in self._get("users") or []
                    if TAG in _tags(u) and u["name"].startswith("partner-")]
        queues = [q["name"] for q in self._get(f"queues/{self._vhost}") or []]
        return [{"name": name, "user": username(name),
                 "queues": sorted(q for q in queues if q.startswith(queue_prefix(name)))}
                for name in sorted(partners)]

    @property
    def _vhost(self) -> str:
        return quote(self.vhost, safe="")

    def _get(self, path: str, missing_ok: bool = False) -> Any:
        response = self._call("GET", path, missing_ok=missing_ok)
        return None if response is None else response.json()

    def _call(self, method: str, path: str, missing_ok: bool = False, **kwargs: Any) -> requests.Response | None:
        response = requests.request(method, f"{self.api}/api/{path}", auth=self.auth, timeout=10, **kwargs)
        if missing_ok and response.status_code == 404:
            return None
        response.raise_for_status()
        return response


def _check(name: str) -> None:
    if not PARTNER_NAME.match(name):
        raise PartnerAccountError("a partner name is 2-41 lower-case letters, digits and hyphens")


def _tags(user: dict) -> list[str]:
    tags = user.get("tags") or []
    return tags.split(",") if isinstance(tags, str) else list(tags)
