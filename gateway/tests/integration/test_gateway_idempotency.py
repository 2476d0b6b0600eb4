"""Idempotency-Key against the real store: one claim per (caller, key), the stored
answer for retries, 422 for a reused key, 409 while the first is running, and a
5xx unlocks the claim (the retry runs again under the same command id) without
freeing the key for another request."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import eventlet
import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from gateway.idempotency import (
    COLLECTION,
    REPLAYED_HEADER,
    Claim,
    IdempotencyStore,
    StoredResponse,
    command_id,
    fingerprint,
    run_once,
)
from samskab_infra.errors import Conflict, DomainRuleViolation, ValidationFailed

pytestmark = pytest.mark.integration


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(mongo_client, db_prefix, clock) -> IdempotencyStore:
    return IdempotencyStore(mongo_client[f"{db_prefix}_gateway"][COLLECTION], ttl_s=24 * 3600, lease_s=30,
                            clock=clock)


def _request(body: bytes = b'{"title": "x"}', path: str = "/initiatives") -> Request:
    return Request(EnvironBuilder(method="POST", path=path, data=body,
                                  content_type="application/json").get_environ())


def _created(body: str = '{"id": "i-1"}') -> Response:
    return Response(body, status=201, mimetype="application/json", headers={"Location": "/initiatives/i-1"})


def test_a_retry_gets_the_stored_answer_and_the_work_is_done_once(store):
    calls = []

    def produce():
        calls.append(1)
        return _created()

    first = run_once(store, "anne", "key-1", _request(), produce)
    again = run_once(store, "anne", "key-1", _request(), produce)
    assert len(calls) == 1
    assert (again.status_code, again.get_data(), again.headers["Location"]) == \
        (201, first.get_data(), "/initiatives/i-1")
    assert again.headers[REPLAYED_HEADER] == "true"
    assert REPLAYED_HEADER not in first.headers


def test_the_same_key_with_another_body_or_path_is_refused(store):
    run_once(store, "anne", "key-1", _request(), _created)
    for other in (_request(b'{"title": "y"}'), _request(path="/actors")):
        with pytest.raises(DomainRuleViolation) as refused:
            run_once(store, "anne", "key-1", other, _created)
        assert refused.value.code == "idempotency.key_reused"


def test_keys_belong_to_their_caller(store):
    run_once(store, "anne", "key-1", _request(), _created)
    answer = run_once(store, "bo", "key-1", _request(b'{"other": 1}'), lambda: _created('{"id": "i-2"}'))
    assert answer.get_data() == b'{"id": "i-2"}'


def test_a_retry_while_the_first_runs_is_told_to_wait(store, clock):
    claim = store.claim("anne", "key-1", "fp")
    assert isinstance(claim, Claim)
    with pytest.raises(Conflict) as busy:
        store.claim("anne", "key-1", "fp")
    assert (busy.value.code, busy.value.details["retry_after"]) == ("idempotency.in_progress", 1)
    clock.now += timedelta(seconds=31)
    taken_over = store.claim("anne", "key-1", "fp")
    assert isinstance(taken_over, Claim) and taken_over.token != claim.token
    store.complete(claim, _created())
    with pytest.raises(Conflict):
        store.claim("anne", "key-1", "fp")


def test_a_lost_claim_cannot_overwrite_the_one_that_took_over(store, clock):
    stale = store.claim("anne", "key-1", "fp")
    clock.now += timedelta(seconds=31)
    current = store.claim("anne", "key-1", "fp")
    store.complete(stale, _created('{"id": "stale"}'))
    store.complete(current, _created('{"id": "current"}'))
    replay = store.claim("anne", "key-1", "fp")
    assert isinstance(replay, StoredResponse) and replay.body == '{"id": "current"}'


def test_a_server_error_unlocks_the_key_so_the_retry_runs_again_at_once(store):
    answers = iter([Response("down", status=503), _created()])
    assert run_once(store, "anne", "key-1", _request(), lambda: next(answers)).status_code == 503
    assert run_once(store, "anne", "key-1", _request(), lambda: next(answers)).status_code == 201


def test_after_a_server_error_the_key_still_belongs_to_its_request(store):
    """After a 503 (an RPC timeout) the command may still run in the service: the key is
    not free for another request, whose command id would differ."""
    run_once(store, "anne", "key-1", _request(), lambda: Response("timeout", status=503))
    with pytest.raises(DomainRuleViolation) as refused:
        run_once(store, "anne", "key-1", _request(b'{"title": "other"}'), _created)
    assert refused.value.code == "idempotency.key_reused"


def test_the_command_id_names_one_request_of_one_caller_under_one_key():
    first = command_id("anne", "key-1", _request())
    assert first == command_id("anne", "key-1", _request())
    others = {command_id("bo", "key-1", _request()), command_id("anne", "key-2", _request()),
              command_id("anne", "key-1", _request(b'{"title": "y"}'))}
    assert first not in others and len(others) == 3


def test_a_client_error_is_stored_like_any_answer(store):
    calls = []

    def refuse():
        calls.append(1)
        return Response('{"status": 422}', status=422, mimetype="application/problem+json")

    for _ in range(2):
        assert run_once(store, "anne", "key-1", _request(), refuse).status_code == 422
    assert len(calls) == 1


def test_answers_are_kept_24_hours_then_forgotten(store, clock):
    run_once(store, "anne", "key-1", _request(), _created)
    clock.now += timedelta(hours=23)
    assert isinstance(store.claim("anne", "key-1", fingerprint(_request())), StoredResponse)
    clock.now += timedelta(hours=2)
    assert store.purge_expired() == 1
    assert isinstance(store.claim("anne", "key-1", "anything"), Claim)


def test_an_expired_answer_is_not_replayed_even_before_the_purge(store, clock):
    run_once(store, "anne", "key-1", _request(), _created)
    clock.now += timedelta(hours=25)
    answer = run_once(store, "anne", "key-1", _request(b'{"new": 1}'), lambda: _created('{"id": "new"}'))
    assert answer.get_data() == b'{"id": "new"}'
    assert REPLAYED_HEADER not in answer.headers


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there", "ø"])
def test_a_malformed_key_is_a_validation_error(store, key):
    with pytest.raises(ValidationFailed):
        run_once(store, "anne", key, _request(), _created)


def test_concurrent_duplicates_create_once(store):
    created = []

    def produce():
        eventlet.sleep(0.05)
        created.append(1)
        return _created()

    def attempt():
        try:
            return run_once(store, "anne", "key-1", _request(), produce).status_code
        except Conflict:
            return 409

    pool = eventlet.GreenPool(20)
    statuses = list(pool.imap(lambda _: attempt(), range(20)))
    assert len(created) == 1
    assert statuses.count(201) >= 1 and set(statuses) <= {201, 409}
