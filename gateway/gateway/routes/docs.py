"""The API described: /openapi.json and a readable /docs page (no authentication)."""
from __future__ import annotations

import json

from werkzeug.wrappers import Request, Response

from ..docs_page import render_docs
from ..entrypoints import RouteResult, api
from ..openapi import openapi_document


class DocsRoutes:
    def _service_class(self) -> type:
        return type(self)

    @api("GET", "/openapi.json", public=True)
    def openapi_document(self, request: Request) -> RouteResult:
        body = json.dumps(openapi_document(self._service_class()), ensure_ascii=False)
        return Response(body, mimetype="application/json", headers={"Cache-Control": "public, max-age=300"})

    @api("GET", "/docs", public=True)
    def api_docs(self, request: Request) -> RouteResult:
        page = render_docs(openapi_document(self._service_class()))
        return Response(page, mimetype="text/html", headers={
            "Cache-Control": "public, max-age=300",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})
