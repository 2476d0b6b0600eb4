"""Render a stored event for one reader (e-mail, feed), with directory facts."""
from __future__ import annotations

from ..adapters.stores import NotificationStores
from ..domain.catalogue import language_of
from ..domain.incoming import IncomingEvent
from ..templates.facts import build_facts
from ..templates.render import Rendered, render


def render_for(stores: NotificationStores, event: IncomingEvent, language: str,
               app_base_url: str) -> Rendered:
    language = language_of(language)
    facts = build_facts(event, language=language,
                        initiative=stores.directory.initiative(event.initiative_id),
                        actor=stores.directory.actor(event.named_actor_id), app_base_url=app_base_url)
    return render(event.type, facts, language)
