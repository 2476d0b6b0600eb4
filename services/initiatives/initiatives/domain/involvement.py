"""Actor involvement (aktørinvolvering, phase 4): the open, honest talks with each potential
actor (identified → contacted → in dialogue → joined / declined / later), what it would
bring and what it would gain, and the expectation alignments (forventningsafstemning):
what was agreed, with whom and when, before anyone joins (Kærshovedgård)."""
from __future__ import annotations

from samskab_contracts.events.initiatives import ExpectationsAligned, PotentialActorDialogueUpdated
from samskab_contracts.vocabulary import DIALOGUE_STATUSES, DIALOGUE_STEPS, MAX_LIST, MAX_NAME, MAX_TEXT

from .mapping import Mapping
from .rules import one_of, past_day, require, text, today


class Involvement(Mapping):
    def update_dialogue(self, potential_actor_id: str, spec: dict, *, by: str, now: str) -> dict:
        """Move a potential actor's dialogue on (or keep its status and add to the notes).
        What it would bring and gain stays as last written when a step leaves it out."""
        self._in_phase_from("analysis", "analysis.phase_not_reached")
        potential = self.potential_actor(potential_actor_id)
        status = one_of(spec.get("dialogue_status", ""), DIALOGUE_STATUSES, "involvement.dialogue.status_unknown",
                        "dialogue status")
        current = potential["status"]
        require(status == current or status in DIALOGUE_STEPS[current],
                "involvement.dialogue.step_not_allowed",
                f"a dialogue goes from {current} to one of {list(DIALOGUE_STEPS[current]) or 'nothing'}")
        talks = status != current and status in ("in_dialogue", "joined")
        require(not talks or self._phase_at_least("actor_involvement"), "involvement.phase_not_reached",
                f"talks in dialogue and joining belong to actor involvement; the initiative is in {self.phase}")
        day = past_day(spec["date"], now, "involvement.dialogue.date_in_future") if spec.get("date") \
            else today(now).isoformat()
        step = {"from_status": current, "status": status, "date": day,
                "note": text(spec.get("note"), "note", MAX_TEXT, required=False),
                "would_bring": text(spec.get("would_bring"), "would_bring", MAX_TEXT, required=False),
                "would_gain": text(spec.get("would_gain"), "would_gain", MAX_TEXT, required=False),
                "by": by, "at": now}
        require(status != current or any(step[k] for k in ("note", "would_bring", "would_gain")),
                "involvement.dialogue.nothing_new", "the dialogue is already there: add a note, or "
                "what the actor would bring or gain")
        require(len(potential["dialogue"]) < MAX_LIST, "involvement.dialogue.too_long",
                f"at most {MAX_LIST} steps of one dialogue")
        potential["dialogue"].append(step)
        potential["status"] = status
        for key in ("would_bring", "would_gain"):
            potential[key] = step[key] or potential[key]
        self._emit(PotentialActorDialogueUpdated, by=by, now=now, potential_actor_id=potential_actor_id,
                   actor_id=potential["actor_id"], name=potential["name"], kind=potential["kind"],
                   from_status=current, status=status, date=day, note=step["note"],
                   would_bring=potential["would_bring"], would_gain=potential["would_gain"])
        return step

    def align_expectations(self, alignment_id: str, spec: dict, *, by: str, now: str) -> dict:
        """What was agreed, with which potential actors and other parties (a council, a
        management), and when."""
        self._in_phase_from("actor_involvement", "involvement.phase_not_reached")
        alignments = self.involvement["alignments"]
        require(len(alignments) < MAX_LIST, "involvement.alignments.too_many",
                f"at most {MAX_LIST} expectation alignments")
        potential_actor_ids = list(dict.fromkeys(spec.get("potential_actor_ids") or []))
        for potential_actor_id in potential_actor_ids:
            self.potential_actor(potential_actor_id)
        parties = [text(p, "parties", MAX_NAME) for p in spec.get("parties") or []]
        require(bool(potential_actor_ids or parties), "involvement.alignment.parties_required",
                "an expectation alignment names whom it was agreed with")
        alignment = {"alignment_id": alignment_id,
                     "agreed": text(spec.get("agreed"), "agreed", MAX_TEXT),
                     "potential_actor_ids": potential_actor_ids, "parties": parties,
                     "date": past_day(spec.get("date"), now, "involvement.alignment.date_in_future"),
                     "by": by, "at": now}
        alignments.append(alignment)
        self._emit(ExpectationsAligned, by=by, now=now,
                   **{k: v for k, v in alignment.items() if k not in ("by", "at")})
        return alignment
