"""Facts of learning for the per-initiative read model: lessons (what was hard, what was
learned; phase, theme), partner quotes and the initiatives this one was inspired by.

A quote keeps its organisation, role and words, never a speaker's name (personal data:
reporting does not need it); the registered actor it is attributed to, if any, by id, named
when the view is made from the actor directory (an organisation only: never a citizen, never
an erased actor). An inspiration keeps the other initiative's id and the linker's
own words for its title, if any; the other initiative's own title is read from its model
where the reader may see it (rendering.learning)."""
from __future__ import annotations

from collections.abc import Callable

from .facts import own, when

Handler = Callable[[dict, dict, dict], None]


def _lesson(model: dict, env: dict, data: dict) -> None:
    own(model, "lessons")[data.get("lesson_id") or env["event_id"]] = {
        "lesson_id": data.get("lesson_id") or env["event_id"], "kind": data.get("kind"),
        "text": data.get("text"), "phase": data.get("phase"), "theme": data.get("theme"), "at": when(env)}


def _quote(model: dict, env: dict, data: dict) -> None:
    own(model, "partner_quotes")[data.get("quote_id") or env["event_id"]] = {
        "quote_id": data.get("quote_id") or env["event_id"], "quote": data.get("quote"),
        "organisation": data.get("organisation"), "role": data.get("role"), "date": data.get("date"),
        "actor_id": data.get("actor_id"), "at": when(env)}


def _inspiration(model: dict, env: dict, data: dict) -> None:
    other = data.get("inspired_by_initiative_id")
    if isinstance(other, str) and other:
        own(model, "inspired_by")[other] = {"initiative_id": other, "title": data.get("title"),
                                            "note": data.get("note"), "at": when(env)}


HANDLERS: dict[str, Handler] = {
    "LessonRecorded": _lesson,
    "PartnerQuoteRecorded": _quote,
    "InitiativeInspirationLinked": _inspiration,
}


def _by_time(items: dict) -> list[dict]:
    return sorted(items.values(), key=lambda i: (i.get("at") or "", i.get("lesson_id") or i.get("quote_id")
                                                 or i.get("initiative_id") or ""))


def _actor_name(actor_id: object, directory: dict, members: dict) -> str | None:
    """An organisation's name (as views.organisations names them); None for a citizen."""
    if not isinstance(actor_id, str):
        return None
    entry = directory.get(actor_id) or {}
    kind = entry.get("kind") or (members.get(actor_id) or {}).get("kind")
    if kind == "citizen" or entry.get("erased"):
        return None
    return entry.get("name") or None


def learning_view(model: dict, directory: dict | None = None) -> dict:
    """The learning of one initiative, oldest first: ``inspired_by`` holds ids (and the
    linker's words) only, to be resolved for the reader; a quote attributed to an actor has
    its ``actor_name`` from ``directory`` (actor id -> entry), or None."""
    quotes = [{**{k: v for k, v in q.items() if k != "actor_id"},
               "actor_name": _actor_name(q.get("actor_id"), directory or {}, model.get("members") or {})}
              for q in _by_time(model.get("partner_quotes") or {})]
    return {"lessons": _by_time(model.get("lessons") or {}),
            "partner_quotes": quotes,
            "inspired_by": _by_time(model.get("inspired_by") or {})}
