"""Who is looking at a report: which initiatives' own text (titles, challenges, goals) it
may see and where counts derived from persons are shown exactly (docs/access.md).

Both answers come from the shared policy (samskab_contracts.access) on the caller's grants:
``visible_initiatives`` for what a list or a page may show, ``exact_figures_for`` for
small-count suppression. Suppression protects persons only: counts of initiatives,
platforms, goals, results, activities and organisations are never suppressed, whoever looks.
"""
from __future__ import annotations

from collections.abc import Iterable

from samskab_contracts.access import Visibility, exact_figures_for, visible_initiatives
from samskab_infra.context import SYSTEM, Principal

from .projections.reach import districts_of


class Viewer:
    """One caller of the reporting queries. ``open_data``: the figures leave the system (the
    open-data exports), so person counts are suppressed for everyone, the caller included."""

    def __init__(self, principal: Principal, *, open_data: bool = False) -> None:
        self.principal = principal
        self.open_data = open_data
        self.visibility: Visibility = visible_initiatives(principal)

    def shows(self, district: str | None, initiative_id: str | None) -> bool:
        """Whether the caller may see this initiative's own text and figures."""
        return self.visibility.shows(district, initiative_id)

    def shows_model(self, model: dict) -> bool:
        """Its lead district's operators and those of a participating district see it."""
        return self.visibility.shows(districts_of(model) or None, model.get("initiative_id"))

    def exact(self, district: str | None = None, initiative_id: str | None = None) -> bool:
        """Whether counts derived from persons in one initiative, one district or (with
        neither) the whole country are shown below the threshold."""
        return not self.open_data and exact_figures_for(self.principal, district, initiative_id)

    def exact_for_model(self, model: dict) -> bool:
        return not self.open_data and exact_figures_for(
            self.principal, model.get("district"), model.get("initiative_id"),
            participating=districts_of(model)[1:])

    def exact_everywhere_in(self, districts: Iterable[str]) -> bool:
        return all(self.exact(d) for d in districts)

    def as_open_data(self) -> Viewer:
        return Viewer(self.principal, open_data=True)


PUBLIC = Viewer(Principal("public"))
"""Nobody in particular: sees no initiative's text and no person count below the threshold."""
EVERYTHING = Viewer(SYSTEM)
"""A service's own view (and tests'): every initiative, every figure exact."""
