"""deliver_due: the queue's timer. Sends every due delivery, each on its own.

Deliveries are grouped by target (the SMTP server; each webhook endpoint) and
the groups run in parallel, so a slow or dead target only delays its own
deliveries. Within a group, a target that just failed is not tried again in the
same run: the rest of its deliveries wait, uncounted, until its next retry.
A delivery is claimed (in_flight, with a lease) before it is sent; a worker
that dies leaves it to be released and retried when the lease runs out.
"""
from __future__ import annotations

import logging
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from samskab_infra.clock import to_instant
from samskab_infra.context import Context

from ..adapters.resolver import system_resolve
from ..adapters.smtp import SmtpFailure, SmtpSender, build_email
from ..adapters.stores import NotificationStores
from ..adapters.webhook_http import HttpResult, WebhookClient
from ..domain.attempt_errors import HTTP_STATUS
from ..domain.catalogue import EMAIL
from ..domain.deliveries import DELIVERED, FAILED, Delivery
from ..domain.digest import group_by_recipient
from ..domain.directory import EmailContact, Person, actor_id_of
from ..domain.endpoint import WebhookEndpoint
from ..domain.retry import next_delay, parse_retry_after
from ..domain.signing import signed_headers
from ..domain.timeutil import epoch_seconds
from ..domain.url_policy import Resolver
from ..domain.webhook_message import message_id, webhook_body
from ..metrics import ATTEMPT_SECONDS, DELIVERY_OUTCOMES
from ..settings import NotificationSettings
from ..templates.render import render_digest
from .presenting import render_for

log = logging.getLogger(__name__)
NO_CONTACT = "no e-mail address may be used (none known, consent withdrawn or erased)"


class Sender:
    """One run of the sending loop over the queue."""

    def __init__(self, stores: NotificationStores, settings: NotificationSettings, *,
                 email_sender: SmtpSender | None = None, webhooks: WebhookClient | None = None,
                 resolve: Resolver = system_resolve, rand: Callable[[], float] = random.random,
                 actor_contacts: Callable[[str], EmailContact | None] | None = None,
                 ctx: Context | None = None):
        self.stores = stores
        self.settings = settings
        self.email_sender = email_sender or SmtpSender(settings.smtp)
        self.webhooks = webhooks or WebhookClient(settings.webhook_timeout_s, resolve=resolve,
                                                  policy=settings.webhook_policy)
        self.rand = rand
        self.actor_contacts = actor_contacts
        # The partner stream's key, so a webhook names an actor by the same pseudonym.
        self.pseudonym_key = settings.pseudonym_key.encode("utf-8")
        # The lineage of the events a run raises (an endpoint disabled): the timer's call.
        self.ctx = ctx or Context(correlation_id=f"sending-{uuid.uuid4().hex}")

    def deliver_due(self, now: str) -> dict[str, int]:
        """Send what is due at ``now``; returns how many deliveries ended in each state."""
        now = to_instant(now)
        tally: Counter = Counter()
        for stale in self.stores.deliveries.stale_claims(now):
            if self.stores.deliveries.transition(stale, stale.released(now, self._retry_in(stale))):
                tally["released"] += 1
        groups: dict[str, list[Delivery]] = {}
        for delivery in self.stores.deliveries.due(now, self.settings.batch_size):
            key = EMAIL if delivery.channel == EMAIL else delivery.recipient_id
            groups.setdefault(key, []).append(delivery)
        if groups:
            workers = max(1, min(self.settings.workers, len(groups)))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for counts in pool.map(lambda g: self._run_group(g, now), groups.values()):
                    tally.update(counts)
        return dict(tally)

    def _run_group(self, deliveries: list[Delivery], now: str) -> Counter:
        tally: Counter = Counter()
        try:
            if deliveries[0].channel == EMAIL:
                self._email_group(deliveries, now, tally)
            else:
                self._webhook_group(deliveries, now, tally)
        except Exception:  # noqa: BLE001 - a bug must not stop other groups; leases recover
            log.exception("delivery group failed; claimed deliveries retry after their lease")
        return tally

    # -- shared steps ----------------------------------------------------

    def _move(self, before: Delivery, after: Delivery, tally: Counter) -> bool:
        if not self.stores.deliveries.transition(before, after):
            return False
        tally[after.status] += 1
        DELIVERY_OUTCOMES.labels(after.channel, after.status).inc()
        return True

    def _claim(self, delivery: Delivery, now: str) -> Delivery | None:
        claimed = delivery.claim(now, self.settings.lease_s)
        return claimed if self.stores.deliveries.transition(delivery, claimed) else None

    def _defer(self, deliveries: Iterable[Delivery], until: str, now: str, tally: Counter) -> None:
        for delivery in deliveries:
            if self.stores.deliveries.transition(delivery, delivery.defer(until, now)):
                tally["deferred"] += 1

    def _retry_in(self, delivery: Delivery, retry_after_s: float | None = None) -> float | None:
        return next_delay(delivery.attempts + 1, retry_after_s=retry_after_s,
                          scale=self.settings.retry_scale, rand=self.rand)

    # -- e-mail ----------------------------------------------------------

    def _email_group(self, deliveries: list[Delivery], now: str, tally: Counter) -> None:
        units = [[d] for d in deliveries if not d.digest]
        units += group_by_recipient(d for d in deliveries if d.digest).values()
        paused_until = None
        for unit in units:
            if paused_until:
                self._defer(unit, paused_until, now, tally)
                continue
            claimed = [c for c in (self._claim(d, now) for d in unit) if c is not None]
            if claimed:
                paused_until = self._send_email(claimed, now, tally)

    def _send_email(self, claimed: list[Delivery], now: str, tally: Counter) -> str | None:
        """Send one mail (one event, or a digest of several); returns when the SMTP
        server may be tried again if it failed for a passing reason."""
        try:
            address = self._address_of(claimed[0].recipient_id)
        except Exception as exc:  # noqa: BLE001 - the store is away: retry later
            for d in claimed:
                self._move(d, d.failed(now, f"contact lookup failed: {exc}",
                                       retry_in_s=self._retry_in(d)), tally)
            return None
        if address is None:
            for d in claimed:
                self._move(d, d.cancel(now, NO_CONTACT), tally)
            return None
        kept, rendered = [], []
        for d in claimed:
            event = self.stores.events.get(d.event_id)
            if event is None:
                self._move(d, d.cancel(now, "the event was erased"), tally)
                continue
            kept.append(d)
            rendered.append(render_for(self.stores, event, address.language,
                                       self.settings.app_base_url))
        if not kept:
            return None
        settings_link = f"{self.settings.app_base_url}/settings/notifications"
        content = rendered[0] if len(kept) == 1 else render_digest(
            rendered, address.language, settings_link)
        key = "+".join(d.delivery_id for d in kept) + f"#{kept[0].replays}"
        message = build_email(content, to_address=address.email, to_name=address.name,
                              sender=self.settings.smtp.sender, key=key)
        started = time.monotonic()
        failure: SmtpFailure | None = None
        try:
            self.email_sender.send(message)
        except SmtpFailure as exc:
            failure = exc
        latency_ms = int((time.monotonic() - started) * 1000)
        ATTEMPT_SECONDS.labels(EMAIL).observe(latency_ms / 1000)
        paused_until = None
        for d in kept:
            if failure is None:
                self._move(d, d.succeeded(now), tally)
            else:
                after = d.failed(now, str(failure),
                                 retry_in_s=None if failure.permanent else self._retry_in(d))
                self._move(d, after, tally)
                if after.status == FAILED:
                    paused_until = after.next_attempt_at
            self.stores.deliveries.log_attempt(
                d, at=now, outcome="failed" if failure else DELIVERED, latency_ms=latency_ms,
                error=str(failure) if failure else None)
        return paused_until

    def _address_of(self, person_id: str) -> EmailContact | None:
        """Where to mail a person now: their own card, or for an actor's contact the
        address the actors service shared (dropped when consent ends); None when they
        may not be mailed."""
        person = self.stores.directory.person(person_id) or Person(person_id)
        if person.forgotten:
            return None
        if person.email:
            return EmailContact(person.email, person.name, person.language)
        actor_id = actor_id_of(person_id)
        if actor_id is None or self.actor_contacts is None:
            return None
        found = self.actor_contacts(actor_id)
        if found is None:
            return None
        return EmailContact(found.email, found.name, found.language or person.language)

    # -- webhooks --------------------------------------------------------

    def _webhook_group(self, deliveries: list[Delivery], now: str, tally: Counter) -> None:
        paused_until = None
        for d in deliveries:
            loaded = self.stores.endpoints.get(d.recipient_id)
            if loaded is None:
                self._move(d, d.cancel(now, "the endpoint was removed"), tally)
            elif not loaded[0].enabled:
                self._move(d, d.give_up(now, "the endpoint is disabled"), tally)
            elif paused_until:
                self._defer([d], paused_until, now, tally)
            elif (claimed := self._claim(d, now)) is not None:
                paused_until = self._send_webhook(loaded[0], claimed, now, tally)

    def _send_webhook(self, endpoint: WebhookEndpoint, d: Delivery, now: str,
                      tally: Counter) -> str | None:
        event = self.stores.events.get(d.event_id)
        if event is None:
            self._move(d, d.cancel(now, "the event was erased"), tally)
            return None
        body = webhook_body(event, self.pseudonym_key)
        if body is None:
            self._move(d, d.cancel(now, "partners do not receive this event type"), tally)
            return None
        headers = signed_headers(message_id(event), epoch_seconds(now), body,
                                 endpoint.signing_secrets(now))
        result = self.webhooks.post(endpoint.url, body, headers)
        ATTEMPT_SECONDS.labels(d.channel).observe(result.latency_ms / 1000)
        code = result.status_code
        ok = code is not None and 200 <= code < 300
        error = None if ok else (result.error or HTTP_STATUS)
        paused_until = self._settle_webhook(endpoint, d, result, error, now, tally)
        self.stores.deliveries.log_attempt(
            d, at=now, outcome=DELIVERED if ok else "failed", latency_ms=result.latency_ms,
            status_code=code, error=error)
        return paused_until

    def _settle_webhook(self, endpoint: WebhookEndpoint, d: Delivery, result: HttpResult,
                        error: str | None, now: str, tally: Counter) -> str | None:
        """The delivery's and the endpoint's state after an attempt (before the attempt is
        logged, so a logged attempt is always settled); returns until when to pause."""
        code = result.status_code
        if error is None:
            self._move(d, d.succeeded(now, code), tally)
            self._change_endpoint(endpoint.endpoint_id, lambda e: e.record_success())
            return None
        if code == 410:
            self._move(d, d.failed(now, "410 Gone: the endpoint asked us to stop",
                                   retry_in_s=None, status_code=code), tally)
            self._change_endpoint(endpoint.endpoint_id, lambda e: e.disable(now, "gone"))
            return None
        window = self.settings.endpoint_failure_window_s
        changed = self._change_endpoint(endpoint.endpoint_id,
                                        lambda e: e.record_failure(now, window))
        retry_after = parse_retry_after(result.retry_after, now) if code in (429, 503) else None
        disabled = changed is not None and not changed.enabled
        after = d.failed(now, error, status_code=code,
                         retry_in_s=None if disabled else self._retry_in(d, retry_after))
        self._move(d, after, tally)
        passing = code is None or code >= 500 or code == 429
        return after.next_attempt_at if after.status == FAILED and passing else None

    def _change_endpoint(self, endpoint_id: str,
                         change: Callable[[WebhookEndpoint], bool]) -> WebhookEndpoint | None:
        """Save the endpoint's new health. A disable saves WebhookEndpointDisabled with
        it (the outbox); the service's consumer tells the owner when it comes back."""
        endpoint, _ = self.stores.endpoints.change(endpoint_id, change, ctx=self.ctx)
        return endpoint


def deliver_due(stores: NotificationStores, settings: NotificationSettings, now: str,
                **dependencies) -> dict[str, int]:
    """What the service's timer calls (``dependencies``: see Sender)."""
    return Sender(stores, settings, **dependencies).deliver_due(now)
