"""Subscriptions, the in-app feed and partners' webhook endpoints.

Query strings are checked by the gateway's page schemas (typed, unknown parameters
refused); ids in the path always win over the body; a body sent to an action that
takes none is refused rather than ignored. The feed and the delivery log grow without
bound, so the service pages them itself (its cursors are opaque sort keys); a
person's subscriptions and endpoints are short and paged here."""
from __future__ import annotations

from werkzeug.wrappers import Request

from ..entrypoints import RouteResult, api
from ..query_schemas import FeedQuery, PageQuery
from ..requests_json import json_body, merged, query, query_params
from ..rpc import TimedRpcProxy, TimedServiceProxy
from .common import page_params, paged


def _oldest_first(items: list[dict], key: str) -> list[dict]:
    """A stable order for cursors: by creation, then id (ties are common: one request
    subscribes to several event types at once)."""
    return sorted(items, key=lambda item: (item.get("created_at") or "", item[key]))


class NotificationRoutes:
    notifications: TimedServiceProxy = TimedRpcProxy("notifications")

    @staticmethod
    def _body(request: Request, **path: str) -> dict:
        """The JSON body (none is an empty object) with the path's ids."""
        return merged(json_body(request) if request.get_data() else {}, **path)

    @api("POST", "/subscriptions")
    def subscribe(self, request: Request) -> RouteResult:
        return 201, self.notifications.execute("subscribe", json_body(request))

    @api("GET", "/subscriptions")
    def list_subscriptions(self, request: Request) -> RouteResult:
        """A page of the caller's subscriptions, and on every page the defaults that
        apply to the caller's role."""
        params = query(request, PageQuery)
        result = self.notifications.query("list_subscriptions", {})
        page = paged(_oldest_first(result["subscriptions"], "subscription_id"), params, "subscription_id")
        return {**page, "defaults": result["defaults"]}

    @api("DELETE", "/subscriptions/<string:subscription_id>")
    def unsubscribe(self, request: Request, subscription_id: str) -> RouteResult:
        return self.notifications.execute("unsubscribe", {"subscription_id": subscription_id})

    @api("GET", "/me/preferences")
    def get_preferences(self, request: Request) -> RouteResult:
        return self.notifications.query("get_preferences", {})

    @api("PUT", "/me/preferences")
    def set_preferences(self, request: Request) -> RouteResult:
        return self.notifications.execute("set_preferences", json_body(request))

    @api("GET", "/me/feed")
    def get_feed(self, request: Request) -> RouteResult:
        return self.notifications.query("get_feed", page_params(query(request, FeedQuery)))

    @api("POST", "/me/feed/read")
    def mark_feed_read(self, request: Request) -> RouteResult:
        return self.notifications.execute("mark_feed_read", self._body(request))

    @api("POST", "/me/feed/<path:item_id>/read")
    def mark_feed_item_read(self, request: Request, item_id: str) -> RouteResult:
        return self.notifications.execute("mark_feed_item_read", self._body(request, item_id=item_id))

    @api("POST", "/webhook-endpoints")
    def register_endpoint(self, request: Request) -> RouteResult:
        endpoint = self.notifications.execute("register_endpoint", json_body(request))
        return 201, endpoint, {"Location": f"/webhook-endpoints/{endpoint['endpoint_id']}"}

    @api("GET", "/webhook-endpoints")
    def list_endpoints(self, request: Request) -> RouteResult:
        params = query(request, PageQuery)
        endpoints = self.notifications.query("list_endpoints", {})["endpoints"]
        return paged(_oldest_first(endpoints, "endpoint_id"), params, "endpoint_id")

    @api("GET", "/webhook-endpoints/<string:endpoint_id>")
    def get_endpoint(self, request: Request, endpoint_id: str) -> RouteResult:
        query_params(request, ())
        return self.notifications.query("get_endpoint", {"endpoint_id": endpoint_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/secret-rotation")
    def rotate_endpoint_secret(self, request: Request, endpoint_id: str) -> RouteResult:
        return self.notifications.execute("rotate_endpoint_secret", self._body(request, endpoint_id=endpoint_id))

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/enable")
    def enable_endpoint(self, request: Request, endpoint_id: str) -> RouteResult:
        return self.notifications.execute("enable_endpoint", self._body(request, endpoint_id=endpoint_id))

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/disable")
    def disable_endpoint(self, request: Request, endpoint_id: str) -> RouteResult:
        return self.notifications.execute("disable_endpoint", self._body(request, endpoint_id=endpoint_id))

    @api("GET", "/webhook-endpoints/<string:endpoint_id>/deliveries")
    def endpoint_delivery_log(self, request: Request, endpoint_id: str) -> RouteResult:
        params = page_params(query(request, PageQuery))
        return self.notifications.query("endpoint_delivery_log", {**params, "endpoint_id": endpoint_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/deliveries/<path:delivery_id>/replay")
    def replay_delivery(self, request: Request, endpoint_id: str, delivery_id: str) -> RouteResult:
        """The delivery must be one of this endpoint's (checked by the service)."""
        return self.notifications.execute("replay_delivery", self._body(
            request, endpoint_id=endpoint_id, delivery_id=delivery_id))

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/replay")
    def replay_since(self, request: Request, endpoint_id: str) -> RouteResult:
        return self.notifications.execute("replay_since", self._body(request, endpoint_id=endpoint_id))
