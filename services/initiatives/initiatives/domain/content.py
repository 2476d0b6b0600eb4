"""What an initiative is about, checked alike when it is started and when it is revised:
the shared challenge (udfordring), its themes, municipalities and co-owners."""
from __future__ import annotations

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import CO_OWNER_KINDS, MAX_LIST, MAX_NAME, MAX_TEXT, THEMES

from .rules import one_of, require, text


def challenge(raw: dict) -> dict:
    """The shared challenge (udfordring): a text and the perspectives of several parties."""
    perspectives = [{"party": text(p.get("party"), "perspective.party", MAX_NAME),
                     "perspective": text(p.get("perspective"), "perspective.perspective",
                                         MAX_TEXT)}
                    for p in raw.get("perspectives") or []]
    require(len(perspectives) <= MAX_LIST, "initiative.challenge.too_many_perspectives",
            f"at most {MAX_LIST} perspectives")
    return {"text": text(raw.get("text"), "challenge.text", MAX_TEXT), "perspectives": perspectives}


def themes(chosen: list[str]) -> list[str]:
    require(bool(chosen), "initiative.themes.required", "choose at least one theme")
    for theme in chosen:
        one_of(theme, THEMES, "initiative.theme.unknown", "theme")
    require(len(set(chosen)) == len(chosen), "initiative.themes.duplicate",
            "each theme is listed once")
    return list(chosen)


def unique_names(names: list[str], field: str) -> list[str]:
    cleaned = [text(n, field, MAX_NAME) for n in names]
    require(len({n.casefold() for n in cleaned}) == len(cleaned), f"initiative.{field}.duplicate",
            f"each of {field} is listed once")
    return cleaned


def co_owners(raw: list[dict], district: str) -> list[dict]:
    """Co-owners (a district, a municipality, a programme such as Bo Trygt); the
    initiative's own district always co-owns it and comes first."""
    owners = []
    for owner in raw:
        kind = one_of(owner.get("kind", ""), CO_OWNER_KINDS, "initiative.co_owner.kind_unknown",
                      "co-owner kind")
        name = text(owner.get("name"), "co_owner.name", MAX_NAME)
        if kind == "district":
            one_of(name, DISTRICTS, "initiative.co_owner.district_unknown", "police district")
        actor_id = owner.get("actor_id")
        require(actor_id is None or kind != "district", "initiative.co_owner.district_actor",
                "a police district co-owns through its operators, not through an actor")
        # A named actor's representatives read the initiative (the gateway's grants).
        owners.append({"kind": kind, "name": name, **({"actor_id": actor_id} if actor_id else {})})
    keys = [(o["kind"], o["name"].casefold()) for o in owners]
    require(len(set(keys)) == len(keys), "initiative.co_owners.duplicate",
            "each co-owner is listed once")
    if ("district", district) not in keys:
        owners.insert(0, {"kind": "district", "name": district})
    return owners
