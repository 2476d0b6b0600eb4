"""The access policy: which role may do what to which object (docs/access.md).

A principal holds grants, each a role in a scope (samskab_infra.context). The
tables below say which roles allow an action; ``roles_on_initiative`` and
``roles_on_actor`` say which of the principal's grants apply to one object. Every
service decides on the stored object with these functions; the gateway only resolves
the grants. An object the caller may not read is *not found* (never a hint that it
exists); one it may read but not change is *forbidden*.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samskab_infra.context import Principal
from samskab_infra.errors import Forbidden, NotFound

PEOPLE_IN_INITIATIVE = frozenset({"anchor_person", "deputy_anchor_person", "coordinator", "working_group",
                                  "platform_lead"})
ANCHOR = frozenset({"anchor_person", "deputy_anchor_person"})
"""The anchor person and, while appointed, their deputy (stedfortræder): the same grants."""
PARTICIPATING_DISTRICT = "participating_district"
"""Derived, never granted: a district operator of a police district that takes part in an
initiative besides its lead district (issue 15). It reads the initiative, sees it in its
district's lists and figures (exactly, as in its own district), and does not steer or work
on it: that stays with the lead district's operators and the people in the initiative."""

INITIATIVE_POLICY: dict[str, frozenset[str]] = {
    # see the initiative, its report, history, feed items and subscribe to it
    "read": frozenset({"national_centre", "district_operator", PARTICIPATING_DISTRICT, "participant"}
                      | PEOPLE_IN_INITIATIVE),
    # figures below the small-count threshold shown exactly (suppression protects persons)
    "see_exact_figures": frozenset({"national_centre", "district_operator", PARTICIPATING_DISTRICT}
                                   | PEOPLE_IN_INITIATIVE),
    # the contact directory: names, e-mails and phones of the people taking part
    "see_contacts": frozenset({"district_operator", "coordinator"} | ANCHOR),
    "create": frozenset({"district_operator"}),
    # appoint or hand over the anchor person (ankerperson)
    "appoint_anchor_person": frozenset({"district_operator"} | ANCHOR),
    # steer: phases, coordinator, working group, platforms, closing, network
    "lead": frozenset({"district_operator"} | ANCHOR),
    # the work itself: the mapping, analysis and talks with potential actors (phases 2-4),
    # baseline, goals, measurements, results, ripple effects, activities, reality checks,
    # safety walks and their follow-up, lessons, partner quotes and inspirations
    "work": frozenset({"district_operator", "coordinator", "working_group"} | ANCHOR),
    # the same work on the platforms a platform lead leads
    "work_on_platform": frozenset({"district_operator", "coordinator", "working_group", "platform_lead"}
                                  | ANCHOR),
    # enrol an organisation (never a citizen: citizens join themselves)
    "enrol_organisation": frozenset({"district_operator", "coordinator"} | ANCHOR),
}

ACTOR_POLICY: dict[str, frozenset[str]] = {
    "read": frozenset({"district_operator", "actor_representative"}),
    "change": frozenset({"district_operator", "actor_representative"}),
    "see_personal_data": frozenset({"district_operator", "actor_representative"}),
    # join or leave initiatives and platforms on the actor's own behalf
    "join_or_leave": frozenset({"actor_representative"}),
    "appoint_representative": frozenset({"district_operator", "actor_representative"}),
}


def _districts(district: str | Iterable[str] | None) -> set[str]:
    if district is None:
        return set()
    return {district} if isinstance(district, str) else set(district)


def roles_on_initiative(principal: Principal, district: str | Iterable[str] | None,
                        initiative_id: str | None, platform_id: str | None = None, *,
                        participating: Iterable[str] = ()) -> set[str]:
    """The principal's roles that apply to one initiative (in ``district``, or any of several
    districts); ``platform_id`` narrows platform leads to the platform a command is about;
    an operator of one of the ``participating`` districts holds PARTICIPATING_DISTRICT."""
    roles: set[str] = set()
    for grant in principal.grants:
        if grant.role in ("national_centre",):
            roles.add(grant.role)
        elif grant.role == "district_operator":
            if grant.scope in _districts(district):
                roles.add(grant.role)
            elif grant.scope in set(participating):
                roles.add(PARTICIPATING_DISTRICT)
        elif grant.role == "platform_lead":
            lead_initiative, _, lead_platform = (grant.scope or "").partition("/")
            if lead_initiative == initiative_id and platform_id in (None, lead_platform):
                roles.add(grant.role)
        elif initiative_id is not None and grant.scope == initiative_id:
            roles.add(grant.role)
    return roles


def may_on_initiative(principal: Principal, action: str, district: str | Iterable[str] | None,
                      initiative_id: str | None = None, platform_id: str | None = None, *,
                      participating: Iterable[str] = ()) -> bool:
    if principal.internal:
        return True
    allowed = INITIATIVE_POLICY[action]
    return bool(roles_on_initiative(principal, district, initiative_id, platform_id,
                                    participating=participating) & allowed)


def require_on_initiative(principal: Principal, action: str, district: str | Iterable[str] | None,
                          initiative_id: str | None = None, platform_id: str | None = None, *,
                          participating: Iterable[str] = ()) -> None:
    """Not found unless the caller may read the initiative; forbidden if it may read but not
    act. ``district`` is the lead district; ``participating`` the districts taking part."""
    if may_on_initiative(principal, action, district, initiative_id, platform_id, participating=participating):
        return
    if action != "read" and may_on_initiative(principal, "read", district, initiative_id,
                                              participating=participating):
        raise Forbidden(f"you may not {action.replace('_', ' ')} on this initiative",
                        code="access.write_denied", details={"action": action})
    raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")


def roles_on_actor(principal: Principal, district: str | None, actor_id: str | None) -> set[str]:
    roles: set[str] = set()
    for grant in principal.grants:
        if grant.role == "district_operator" and district is not None and grant.scope == district:
            roles.add(grant.role)
        elif grant.role == "actor_representative" and actor_id is not None and grant.scope == actor_id:
            roles.add(grant.role)
    return roles


def may_on_actor(principal: Principal, action: str, district: str | None, actor_id: str | None) -> bool:
    if principal.internal:
        return True
    return bool(roles_on_actor(principal, district, actor_id) & ACTOR_POLICY[action])


def require_on_actor(principal: Principal, action: str, district: str | None, actor_id: str | None) -> None:
    if may_on_actor(principal, action, district, actor_id):
        return
    if action != "read" and may_on_actor(principal, "read", district, actor_id):
        raise Forbidden(f"you may not {action.replace('_', ' ')} for this actor",
                        code="access.write_denied", details={"action": action})
    raise NotFound(f"actor {actor_id} not found", code="actor.not_found")


@dataclass(frozen=True)
class Visibility:
    """What a list may show: every initiative, or those in ``districts`` plus ``initiatives``.
    ``shows`` takes an initiative's lead district or all its districts (lead and
    participating): an operator of a participating district sees it in its lists too."""

    everything: bool
    districts: frozenset[str]
    initiatives: frozenset[str]

    def shows(self, district: str | Iterable[str] | None, initiative_id: str | None) -> bool:
        return (self.everything or bool(_districts(district) & self.districts)
                or initiative_id in self.initiatives)

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.districts or self.initiatives)


def visible_initiatives(principal: Principal) -> Visibility:
    """The initiatives ``principal`` may read, as a filter for lists, reports and feeds."""
    if principal.internal or principal.holds("national_centre"):
        return Visibility(True, frozenset(), frozenset())
    initiatives = principal.scopes(*(INITIATIVE_POLICY["read"] - {"national_centre", "district_operator",
                                                                  PARTICIPATING_DISTRICT, "platform_lead"}))
    initiatives |= {scope.partition("/")[0] for scope in principal.scopes("platform_lead")}
    return Visibility(False, frozenset(principal.scopes("district_operator")), frozenset(initiatives))


def exact_figures_for(principal: Principal, district: str | None = None,
                      initiative_id: str | None = None, participating: Iterable[str] = ()) -> bool:
    """Whether counts derived from persons are shown exactly to ``principal`` for one
    district (or initiative, with its ``participating`` districts); with neither, for the
    whole country."""
    if principal.internal or principal.holds("national_centre"):
        return True
    if district is None and initiative_id is None:
        return False
    return may_on_initiative(principal, "see_exact_figures", district, initiative_id,
                             participating=participating)


def require_personal_data_reader(principal: Principal, actor_id: str, district: str | None = None) -> None:
    """Everything held about one actor: its own representative, an operator of its
    police district, or a service's own call."""
    if not may_on_actor(principal, "see_personal_data", district, actor_id):
        raise Forbidden("only the actor's representative or an operator of its police district may "
                        "see everything held about it", code="personal_data.forbidden")
