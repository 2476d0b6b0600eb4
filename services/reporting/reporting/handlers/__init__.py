"""Reporting's use cases, and the tables that route to them: ``QUERIES`` (the ``query`` RPC),
``HANDLED_EVENTS`` (what the event handler subscribes to; ``events.on_event`` applies each).
The one command, the rebuild, is run by operators (``python -m reporting.rebuild``)."""
from __future__ import annotations

import samskab_contracts.events  # noqa: F401  (registers every event type)
from samskab_infra.event_types import REGISTRY

from ..domain.projections import directory, initiative
from . import queries

QUERIES = {
    "list_initiatives": queries.list_initiatives,
    "get_initiative": queries.get_initiative,
    "get_rollup": queries.get_rollup,
    "get_catalogue": queries.get_catalogue,
    "get_dashboard": queries.get_dashboard,
    "get_export": queries.get_export,
    "find_lessons": queries.find_lessons,
}

HANDLED_EVENTS = tuple(sorted(t for t in REGISTRY if initiative.handles(t) or directory.handles(t)))
