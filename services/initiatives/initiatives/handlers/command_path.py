"""The path every command of the initiatives service takes: validate the payload, read
the initiative once, let the domain decide, save state, events and outcome in one write
(samskab_infra.saving.save_command), answer with the initiative's view.

Who may run a command is decided before it runs (handlers.authorisation), on the read
the save path then reuses (adapters.already_read): one command, one read.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable

from samskab_contracts.commands import initiatives as s
from samskab_infra.aggregate import decision
from samskab_infra.context import Context
from samskab_infra.errors import NotFound
from samskab_infra.saving import AggregatePort, Decide, Decision, save_command

from ..domain import Initiative
from .queries import initiative_view, written_view

Action = Callable[[Initiative, dict, str, str], dict | None]
"""What a command does to the initiative: (initiative, payload, by, now) -> what it made."""


def new_id() -> str:
    return str(uuid.uuid4())


def spec_of(data: dict) -> dict:
    """A command's payload without the fields that address the initiative."""
    return {k: v for k, v in data.items() if k not in ("initiative_id", "expected_version")}


def initiative_of(doc: dict | None, initiative_id: str) -> Initiative:
    """The initiative in a stored document, or NotFound."""
    if doc is None:
        raise NotFound(f"initiative {initiative_id} not found", code="initiative.not_found")
    return Initiative.from_document(doc)


def decision_of(initiative: Initiative, ctx: Context, now: str, extra: dict) -> Decision:
    """The outcome kept for a repeat of the command is the ids it made and the events'
    types: the rest of ``extra`` (a baseline, a resolution) is in the initiative itself,
    and personal data stays in the places erasure knows (docs/personal-data.md)."""
    made = {k: v for k, v in extra.items() if k.endswith(("_id", "_ids"))}
    return decision(initiative, ctx, now, made)


def save_and_answer(store: AggregatePort, initiative_id: str, decide: Decide,
                    extra: Callable[[], dict], *, expected_version: int | None = None,
                    command_id: str | None = None, creates: bool = False) -> dict:
    """Save through the one save path and answer: the initiative as it is after the
    command (for a repeated command: as it is now), what the command made (``extra()``,
    read after the save) and its outcome.

    The document the command just wrote is shown as written, so it is serialised once; a
    stored one (a repeat, or a command that changed nothing) is rebuilt like a query's."""
    written: list[dict] = []

    def decide_and_keep(doc: dict | None) -> Decision:
        decided = decide(doc)
        written[:] = [] if decided.state is None else [decided.state]
        return decided

    saved = save_command(store, initiative_id, decide_and_keep, expected_version=expected_version,
                         command_id=command_id, creates=creates)
    if saved.replayed:
        return {"initiative": initiative_view(saved.document), **saved.outcome}
    view = written_view(saved.document) if written else initiative_view(saved.document)
    return {"initiative": view, **extra(), **saved.outcome}


def act(store: AggregatePort, payload: dict, ctx: Context, schema: type, action: Action) -> dict:
    """Act on the initiative and save; nothing is stored if a rule fails. If-Match
    (``expected_version``) is checked against the initiative as read."""
    data = s.load(schema, payload)
    extra: dict = {}

    def decide(doc: dict | None) -> Decision:
        nonlocal extra
        initiative = initiative_of(doc, data["initiative_id"])
        now = ctx.current_time()
        extra = action(initiative, data, ctx.principal.subject, now) or {}
        return decision_of(initiative, ctx, now, extra)

    return save_and_answer(store, data["initiative_id"], decide, lambda: extra,
                           expected_version=data.get("expected_version"), command_id=ctx.command_id)
