"""The pages' role × page matrix (issue 14, the security bar): each role signs in through the
sign-in form and tries every page and form of an initiative; the outcome expected of each
cell is what the access policy (samskab_contracts.access, docs/access.md) says of that role's
grants, the same policy the gateway applies, never a table of its own.

A page or form is one ``Row``: its path, the policy's action it needs on the world's
initiative (None: any signed-in person may open it; what it lists is the gateway's filter),
and for a form what it posts. Rows run in this order for every role, each role on a world
of its own, so a form that changes who holds a role (the anchor person's handover) comes last.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import requests

from samskab_contracts.access import may_on_initiative
from samskab_infra.context import Grant, Principal
from tests.harness import wait_until
from tests.system import System

SHOWN, NOT_FOUND, FORBIDDEN = "shown", 404, 403
DISTRICT, OTHER_DISTRICT = "nordjylland", "koebenhavn"
ROLES = ("district_operator", "other_district_operator", "anchor_person", "working_group", "coordinator",
         "actor_representative", "partner", "national_centre", "no_grant")
ADMIN_GRANTS = {"district_operator": ("district_operator", DISTRICT),
                "other_district_operator": ("district_operator", OTHER_DISTRICT),
                "partner": ("partner", None), "national_centre": ("national_centre", None)}
"""Grants an operator gives (the account command's --role); the others follow the initiative's events."""
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
NOT_FOUND_DA = "Ikke fundet"
FORBIDDEN_DA = "Ikke tilladt"


@dataclass
class World:
    """One initiative of DISTRICT with an anchor person, and the role's person in it."""

    role: str
    person: str
    initiative_id: str = ""
    actor_id: str = ""

    def principal(self) -> Principal:
        """The grants the role holds on its world, as docs/access.md gives them."""
        if self.role in ADMIN_GRANTS:
            role, scope = ADMIN_GRANTS[self.role]
            grants: tuple[Grant, ...] = (Grant(role, scope),)
        elif self.role == "actor_representative":
            grants = (Grant("actor_representative", self.actor_id), Grant("participant", self.initiative_id))
        elif self.role == "no_grant":
            grants = ()
        else:
            grants = (Grant(self.role, self.initiative_id),)
        return Principal(self.person, grants=grants)


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    """Formatted with the world's fields, e.g. ``/initiatives/{initiative_id}``."""
    action: str | None
    """The access policy's action on the world's initiative; None: any signed-in person."""
    form: Callable[[World], dict] | None = None
    hides: bool = True
    """Whoever may not read the initiative is told it is not found (False: there is nothing
    to hide yet, as in starting an initiative, so a refusal is 403)."""

    def expected(self, world: World) -> str | int:
        if self.action is None:
            return SHOWN
        principal = world.principal()
        if may_on_initiative(principal, self.action, DISTRICT, world.initiative_id):
            return SHOWN
        if not self.hides or may_on_initiative(principal, "read", DISTRICT, world.initiative_id):
            return FORBIDDEN
        return NOT_FOUND


def initiative_form(world: World) -> dict:
    return {"title": f"Matrix {world.role}", "challenge": "Indbrud", "themes": "burglary_prevention",
            "district": DISTRICT}


ROWS: tuple[Row, ...] = (
    Row("GET", "/initiatives", None),
    Row("GET", "/initiatives/new", None),
    Row("GET", "/initiatives/{initiative_id}", "read"),
    Row("GET", "/initiatives/{initiative_id}/history", "read"),
    Row("GET", "/reports", None),
    Row("GET", "/reports/catalogue", None),
    Row("GET", "/reports/catalogue/download/markdown", None),
    Row("GET", "/reports/exports", None),
    Row("GET", "/reports/exports/initiatives/csv", None),
    Row("POST", "/initiatives/new", "create", initiative_form, hides=False),
    Row("POST", "/initiatives/{initiative_id}/phase", "lead",
        lambda w: {"to_phase": "mapping", "reason": "Ankerpersonen er udpeget"}),
    # Last: a handover takes the anchor person's role away.
    Row("POST", "/initiatives/{initiative_id}/anchor-person", "appoint_anchor_person",
        lambda w: {"person_id": f"ny-anker-{uuid.uuid4().hex[:6]}@politi.dk", "reason": "Overdragelse"}),
)


def make_person(system: System, role: str, email: str, password: str) -> str:
    """A local account in the web's store, and the role's administrative grant in the
    gateway's, written directly (the operator command that does the same as a process of its
    own is what the ``account`` fixture runs; here nine of them would be most of the time)."""
    from samskab_infra.mongo import make_client
    from samskab_web.accounts import AccountStore
    from tests.system import put_grants

    AccountStore(make_client(system.mongo_uri)[f"{system.db_prefix}_web"]["accounts"]).create(email, password)
    if role in ADMIN_GRANTS:
        granted, scope = ADMIN_GRANTS[role]
        put_grants(system.gateway_db, Principal.of(email, granted, district=scope))
    return email


def build_world(system: System, role: str, person: str) -> World:
    """As the district operator of DISTRICT, through the API: the initiative, its anchor
    person, and the role's person in it; returns once the gateway has given the grant."""
    operator = system.session(subject=f"matrix-operator@{DISTRICT}.politi.dk", role="district_operator",
                              district=DISTRICT)
    world = World(role, person)
    created = operator.post(f"{system.url}/initiatives", timeout=30, json={
        "title": f"Matrix {role}", "district": DISTRICT, "themes": ["burglary_prevention"],
        "challenge": {"text": "Indbrud i parcelhuskvarterer"}})
    assert created.status_code == 201, created.text
    world.initiative_id = created.json()["initiative_id"]
    url = f"{system.url}/initiatives/{world.initiative_id}"
    anchor = person if role == "anchor_person" else f"anker-{uuid.uuid4().hex[:6]}@politi.dk"
    ok(operator.put(f"{url}/anchor-person", json={"anchor_person": {"person_id": anchor, "name": "Anne"}},
                    timeout=30))
    if role == "coordinator":
        ok(operator.put(f"{url}/coordinator", json={"coordinator": {"person_id": person, "name": "Carl"}},
                        timeout=30))
    elif role == "working_group":
        ok(operator.patch(f"{url}/working-group", json={"add": [{"person_id": person, "name": "Gitte"}]},
                          timeout=30))
    elif role == "actor_representative":
        actor = operator.post(f"{system.url}/actors", timeout=30, json={
            "kind": "association", "district": DISTRICT, "name": f"Grundejerforening {uuid.uuid4().hex[:6]}",
            "representative": person})
        assert actor.status_code == 201, actor.text
        world.actor_id = actor.json()["actor_id"]
        wait_until(lambda: operator.post(f"{url}/members", json={"actor_id": world.actor_id},
                                         timeout=30).status_code == 201,
                   timeout=30, message="the actors service knows the initiative")
    if role not in ADMIN_GRANTS and role != "no_grant":
        from gateway.auth import issue_token

        own = requests.Session()
        own.headers["Authorization"] = f"Bearer {issue_token(system.jwt_secret, person)}"
        wait_until(lambda: own.get(url, timeout=30).status_code == 200, timeout=30,
                   message=f"the gateway gave {person} the {role} grant")
    return world


def ok(response: requests.Response) -> dict:
    assert response.status_code in (200, 201), f"{response.request.method} {response.url}: {response.text}"
    return response.json()


def signed_in(web_url: str, email: str, password: str) -> requests.Session:
    """A session signed in through the sign-in form with its CSRF token, as a browser does."""
    session = requests.Session()
    token = CSRF.search(session.get(f"{web_url}/sign-in", timeout=30).text).group(1)
    answer = session.post(f"{web_url}/sign-in", data={"email": email, "password": password, "csrf_token": token},
                          allow_redirects=False, timeout=30)
    assert answer.status_code == 303, f"{email} could not sign in: {answer.status_code}"
    return session


def try_row(session: requests.Session, web_url: str, row: Row, world: World) -> requests.Response:
    url = web_url + row.path.format(**vars(world))
    if row.method == "GET":
        return session.get(url, allow_redirects=False, timeout=30)
    token = CSRF.search(session.get(f"{web_url}/initiatives", timeout=30).text).group(1)
    return session.post(url, data={**(row.form(world) if row.form else {}), "csrf_token": token},
                        allow_redirects=False, timeout=30)


def outcome(response: requests.Response) -> str | int:
    """What the person was shown: the page (or, after a form, the page it leads to), not
    found, not allowed; anything else is reported as it is."""
    body = response.text if response.headers.get("Content-Type", "").startswith("text/html") else ""
    if response.status_code == 200 or (response.status_code == 303 and "/sign-in" not in
                                       response.headers.get("Location", "")):
        return SHOWN
    if response.status_code == 404 and NOT_FOUND_DA in body:
        return NOT_FOUND
    if response.status_code == 403 and FORBIDDEN_DA in body:
        return FORBIDDEN
    return f"{response.status_code} {response.headers.get('Location', '')}".strip()
