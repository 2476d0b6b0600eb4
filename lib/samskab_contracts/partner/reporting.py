"""Partner view of the reporting events: figures about an initiative, no persons."""
from __future__ import annotations

from samskab_contracts.events import reporting as events

from .view import PartnerView

VIEWS: dict[str, PartnerView] = {
    "InfluenceImbalanceDetected": PartnerView(events.InfluenceImbalanceDetected.Schema),
}
