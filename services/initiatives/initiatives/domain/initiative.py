"""The co-creation initiative (co-creation initiativ): the aggregate, one class.

``Initiative`` is a samskab_infra Aggregate (its state and document form in
``state.InitiativeState``) whose methods are written in one module per concern, each a
mixin over that state: ``lifecycle`` (the seven phases, closing, becoming a network),
``roles`` (anchor person, working group, coordinator, platform leads), ``development``
(development platforms, baselines, the member copy), ``goal_setting`` (goals and their
progress), ``journal`` (results, ripple effects, reality checks) and ``activities``
(citizen meetings, safety walks, findings), ``mapping`` and ``involvement`` (phases 2-4:
sources, problem statements, direction, potential actors and the talks with them). The
mixins share nothing but that state and are never used apart: read them as the sections
of this one class.

A method checks the rules, changes the state and ``record``s the events it raises.
Time comes in as ``now`` (ISO-8601, UTC); the person acting comes in as ``by``; new ids
come from the caller.
"""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.events.initiatives import InitiativeCreated
from samskab_contracts.vocabulary import CO_OWNER_KINDS, MAX_LIST, MAX_NAME, MAX_TEXT, MAX_TITLE, THEMES

from .activities import Activities
from .development import Development
from .goal_setting import GoalSetting
from .involvement import Involvement
from .journal import Journal
from .lifecycle import Lifecycle
from .roles import Roles
from .rules import one_of, require, text


class Initiative(Lifecycle, Roles, Development, GoalSetting, Journal, Activities, Involvement):
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
        initiative.created_by, initiative.created_at = by, now
        initiative._emit(InitiativeCreated, by=by, now=now, title=initiative.title,
                         challenge=initiative.challenge["text"],
                         challenge_perspectives=initiative.challenge["perspectives"],
                         themes=initiative.themes, municipalities=initiative.municipalities,
                         co_owners=initiative.co_owners, vision=initiative.vision,
                         phase=initiative.phase, created_by=by)
        return initiative


def _challenge(raw: dict) -> dict:
    """The shared challenge (udfordring): a text and the perspectives of several parties."""
    perspectives = [{"party": text(p.get("party"), "perspective.party", MAX_NAME),
                     "perspective": text(p.get("perspective"), "perspective.perspective",
                                         MAX_TEXT)}
                    for p in raw.get("perspectives") or []]
    require(len(perspectives) <= MAX_LIST, "initiative.challenge.too_many_perspectives",
            f"at most {MAX_LIST} perspectives")
    return {"text": text(raw.get("text"), "challenge.text", MAX_TEXT), "perspectives": perspectives}


def _themes(themes: list[str]) -> list[str]:
    require(bool(themes), "initiative.themes.required", "choose at least one theme")
    for theme in themes:
        one_of(theme, THEMES, "initiative.theme.unknown", "theme")
    require(len(set(themes)) == len(themes), "initiative.themes.duplicate",
            "each theme is listed once")
    return list(themes)


def _unique_names(names: list[str], field: str) -> list[str]:
    cleaned = [text(n, field, MAX_NAME) for n in names]
    require(len({n.casefold() for n in cleaned}) == len(cleaned), f"initiative.{field}.duplicate",
            f"each of {field} is listed once")
    return cleaned


def _co_owners(raw: list[dict], district: str) -> list[dict]:
    """Co-owners (a district, a municipality, a programme such as Bo Trygt); the
    initiative's own district always co-owns it and comes first."""
    owners = []
    for owner in raw:
        kind = one_of(owner.get("kind", ""), CO_OWNER_KINDS, "initiative.co_owner.kind_unknown",
                      "co-owner kind")
        name = text(owner.get("name"), "co_owner.name", MAX_NAME)
        if kind == "district":
            one_of(name, DISTRICTS, "initiative.co_owner.district_unknown", "police district")
        owners.append({"kind": kind, "name": name})
    keys = [(o["kind"], o["name"].casefold()) for o in owners]
    require(len(set(keys)) == len(keys), "initiative.co_owners.duplicate",
            "each co-owner is listed once")
    if ("district", district) not in keys:
        owners.insert(0, {"kind": "district", "name": district})
    return owners
