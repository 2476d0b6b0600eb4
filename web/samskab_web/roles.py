"""Which groups of pages the navigation offers a person, by the roles the gateway's ``/me``
gives them: "Min politikreds" for a district operator, "Min organisation" for an actor's
representative. The roles are read once when the person signs in and again whenever one
of these pages reads ``/me``, and kept in the session: the links are only a way in, every
page and every change is still decided by the gateway."""
from __future__ import annotations

from flask import Response, current_app, g, session

from .gateway_client import GatewayError

ROLES_KEY = "roles"
SHOWN_ROLES = ("district_operator", "actor_representative")


def remember_roles(me: dict) -> None:
    roles = sorted({grant.get("role") for grant in me.get("grants", []) if grant.get("role") in SHOWN_ROLES})
    if session.get(ROLES_KEY) != roles:
        session[ROLES_KEY] = roles


def has_role(role: str) -> bool:
    return role in (session.get(ROLES_KEY) or [])


def scopes(me: dict, role: str) -> list[str]:
    """The scopes of the person's grants of ``role`` (districts, actor ids), sorted."""
    return sorted({grant["scope"] for grant in me.get("grants", [])
                   if grant.get("role") == role and grant.get("scope")})


def read_roles_after_sign_in(response: Response) -> Response:
    """The first answer after signing in (the person is known, the roles are not yet)."""
    subject = session.get("subject")
    if subject and ROLES_KEY not in session:
        client = current_app.extensions["samskab"]["gateway"]
        try:
            remember_roles(client.call("GET", "/me", subject, g.get("request_id", "")))
        except GatewayError:
            session[ROLES_KEY] = []
    return response
