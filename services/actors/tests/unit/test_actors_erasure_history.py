"""After ActorErased the service's own event history forgets names and contacts."""
from __future__ import annotations

import pytest

from actors.handlers.events import HistoryNotArchived, redact_erased_actor
from actors.personal_data import PUBLISHED_PERSONAL_FIELDS
from samskab_infra.context import Context

pytestmark = pytest.mark.unit
CTX = Context(correlation_id="corr-1")
ERASED = {"actor_id": "a1", "actor_kind": "citizen", "district": "nordjylland",
          "at": "2024-09-01T10:00:00Z"}


class FakeHistory:
    def __init__(self, archived: set[str]):
        self.archived = archived
        self.redactions: list[tuple[str, dict]] = []

    def contains(self, event_id: str) -> bool:
        return event_id in self.archived

    def redact(self, actor_id: str, fields_by_type: dict) -> int:
        self.redactions.append((actor_id, dict(fields_by_type)))
        return 2


def test_the_archived_contacts_and_names_of_the_erased_actor_are_redacted():
    history = FakeHistory({"ev-erased"})
    assert redact_erased_actor(history, ERASED, "ev-erased", CTX) == {
        "actor_id": "a1", "redacted_fields": 2}
    [(actor_id, fields)] = history.redactions
    assert actor_id == "a1"
    assert fields["ActorContactShared"] == ("address", "name")
    assert fields["ActorJoined"] == ("name",)


def test_it_waits_until_the_relay_has_archived_the_erasure_itself():
    history = FakeHistory(set())
    with pytest.raises(HistoryNotArchived) as err:
        redact_erased_actor(history, ERASED, "ev-erased", CTX)
    assert history.redactions == []
    assert "a1" not in str(err.value), "the log line a retry writes names no one"


def test_every_actors_event_that_may_name_a_person_is_redacted():
    from samskab_contracts.events import actors as contract

    naming = {cls.__name__ for cls in (contract.ActorRegistered, contract.ActorUpdated,
                                       contract.ActorJoined, contract.ActorContactShared,
                                       contract.ActorEnrolled, contract.ActorRepresentativeAdded,
                                       contract.ActorRepresentativeRemoved)}
    assert set(PUBLISHED_PERSONAL_FIELDS) == naming
    for event_type, names in PUBLISHED_PERSONAL_FIELDS.items():
        declared = getattr(contract, event_type).Schema().fields
        assert set(names) <= set(declared), event_type
