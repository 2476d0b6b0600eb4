"""The value-creation journal: results, ripple effects (ringe i vandet) and
reality checks (realitetstjek) with their schedule per platform."""
from __future__ import annotations

from samskab_contracts.events.initiatives import (
    RealityCheckOverdue,
    RealityCheckRecorded,
    RealityCheckScheduled,
    ResultDocumented,
    RippleEffectRecorded,
)
from samskab_contracts.vocabulary import (
    ASSESSMENT_SCALE,
    MAX_REALITY_CHECK_INTERVAL_DAYS,
    MAX_SHORT_TEXT,
    MAX_TEXT,
    MAX_TITLE,
    REALITY_CHECK_DIMENSIONS,
    RESULT_SIZES,
)

from .living_network import ensure_living
from .rules import add_days, one_of, parse_day, past_day, require, text, today
from .state import InitiativeState

REALITY_CHECK_PHASES = ("co_creative_development", "closing")


class Journal(InitiativeState):
    def document_result(self, result_id: str, spec: dict, *, by: str, now: str) -> dict:
        """A small result or a breakthrough, with the actors involved (a network's too)."""
        ensure_living(self)
        result = {"result_id": result_id, **self._journal_entry(spec, "result", now),
                  "size": one_of(spec.get("size", ""), RESULT_SIZES, "result.size.unknown",
                                 "result size"),
                  "by": by, "at": now}
        self.results.append(result)
        self._emit(ResultDocumented, by=by, now=now,
                   **{k: v for k, v in result.items() if k not in ("by", "at")})
        return result

    def record_ripple_effect(self, ripple_effect_id: str, spec: dict, *, by: str,
                             now: str) -> dict:
        """An unplanned bonus effect; it needs evidence, since it is easily overlooked."""
        ensure_living(self)
        evidence = [{"description": text(e.get("description"), "evidence.description", MAX_TEXT),
                     "reference": text(e.get("reference"), "evidence.reference", MAX_SHORT_TEXT,
                                       required=False)}
                    for e in spec.get("evidence") or []]
        require(bool(evidence), "ripple_effect.evidence_required",
                "a ripple effect needs at least one piece of evidence")
        effect = {"ripple_effect_id": ripple_effect_id,
                  **self._journal_entry(spec, "ripple_effect", now), "evidence": evidence,
                  "by": by, "at": now}
        self.ripple_effects.append(effect)
        self._emit(RippleEffectRecorded, by=by, now=now,
                   **{k: v for k, v in effect.items() if k not in ("by", "at")})
        return effect

    def _journal_entry(self, spec: dict, what: str, now: str) -> dict:
        platform_id = spec.get("platform_id")
        if platform_id is not None:
            self.platform(platform_id)
        actor_ids = list(dict.fromkeys(spec.get("actor_ids") or []))
        return {"platform_id": platform_id, "title": text(spec.get("title"), "title", MAX_TITLE),
                "description": text(spec.get("description"), "description", MAX_TEXT,
                                    required=False),
                "date": past_day(spec.get("date"), now, f"{what}.date_in_future"),
                "actor_ids": actor_ids}

    # -- reality checks ------------------------------------------------------

    def schedule_reality_checks(self, platform_id: str, interval_days: int,
                                first_due: str | None, *, by: str, now: str) -> str:
        self._ensure_active()
        platform = self.platform(platform_id)
        require(1 <= interval_days <= MAX_REALITY_CHECK_INTERVAL_DAYS,
                "reality_check.schedule.interval_invalid",
                f"interval_days must be 1-{MAX_REALITY_CHECK_INTERVAL_DAYS}")
        first_due = (parse_day(first_due, "first_due").isoformat() if first_due
                     else add_days(today(now).isoformat(), interval_days))
        require(first_due >= today(now).isoformat(), "reality_check.schedule.first_due_in_past",
                f"the first reality check cannot be due in the past ({first_due})")
        platform.schedule_reality_checks(interval_days, first_due)
        self._emit(RealityCheckScheduled, by=by, now=now, platform_id=platform_id,
                   platform_name=platform.name, interval_days=interval_days, next_due=first_due)
        return first_due

    def record_reality_check(self, reality_check_id: str, platform_id: str, day: str,
                             scores: dict[str, int], notes: str | None, *, by: str,
                             now: str) -> dict:
        """A process evaluation of one platform, used continuously in phases 6 and 7."""
        self._ensure_active()
        platform = self.platform(platform_id)
        require(self.phase in REALITY_CHECK_PHASES, "reality_check.phase_not_reached",
                f"reality checks run in co-creative development and closing, not in {self.phase}")
        require(bool(scores), "reality_check.scores_required", "score at least one dimension")
        low, high = ASSESSMENT_SCALE
        for dimension, score in scores.items():
            one_of(dimension, REALITY_CHECK_DIMENSIONS, "reality_check.dimension.unknown",
                   "reality-check dimension")
            require(isinstance(score, int) and low <= score <= high,
                    "reality_check.score.out_of_scale", f"{dimension} must be scored {low}-{high}")
        day = past_day(day, now, "reality_check.date_in_future")
        platform.reality_check_done(day)
        check = {"reality_check_id": reality_check_id, "platform_id": platform_id, "date": day,
                 "scores": dict(scores), "average_score": round(sum(scores.values()) / len(scores), 2),
                 "notes": text(notes, "notes", MAX_TEXT, required=False),
                 "next_due": platform.next_reality_check_due, "by": by, "at": now}
        self.reality_checks.append(check)
        self._emit(RealityCheckRecorded, by=by, now=now, platform_name=platform.name,
                   **{k: v for k, v in check.items() if k not in ("by", "at")})
        return check

    def overdue_reality_checks(self, now: str) -> list[str]:
        """Platforms whose next reality check is past due (flagged or not)."""
        if self.status != "active":
            return []
        return [pid for pid, p in self.platforms.items() if p.reality_check_overdue(now)]

    def flag_overdue_reality_checks(self, *, by: str, now: str) -> list[str]:
        """Raise RealityCheckOverdue once per platform and due date; returns those flagged."""
        flagged = []
        for pid in self.overdue_reality_checks(now):
            platform = self.platforms[pid]
            if not platform.overdue_unflagged(now):
                continue
            due = platform.next_reality_check_due
            platform.overdue_flagged_for = due
            self._emit(RealityCheckOverdue, by=by, now=now, platform_id=pid,
                       platform_name=platform.name, due_date=due,
                       days_overdue=(today(now) - parse_day(due, "due")).days,
                       interval_days=platform.reality_check_interval_days,
                       anchor_person=self.anchor_person, coordinator=self.coordinator)
            flagged.append(pid)
        return flagged
