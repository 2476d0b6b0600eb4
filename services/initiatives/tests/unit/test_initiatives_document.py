"""The aggregate's document form: JSON-native, round-tripping, with derived query fields."""
from __future__ import annotations

import json

import pytest
from initiatives_samples import BY, NOW, in_phase, quantitative

from initiatives.domain import Initiative

pytestmark = pytest.mark.unit


def busy_initiative() -> Initiative:
    initiative = in_phase("co_creative_development")
    initiative.set_goal("g-1", quantitative(), by=BY, now=NOW)
    initiative.record_measurement("g-1", "2022-12-31", 70, None, by=BY, now=NOW)
    initiative.adjust_goal("g-1", {"target_value": 80}, "ny viden", by=BY, now=NOW)
    initiative.schedule_reality_checks("p-1", 30, None, by=BY, now=NOW)
    initiative.record_safety_walk("w-1", {"date": "2022-09-20", "place": "Hjørring Øst",
                                          "route": [[57.46, 9.98], [57.47, 9.99]],
                                          "findings": [{"point": [57.46, 9.98], "category": "graffiti"}]},
                                  ["f-1"], by=BY, now=NOW)
    initiative.create_follow_up_action("f-1", "act-1", "a-1", "Fjern graffiti", None, by=BY, now=NOW)
    initiative.member_joined("a-1", "business", ["p-1"], "e-1", now=NOW)
    return initiative


def test_the_document_is_json_native_and_round_trips():
    initiative = busy_initiative()
    doc = initiative.to_document()
    assert json.loads(json.dumps(doc)) == doc
    again = Initiative.from_document({**doc, "_id": "i-1", "version": 7})
    assert again.to_document() == doc
    assert again.pending_events == []


def test_derived_fields_for_queries():
    doc = busy_initiative().to_document()
    assert doc["eligible_to_close"] is True
    assert doc["phase_number"] == 6 and doc["actor_count"] == 1
    assert doc["reality_checks_due_at"] == "2023-02-14"


def test_every_event_raised_is_valid_json():
    for event in busy_initiative().pending_events:
        assert json.loads(json.dumps(event.data)) == event.data
