"""Commands of learning (lessons, partner quotes, inspiration) on the one command path
(command_path.act), and the inspirations of an initiative as one caller may see them.

An inspiration may name an initiative in another district. Linking looks the other
initiative up only when the caller may read it, and answers alike whether an initiative
the caller may not read exists or not (then the caller gives its title in their own
words)."""
from __future__ import annotations

from samskab_contracts.commands import initiatives as s
from samskab_infra.context import Context
from samskab_infra.errors import ValidationFailed
from samskab_infra.saving import AggregatePort

from ..domain import Initiative
from .command_path import act, new_id, spec_of
from .inspirations import LookingStore
from .inspirations import readable as _readable


def record_lesson(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordLessonSchema, lambda i, d, by, now: {
        "lesson_id": i.record_lesson(new_id(), spec_of(d), by=by, now=now)["lesson_id"]})


def record_partner_quote(store: AggregatePort, payload: dict, ctx: Context) -> dict:
    return act(store, payload, ctx, s.RecordPartnerQuoteSchema, lambda i, d, by, now: {
        "quote_id": i.record_partner_quote(new_id(), spec_of(d), by=by, now=now)["quote_id"]})


def link_inspiration(store: LookingStore, payload: dict, ctx: Context) -> dict:
    data = s.load(s.LinkInspirationSchema, payload)
    other_id = data["inspired_by_initiative_id"]
    readable = _readable(store, other_id, ctx.principal) is not None
    title = None if readable else (data.get("title") or "").strip() or None
    if not readable and title is None:
        raise ValidationFailed("give the title of an initiative you cannot look up",
                               details={"title": ["required for an initiative you may not read"]})

    def action(i: Initiative, d: dict, by: str, now: str) -> None:
        i.link_inspiration(other_id, title, d.get("note"), by=by, now=now)
    return act(store, payload, ctx, s.LinkInspirationSchema, action)
