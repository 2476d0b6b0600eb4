"""The co-creation initiative (co-creation initiativ): the aggregate, one class.

``Initiative`` is a samskab_infra Aggregate (its state and document form in
``state.InitiativeState``) whose methods are written in one module per concern, each a
mixin over that state: ``lifecycle`` (the seven phases, closing, becoming a network),
``roles`` (anchor person, working group, coordinator, platform leads), ``development``
(development platforms, baselines, the member copy), ``goal_setting`` (goals and their
progress), ``journal`` (results, ripple effects, reality checks), ``activities``
(citizen meetings, safety walks, findings), ``mapping`` and ``involvement`` (phases 2-4:
sources, problem statements, direction, potential actors and the talks with them) and
``revision`` (revising what the initiative is about, pausing and resuming), ``governance``
(deputy anchor person, steering and core groups, anchoring), ``resources`` (funding,
people's time, actors' proposals), ``activity_records`` (general activities),
``living_network`` (what a network still does), ``learning`` (lessons, partner quotes,
inspiration from other initiatives) and ``reach`` (participating districts and the scope). The mixins share
nothing but that state and are never used apart: read them as the sections of this one class.

A method checks the rules, changes the state and ``record``s the events it raises.
Time comes in as ``now`` (ISO-8601, UTC); the person acting comes in as ``by``; new ids
come from the caller.
"""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.events.initiatives import InitiativeCreated
from samskab_contracts.vocabulary import MAX_NAME, MAX_TEXT, MAX_TITLE

from .activities import Activities
from .activity_records import ActivityRecords
from .content import challenge as _challenge
from .content import co_owners as _co_owners
from .content import themes as _themes
from .content import unique_names as _unique_names
from .development import Development
from .goal_setting import GoalSetting
from .governance import Governance
from .involvement import Involvement
from .journal import Journal
from .learning import Learning
from .lifecycle import Lifecycle
from .living_network import LivingNetwork
from .reach import Reach
from .resources import Resources
from .revision import Revision
from .roles import Roles
from .rules import one_of, text


class Initiative(Lifecycle, Roles, Development, GoalSetting, Journal, Activities, Involvement, Revision,
                 Governance, Resources, ActivityRecords, LivingNetwork, Learning, Reach):
    @classmethod
    def create(cls, initiative_id: str, spec: dict, *, by: str, now: str) -> Initiative:
        district = one_of(spec.get("district", ""), DISTRICTS, "initiative.district.unknown",
                          "police district")
        initiative = cls(initiative_id, district)
        initiative.title = text(spec.get("title"), "title", MAX_TITLE)
        initiative.challenge = _challenge(spec.get("challenge") or {})
        initiative.themes = _themes(spec.get("themes") or [])
        initiative.municipalities = _unique_names(spec.get("municipalities") or [],
                                                  "municipalities")
        initiative.co_owners = _co_owners(spec.get("co_owners") or [], district)
        initiative.vision = text(spec.get("vision"), "vision", MAX_TEXT, required=False)
        initiative.focus_area = text(spec.get("focus_area"), "focus_area", MAX_NAME, required=False)
        initiative.created_by, initiative.created_at = by, now
        initiative._emit(InitiativeCreated, by=by, now=now, title=initiative.title,
                         challenge=initiative.challenge["text"],
                         challenge_perspectives=initiative.challenge["perspectives"],
                         themes=initiative.themes, municipalities=initiative.municipalities,
                         co_owners=initiative.co_owners, vision=initiative.vision,
                         phase=initiative.phase, created_by=by, focus_area=initiative.focus_area)
        return initiative

