"""The living network (issue 15): what an initiative that goes on as a network still does.

A closed initiative often lives on as a network of its actors (Et trygt natteliv i Aalborg,
a network since 2014): it meets when needed, shares knowledge, actors join and leave, and it
hands ideas on to other bodies (Aalborg handed its transport ideas to the municipality).
So in ``network`` status:

- open: actors joining and leaving (the actors service's memberships, copied here from
  ActorJoined / ActorLeft as ever), activities (ActivityRecorded, network meetings among
  them: domain/activity_records.py), results and ripple effects, ideas handed over
  (IdeaHandedOver) and revising what it is about (domain/revision.py);
- frozen: the phases, the development platforms, baselines and goals, roles and reality
  checks, citizen meetings and safety walks: the closing's evaluation was made against
  them, and a network has no phases to go through.

A closed initiative that has not (yet) become a network is the finished record: nothing
of the above is recorded on it.
"""
from __future__ import annotations

from samskab_contracts.events.initiatives import IdeaHandedOver, IdeaOutcomeRecorded
from samskab_contracts.vocabulary import MAX_NAME, MAX_TEXT
from samskab_infra.errors import NotFound

from .rules import past_day, require, text
from .state import InitiativeState

LIVING_STATUSES = ("active", "network")


def ensure_living(state: InitiativeState) -> None:
    """An active initiative, or one going on as a network (not one only closed)."""
    require(state.status in LIVING_STATUSES, "initiative.closed",
            f"initiative {state.initiative_id} is closed; it can no longer change "
            "(once it goes on as a network, its meetings, results and ideas can be recorded)")


class LivingNetwork(InitiativeState):
    def hand_over_idea(self, idea_id: str, spec: dict, *, by: str, now: str) -> dict:
        """An idea handed over to another body: an organisation by name, or a registered
        actor (whose name and kind come from the members when it is one)."""
        ensure_living(self)
        actor_id = text(spec.get("recipient_actor_id"), "recipient_actor_id", MAX_NAME, required=False)
        member = self.actors.get(actor_id or "") or {}
        name = text(spec.get("recipient_name") or member.get("name"), "recipient_name", MAX_NAME)
        require(all(i["idea_id"] != idea_id for i in self.ideas_handed_over), "idea.duplicate",
                f"idea {idea_id} is already recorded")
        idea = {"idea_id": idea_id, "idea": text(spec.get("idea"), "idea", MAX_TEXT),
                "recipient_name": name, "recipient_actor_id": actor_id,
                "recipient_kind": member.get("actor_kind"),
                "date": past_day(spec.get("date"), now, "idea.date_in_future"),
                "outcome": text(spec.get("outcome"), "outcome", MAX_TEXT, required=False),
                "status": self.status, "by": by, "at": now}
        self.ideas_handed_over.append(idea)
        self._emit(IdeaHandedOver, by=by, now=now,
                   **{k: v for k, v in idea.items() if k not in ("by", "at")})
        return idea

    def record_idea_outcome(self, idea_id: str, outcome: str, *, by: str, now: str) -> dict:
        """What became of an idea, once it is known (a later record replaces the earlier)."""
        ensure_living(self)
        idea = self.idea(idea_id)
        outcome = text(outcome, "outcome", MAX_TEXT)
        require(outcome != idea["outcome"], "idea.outcome.unchanged", "this outcome is already recorded")
        previous, idea["outcome"] = idea["outcome"], outcome
        self._emit(IdeaOutcomeRecorded, by=by, now=now, idea_id=idea_id, outcome=outcome,
                   previous_outcome=previous, status=self.status)
        return idea

    def idea(self, idea_id: str) -> dict:
        for idea in self.ideas_handed_over:
            if idea["idea_id"] == idea_id:
                return idea
        raise NotFound(f"idea {idea_id} not found in this initiative", code="idea.not_found")
