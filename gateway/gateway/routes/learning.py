"""Learning between initiatives: /initiatives/{id}/lessons, /partner-quotes and
/inspirations (recording), and /reports/lessons (finding lessons across the initiatives
the caller may read)."""
from __future__ import annotations

from werkzeug.wrappers import Request

from ..entrypoints import RouteResult, api
from ..requests_json import query_params
from .initiatives import InitiativeRoutes
from .reporting import ReportingRoutes

BASE = "/initiatives/<string:initiative_id>"


class LearningRoutes(InitiativeRoutes, ReportingRoutes):
    @api("POST", f"{BASE}/lessons")
    def record_lesson(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_lesson", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/partner-quotes")
    def record_partner_quote(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_partner_quote", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/inspirations")
    def link_inspiration(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "link_inspiration", 201, initiative_id=initiative_id)

    @api("GET", "/reports/lessons")
    def report_lessons(self, request: Request) -> RouteResult:
        params = query_params(request, ("district", "theme", "phase", "kind", "q", "limit", "cursor"))
        return self.reporting.query("find_lessons", params)
