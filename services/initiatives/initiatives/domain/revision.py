"""Revising what an initiative is about, and pausing it (issue 15).

Initiatives change as they learn: the challenge (udfordring) is often defined only
through the analysis (Co-creation i Gullestrup), and "Bryd fødekæden til banderne" moved
its focus from Bispehaven to Herredsvang and was on standby during COVID-19.

- Title, vision, themes, focus area, municipalities and co-owners are revised together,
  with a reason (InitiativeRevised); only what differs counts as a change.
- The challenge is revised on its own (ChallengeRevised): every earlier version is kept
  in ``challenge_history`` with who set it and when, who replaced it, when and why.
- Revising is allowed while the initiative is active (paused or not) and once it goes on
  as a network, which lives on and may shift its focus (Et trygt natteliv i Aalborg); a
  closed initiative is the finished record its evaluation was made against, so it is not
  revised.
- Pausing (standby) keeps the phase and stops the initiative moving on: no phase
  transition and no closing until it is resumed (lifecycle asks ``_ensure_not_paused``).
  The work already under way may still be recorded (results, meetings, measurements,
  roles), since a standby is rarely total and records often come late. Only an active
  initiative is paused: a network meets when needed and has no phases to hold.
"""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    REVISABLE_FIELDS,
    ChallengeRevised,
    InitiativePaused,
    InitiativeResumed,
    InitiativeRevised,
)
from samskab_contracts.vocabulary import MAX_NAME, MAX_TEXT, MAX_TITLE
from samskab_infra.clock import days_between

from . import content
from .rules import require, text
from .state import InitiativeState


class Revision(InitiativeState):
    def revise(self, changes: dict, reason: str, *, by: str, now: str) -> list[str]:
        """Change the fields given in ``changes`` (of REVISABLE_FIELDS); returns the
        names of those that really changed, in REVISABLE_FIELDS order."""
        self._ensure_revisable()
        unknown = sorted(set(changes) - set(REVISABLE_FIELDS))
        require(not unknown, "initiative.revision.unknown_field",
                f"{', '.join(unknown)} cannot be revised; revise one of {', '.join(REVISABLE_FIELDS)}")
        reason = text(reason, "reason", MAX_TEXT)
        proposed = {field: self._checked(field, value) for field, value in changes.items()}
        changed = [f for f in REVISABLE_FIELDS if f in proposed and proposed[f] != getattr(self, f)]
        require(bool(changed), "initiative.revision.no_change",
                "nothing differs from the initiative as it is")
        previous = {field: getattr(self, field) for field in changed}
        for field in changed:
            setattr(self, field, proposed[field])
        self._emit(InitiativeRevised, by=by, now=now, changed_fields=changed, previous=previous,
                   reason=reason, title=self.title, vision=self.vision, themes=self.themes,
                   focus_area=self.focus_area, municipalities=self.municipalities,
                   co_owners=self.co_owners)
        return changed

    def revise_challenge(self, raw: dict, reason: str, *, by: str, now: str) -> int:
        """Replace the shared challenge, keeping the one it replaces; returns the new
        version's number (the challenge the initiative started with is 1)."""
        self._ensure_revisable()
        new = content.challenge(raw)
        reason = text(reason, "reason", MAX_TEXT)
        require(new != self.challenge, "initiative.challenge.unchanged",
                "the challenge is already worded like this")
        earlier = self.challenge_history[-1] if self.challenge_history else None
        previous = self.challenge
        self.challenge_history.append({
            "revision": len(self.challenge_history) + 1, **previous,
            "set_by": earlier["replaced_by"] if earlier else self.created_by,
            "set_at": earlier["replaced_at"] if earlier else self.created_at,
            "replaced_by": by, "replaced_at": now, "reason": reason, "phase": self.phase})
        self.challenge = new
        revision = len(self.challenge_history) + 1
        self._emit(ChallengeRevised, by=by, now=now, revision=revision, phase=self.phase,
                   challenge=new["text"], challenge_perspectives=new["perspectives"],
                   previous_challenge=previous["text"],
                   previous_challenge_perspectives=previous["perspectives"], reason=reason)
        return revision

    def pause(self, reason: str, *, by: str, now: str) -> None:
        """Put the initiative on standby (it keeps its phase)."""
        self._ensure_active()
        require(self.paused is None, "initiative.pause.already_paused",
                f"the initiative is already paused (since {(self.paused or {}).get('since')})")
        reason = text(reason, "reason", MAX_TEXT)
        self.paused = {"since": now, "by": by, "reason": reason, "phase": self.phase}
        self._emit(InitiativePaused, by=by, now=now, phase=self.phase, reason=reason)

    def resume(self, note: str | None, *, by: str, now: str) -> float:
        """End the pause; returns the days it lasted (kept in ``pauses``)."""
        self._ensure_active()
        require(self.paused is not None, "initiative.resume.not_paused", "the initiative is not paused")
        pause = self.paused or {}
        note = text(note, "note", MAX_TEXT, required=False)
        days = max(days_between(pause["since"], now) or 0.0, 0.0)
        self.pauses.append({**pause, "until": now, "resumed_by": by, "note": note, "days": days})
        self.paused = None
        self._emit(InitiativeResumed, by=by, now=now, phase=self.phase, paused_at=pause["since"],
                   days_paused=days, note=note)
        return days

    def _ensure_revisable(self) -> None:
        require(self.status in ("active", "network"), "initiative.closed",
                f"initiative {self.initiative_id} is closed; a closed initiative is not revised "
                "(it may go on as a network, which can be)")

    def _checked(self, field: str, value: object) -> object:
        """One revised field's value, checked as at the start."""
        if field == "title":
            return text(value, "title", MAX_TITLE)
        if field in ("vision", "focus_area"):
            return text(value, field, MAX_TEXT if field == "vision" else MAX_NAME,
                        required=False)
        if field == "themes":
            return content.themes(value or [])
        if field == "municipalities":
            return content.unique_names(value or [], "municipalities")
        return content.co_owners(value or [], self.district)
