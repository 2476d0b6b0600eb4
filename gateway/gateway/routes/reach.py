"""/initiatives/{id}/participating-districts and /scope: how far an initiative reaches
(issue 15). The lead district's operators and the anchor person add and remove the police
districts taking part besides the lead, and set the scope (local, cross_district, national)."""
from __future__ import annotations

from werkzeug.wrappers import Request

from ..entrypoints import RouteResult, api
from .common import etag, versioned
from .initiatives import InitiativeRoutes

BASE = "/initiatives/<string:initiative_id>"


class ReachRoutes(InitiativeRoutes):
    def _reach(self, request: Request, command: str, initiative_id: str, district: str) -> RouteResult:
        """Everything is in the path (no body), like a representative's appointment."""
        result = self.initiatives.execute(command, versioned(request, {
            "initiative_id": initiative_id, "participating_district": district}))
        return 200, result, etag(result.get("initiative", {}).get("version"))

    @api("PUT", f"{BASE}/participating-districts/<string:participating_district>")
    def add_participating_district(self, request: Request, initiative_id: str,
                                   participating_district: str) -> RouteResult:
        return self._reach(request, "add_participating_district", initiative_id, participating_district)

    @api("DELETE", f"{BASE}/participating-districts/<string:participating_district>")
    def remove_participating_district(self, request: Request, initiative_id: str,
                                      participating_district: str) -> RouteResult:
        return self._reach(request, "remove_participating_district", initiative_id, participating_district)

    @api("PUT", f"{BASE}/scope")
    def set_scope(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "set_scope", initiative_id=initiative_id)
