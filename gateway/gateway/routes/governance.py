"""/initiatives/{id}/deputy-anchor-person, /governance-groups, /anchoring, /funding,
/time-contributions and /proposals: an initiative's governance and resources, and the
proposals the influence monitor counts."""
from __future__ import annotations

from werkzeug.wrappers import Request

from ..entrypoints import RouteResult, api
from .initiatives import InitiativeRoutes

BASE = "/initiatives/<string:initiative_id>"


class GovernanceRoutes(InitiativeRoutes):
    @api("PUT", f"{BASE}/deputy-anchor-person")
    def assign_deputy_anchor_person(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "assign_deputy_anchor_person", initiative_id=initiative_id)

    @api("PUT", f"{BASE}/governance-groups/<string:group>")
    def set_governance_group(self, request: Request, initiative_id: str, group: str) -> RouteResult:
        return self._run(request, "set_governance_group", initiative_id=initiative_id, group=group)

    @api("PUT", f"{BASE}/anchoring")
    def describe_anchoring(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "describe_anchoring", initiative_id=initiative_id)

    @api("POST", f"{BASE}/funding")
    def record_funding(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_funding", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/time-contributions")
    def record_time_contribution(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_time_contribution", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/proposals")
    def record_proposal(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_proposal", 201, initiative_id=initiative_id)
