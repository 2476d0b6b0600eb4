"""The one save path (samskab_infra.saving) against a fake of our own store port:
retried on a background write unless the caller gave an expected version, a repeated
command id answered from its record, and a creation raced by its own repeat made once."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.aggregate_store import AlreadyExists
from samskab_infra.command_log import KEEP_AT_MOST, CommandRecord, kept_commands
from samskab_infra.context import Context
from samskab_infra.errors import Conflict, NotFound, ServiceUnavailable
from samskab_infra.rpc_routing import HandlerContext
from samskab_infra.saving import ATTEMPTS, Decision, save_command

pytestmark = pytest.mark.unit


class Interfering(InMemoryAggregateStore):
    """Runs ``before_write`` (another writer) just before this writer's write lands."""

    def __init__(self) -> None:
        super().__init__()
        self.before_write: list = []

    def _interfere(self) -> None:
        if self.before_write:
            self.before_write.pop(0)()

    def create(self, aggregate_id, state, events, command=None):
        self._interfere()
        return super().create(aggregate_id, state, events, command)

    def update(self, aggregate_id, state, expected_version, events, command=None):
        self._interfere()
        return super().update(aggregate_id, state, expected_version, events, command)


class Counter:
    """A decide step that adds one to ``n`` and says which ``n`` it saw."""

    def __init__(self) -> None:
        self.seen: list[int | None] = []

    def __call__(self, doc: dict | None) -> Decision:
        n = None if doc is None else doc["n"]
        self.seen.append(n)
        return Decision({"n": (n or 0) + 1}, outcome={"was": n})


def no_pause(attempt: int) -> None:
    pass


@pytest.fixture
def store() -> Interfering:
    store = Interfering()
    store.create("a", {"n": 0}, [])
    return store


def background_write(store: InMemoryAggregateStore) -> None:
    """Another writer's change (say, a member joining), which nothing interferes with."""
    doc = store.get("a")
    InMemoryAggregateStore.update(store, "a", {"n": doc["n"] + 10}, doc["version"], [])


def test_a_background_write_is_retried_on_fresh_state_without_an_expected_version(store):
    store.before_write = [lambda: background_write(store), lambda: background_write(store)]
    pauses = []
    decide = Counter()
    saved = save_command(store, "a", decide, pause=pauses.append)
    assert decide.seen == [0, 10, 20] and pauses == [0, 1]
    assert (saved.document["n"], saved.version, saved.outcome) == (21, 4, {"was": 20})
    assert store.get("a")["n"] == 21


def test_with_an_expected_version_a_background_write_is_a_version_conflict(store):
    store.before_write = [lambda: background_write(store)]
    decide = Counter()
    with pytest.raises(Conflict) as refused:
        save_command(store, "a", decide, expected_version=1, pause=no_pause)
    assert refused.value.code == "version.conflict"
    assert refused.value.details == {"expected_version": 1, "version": 2}
    assert decide.seen == [0] and store.get("a")["n"] == 10


def test_a_stale_expected_version_is_refused_before_deciding(store):
    decide = Counter()
    with pytest.raises(Conflict) as refused:
        save_command(store, "a", decide, expected_version=7)
    assert refused.value.details == {"expected_version": 7, "version": 1}
    assert decide.seen == []
    assert save_command(store, "a", decide, expected_version=1).version == 2


def test_an_aggregate_that_never_stops_changing_gives_503_after_bounded_attempts(store):
    store.before_write = [lambda: background_write(store)] * (ATTEMPTS + 5)
    pauses = []
    with pytest.raises(ServiceUnavailable) as busy:
        save_command(store, "a", Counter(), pause=pauses.append)
    assert busy.value.code == "concurrency.busy" and busy.value.details == {"retry_after": 1}
    assert len(pauses) == ATTEMPTS


def test_a_repeated_command_id_gets_the_first_outcome_and_runs_nothing(store):
    first = save_command(store, "a", Counter(), command_id="cmd-1")
    background_write(store)
    decide = Counter()
    again = save_command(store, "a", decide, command_id="cmd-1")
    assert decide.seen == [] and again.replayed and not first.replayed
    assert again.outcome == first.outcome == {"was": 0}
    assert again.version == 3, "the aggregate as it is now"
    assert save_command(store, "a", decide, command_id="cmd-2").outcome == {"was": 11}


def test_two_copies_of_one_command_racing_apply_once(store):
    decide = Counter()
    store.before_write = [lambda: save_command(store, "a", decide, command_id="cmd-1")]
    saved = save_command(store, "a", decide, command_id="cmd-1", pause=no_pause)
    assert saved.replayed and saved.outcome == {"was": 0}
    assert store.get("a")["n"] == 1 and decide.seen == [0, 0]


def test_two_copies_of_one_creation_racing_create_once():
    store = Interfering()
    decide = Counter()
    store.before_write = [lambda: save_command(store, "new", decide, command_id="cmd-1")]
    saved = save_command(store, "new", decide, command_id="cmd-1", pause=no_pause)
    assert saved.replayed and saved.version == 1 and store.get("new")["n"] == 1


def test_a_creation_refused_by_another_unique_field_is_not_retried():
    class UniqueElsewhere(InMemoryAggregateStore):
        def create(self, aggregate_id, state, events, command=None):
            raise AlreadyExists(aggregate_id)

    decide = Counter()
    with pytest.raises(AlreadyExists):
        save_command(UniqueElsewhere(), "new", decide, pause=no_pause)
    assert decide.seen == [None]


def test_no_change_writes_nothing_and_records_nothing(store):
    saved = save_command(store, "a", lambda doc: Decision(None, outcome={"applied": False}),
                         command_id="cmd-1")
    assert (saved.version, saved.outcome) == (1, {"applied": False})
    assert store.commands["a"] == []


def test_a_refused_command_writes_nothing(store):
    def refuse(doc):
        raise NotFound("no", code="thing.not_found")

    with pytest.raises(NotFound):
        save_command(store, "a", refuse, command_id="cmd-1")
    assert store.get("a")["version"] == 1 and store.commands["a"] == []


def test_command_records_are_kept_a_day_and_bounded():
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    old = kept_commands([], CommandRecord("old", {}), now - timedelta(hours=25))
    recent = kept_commands(old, CommandRecord("recent", {}), now - timedelta(hours=1))
    assert [c["command_id"] for c in kept_commands(recent, CommandRecord("new", {}), now)] == ["recent", "new"]
    many: list[dict] = []
    for n in range(KEEP_AT_MOST + 5):
        many = kept_commands(many, CommandRecord(f"c{n}", {}), now)
    assert len(many) == KEEP_AT_MOST and many[-1]["command_id"] == f"c{KEEP_AT_MOST + 4}"


def test_ids_made_for_a_command_are_the_same_on_every_run_of_it():
    ctx = Context(correlation_id="c", command_id="cmd-1")
    assert ctx.new_id("initiative") == Context(correlation_id="other", command_id="cmd-1").new_id("initiative")
    assert ctx.new_id("initiative") != ctx.new_id("actor")
    assert ctx.new_id("initiative") != Context(correlation_id="c", command_id="cmd-2").new_id("initiative")
    plain = Context(correlation_id="c")
    assert plain.new_id("initiative") != plain.new_id("initiative")


def test_the_handler_context_carries_the_command_id_from_the_call():
    class Worker:
        data = {"correlation_id": "req-1", "command_id": "cmd-1",
                "principal": '{"subject": "anne", "grants": []}'}
        entrypoint = None
        call_id = "call-1"

    ctx = HandlerContext().get_dependency(Worker())
    assert (ctx.command_id, ctx.correlation_id, ctx.principal.subject) == ("cmd-1", "req-1", "anne")
    Worker.data = {"correlation_id": "req-2", "principal": '{"subject": "anne"}'}
    assert HandlerContext().get_dependency(Worker()).command_id is None


class Reads(InMemoryAggregateStore):
    """Counts the reads the save path makes."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def read(self, aggregate_id):
        self.reads += 1
        return super().read(aggregate_id)


def test_a_creation_under_a_fresh_id_is_inserted_without_a_read():
    store = Reads()
    saved = save_command(store, "new", Counter(), creates=True, command_id="cmd-1", pause=no_pause)
    assert (saved.version, saved.outcome, store.reads) == (1, {"was": None}, 0)
    assert store.get("new")["n"] == 1


def test_a_creation_whose_id_is_taken_reads_what_is_there_and_a_repeated_command_gets_its_outcome():
    store = Reads()
    save_command(store, "new", Counter(), creates=True, command_id="cmd-1", pause=no_pause)
    repeat = save_command(store, "new", Counter(), creates=True, command_id="cmd-1", pause=no_pause)
    assert repeat.replayed and repeat.outcome == {"was": None} and store.reads == 1
    # A different command on the taken id is decided on the stored document.
    other = Counter()
    saved = save_command(store, "new", other, creates=True, pause=no_pause)
    assert other.seen == [None, 1] and saved.version == 2


def test_a_creation_refused_by_another_unique_field_still_raises_already_exists():
    class Refusing(Reads):
        def create(self, aggregate_id, state, events, command=None):
            raise AlreadyExists(aggregate_id)

    with pytest.raises(AlreadyExists):
        save_command(Refusing(), "new", Counter(), creates=True, pause=no_pause)
