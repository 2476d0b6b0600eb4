"""The partner stream: partner views of published events, on their own exchange.

The outbox relay sends each event's partner view in the same confirmed batch as
the event itself, so the view has the event's guarantee: the outbox entry is
removed only after the broker confirmed both, and a crash in between sends both
again with the same ``event_id`` (partners de-duplicate by ``message_id``, as our
own consumers do). Events without a view are never sent there.

What partners may read of each event type is the published language's to say
(``samskab_contracts.partner``); each service passes those views in
(``PartnerViews``), so this mechanism knows no event type.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from typing import Protocol, TypeAlias

from .envelope import Envelope
from .settings import Settings

log = logging.getLogger(__name__)


class PartnerView(Protocol):
    """How one event type appears on the partner exchange."""

    @property
    def version(self) -> int: ...

    def for_partner(self, data: dict, key: bytes) -> dict:
        """The part of ``data`` partners may read, actor ids pseudonymised under ``key``."""
        ...


PartnerViews: TypeAlias = Mapping[str, PartnerView]
"""The partner view of each event type partners may see, by type name."""


def partner_envelope(envelope: Envelope, key: bytes, views: PartnerViews) -> Envelope | None:
    """The partner view of one event, or None when partners may not see its type."""
    view = views.get(envelope.type)
    if view is None:
        return None
    data = view.for_partner(envelope.data, key)
    # Partners route by district: every view carries one, so the envelope always does.
    return dataclasses.replace(envelope, version=view.version, data=data,
                               district=envelope.district or data.get("district"))


class PartnerStream:
    def __init__(self, exchange: str, key: bytes, views: PartnerViews):
        self.exchange = exchange
        self.key = key
        self.partner_views = views

    @classmethod
    def from_settings(cls, settings: Settings, views: PartnerViews) -> PartnerStream:
        if settings.uses_dev_pseudonym_key:
            log.warning("SAMSKAB_PSEUDONYM_KEY is not set: partner pseudonyms use the development key, "
                        "which anyone can read in the source; set a secret key in production")
        return cls(settings.partner_exchange, settings.pseudonym_key.encode("utf-8"), views)

    def views(self, envelopes: Sequence[Envelope]) -> list[Envelope]:
        return [view for view in (partner_envelope(e, self.key, self.partner_views) for e in envelopes)
                if view is not None]
