"""/actors and initiative membership: who takes part, joining and leaving, who represents
an actor; a person's data across every service (export and erasure). Changes to an actor or a membership
honour If-Match against that record's version, which every answer carries as ETag."""
from __future__ import annotations

from typing import Any

from pymongo.database import Database
from werkzeug.wrappers import Request

from samskab_contracts.commands.actors import FindActorsQuery

from ..entrypoints import RouteResult, api
from ..idempotency import COLLECTION as IDEMPOTENCY
from ..idempotency import forget_actor
from ..query_schemas import ConsentQuery, ContactsQuery, PageQuery
from ..requests_json import json_body, merged, query, query_params
from ..rpc import TimedRpcProxy, TimedServiceProxy
from .common import command_payload, etag, paged, versioned

OTHER_HOLDERS = ("initiatives", "notifications", "reporting")
"""Services that hold data about actors besides the actors service, each answering
``personal_data(actor_id)``."""


class ActorRoutes:
    db: Database  # the service's MongoDatabase
    actors: TimedServiceProxy = TimedRpcProxy("actors")
    initiatives_personal_data: TimedServiceProxy = TimedRpcProxy("initiatives")
    notifications_personal_data: TimedServiceProxy = TimedRpcProxy("notifications")
    reporting_personal_data: TimedServiceProxy = TimedRpcProxy("reporting")

    def _actor_command(self, request: Request, command: str, status: int = 200, **path: str) -> tuple[int, Any, dict]:
        return self._answer(command, command_payload(request, **path), status)

    def _answer(self, command: str, payload: dict, status: int = 200) -> tuple[int, Any, dict]:
        result = self.actors.execute(command, payload)
        return status, result, etag(result.get("version"))

    @api("POST", "/actors")
    def register_actor(self, request: Request) -> RouteResult:
        status, result, headers = self._actor_command(request, "register_actor", 201)
        headers["Location"] = f"/actors/{result['actor_id']}"
        return status, result, headers

    @api("GET", "/actors")
    def find_actors(self, request: Request) -> RouteResult:
        """Actors by name, CVR, kind or district, among those the caller may read (the actors
        service scopes the search by the caller's grants)."""
        return self.actors.query("find_actors", query(request, FindActorsQuery))

    @api("GET", "/actors/<string:actor_id>")
    def get_actor(self, request: Request, actor_id: str) -> RouteResult:
        view = self.actors.query("get_actor", {"actor_id": actor_id})
        return 200, view, etag(view.get("version"))

    @api("PATCH", "/actors/<string:actor_id>")
    def update_actor(self, request: Request, actor_id: str) -> RouteResult:
        return self._actor_command(request, "update_actor", actor_id=actor_id)

    @api("POST", "/actors/<string:actor_id>/consents")
    def give_consent(self, request: Request, actor_id: str) -> RouteResult:
        return self._actor_command(request, "give_consent", 201, actor_id=actor_id)

    @api("DELETE", "/actors/<string:actor_id>/consents/<string:purpose>")
    def withdraw_consent(self, request: Request, actor_id: str, purpose: str) -> RouteResult:
        """A take_part consent is withdrawn for the initiative named by ``?initiative_id=``."""
        payload = {"actor_id": actor_id, "purpose": purpose, **query(request, ConsentQuery)}
        return self._answer("withdraw_consent", versioned(request, payload))

    @api("PUT", "/actors/<string:actor_id>/representatives/<string:person_id>")
    def appoint_representative(self, request: Request, actor_id: str, person_id: str) -> RouteResult:
        """The person (their sign-in identity) acts for the actor from now on; their access
        follows the ActorRepresentativeAdded event within moments. Repeating it changes nothing."""
        return self._answer("appoint_representative",
                            versioned(request, {"actor_id": actor_id, "person_id": person_id}))

    @api("DELETE", "/actors/<string:actor_id>/representatives/<string:person_id>")
    def remove_representative(self, request: Request, actor_id: str, person_id: str) -> RouteResult:
        return self._answer("remove_representative",
                            versioned(request, {"actor_id": actor_id, "person_id": person_id}))

    @api("GET", "/actors/<string:actor_id>/memberships")
    def list_memberships(self, request: Request, actor_id: str) -> RouteResult:
        params = query(request, PageQuery)
        result = self.actors.query("list_memberships_of_actor", {"actor_id": actor_id})
        return paged(result["memberships"], params, "membership_id")

    @api("POST", "/initiatives/<string:initiative_id>/members")
    def join_initiative(self, request: Request, initiative_id: str) -> RouteResult:
        return self._actor_command(request, "join_initiative", 201, initiative_id=initiative_id)

    @api("POST", "/initiatives/<string:initiative_id>/members/<string:actor_id>/leave")
    def leave_initiative(self, request: Request, initiative_id: str, actor_id: str) -> RouteResult:
        return self._actor_command(request, "leave_initiative", initiative_id=initiative_id,
                                   actor_id=actor_id)

    @api("POST", "/initiatives/<string:initiative_id>/platforms/<string:platform_id>/members")
    def join_platform(self, request: Request, initiative_id: str, platform_id: str) -> RouteResult:
        return self._actor_command(request, "join_platform", 201, initiative_id=initiative_id,
                                   platform_id=platform_id)

    @api("POST", "/initiatives/<string:initiative_id>/platforms/<string:platform_id>/members/"
                 "<string:actor_id>/leave")
    def leave_platform(self, request: Request, initiative_id: str, platform_id: str, actor_id: str) -> RouteResult:
        return self._actor_command(request, "leave_platform", initiative_id=initiative_id,
                                   platform_id=platform_id, actor_id=actor_id)

    @api("GET", "/initiatives/<string:initiative_id>/contacts")
    def contact_directory(self, request: Request, initiative_id: str) -> RouteResult:
        params = query(request, ContactsQuery)
        result = self.actors.query("contact_directory", {"initiative_id": initiative_id,
                                                         "include_former": params.get("include_former", False)})
        return paged(result["entries"], params, "actor_id")

    @api("GET", "/actors/<string:actor_id>/personal-data")
    def export_personal_data(self, request: Request, actor_id: str) -> RouteResult:
        """Everything the system holds about one actor as one document (GDPR art. 15
        and 20). The actors service decides who may see it, so it is asked first; a
        service that does not answer fails the whole export (503), never half of it."""
        query_params(request, ())
        document = {"actors": self.actors.query("export_personal_data", {"actor_id": actor_id})}
        district = (document["actors"].get("actor") or {}).get("district")
        for service in OTHER_HOLDERS:
            holder = getattr(self, f"{service}_personal_data")
            document[service] = holder.call("personal_data", actor_id, district)
        return document

    @api("POST", "/actors/<string:actor_id>/erasure")
    def erase_actor(self, request: Request, actor_id: str) -> RouteResult:
        """Anonymises the actor at once; its ActorErased makes every other service
        forget it shortly after. Safe to repeat."""
        payload = merged(json_body(request) if request.get_data() else {}, actor_id=actor_id)
        result = self.actors.execute("erase_actor", payload)
        forget_actor(self.db[IDEMPOTENCY], actor_id)
        return result
