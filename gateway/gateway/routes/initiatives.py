"""/initiatives: the co-creation method over HTTP."""
from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Request

from ..entrypoints import RouteResult, api
from ..query_schemas import InitiativeListQuery, PageQuery
from ..requests_json import query
from ..rpc import TimedRpcProxy, TimedServiceProxy
from .common import command_payload, etag, paged


class InitiativeRoutes:
    initiatives: TimedServiceProxy = TimedRpcProxy("initiatives")

    def _run(self, request: Request, command: str, status: int = 200, **path: str) -> tuple[int, Any, dict]:
        result = self.initiatives.execute(command, command_payload(request, **path))
        return status, result, etag(result.get("initiative", {}).get("version"))

    @api("POST", "/initiatives")
    def create_initiative(self, request: Request) -> RouteResult:
        status, result, headers = self._run(request, "create_initiative", 201)
        headers["Location"] = f"/initiatives/{result['initiative_id']}"
        return status, result, headers

    @api("GET", "/initiatives")
    def list_initiatives(self, request: Request) -> RouteResult:
        return self.initiatives.query("list_initiatives", query(request, InitiativeListQuery))

    @api("GET", "/initiatives/<string:initiative_id>")
    def get_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        view = self.initiatives.query("get_initiative", {"initiative_id": initiative_id})
        return 200, view, etag(view.get("version"))

    @api("GET", "/initiatives/<string:initiative_id>/history")
    def initiative_history(self, request: Request, initiative_id: str) -> RouteResult:
        params = query(request, PageQuery)
        history = self.initiatives.query("initiative_history", {"initiative_id": initiative_id})
        return paged(history["items"], params, "event_id")

    @api("POST", "/initiatives/<string:initiative_id>/phase-transitions")
    def advance_phase(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "advance_phase", initiative_id=initiative_id)

    @api("PUT", "/initiatives/<string:initiative_id>/anchor-person")
    def assign_anchor_person(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "assign_anchor_person", initiative_id=initiative_id)

    @api("PATCH", "/initiatives/<string:initiative_id>/working-group")
    def set_working_group(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "set_working_group", initiative_id=initiative_id)

    @api("PUT", "/initiatives/<string:initiative_id>/coordinator")
    def assign_coordinator(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "assign_coordinator", initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/platforms")
    def establish_platform(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "establish_platform", 201, initiative_id=initiative_id)

    @api("PUT", "/initiatives/<string:initiative_id>/platforms/<string:platform_id>/lead")
    def assign_platform_lead(self, request: Request, initiative_id: str, platform_id: str) -> RouteResult:
        return self._run(request, "assign_platform_lead", initiative_id=initiative_id, platform_id=platform_id)

    @api("PUT", "/initiatives/<string:initiative_id>/baseline")
    def set_baseline(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "set_baseline", initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/goals")
    def set_goal(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "set_goal", 201, initiative_id=initiative_id)

    @api("PATCH", "/initiatives/<string:initiative_id>/goals/<string:goal_id>")
    def adjust_goal(self, request: Request, initiative_id: str, goal_id: str) -> RouteResult:
        return self._run(request, "adjust_goal", initiative_id=initiative_id, goal_id=goal_id)

    @api("POST", "/initiatives/<string:initiative_id>/goals/<string:goal_id>/measurements")
    def record_measurement(self, request: Request, initiative_id: str, goal_id: str) -> RouteResult:
        return self._run(request, "record_measurement", 201, initiative_id=initiative_id, goal_id=goal_id)

    @api("POST", "/initiatives/<string:initiative_id>/goals/<string:goal_id>/assessments")
    def record_assessment(self, request: Request, initiative_id: str, goal_id: str) -> RouteResult:
        return self._run(request, "record_assessment", 201, initiative_id=initiative_id, goal_id=goal_id)

    @api("POST", "/initiatives/<string:initiative_id>/results")
    def document_result(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "document_result", 201, initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/ripple-effects")
    def record_ripple_effect(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_ripple_effect", 201, initiative_id=initiative_id)

    @api("PUT", "/initiatives/<string:initiative_id>/platforms/<string:platform_id>/reality-check-schedule")
    def schedule_reality_checks(self, request: Request, initiative_id: str, platform_id: str) -> RouteResult:
        return self._run(request, "schedule_reality_checks", initiative_id=initiative_id,
                         platform_id=platform_id)

    @api("POST", "/initiatives/<string:initiative_id>/platforms/<string:platform_id>/reality-checks")
    def record_reality_check(self, request: Request, initiative_id: str, platform_id: str) -> RouteResult:
        return self._run(request, "record_reality_check", 201, initiative_id=initiative_id,
                         platform_id=platform_id)

    @api("POST", "/initiatives/<string:initiative_id>/citizen-meetings")
    def hold_citizen_meeting(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "hold_citizen_meeting", 201, initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/safety-walks")
    def record_safety_walk(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "record_safety_walk", 201, initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/findings/<string:finding_id>/follow-up-actions")
    def create_follow_up_action(self, request: Request, initiative_id: str, finding_id: str) -> RouteResult:
        return self._run(request, "create_follow_up_action", 201, initiative_id=initiative_id,
                         finding_id=finding_id)

    @api("POST", "/initiatives/<string:initiative_id>/findings/<string:finding_id>/resolution")
    def resolve_finding(self, request: Request, initiative_id: str, finding_id: str) -> RouteResult:
        return self._run(request, "resolve_finding", initiative_id=initiative_id, finding_id=finding_id)

    @api("POST", "/initiatives/<string:initiative_id>/closure")
    def close_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "close_initiative", initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/network")
    def become_network(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "become_network", initiative_id=initiative_id)

    @api("PATCH", "/initiatives/<string:initiative_id>")
    def revise_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "revise_initiative", initiative_id=initiative_id)

    @api("PUT", "/initiatives/<string:initiative_id>/challenge")
    def revise_challenge(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "revise_challenge", initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/pause")
    def pause_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "pause_initiative", initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/resumption")
    def resume_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        return self._run(request, "resume_initiative", initiative_id=initiative_id)
