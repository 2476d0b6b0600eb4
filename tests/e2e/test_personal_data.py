"""A citizen's personal data across the whole running system: one export, erasure that
leaves no trace in any database, consent withdrawal that stops notifications at once, and
no personal data in logs or metrics. The citizen's name, e-mail address and phone number
are unique markers, searched for in every document of every collection of every
service database (the actor id may stay: it is an anonymous key once erased)."""
from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
import requests
from pymongo import MongoClient

from actors import personal_data as actors
from gateway import personal_data as gateway
from initiatives import personal_data as initiatives
from notifications import personal_data as notifications
from reporting import personal_data as reporting
from tests.harness import wait_until

pytestmark = pytest.mark.e2e

DECLARED = {m.SERVICE: m.PERSONAL_DATA_FIELDS for m in (actors, initiatives, notifications, reporting, gateway)}
PART_OF_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
GENERATION = re.compile(r"_g\d+$")
INITIATIVE = {
    "title": "Tryghed i Vrå", "district": "nordjylland", "municipalities": ["Hjørring"],
    "themes": ["burglary_prevention"],
    "challenge": {"text": "Indbrud i parcelhuskvarteret.", "perspectives": []},
}


class Citizen:
    """Unique markers, so any hit anywhere is this citizen's data."""

    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:10]
        self.name = f"Markoer Borger {tag}"
        self.email = f"markoer.{tag}@example.dk"
        self.phone = f"+45 {int(tag[:8], 16) % 90000000 + 10000000}"
        self.actor_id = ""

    @property
    def markers(self) -> tuple[str, ...]:
        return (self.name, self.email, self.phone)


@pytest.fixture(scope="module")
def store(system):
    client = MongoClient(system.mongo_uri)
    yield client
    client.close()


@pytest.fixture(scope="module")
def operator(system):
    return system.session(subject="operator@nordjylland.politi.dk")


@pytest.fixture(scope="module")
def initiative_id(system, store, operator) -> str:
    created = operator.post(f"{system.url}/initiatives", json=INITIATIVE)
    assert created.status_code == 201, created.text
    initiative_id = created.json()["initiative_id"]
    wait_until(lambda: store[f"{system.db_prefix}_actors"]["initiatives"].find_one({"_id": initiative_id}),
               message="the actors service heard of the initiative")
    return initiative_id


# -- searching every database ----------------------------------------------

def _walk(value, path: str) -> Iterator[tuple[str, str]]:
    """(normalised path, text) of every string in a document, keys included."""
    if isinstance(value, dict):
        for key, item in value.items():
            part = key if PART_OF_PATH.match(str(key)) else "<id>"
            child = f"{path}.{part}" if path else part
            yield child, str(key)
            yield from _walk(item, child)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, f"{path}[]")
    elif isinstance(value, str):
        yield path, value


def hits(system, store, markers: tuple[str, ...]) -> set[tuple[str, str, str]]:
    """(service, collection, path) wherever any marker occurs, in every database of this system."""
    found = set()
    prefix = f"{system.db_prefix}_"
    for db_name in store.list_database_names():
        if not db_name.startswith(prefix):
            continue
        db = store[db_name]
        for collection in db.list_collection_names():
            for doc in db[collection].find({}):
                for path, text in _walk(doc, ""):
                    if any(marker.casefold() in text.casefold() for marker in markers):
                        found.add((db_name[len(prefix):], GENERATION.sub("", collection), path))
    return found


def no_trace_left(system, store, markers: tuple[str, ...]) -> None:
    try:
        wait_until(lambda: not hits(system, store, markers), timeout=30, message="no trace left")
    except AssertionError:
        raise AssertionError(f"still held: {sorted(hits(system, store, markers))}") from None


def _covers(field: str, path: str) -> bool:
    if field.startswith("**."):
        tail = field[3:]
        return path == tail or path.endswith(f".{tail}") or f".{tail}." in path
    return path == field or path.startswith((f"{field}.", f"{field}["))


def undeclared(found: set[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted((service, collection, path) for service, collection, path in found
                  if not any(c == collection and _covers(field, path)
                             for c, field in DECLARED.get(service, ())))


# -- the citizen's way through the system ----------------------------------

def register(system, operator, citizen: Citizen) -> None:
    """Registered with SMS, then moved to e-mail, so both the phone number and the
    address have been shared with notifications."""
    registered = operator.post(f"{system.url}/actors", json={
        "kind": "citizen", "district": "nordjylland", "display_name": citizen.name,
        "contact": {"channel": "sms", "address": citizen.phone},
        "consent_purposes": ["notifications", "contact_directory"]},
        headers={"Idempotency-Key": f"register-{uuid.uuid4()}"})
    assert registered.status_code == 201, registered.text
    citizen.actor_id = registered.json()["actor_id"]
    moved = operator.patch(f"{system.url}/actors/{citizen.actor_id}",
                           json={"contact": {"channel": "email", "address": citizen.email}})
    assert moved.status_code == 200, moved.text


def join(system, operator, initiative_id: str, actor_id: str, **body) -> None:
    """The citizen's recorded consent to take part is what lets the operator enrol them."""
    consent = operator.post(f"{system.url}/actors/{actor_id}/consents",
                            json={"purpose": "take_part", "initiative_id": initiative_id})
    assert consent.status_code == 201, consent.text
    joined = operator.post(f"{system.url}/initiatives/{initiative_id}/members",
                           json={"actor_id": actor_id, **body})
    assert joined.status_code == 201, joined.text


def everyone_knows(system, store, citizen: Citizen, initiative_id: str) -> None:
    def known() -> bool:
        db = lambda service: store[f"{system.db_prefix}_{service}"]  # noqa: E731
        contact = db("notifications")["actor_contacts"].find_one({"_id": citizen.actor_id}) or {}
        return (contact.get("address") == citizen.email
                and db("initiatives")["initiatives"].find_one(
                    {"_id": initiative_id, f"actors.{citizen.actor_id}": {"$exists": True}}) is not None
                and db("reporting")["actors"].find_one({"_id": citizen.actor_id}) is not None)

    wait_until(known, timeout=30, message="notifications, initiatives and reporting know the citizen")


def representative(system, citizen: Citizen) -> requests.Session:
    return system.session(role="actor_representative", district=None,
                          subject=f"rep-{citizen.actor_id}", actor_id=citizen.actor_id)


def erase(system, operator, citizen: Citizen) -> dict:
    erased = operator.post(f"{system.url}/actors/{citizen.actor_id}/erasure")
    assert erased.status_code == 200, erased.text
    return erased.json()


# -- the tests -------------------------------------------------------------

def test_the_export_holds_what_every_service_keeps_about_the_citizen(system, store, operator,
                                                                     initiative_id):
    citizen = Citizen()
    register(system, operator, citizen)
    join(system, operator, initiative_id, citizen.actor_id, interests={"categories": ["safety"]})
    everyone_knows(system, store, citizen, initiative_id)

    export = representative(system, citizen).get(f"{system.url}/actors/{citizen.actor_id}/personal-data")
    assert export.status_code == 200, export.text
    document = export.json()
    assert set(document) == {"actors", "initiatives", "notifications", "reporting"}
    assert document["actors"]["actor"]["display_name"] == citizen.name
    assert [m["initiative_id"] for m in document["actors"]["memberships"]] == [initiative_id]
    [member] = document["initiatives"]["memberships"]
    assert member["initiative_id"] == initiative_id and member["member"]["actor_kind"] == "citizen"
    assert document["notifications"]["contact"]["address"] == citizen.email
    assert document["reporting"]["directory"]["kind"] == "citizen"
    assert [m["initiative_id"] for m in document["reporting"]["initiatives"]] == [initiative_id]
    assert {e["type"] for e in document["reporting"]["events"]} >= {"ActorRegistered", "ActorJoined"}

    url = f"{system.url}/actors/{citizen.actor_id}/personal-data"
    assert operator.get(url).status_code == 200
    for stranger in (system.session(district="fyn"), system.session(role="national_centre", district=None),
                     system.session(role="actor_representative", district=None, actor_id=str(uuid.uuid4()))):
        assert stranger.get(url).status_code == 403
    assert operator.get(f"{system.url}/actors/{uuid.uuid4()}/personal-data").status_code == 404


def test_erasure_leaves_no_trace_of_the_citizen_in_any_database(system, store, operator, initiative_id):
    citizen = Citizen()
    register(system, operator, citizen)
    join(system, operator, initiative_id, citizen.actor_id,
         contributions=[f"Jeg er {citizen.name}, skriv til {citizen.email}"])
    everyone_knows(system, store, citizen, initiative_id)
    before = hits(system, store, citizen.markers)
    assert {("actors", "actors", "display_name"), ("actors", "actors", "contact.address"),
            ("actors", "actors_events", "data.address"), ("notifications", "actor_contacts", "address"),
            ("actors", "memberships", "contributions[]"),
            ("gateway", "idempotency_keys", "response.body")} <= before
    assert undeclared(before) == [], "personal data stored where docs/personal-data.md does not say"

    first = erase(system, operator, citizen)
    again = erase(system, operator, citizen)
    assert first["erased_at"] == again["erased_at"] and first["display_name"] == "slettet"

    no_trace_left(system, store, citizen.markers)
    history = store[f"{system.db_prefix}_actors"]["actors_events"]
    assert history.count_documents({"type": "ActorErased", "data.actor_id": citizen.actor_id}) == 1


def test_consent_withdrawal_stops_notifications_to_the_citizen_at_once(system, store, operator,
                                                                       initiative_id):
    citizen = Citizen()
    register(system, operator, citizen)
    join(system, operator, initiative_id, citizen.actor_id)
    everyone_knows(system, store, citizen, initiative_id)
    person_id = f"actor:{citizen.actor_id}"
    follow = {"event_types": ["ActorJoined"], "initiative_id": initiative_id, "channels": ["email", "feed"]}
    citizen_session = representative(system, citizen)
    assert citizen_session.post(f"{system.url}/subscriptions", json=follow).status_code == 201
    assert operator.post(f"{system.url}/subscriptions", json={**follow, "channels": ["feed"]}).status_code == 201
    notifications_db = store[f"{system.db_prefix}_notifications"]

    def newcomer_heard_of() -> str:
        """Another actor joins; returns the event id once the operator's feed shows it."""
        newcomer = operator.post(f"{system.url}/actors", json={
            "kind": "citizen", "district": "nordjylland", "display_name": "Ny nabo"}).json()["actor_id"]
        join(system, operator, initiative_id, newcomer)
        heard = wait_until(lambda: notifications_db["feed_items"].find_one(
            {"person_id": "operator@nordjylland.politi.dk", "event_type": "ActorJoined",
             "event_id": {"$in": [e["_id"] for e in store[f"{system.db_prefix}_actors"]["memberships_events"]
                                  .find({"data.actor_id": newcomer})]}}), timeout=30,
            message="notifications handled the newcomer's ActorJoined")
        return heard["event_id"]

    heard_before = newcomer_heard_of()
    queued = {"event_id": heard_before, "recipient_id": person_id}
    assert notifications_db["deliveries"].find_one({**queued, "channel": "email"}) is not None
    assert notifications_db["feed_items"].find_one({"event_id": heard_before, "person_id": person_id})

    withdrawn = citizen_session.delete(f"{system.url}/actors/{citizen.actor_id}/consents/notifications")
    assert withdrawn.status_code == 200, withdrawn.text
    waiting = {"recipient_id": person_id, "status": {"$in": ["pending", "failed", "in_flight"]}}

    def forgotten() -> bool:
        contact = notifications_db["actor_contacts"].find_one({"_id": citizen.actor_id}) or {}
        return not contact.get("address") and notifications_db["deliveries"].count_documents(waiting) == 0

    wait_until(forgotten, timeout=30, message="notifications dropped the contact and cancelled the mail")

    heard_after = newcomer_heard_of()
    assert notifications_db["deliveries"].find_one({"event_id": heard_after, "recipient_id": person_id}) is None
    assert notifications_db["feed_items"].find_one({"event_id": heard_after, "person_id": person_id}) is None


def test_no_personal_data_in_any_log_or_metrics_page(system, store, operator, initiative_id):
    citizen = Citizen()
    register(system, operator, citizen)
    join(system, operator, initiative_id, citizen.actor_id, interests={"categories": ["safety"]})
    everyone_knows(system, store, citizen, initiative_id)
    exported = representative(system, citizen).get(f"{system.url}/actors/{citizen.actor_id}/personal-data")
    assert exported.status_code == 200 and citizen.email in exported.text
    erase(system, operator, citizen)
    no_trace_left(system, store, citizen.markers)

    for name, process in system.processes.items():
        log = process.log()
        assert log, f"{name} wrote no log at all"
        assert [m for m in citizen.markers if m in log] == [], f"personal data in the {name} log"
    pages = [f"http://127.0.0.1:{port}/metrics" for port in system.metrics_ports.values()]
    for page in pages:
        body = requests.get(page, timeout=5).text
        assert "samskab_" in body
        assert [m for m in citizen.markers if m in body] == [], page
