"""Partner view of the reporting events: figures about an initiative, no persons."""
from __future__ import annotations

from ...partner_view import PartnerView
from .. import reporting as events

VIEWS: dict[str, PartnerView] = {
    "InfluenceImbalanceDetected": PartnerView(events.InfluenceImbalanceDetected.Schema),
}
