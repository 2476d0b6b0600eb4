"""In-memory fakes of reporting's ports for the unit tests: the read models (with the
compact summaries and per-scope figures the real store serves) and the summary store."""
from __future__ import annotations

import json

from reporting.domain.figures import scope_figures
from reporting.domain.projections import state
from reporting.domain.projections.summary import summarise
from samskab_contracts.access import Visibility


def as_stored(value: object) -> object:
    """A value as it comes back from the store (JSON-native: tuples become lists)."""
    return json.loads(json.dumps(value))


class FakeReadModels:
    def __init__(self, built: dict) -> None:
        self.built = built

    def initiatives(self, district: str | None = None, fields: tuple[str, ...] | None = None,
                    visibility: Visibility | None = None) -> list[dict]:
        return [{k: v for k, v in m.items() if fields is None or k in fields}
                for m in self.built[state.INITIATIVES].values()
                if (district is None or m.get("district") == district)
                and (visibility is None or visibility.shows(m.get("district"), m.get("initiative_id")))]

    def initiative(self, initiative_id: str) -> dict | None:
        return self.built[state.INITIATIVES].get(initiative_id)

    def summaries(self, district: str | None = None,
                  visibility: Visibility | None = None) -> list[dict]:
        return as_stored([summarise(m) for m in self.initiatives(district, visibility=visibility)])

    def summary_page(self, visibility: Visibility, *, district: str | None = None,
                     phase: str | None = None, theme: str | None = None,
                     after: str | None = None, limit: int = 50) -> list[dict]:
        rows = sorted((m for m in self.summaries(district, visibility)
                       if (phase is None or m.get("phase") == phase)
                       and (theme is None or theme in (m.get("themes") or []))
                       and (after is None or m["initiative_id"] > after)),
                      key=lambda m: m["initiative_id"])
        return rows[:limit]

    def figures(self, scope: str | None) -> dict:
        return as_stored(scope_figures(self.summaries(scope), scope))

    def actors(self) -> dict[str, dict]:
        return self.built[state.ACTORS]

    def actor(self, actor_id: str) -> dict | None:
        return self.built[state.ACTORS].get(actor_id)


class InMemorySummaries:
    """The summary store's contract: a summary replaces an older one only."""

    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.calls = 0

    def put(self, initiative_id: str, model: dict, version: int) -> bool:
        self.calls += 1
        stored = self.documents.get(initiative_id)
        if stored is not None and stored["version"] >= version:
            return False
        self.documents[initiative_id] = {**as_stored(summarise(model)), "version": version}
        return True
