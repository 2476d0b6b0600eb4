"""One command, one read: authorisation decides on the read the save path then reuses
(adapters.already_read), counted on the in-memory store through the RPC entrypoint. And
one rebuild: the answer shows the document the command wrote, not a second rebuild of it."""
from __future__ import annotations

import pytest
from initiatives_samples import NOW, spec, through_gate
from nameko.testing.services import worker_factory

from initiatives.domain import Initiative
from initiatives.handlers import queries
from initiatives.service import InitiativesService
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context

pytestmark = pytest.mark.unit


class CountingStore(InMemoryAggregateStore):
    """Counts the documents read (``read`` reads through ``get`` in the fake)."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get(self, aggregate_id):
        self.reads += 1
        return super().get(aggregate_id)


class ConcurrentWrite(CountingStore):
    """Another write lands between the command's read and its save, once."""

    pending = False

    def update(self, aggregate_id, state, expected_version, events, command=None):
        if self.pending:
            self.pending = False
            current = self.documents[aggregate_id]
            self.documents[aggregate_id] = {**current, "version": current["version"] + 1}
        return super().update(aggregate_id, state, expected_version, events, command)


def service(store: CountingStore) -> InitiativesService:
    return worker_factory(InitiativesService, stores={"initiatives": store},
                          context=Context(correlation_id="reads", now=NOW, principal=SYSTEM))


def execute(initiatives: InitiativesService, store: CountingStore, command: str,
            payload: dict) -> tuple[dict, int]:
    """The command's answer and how many documents it read."""
    before = store.reads
    answer = initiatives.execute(command, payload)
    return answer, store.reads - before


def test_every_command_reads_its_initiative_once_and_creating_one_reads_nothing():
    store = CountingStore()
    initiatives = service(store)
    created, reads = execute(initiatives, store, "create_initiative", spec())
    assert reads == 0  # a fresh id: inserted without a read (saving.save_command creates=True)
    initiative_id = created["initiative_id"]
    steps = [("assign_anchor_person", {"anchor_person": {"person_id": "jsn@politi.dk"}})]
    steps += [("advance_phase", {"to_phase": phase, "reason": "klar", **through_gate(phase)})
              for phase in ("mapping", "analysis", "actor_involvement", "establishment")]
    steps += [("establish_platform", {"name": "Nabohjælp", "focus_area": "Flere i Nabohjælp"}),
              ("document_result", {"title": "Første møde", "size": "small", "date": "2022-12-31"})]
    for command, payload in steps:
        _, reads = execute(initiatives, store, command, {"initiative_id": initiative_id, **payload})
        assert reads == 1, command


def test_a_command_decided_again_after_a_concurrent_write_reads_the_fresh_state():
    store = ConcurrentWrite()
    initiatives = service(store)
    initiative_id = initiatives.execute("create_initiative", spec())["initiative_id"]
    store.pending = True
    payload = {"initiative_id": initiative_id, "anchor_person": {"person_id": "jsn@politi.dk"}}
    assert execute(initiatives, store, "assign_anchor_person", payload)[1] == 2
    assert store.get(initiative_id)["version"] == 3


def test_a_command_rebuilds_its_initiative_once_and_answers_the_view_a_query_would(monkeypatch):
    store = CountingStore()
    initiatives = service(store)
    initiative_id = initiatives.execute("create_initiative", spec())["initiative_id"]
    rebuilds = []
    original = Initiative.from_document.__func__
    monkeypatch.setattr(Initiative, "from_document",
                        classmethod(lambda cls, document: rebuilds.append(1) or original(cls, document)))
    answer = initiatives.execute("assign_anchor_person", {
        "initiative_id": initiative_id, "anchor_person": {"person_id": "jsn@politi.dk"}})
    assert len(rebuilds) == 1
    assert answer["initiative"] == queries.initiative_view(store.get(initiative_id))
