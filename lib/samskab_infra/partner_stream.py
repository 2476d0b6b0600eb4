"""The partner stream: partner views of published events, on their own exchange.

The outbox relay sends each event's partner view in the same confirmed batch as
the event itself, so the view has the event's guarantee: the outbox entry is
removed only after the broker confirmed both, and a crash in between sends both
again with the same ``event_id`` (partners de-duplicate by ``message_id``, as our
own consumers do). Events without a view are never sent there.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from functools import partial

from samskab_contracts.partner import PARTNER_VIEWS
from samskab_contracts.partner.view import pseudonym

from .envelope import Envelope
from .settings import Settings

log = logging.getLogger(__name__)


def partner_envelope(envelope: Envelope, key: bytes) -> Envelope | None:
    """The partner view of one event, or None when partners may not see its type."""
    view = PARTNER_VIEWS.get(envelope.type)
    if view is None:
        return None
    data = view.project(envelope.data, partial(pseudonym, key))
    # Partners route by district: every view carries one, so the envelope always does.
    return dataclasses.replace(envelope, version=view.version, data=data,
                               district=envelope.district or data.get("district"))


class PartnerStream:
    def __init__(self, exchange: str, key: bytes):
        self.exchange = exchange
        self.key = key

    @classmethod
    def from_settings(cls, settings: Settings) -> PartnerStream:
        if settings.uses_dev_pseudonym_key:
            log.warning("SAMSKAB_PSEUDONYM_KEY is not set: partner pseudonyms use the development key, "
                        "which anyone can read in the source; set a secret key in production")
        return cls(settings.partner_exchange, settings.pseudonym_key.encode("utf-8"))

    def views(self, envelopes: Sequence[Envelope]) -> list[Envelope]:
        return [view for view in (partner_envelope(e, self.key) for e in envelopes) if view is not None]
