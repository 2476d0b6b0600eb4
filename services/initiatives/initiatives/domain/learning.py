"""Learning between initiatives (the case catalogue's "Hvad var svært", "Hvad har vi lært"
and "Hvad siger samarbejdspartnerne"): lessons, partner quotes and the initiatives this one
was inspired by, which may be in another district (Frederikshavn was inspired by NæverZone).

Learning is often written looking back, so it may be recorded whatever the initiative's
status (closed and network too), while it is paused as well. A lesson concerns a phase the
initiative has reached. A quote is attributed to an organisation and a role; a name only
when the speaker consented to be named (personal data, docs/personal-data.md), and when
given to a registered actor taking part in the initiative (``actor_id``). An
inspiration keeps only the other initiative's id (and the linker's words for its title when
they may not read it): its own title is read when the link is shown, for those who may read
it (handlers.learning), so a link reveals nothing of an initiative to someone who may not."""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    InitiativeInspirationLinked,
    LessonRecorded,
    PartnerQuoteRecorded,
)
from samskab_contracts.vocabulary import LESSON_KINDS, MAX_LIST, MAX_NAME, MAX_TEXT, PHASES, THEMES

from .rules import one_of, past_day, require, text
from .state import InitiativeState


class Learning(InitiativeState):
    def record_lesson(self, lesson_id: str, spec: dict, *, by: str, now: str) -> dict:
        """What was hard or what was learned, about a phase the initiative has reached
        (``about_phase``)."""
        lessons = self.learning["lessons"]
        require(len(lessons) < MAX_LIST, "learning.lessons.too_many", f"at most {MAX_LIST} lessons")
        phase = one_of(spec.get("about_phase") or "", PHASES, "learning.lesson.phase_unknown", "phase")
        require(self._phase_at_least(phase), "learning.lesson.phase_not_reached",
                f"a lesson concerns a phase the initiative has reached; it is in {self.phase}")
        theme = spec.get("theme")
        lesson = {"lesson_id": lesson_id,
                  "kind": one_of(spec.get("kind") or "", LESSON_KINDS, "learning.lesson.kind_unknown",
                                 "lesson kind"),
                  "text": text(spec.get("text"), "text", MAX_TEXT),
                  "phase": phase,
                  "theme": None if theme is None else one_of(theme, THEMES, "learning.lesson.theme_unknown",
                                                             "theme"),
                  "by": by, "at": now}
        lessons.append(lesson)
        self._emit(LessonRecorded, by=by, now=now, **_without_stamp(lesson))
        return lesson

    def record_partner_quote(self, quote_id: str, spec: dict, *, by: str, now: str) -> dict:
        """A partner's words; ``actor_id``, when given, must be an actor taking part."""
        quotes = self.learning["quotes"]
        require(len(quotes) < MAX_LIST, "learning.quotes.too_many", f"at most {MAX_LIST} partner quotes")
        actor_id = spec.get("actor_id") or None
        require(actor_id is None or actor_id in self.actors, "learning.quote.actor_not_taking_part",
                f"actor {actor_id} does not take part in this initiative")
        quote = {"quote_id": quote_id,
                 "quote": text(spec.get("quote"), "quote", MAX_TEXT),
                 "organisation": text(spec.get("organisation"), "organisation", MAX_NAME),
                 "role": text(spec.get("role"), "role", MAX_NAME),
                 "name": text(spec.get("name"), "name", MAX_NAME, required=False) or None,
                 "date": past_day(spec.get("date"), now, "learning.quote.date_in_future"),
                 "actor_id": actor_id, "by": by, "at": now}
        quotes.append(quote)
        self._emit(PartnerQuoteRecorded, by=by, now=now, **_without_stamp(quote))
        return quote

    def link_inspiration(self, other_id: str, title: str | None, note: str | None, *,
                         by: str, now: str) -> dict:
        """Inspired by the initiative ``other_id``. ``title`` is the linker's own words for an
        initiative they may not read (then nothing of it is looked up); for one they may
        read it is None, and its title is read when the link is shown."""
        require(other_id != self.initiative_id, "learning.inspiration.self",
                "an initiative is not inspired by itself")
        linked = self.learning["inspired_by"]
        require(all(i["initiative_id"] != other_id for i in linked), "learning.inspiration.duplicate",
                "this initiative is already linked as an inspiration")
        require(len(linked) < MAX_LIST, "learning.inspirations.too_many", f"at most {MAX_LIST} inspirations")
        link = {"initiative_id": other_id, "title": text(title, "title", MAX_NAME, required=False) or None,
                "note": text(note, "note", MAX_TEXT, required=False) or None, "by": by, "at": now}
        linked.append(link)
        self._emit(InitiativeInspirationLinked, by=by, now=now, inspired_by_initiative_id=other_id,
                   title=link["title"], note=link["note"])
        return link


def _without_stamp(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("by", "at")}
