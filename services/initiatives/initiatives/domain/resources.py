"""Resources (ressourcer): funding lines (source, amount in kroner, co-financing or not) and
people's time (hours an organisation gave over a period); and the proposals actors make,
which the influence monitor counts beside attendance and results."""
from __future__ import annotations

from samskab_contracts.events.governance import FundingRecorded, ProposalRecorded, TimeContributed
from samskab_contracts.vocabulary import MAX_AMOUNT_KR, MAX_HOURS, MAX_NAME, MAX_TEXT

from .rules import parse_day, past_day, require, text
from .state import InitiativeState


class Resources(InitiativeState):
    def record_funding(self, funding_id: str, spec: dict, *, by: str, now: str) -> dict:
        self._ensure_active()
        amount = float(spec.get("amount_kr"))
        require(0 <= amount <= MAX_AMOUNT_KR, "resources.amount.out_of_range",
                f"amount_kr must be 0-{MAX_AMOUNT_KR}")
        line = {"funding_id": funding_id, "source": text(spec.get("source"), "source", MAX_NAME),
                "amount_kr": amount, "co_financing": bool(spec.get("co_financing")),
                "note": text(spec.get("note"), "note", MAX_TEXT, required=False),
                "by": by, "at": now}
        self.resources["funding"].append(line)
        self._emit(FundingRecorded, by=by, now=now,
                   **{k: line[k] for k in ("funding_id", "source", "amount_kr", "co_financing", "note")})
        return line

    def record_time_contribution(self, contribution_id: str, spec: dict, *, by: str,
                                 now: str) -> dict:
        self._ensure_active()
        hours = float(spec.get("hours"))
        require(0 < hours <= MAX_HOURS, "resources.hours.out_of_range", f"hours must be above 0, at most {MAX_HOURS}")
        start = parse_day(spec.get("period_start"), "period_start")
        end = parse_day(spec.get("period_end"), "period_end")
        require(start <= end, "resources.period.reversed", "the period ends before it starts")
        actor_id = spec.get("actor_id")
        require(actor_id is None or actor_id in self.actors, "resources.actor.not_taking_part",
                f"actor {actor_id} does not take part in this initiative")
        entry = {"contribution_id": contribution_id,
                 "organisation": text(spec.get("organisation"), "organisation", MAX_NAME),
                 "actor_id": actor_id, "hours": hours, "period_start": start.isoformat(),
                 "period_end": end.isoformat(),
                 "note": text(spec.get("note"), "note", MAX_TEXT, required=False),
                 "by": by, "at": now}
        self.resources["time"].append(entry)
        self._emit(TimeContributed, by=by, now=now, **{k: entry[k] for k in (
            "contribution_id", "organisation", "actor_id", "hours", "period_start", "period_end",
            "note")})
        return entry

    def record_proposal(self, proposal_id: str, spec: dict, *, by: str, now: str) -> dict:
        """A proposal by an actor taking part, at one of the initiative's activities or on
        one of its platforms if named."""
        self._ensure_active()
        actor_id = spec.get("actor_id")
        require(actor_id in self.actors, "proposal.actor.not_taking_part",
                f"actor {actor_id} does not take part in this initiative")
        activity_id = spec.get("activity_id")
        require(activity_id is None or any(a.get("activity_id") == activity_id for a in self.activities),
                "proposal.activity.not_found", f"activity {activity_id} not found in this initiative")
        platform_id = spec.get("platform_id")
        if platform_id is not None:
            self.platform(platform_id)
        entry = {"proposal_id": proposal_id, "actor_id": actor_id,
                 "title": text(spec.get("title"), "title", MAX_NAME),
                 "activity_id": activity_id, "platform_id": platform_id,
                 "date": past_day(spec.get("date"), now, "proposal.date_in_future"),
                 "adopted": bool(spec.get("adopted")), "by": by, "at": now}
        self.proposals.append(entry)
        self._emit(ProposalRecorded, by=by, now=now, **{k: entry[k] for k in (
            "proposal_id", "actor_id", "title", "activity_id", "platform_id", "date", "adopted")})
        return entry
