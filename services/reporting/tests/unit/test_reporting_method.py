"""Phases 2-4 in the per-initiative read model: counts of sources, problem statements,
potential actors by dialogue status and alignments, whatever the delivery order."""
from __future__ import annotations

import pytest
from reporting_samples import created, envelope

from reporting.domain.projections import initiative
from reporting.domain.views import initiative_view

pytestmark = pytest.mark.unit


def talks() -> list[dict]:
    return [
        created(),
        envelope("MappingSourceRecorded", source_id="s-1"),
        envelope("MappingSourceRecorded", source_id="s-2", kind="data"),
        envelope("ProblemStatementRecorded", source_ids=["s-1", "s-2"]),
        envelope("PotentialActorIdentified", potential_actor_id="pa-1"),
        envelope("PotentialActorIdentified", potential_actor_id="pa-2", name="Brugsen", kind="business"),
        envelope("PotentialActorDialogueUpdated", potential_actor_id="pa-1", from_status="identified",
                 status="contacted", at="2016-02-01T09:00:00Z"),
        envelope("PotentialActorDialogueUpdated", potential_actor_id="pa-1", from_status="contacted",
                 status="in_dialogue", at="2016-03-01T09:00:00Z"),
        envelope("PotentialActorDialogueUpdated", potential_actor_id="pa-2", from_status="identified",
                 status="declined", at="2016-03-02T09:00:00Z"),
        envelope("ExpectationsAligned", district="nordjylland"),
    ]


def counts(envelopes: list[dict]) -> dict:
    model = None
    for env in envelopes:
        model = initiative.apply(model, env)
    return model["counts"]


def test_the_counts_of_phases_2_to_4():
    got = counts(talks())
    assert (got["sources"], got["problem_statements"], got["expectation_alignments"]) == (2, 1, 1)
    assert got["potential_actors"] == 2
    assert (got["potential_actors_in_dialogue"], got["potential_actors_declined"],
            got["potential_actors_identified"], got["potential_actors_contacted"]) == (1, 1, 0, 0)


def test_the_latest_step_wins_whatever_the_order_and_a_duplicate_counts_once():
    story = talks()
    shuffled = [story[0], *reversed(story[1:]), story[3]]
    assert counts(shuffled) == counts(story)


def test_the_counts_are_in_the_report_for_everyone():
    model = None
    for env in talks():
        model = initiative.apply(model, env)
    assert initiative_view(model, exact=False)["counts"]["potential_actors_in_dialogue"] == 1
