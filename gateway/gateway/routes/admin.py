"""/me and /admin/grants: who the caller is, and the administrative grants operators
give and withdraw (every change audited; initiative and actor grants follow the
domain's events and are not given here)."""
from __future__ import annotations

from pymongo.database import Database
from werkzeug.wrappers import Request

from samskab_infra.context import Context, Principal
from samskab_infra.rpc_routing import HandlerContext
from samskab_infra.validation import load

from .. import grants
from ..entrypoints import RouteResult, api
from ..query_schemas import GrantBody, GrantListQuery, PageQuery
from ..requests_json import json_body, query_params
from .common import paged


class AdminRoutes:
    caller: Context = HandlerContext()
    db: Database  # the service's MongoDatabase

    @property
    def _principal(self) -> Principal:
        return self.caller.principal

    @api("GET", "/me")
    def who_am_i(self, request: Request) -> RouteResult:
        query_params(request, ())
        principal = self._principal
        return {"subject": principal.subject, "grants": [g.to_dict() for g in principal.grants]}

    @api("POST", "/admin/grants")
    def give_grant(self, request: Request) -> RouteResult:
        body = load(GrantBody, json_body(request))
        row = grants.give(self.db, self._principal, body["subject"], body["role"],
                          body.get("district"))
        return 201, row, {"Location": f"/admin/grants/{row['grant_id']}"}

    @api("GET", "/admin/grants")
    def list_grants(self, request: Request) -> RouteResult:
        params = query_params(request, ("subject", "limit", "cursor"))
        load(GrantListQuery, params)
        rows = grants.list_grants(self.db, self._principal, params.get("subject"))
        return paged(rows, params, "grant_id")

    @api("DELETE", "/admin/grants/<path:grant_id>")
    def withdraw_grant(self, request: Request, grant_id: str) -> RouteResult:
        query_params(request, ())
        return grants.withdraw(self.db, self._principal, grant_id)

    @api("GET", "/admin/grants-audit")
    def grant_audit(self, request: Request) -> RouteResult:
        params = query_params(request, ("limit", "cursor"))
        load(PageQuery, params)
        rows = grants.audit_log(self.db, self._principal)
        for number, row in enumerate(rows):
            row["seq"] = str(number)
        return paged(rows, params, "seq")
