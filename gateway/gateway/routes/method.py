"""/initiatives/{id}/mapping, /analysis and /involvement: what phases 2-4 of the method
record (sources, problem statements, the direction, potential actors and the talks with
them, expectation alignments); /activities and /ideas-handed-over: the general activities
and the ideas a living network hands on to other bodies (issue 15)."""
from __future__ import annotations

from werkzeug.wrappers import Request

from ..entrypoints import RouteResult, api
from .initiatives import InitiativeRoutes

BASE = "/initiatives/<string:initiative_id>"


class MethodRoutes(InitiativeRoutes):
    @api("POST", f"{BASE}/mapping/sources")
    def record_mapping_source(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_mapping_source", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/mapping/problem-statements")
    def record_problem_statement(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_problem_statement", 201, initiative_id=initiative_id)

    @api("PUT", f"{BASE}/mapping/summary")
    def summarise_mapping(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "summarise_mapping", initiative_id=initiative_id)

    @api("PUT", f"{BASE}/analysis/direction")
    def choose_direction(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "choose_direction", initiative_id=initiative_id)

    @api("POST", f"{BASE}/analysis/potential-actors")
    def identify_potential_actor(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "identify_potential_actor", 201, initiative_id=initiative_id)

    @api("PUT", f"{BASE}/analysis/potential-actors/<string:potential_actor_id>/dialogue")
    def update_dialogue(self, request: Request, initiative_id: str, potential_actor_id: str) -> RouteResult:
        return self._run(request, "update_dialogue", initiative_id=initiative_id,
                         potential_actor_id=potential_actor_id)

    @api("POST", f"{BASE}/involvement/alignments")
    def align_expectations(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "align_expectations", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/activities")
    def record_activity(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_activity", 201, initiative_id=initiative_id)

    @api("POST", f"{BASE}/ideas-handed-over")
    def hand_over_idea(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "hand_over_idea", 201, initiative_id=initiative_id)

    @api("PUT", f"{BASE}/ideas-handed-over/<string:idea_id>/outcome")
    def record_idea_outcome(self, request: Request, initiative_id: str, idea_id: str) -> RouteResult:
        return self._run(request, "record_idea_outcome", initiative_id=initiative_id, idea_id=idea_id)
