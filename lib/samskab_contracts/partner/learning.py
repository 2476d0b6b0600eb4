"""Partner views of the events of learning (lessons, partner quotes, inspiration).

Kept: a lesson's kind, phase and theme; a quote's organisation, role, date and the actor it
is attributed to (a pseudonym); the id of the inspiring initiative.
Dropped: the free text (a lesson's text, a quote's words: either may name a person, and
partners read the published case catalogue for them), the speaker's name (personal data,
even when they consented to be named inside the system), the linker's words for an
initiative's title and why it inspired.
"""
from __future__ import annotations

from samskab_contracts.events import initiatives as events

from .initiatives import _keep
from .view import PartnerView, Pseudonym


class LessonRecordedView(events.LessonRecorded.Schema):
    Meta = _keep("lesson_id", "kind", "phase", "theme")


class PartnerQuoteRecordedView(events.PartnerQuoteRecorded.Schema):
    actor_id = Pseudonym(load_default=None, allow_none=True)
    Meta = _keep("quote_id", "organisation", "role", "date", "actor_id")


class InitiativeInspirationLinkedView(events.InitiativeInspirationLinked.Schema):
    Meta = _keep("inspired_by_initiative_id")


VIEWS: dict[str, PartnerView] = {
    "LessonRecorded": PartnerView(LessonRecordedView),
    "PartnerQuoteRecorded": PartnerView(PartnerQuoteRecordedView),
    "InitiativeInspirationLinked": PartnerView(InitiativeInspirationLinkedView),
}
