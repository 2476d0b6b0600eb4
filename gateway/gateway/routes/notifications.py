"""Subscriptions, the in-app feed and partners' webhook endpoints."""
from __future__ import annotations

from ..entrypoints import api
from ..requests_json import json_body, merged, query_params
from ..rpc import TimedRpcProxy


def _flags(params: dict) -> dict:
    out = dict(params)
    for key in ("page", "page_size"):
        if key in out:
            out[key] = int(out[key]) if str(out[key]).isdigit() else out[key]
    if "unread_only" in out:
        out["unread_only"] = out["unread_only"] in ("1", "true", "yes")
    return out


class NotificationRoutes:
    notifications = TimedRpcProxy("notifications")

    def _body(self, request, **path) -> dict:
        return merged(json_body(request) if request.get_data() else {}, **path)

    @api("POST", "/subscriptions")
    def subscribe(self, request):
        return 201, self.notifications.execute("subscribe", json_body(request))

    @api("GET", "/subscriptions")
    def list_subscriptions(self, request):
        query_params(request, ())
        return self.notifications.query("list_subscriptions", {})

    @api("DELETE", "/subscriptions/<string:subscription_id>")
    def unsubscribe(self, request, subscription_id):
        return self.notifications.execute("unsubscribe", {"subscription_id": subscription_id})

    @api("PUT", "/me/preferences")
    def set_preferences(self, request):
        return self.notifications.execute("set_preferences", json_body(request))

    @api("GET", "/me/feed")
    def get_feed(self, request):
        params = _flags(query_params(request, ("page", "page_size", "unread_only")))
        return self.notifications.query("get_feed", params)

    @api("POST", "/me/feed/read")
    def mark_feed_read(self, request):
        return self.notifications.execute("mark_feed_read", {})

    @api("POST", "/me/feed/<path:item_id>/read")
    def mark_feed_item_read(self, request, item_id):
        return self.notifications.execute("mark_feed_item_read", {"item_id": item_id})

    @api("POST", "/webhook-endpoints")
    def register_endpoint(self, request):
        return 201, self.notifications.execute("register_endpoint", json_body(request))

    @api("GET", "/webhook-endpoints")
    def list_endpoints(self, request):
        query_params(request, ())
        return self.notifications.query("list_endpoints", {})

    @api("GET", "/webhook-endpoints/<string:endpoint_id>")
    def get_endpoint(self, request, endpoint_id):
        return self.notifications.query("get_endpoint", {"endpoint_id": endpoint_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/secret-rotation")
    def rotate_endpoint_secret(self, request, endpoint_id):
        return self.notifications.execute("rotate_endpoint_secret", {"endpoint_id": endpoint_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/enable")
    def enable_endpoint(self, request, endpoint_id):
        return self.notifications.execute("enable_endpoint", {"endpoint_id": endpoint_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/disable")
    def disable_endpoint(self, request, endpoint_id):
        return self.notifications.execute("disable_endpoint", {"endpoint_id": endpoint_id})

    @api("GET", "/webhook-endpoints/<string:endpoint_id>/deliveries")
    def endpoint_delivery_log(self, request, endpoint_id):
        params = _flags(query_params(request, ("page", "page_size")))
        return self.notifications.query("endpoint_delivery_log", {**params, "endpoint_id": endpoint_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/deliveries/<path:delivery_id>/replay")
    def replay_delivery(self, request, endpoint_id, delivery_id):
        return self.notifications.execute("replay_delivery", {"delivery_id": delivery_id})

    @api("POST", "/webhook-endpoints/<string:endpoint_id>/replay")
    def replay_since(self, request, endpoint_id):
        return self.notifications.execute("replay_since", self._body(request, endpoint_id=endpoint_id))
