"""What notifications needs of time beyond samskab_infra.clock (which parses and writes
every instant): the Unix time a webhook signature carries."""
from __future__ import annotations

from datetime import datetime

from samskab_infra.clock import parse_instant


def epoch_seconds(value: str | datetime) -> int:
    return int(parse_instant(value).timestamp())
