"""The audit trail's words for the events of learning (beside workspace.EVENT_LABELS); apart
from learning.py so the workspace can read them without importing the pages."""
from __future__ import annotations

from .gateway_messages import N_

LEARNING_EVENT_LABELS: dict[str, str] = {
    "LessonRecorded": N_("Lesson recorded"),
    "PartnerQuoteRecorded": N_("What a partner says recorded"),
    "InitiativeInspirationLinked": N_("Inspiration linked"),
}
