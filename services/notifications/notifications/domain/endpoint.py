"""A partner system's webhook endpoint (aggregate): where events go, which ones,
the signing secrets, and whether it is still healthy enough to call."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from samskab_contracts.events.notifications import WebhookEndpointDisabled
from samskab_infra.aggregate import Aggregate
from samskab_infra.clock import plus_seconds, seconds_between
from samskab_infra.context import Principal
from samskab_infra.errors import DomainRuleViolation

from .catalogue import ENDPOINT, WEBHOOK
from .subscriptions import Subscription

ENABLED = "enabled"
DISABLED = "disabled"
MANAGING_ROLES = ("national_centre",)


@dataclass(frozen=True)
class EndpointFilter:
    event_types: tuple[str, ...]
    initiative_id: str | None = None
    district: str | None = None
    theme: str | None = None


class WebhookEndpoint(Aggregate):
    """One endpoint, keyed by ``endpoint_id``; its events (WebhookEndpointDisabled) are
    routed under the district of the operator who owns it (None: national)."""

    id_field = "endpoint_id"

    def __init__(self, *, endpoint_id: str, owner: str, url: str, filter: EndpointFilter,
                 created_at: str, owner_district: str | None = None, description: str = "",
                 status: str = ENABLED, secrets: list[dict] | None = None,
                 failing_since: str | None = None, disabled_at: str | None = None,
                 disabled_reason: str | None = None) -> None:
        super().__init__()
        self.endpoint_id = endpoint_id
        self.owner = owner
        self.url = url
        self.filter = filter
        self.created_at = created_at
        self.owner_district = owner_district
        self.description = description
        self.status = status
        self.secrets: list[dict] = secrets if secrets is not None else []
        """Signing secrets: secret, created_at, expires_at (None: valid until rotated)."""
        self.failing_since = failing_since
        self.disabled_at = disabled_at
        self.disabled_reason = disabled_reason

    @property
    def event_district(self) -> str | None:
        return self.owner_district

    @classmethod
    def register(cls, *, endpoint_id: str, owner: str, url: str, event_filter: EndpointFilter,
                 secret: str, now: str, owner_district: str | None = None,
                 description: str = "") -> WebhookEndpoint:
        return cls(endpoint_id=endpoint_id, owner=owner, url=url, filter=event_filter,
                   created_at=now, owner_district=owner_district, description=description,
                   secrets=[{"secret": secret, "created_at": now, "expires_at": None}])

    @property
    def enabled(self) -> bool:
        return self.status == ENABLED

    def may_be_managed_by(self, principal: Principal) -> bool:
        if principal.internal or principal.roles & set(MANAGING_ROLES) or principal.subject == self.owner:
            return True
        return self.owner_district is not None and principal.holds("district_operator", self.owner_district)

    def signing_secrets(self, now: str) -> list[str]:
        """Every secret valid at ``now``, newest first (one, or two during a rotation)."""
        valid = [s for s in self.secrets if s["expires_at"] is None or s["expires_at"] > now]
        return [s["secret"] for s in sorted(valid, key=lambda s: s["created_at"], reverse=True)]

    def rotate_secret(self, new_secret: str, now: str, grace_s: float) -> None:
        """The new secret signs from now on; the current one stays valid for ``grace_s``
        so the partner can switch without losing a delivery. Older ones expire now."""
        current = self.signing_secrets(now)
        kept = []
        for entry in self.secrets:
            if entry["secret"] == (current[0] if current else None):
                kept.append({**entry, "expires_at": plus_seconds(now, grace_s)})
        self.secrets = kept + [{"secret": new_secret, "created_at": now, "expires_at": None}]

    def record_success(self) -> bool:
        """Returns True when the state changed (a failure streak ended)."""
        if self.failing_since is None:
            return False
        self.failing_since = None
        return True

    def record_failure(self, now: str, window_s: float) -> bool:
        """Start or extend a failure streak; a streak as long as the window disables
        the endpoint. Returns True when the state changed."""
        if not self.enabled:
            return False
        if self.failing_since is None:
            self.failing_since = now
            return True
        if seconds_between(self.failing_since, now) >= window_s:
            return self.disable(now, "failing")
        return False

    def disable(self, now: str, reason: str) -> bool:
        """Stop deliveries and tell the owner (an event); False if already disabled."""
        if not self.enabled:
            return False
        self.status, self.disabled_at, self.disabled_reason = DISABLED, now, reason
        self.record(WebhookEndpointDisabled(
            endpoint_id=self.endpoint_id, reason=reason, disabled_at=now,
            failing_since=self.failing_since))
        return True

    def enable(self) -> None:
        if self.enabled:
            raise DomainRuleViolation("the endpoint is already enabled", code="webhook.already_enabled")
        self.status, self.failing_since = ENABLED, None
        self.disabled_at = self.disabled_reason = None

    def subscriptions(self) -> list[Subscription]:
        """The endpoint's filter as subscriptions, for routing."""
        f = self.filter
        return [Subscription(subscription_id=f"{self.endpoint_id}:{t}", subscriber_kind=ENDPOINT,
                             subscriber_id=self.endpoint_id, event_type=t,
                             initiative_id=f.initiative_id, district=f.district, theme=f.theme,
                             channels=(WEBHOOK,), created_at=self.created_at)
                for t in f.event_types]

    def to_document(self) -> dict[str, Any]:
        return {
            "endpoint_id": self.endpoint_id, "owner": self.owner, "url": self.url,
            "event_types": list(self.filter.event_types), "initiative_id": self.filter.initiative_id,
            "district": self.filter.district, "theme": self.filter.theme,
            "created_at": self.created_at, "owner_district": self.owner_district,
            "description": self.description, "status": self.status,
            "secrets": [dict(s) for s in self.secrets], "failing_since": self.failing_since,
            "disabled_at": self.disabled_at, "disabled_reason": self.disabled_reason,
        }

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> WebhookEndpoint:
        event_filter = EndpointFilter(tuple(doc.get("event_types") or ()), doc.get("initiative_id"),
                                      doc.get("district"), doc.get("theme"))
        return cls(endpoint_id=doc["endpoint_id"], owner=doc["owner"], url=doc["url"],
                   filter=event_filter, created_at=doc["created_at"],
                   owner_district=doc.get("owner_district"), description=doc.get("description", ""),
                   status=doc.get("status", ENABLED), secrets=list(doc.get("secrets") or []),
                   failing_since=doc.get("failing_since"), disabled_at=doc.get("disabled_at"),
                   disabled_reason=doc.get("disabled_reason"))

    def view(self, now: str, version: int | None = None) -> dict:
        """Everything but the secrets (a secret is shown once, when it is made)."""
        doc = self.to_document()
        secrets: Sequence[dict] = doc.pop("secrets")
        valid = [s for s in secrets if s["expires_at"] is None or s["expires_at"] > now]
        doc["secrets"] = [{"created_at": s["created_at"], "expires_at": s["expires_at"]}
                          for s in valid]
        if version is not None:
            doc["version"] = version
        return doc
