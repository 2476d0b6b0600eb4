"""A busy initiative: the projection's compare-and-set loses to other writers many times
in a row. The event must still be applied, or raised so that it goes to the retry queue;
never dropped (issue 12, finding 9)."""
from __future__ import annotations

from collections.abc import Sequence

import pytest
from reporting_fakes import InMemorySummaries
from reporting_samples import INITIATIVE, created, joined

from reporting.domain.projections import state
from reporting.handlers import events as event_handlers
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.command_log import CommandRecord
from samskab_infra.envelope import Envelope
from samskab_infra.errors import ServiceUnavailable

pytestmark = pytest.mark.unit


class BusyStore(InMemoryAggregateStore):
    """Another writer gets in first ``conflicts`` times: each time it bumps the stored
    version just before our write, so our expected version is stale."""

    def __init__(self, conflicts: int) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.lost = 0

    def update(self, aggregate_id: str, state: dict, expected_version: int,
               events: Sequence[Envelope], command: CommandRecord | None = None) -> int:
        if self.lost < self.conflicts:
            self.lost += 1
            competitor = self.documents[aggregate_id]
            competitor["version"] += 1
        return super().update(aggregate_id, state, expected_version, events, command)


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pauses: list[int] = []
    monkeypatch.setattr(event_handlers, "pause_between_attempts", pauses.append)
    return pauses


def stores(initiatives: InMemoryAggregateStore) -> dict:
    return {state.INITIATIVES: initiatives, state.ACTORS: InMemoryAggregateStore(),
            state.SUMMARIES: InMemorySummaries()}


def test_an_update_that_loses_many_times_in_a_row_is_still_applied(no_pauses: list[int]) -> None:
    initiatives = BusyStore(conflicts=0)
    busy = stores(initiatives)
    event_handlers.project_event(busy, created())
    initiatives.conflicts = 30
    event_handlers.project_event(busy, joined("a1"))
    assert initiatives.lost == 30
    assert initiatives.get(INITIATIVE)["actors"]["active_total"] == 1
    assert len(no_pauses) == 30  # a (jittered) pause after every lost write


def test_an_initiative_that_never_calms_down_raises_so_the_event_is_retried_later() -> None:
    initiatives = BusyStore(conflicts=0)
    busy = stores(initiatives)
    event_handlers.project_event(busy, created())
    initiatives.conflicts = 10_000
    with pytest.raises(ServiceUnavailable):
        event_handlers.project_event(busy, joined("a1"))
    assert initiatives.lost == event_handlers.PROJECTION_ATTEMPTS
    assert initiatives.get(INITIATIVE)["actors"]["active_total"] == 0
