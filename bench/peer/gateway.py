"""The peer's HTTP gateway: ``POST /initiatives`` behind a fixed bearer token."""
from __future__ import annotations

import json

from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy
from nameko.web.handlers import http
from werkzeug import Request, Response

REQUIRED = ("title", "district")


class GatewayService:
    name = "peer_gateway"

    config = Config()
    initiatives_rpc = RpcProxy("peer_initiatives")

    @http("POST", "/initiatives")
    def create_initiative(self, request: Request) -> Response:
        if request.headers.get("Authorization") != f"Bearer {self.config['PEER_TOKEN']}":
            return Response(json.dumps({"error": "unauthorised"}), status=401, mimetype="application/json")
        try:
            body = json.loads(request.get_data(as_text=True))
        except ValueError:
            body = None
        if not isinstance(body, dict) or any(not body.get(key) for key in REQUIRED):
            return Response(json.dumps({"error": "title and district are required"}), status=400,
                            mimetype="application/json")
        initiative_id = self.initiatives_rpc.create_initiative(body)
        return Response(json.dumps({"initiative_id": initiative_id}), status=201, mimetype="application/json")
