"""What a gateway process remembers of access (grants, revocations) and of rate counts, and
when it forgets: at once for a change it made, within the freshness bound for a change made
elsewhere; the callers' counts reach the shared counters at each flush."""
from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest

from gateway import access_cache, grants
from gateway.access_cache import AccessCache, access_changed
from gateway.auth import Authenticator, issue_token, revoke_token
from gateway.ratelimit import BatchedCounters, SlidingWindowCounters, Window
from samskab_infra.errors import Unauthorized

pytestmark = pytest.mark.unit
SECRET = secrets.token_urlsafe(48)


class Result:
    def __init__(self, matched: int) -> None:
        self.matched_count = self.modified_count = matched


class FakeCollection:
    """Documents by ``_id``; equality filters (a list field matches one of its items);
    ``$inc``/``$set`` updates with upsert. Counts the operations it is sent."""

    def __init__(self, store: FakeStore) -> None:
        self.docs: dict[str, dict] = {}
        self.store = store

    def _matches(self, doc: dict, query: dict) -> bool:
        return all(v in doc.get(k) if isinstance(doc.get(k), list) else doc.get(k) == v
                   for k, v in query.items())

    def find_one(self, query: dict, projection: dict | None = None) -> dict | None:
        self.store.operations += 1
        return next((dict(d) for d in self.docs.values() if self._matches(d, query)), None)

    def find(self, query: dict) -> list[dict]:
        self.store.operations += 1
        return [dict(d) for d in self.docs.values() if self._matches(d, query)]

    def replace_one(self, query: dict, doc: dict, upsert: bool = False) -> Result:
        self.store.operations += 1
        self.docs[doc["_id"]] = dict(doc)
        return Result(1)

    def update_one(self, query: dict, update: dict, upsert: bool = False) -> Result:
        return Result(1 if self.find_one_and_update(query, update, upsert=upsert) else 0)

    def find_one_and_update(self, query: dict, update: dict, upsert: bool = False, **_: object) -> dict | None:
        self.store.operations += 1
        doc = self.docs.get(query["_id"])
        if doc is None:
            if not upsert:
                return None
            doc = self.docs[query["_id"]] = {"_id": query["_id"]}
        for key, amount in update.get("$inc", {}).items():
            doc[key] = doc.get(key, 0) + amount
        doc.update(update.get("$set", {}))
        return dict(doc)


class FakeStore:
    def __init__(self) -> None:
        self.collections: dict[str, FakeCollection] = {}
        self.operations = 0

    def __getitem__(self, name: str) -> FakeCollection:
        return self.collections.setdefault(name, FakeCollection(self))


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _bump_elsewhere(store: FakeStore) -> None:
    """A change made by another process: the epoch moves, this process is not told."""
    store[access_cache.EPOCH_COLLECTION].find_one_and_update(
        {"_id": access_cache.EPOCH_ID}, {"$inc": {"n": 1}}, upsert=True)


def _give(store: FakeStore, subject: str, role: str, scope: str | None) -> None:
    grant_id = f"{role}|{scope or ''}|{subject}"
    store[grants.GRANTS].replace_one({"_id": grant_id}, {"_id": grant_id, "subject": subject, "role": role,
                                                         "scope": scope, "source": "operator"}, upsert=True)


def _roles(authenticator: Authenticator, token: str) -> set[tuple[str, str | None]]:
    principal, _ = authenticator.authenticate(f"Bearer {token}", None)
    return {(g.role, g.scope) for g in principal.grants}


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def test_a_process_reads_access_once_per_epoch_and_a_change_elsewhere_within_the_bound(store):
    clock = Clock()
    authenticator = Authenticator(store, SECRET, cache=AccessCache(store, freshness_s=0.1, clock=clock))
    _give(store, "anne@politi.dk", "district_operator", "nordjylland")
    token = issue_token(SECRET, "anne@politi.dk")
    assert _roles(authenticator, token) == {("district_operator", "nordjylland")}
    before = store.operations
    assert all(_roles(authenticator, token) == {("district_operator", "nordjylland")} for _ in range(20))
    assert store.operations == before  # no store operation while the epoch's reading is fresh

    store[grants.GRANTS].docs.clear()  # withdrawn by another process
    _bump_elsewhere(store)
    assert _roles(authenticator, token) == {("district_operator", "nordjylland")}  # within the bound
    clock.now += 0.1
    assert _roles(authenticator, token) == set()  # the bound has passed: read afresh


def test_a_revocation_made_by_this_process_is_refused_at_the_next_request(store):
    authenticator = Authenticator(store, SECRET, cache=AccessCache(store, freshness_s=60, clock=Clock()))
    token = issue_token(SECRET, "anne@politi.dk")
    assert _roles(authenticator, token) == set()
    revoke_token(store, token, SECRET)  # raises the epoch and tells this process
    with pytest.raises(Unauthorized) as refused:
        authenticator.authenticate(f"Bearer {token}", None)
    assert refused.value.code == "auth.token_revoked"


def test_without_a_bound_the_epoch_is_read_at_every_request(store):
    authenticator = Authenticator(store, SECRET, cache=AccessCache(store, freshness_s=0.0, clock=Clock()))
    token = issue_token(SECRET, "anne@politi.dk")
    _roles(authenticator, token)
    _give(store, "anne@politi.dk", "national_centre", None)
    _bump_elsewhere(store)
    assert _roles(authenticator, token) == {("national_centre", None)}


def test_what_was_read_while_the_epoch_moved_is_not_remembered(store):
    cache = AccessCache(store, freshness_s=60, clock=Clock())
    facts = iter(["old", "new"])

    def read_while_changed() -> str:
        access_changed(store)  # a change lands while this read is under way
        return next(facts)

    assert cache.get("principal", "anne", read_while_changed) == "old"
    assert cache.get("principal", "anne", lambda: next(facts)) == "new"


def test_a_verified_token_is_still_refused_once_expired(store, monkeypatch):
    authenticator = Authenticator(store, SECRET, leeway_s=5, cache=AccessCache(store, 60, clock=Clock()))
    token = issue_token(SECRET, "anne@politi.dk", ttl=timedelta(minutes=1))
    assert _roles(authenticator, token) == set()
    later = datetime.now(UTC) + timedelta(minutes=1, seconds=6)
    monkeypatch.setattr("gateway.auth._now", lambda: later)
    with pytest.raises(Unauthorized) as refused:
        authenticator.authenticate(f"Bearer {token}", None)
    assert refused.value.code == "auth.token_expired"


def test_one_process_admits_exactly_its_limit_and_flushes_what_it_admitted(store):
    clock = Clock(1000.0)
    counters = SlidingWindowCounters(store["rate_counters"], clock=clock)
    batched = BatchedCounters(counters, flush_s=0.1)
    window = Window(limit=5, seconds=10)
    waits = [batched.hit("caller", window) for _ in range(7)]
    assert [w == 0 for w in waits] == [True] * 5 + [False] * 2
    assert store["rate_counters"].docs["caller|100"]["count"] == 1  # only the first, at once
    batched.flush()
    assert store["rate_counters"].docs["caller|100"]["count"] == 5


def test_replicas_learn_each_others_counts_at_each_flush(store):
    clock = Clock(1000.0)
    window = Window(limit=10, seconds=10)
    first, second = (BatchedCounters(SlidingWindowCounters(store["rate_counters"], clock=clock), flush_s=0.1)
                     for _ in range(2))
    assert all(first.hit("caller", window) == 0 for _ in range(4))
    first.flush()
    assert all(second.hit("caller", window) == 0 for _ in range(6))  # its first hit read 4 + 1
    assert second.hit("caller", window) > 0
    second.flush()
    assert store["rate_counters"].docs["caller|100"]["count"] == 10
    # The first has not flushed since: it admits one more (the bound: what a replica admits
    # in one flush interval), and learns the other's 6 when it adds that one.
    assert first.hit("caller", window) == 0
    first.flush()
    assert store["rate_counters"].docs["caller|100"]["count"] == 11
    assert first.hit("caller", window) > 0


def test_with_no_flush_interval_every_request_is_counted_in_the_store(store):
    batched = BatchedCounters(SlidingWindowCounters(store["rate_counters"], clock=Clock(1000.0)), flush_s=0)
    for _ in range(3):
        batched.hit("caller", Window(limit=5, seconds=10))
    assert store["rate_counters"].docs["caller|100"]["count"] == 3


def test_only_an_initiative_created_without_registered_co_owners_changes_no_grant():
    def created(**data) -> dict:
        return {"type": "InitiativeCreated", "data": {"initiative_id": "i-1", **data}}

    assert grants.changes_nothing(created())
    assert grants.changes_nothing(created(co_owners=[]))
    assert grants.changes_nothing(created(co_owners=[{"kind": "district", "name": "nordjylland"}]))
    assert not grants.changes_nothing(created(co_owners=[{"kind": "actor", "actor_id": "a-1", "name": "Bo"}]))
    assert not grants.changes_nothing({"type": "InitiativeRevised", "data": {"co_owners": []}})
    assert not grants.changes_nothing({"type": "InitiativeCreated", "data": "not an object"})


class Peeks:
    """The shared failure counts as FailedAuthentications sees them: the wait ``peek`` answers."""

    def __init__(self) -> None:
        self.wait = 0.0
        self.peeks = 0

    def peek(self, key: str, window: Window) -> float:
        self.peeks += 1
        return self.wait

    def add(self, key: str, window: Window) -> None:
        pass


def test_a_clear_address_is_trusted_for_the_bound_and_a_failure_here_ends_that_at_once():
    from gateway.auth_failures import FailedAuthentications
    from samskab_infra.errors import TooManyRequests

    clock, shared = Clock(), Peeks()
    failures = FailedAuthentications(shared, Window(3, 60), clock=clock, clear_s=0.1)  # type: ignore[arg-type]
    for _ in range(5):
        failures.refuse_if_blocked("10.0.0.1")
    assert shared.peeks == 1
    shared.wait = 30.0  # blocked by failures another replica saw
    failures.refuse_if_blocked("10.0.0.1")  # within the bound
    clock.now += 0.1
    with pytest.raises(TooManyRequests):
        failures.refuse_if_blocked("10.0.0.1")
    shared.wait = 0.0
    failures.refuse_if_blocked("10.0.0.2")
    failures.record("10.0.0.2", "auth.key_invalid")  # a failure seen here: look again at once
    failures.refuse_if_blocked("10.0.0.2")
    assert shared.peeks == 4


def test_the_gateways_consumer_acknowledges_a_creation_without_co_owners_unparsed_and_handles_the_rest():
    from samskab_infra.consumer import ReliableEventHandler

    class Queue:
        def __init__(self) -> None:
            self.acked: list[object] = []

        def ack_message(self, message: object) -> None:
            self.acked.append(message)

    handler = ReliableEventHandler(grants.HANDLED_EVENTS, unchanging=grants.changes_nothing)
    handler.consumer_name = "gateway"
    handler.queue_consumer = Queue()  # type: ignore[assignment]
    handler._arrived = []
    handler._starting = True  # nothing is started in this test: what arrives only queues up
    handler.handle_message({"type": "InitiativeCreated", "data": {"co_owners": []}}, "created")
    assert handler.queue_consumer.acked == ["created"] and handler._arrived == []

    parked: list[str] = []
    handler._park = lambda message, raw, reason, error, event_type: parked.append(reason)  # type: ignore[method-assign]
    handler.handle_message({"type": "InitiativeCreated", "data": {"co_owners": [{"actor_id": "a-1"}]}}, "owned")
    assert parked == ["invalid"]  # taken the full path: parsed (this one is no valid envelope)
    assert handler.queue_consumer.acked == ["created"]
