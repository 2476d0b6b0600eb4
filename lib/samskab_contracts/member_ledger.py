"""The membership ledger: applying ActorJoined / ActorLeft in any order ends where applying
them in order would.

The broker does not keep order: a join that meets a version conflict waits in a retry
queue while the leave that followed it is applied, and the late join must not bring the
member back. So every service that keeps members folds the actors service's membership
events through this one pure helper instead of applying them as they arrive.

The ledger keeps, per (actor, initiative), one *slot* for the joint platform and one per
development platform: present or not, and the order key of the event that last set it.
Every event that changes a slot names it (joining the initiative names the platforms joined
with it; leaving the initiative names every platform still open), so each slot is a
last-writer-wins register and the outcome does not depend on arrival order.

Order key: ``membership_seq`` (version 2 events), numbered by the actors service per
(actor, initiative). An event without one (version 1) is ordered by its ``at`` time, and
so is any comparison with a slot that was set by one. When the keys tie, a leave wins.
A leave with reason ``erased`` is a tombstone for good: no join is applied after it,
whatever its key, so an erased actor never comes back, name included.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime

JOINT = "joint"
ERASED_REASON = "erased"
JOINED, LEFT = "ActorJoined", "ActorLeft"
MEMBERSHIP_EVENTS = (JOINED, LEFT)


@dataclass(frozen=True)
class MembershipFact:
    """What the ledger needs from one ActorJoined / ActorLeft."""

    joined: bool
    scope: str | None
    platform_ids: tuple[str, ...]
    seq: int | None
    at: str | None
    erased: bool = False

    @classmethod
    def from_event(cls, event_type: str, data: dict) -> MembershipFact:
        if event_type not in MEMBERSHIP_EVENTS:
            raise ValueError(f"{event_type} is not a membership event")
        return cls(joined=event_type == JOINED, scope=data.get("scope"),
                   platform_ids=tuple(data.get("platform_ids") or ()),
                   seq=data.get("membership_seq"), at=data.get("at"),
                   erased=event_type == LEFT and data.get("reason_code") == ERASED_REASON)

    @property
    def whole_initiative(self) -> bool:
        """Scope ``initiative``; a version-1 leave without scope or platforms means it too."""
        return self.scope == "initiative" or (self.scope is None and not self.platform_ids)


@dataclass(frozen=True)
class Outcome:
    entry: dict
    applied: bool
    """False when the event changed nothing: a duplicate, older than what is held, or a
    join after erasure. A consumer then leaves its own copy (and any name) untouched."""


def empty() -> dict:
    return {JOINT: None, "platforms": {}, "erased": False}


def apply(entry: dict | None, fact: MembershipFact) -> Outcome:
    """The ledger entry after one event; ``entry`` is never changed in place."""
    before = entry if entry is not None else empty()
    entry = copy.deepcopy(before)
    if fact.erased:
        _erase(entry)
    elif not entry["erased"]:
        if fact.whole_initiative or (fact.joined and fact.scope != "platform"):
            _set(entry, JOINT, fact)
        targets = fact.platform_ids
        if fact.whole_initiative and not fact.joined:
            targets = tuple(dict.fromkeys((*fact.platform_ids, *entry["platforms"])))
        for platform_id in targets:
            _set(entry["platforms"], platform_id, fact)
    return Outcome(entry, entry != before)


def erase(entry: dict | None) -> dict:
    """ActorErased: the actor is gone from this initiative for good."""
    entry = copy.deepcopy(entry) if entry is not None else empty()
    _erase(entry)
    return entry


def is_member(entry: dict | None) -> bool:
    """On the joint platform, or on a development platform (which implies it)."""
    if entry is None or entry["erased"]:
        return False
    return _present(entry[JOINT]) or bool(platforms(entry))


def platforms(entry: dict | None) -> list[str]:
    """Development platforms the actor is on, in the order first heard of. A platform joined
    before the actor last left the initiative does not count, even while the leave of that
    platform is still on its way: leaving the initiative leaves every platform."""
    if entry is None or entry["erased"]:
        return []
    joint = entry[JOINT]
    return [pid for pid, slot in entry["platforms"].items()
            if _present(slot) and (joint is None or joint["present"] or _after(slot, joint))]


def agrees(entry: dict | None, fact: MembershipFact) -> bool:
    """Whether the event says what the ledger now holds: False for a join the actor has
    since left (or was erased after) and for a leave undone by a later join. A consumer
    that tells people about membership changes tells them only of these."""
    if fact.joined:
        return is_member(entry) and set(fact.platform_ids) <= set(platforms(entry))
    if fact.whole_initiative:
        return not is_member(entry)
    return not set(fact.platform_ids) & set(platforms(entry))


def _erase(entry: dict) -> None:
    """Keys are dropped with the membership: nothing can outrank the tombstone."""
    entry.update(erased=True, platforms={pid: None for pid in entry["platforms"]})
    entry[JOINT] = None


def _set(slots: dict, key: str, fact: MembershipFact) -> None:
    held = slots.get(key)
    if held is None or _newer(fact, held):
        slots[key] = _slot(fact, held)


def _slot(fact: MembershipFact, held: dict | None) -> dict:
    """A version-1 event (no seq) keeps the number the slot already had, so version-2 events
    that follow still compare by number."""
    seq = fact.seq if fact.seq is not None else (held or {}).get("seq")
    return {"present": fact.joined, "seq": seq, "at": fact.at}


def _newer(fact: MembershipFact, held: dict) -> bool:
    order = _compare({"seq": fact.seq, "at": fact.at}, held)
    return order > 0 or (order == 0 and not fact.joined and held["present"])


def _after(slot: dict, other: dict) -> bool:
    return _compare(slot, other) > 0


def _compare(one: dict, other: dict) -> int:
    """By sequence number when both have one, else by time: -1, 0 or 1."""
    if one.get("seq") is not None and other.get("seq") is not None:
        ours, theirs = one["seq"], other["seq"]
    else:
        ours, theirs = _instant(one.get("at")), _instant(other.get("at"))
    return (ours > theirs) - (ours < theirs)


def _present(slot: dict | None) -> bool:
    return slot is not None and slot["present"]


def _instant(at: str | None) -> datetime:
    """``at`` as an aware datetime, so "…Z", "…+00:00" and a time without zone (taken as
    UTC) compare right; a missing time sorts first."""
    if not at:
        return datetime.min.replace(tzinfo=UTC)
    instant = datetime.fromisoformat(at.replace("Z", "+00:00"))
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)
