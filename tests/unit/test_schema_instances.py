"""Schema instances are made once per class and stay correct across many loads."""
from __future__ import annotations

import pytest
from marshmallow import Schema, ValidationError, fields

from samskab_infra.envelope import Envelope
from samskab_infra.schemas import schema_of

pytestmark = pytest.mark.unit


class Title(Schema):
    title = fields.Str(required=True)


def test_one_instance_per_schema_class_serves_every_load_and_keeps_no_state_between_them():
    assert schema_of(Title) is schema_of(Title)
    assert schema_of(Title).load({"title": "Tryghed"}) == {"title": "Tryghed"}
    with pytest.raises(ValidationError) as refused:
        schema_of(Title).load({})
    assert refused.value.messages == {"title": ["Missing data for required field."]}
    assert schema_of(Title).load({"title": "Fri for indbrud"}) == {"title": "Fri for indbrud"}


def test_an_envelope_as_a_dict_round_trips_and_its_data_is_a_copy():
    data = {"initiative_id": "i-1", "title": "Fri for indbrud", "themes": ["burglary_prevention"]}
    envelope = Envelope("7d9f6f0e-8a55-4c1e-9b61-1f2a6f0c3e11", "T", 1, "2026-12-04T10:00:00Z", "initiatives",
                        "c-1", None, "nordjylland", data)
    raw = envelope.to_dict()
    assert Envelope(**raw) == envelope
    raw["data"]["title"] = "changed"
    assert envelope.data["title"] == "Fri for indbrud"
