"""/reports: read models, roll-ups, exports, the case catalogue and the dashboard."""
from __future__ import annotations

from werkzeug.wrappers import Request, Response

from ..entrypoints import RouteResult, api
from ..requests_json import query_params
from ..rpc import TimedRpcProxy, TimedServiceProxy


def _document(result: dict) -> Response:
    headers = {}
    if result.get("filename"):
        headers["Content-Disposition"] = f'attachment; filename="{result["filename"]}"'
    body = result["body"]
    return Response(body, content_type=result["content_type"], headers=headers)


class ReportingRoutes:
    reporting: TimedServiceProxy = TimedRpcProxy("reporting")

    @api("GET", "/reports/initiatives")
    def report_initiatives(self, request: Request) -> RouteResult:
        params = query_params(request, ("district", "phase", "theme", "limit", "cursor"))
        return self.reporting.query("list_initiatives", params)

    @api("GET", "/reports/initiatives/<string:initiative_id>")
    def report_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        return self.reporting.query("get_initiative", {"initiative_id": initiative_id})

    @api("GET", "/reports/rollup")
    def report_rollup(self, request: Request) -> RouteResult:
        return self.reporting.query("get_rollup", query_params(request, ("district",)))

    @api("GET", "/reports/catalogue")
    def report_catalogue(self, request: Request) -> RouteResult:
        params = query_params(request, ("district", "lang", "format"))
        return _document(self.reporting.query("get_catalogue", params))

    @api("GET", "/reports/dashboard")
    def report_dashboard(self, request: Request) -> RouteResult:
        return _document(self.reporting.query("get_dashboard", query_params(request, ("district", "lang"))))

    @api("GET", "/reports/exports/<string:name>")
    def report_export(self, request: Request, name: str) -> RouteResult:
        params = {**query_params(request, ("district", "format")), "name": name}
        return _document(self.reporting.query("get_export", params))
