"""The words of the general activities and the living network (issue 15) that other parts
of the pages need: their events in the history (beside workspace.EVENT_LABELS)."""
from __future__ import annotations

from .gateway_messages import N_

NETWORK_EVENT_LABELS: dict[str, str] = {
    "ActivityRecorded": N_("Activity recorded"),
    "IdeaHandedOver": N_("Idea handed over"),
}
