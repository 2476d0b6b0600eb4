"""The daily digest: a person who chose it gets one mail a day with everything pending."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from samskab_infra.clock import parse_instant, to_instant

from .deliveries import Delivery


def next_digest_at(now: str, hour_utc: int) -> str:
    """The next digest time strictly after ``now``."""
    moment = parse_instant(now)
    candidate = moment.replace(hour=hour_utc, minute=0, second=0, microsecond=0)
    if candidate <= moment:
        candidate += timedelta(days=1)
    return to_instant(candidate)


def group_by_recipient(deliveries: Iterable[Delivery]) -> dict[str, list[Delivery]]:
    groups: dict[str, list[Delivery]] = {}
    for delivery in deliveries:
        groups.setdefault(delivery.recipient_id, []).append(delivery)
    return groups
