"""Events produced by the reporting service."""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.districts import DISTRICTS
from samskab_infra.event_types import Event, EventSchema


class KindShareSchema(EventSchema):
    participation = fields.Int(required=True, validate=validate.Range(min=0))
    share = fields.Float(required=True, validate=validate.Range(0, 1))


class InfluenceImbalanceDetected(Event):
    """Participation in an initiative became concentrated on few actors (Gini past the threshold)."""

    producer = "reporting"
    description = ("Influence in an initiative is unevenly spread: the Gini coefficient of actor "
                   "participation rose past the threshold (raised once per crossing).")

    class Schema(EventSchema):
        initiative_id = fields.Str(required=True, validate=validate.Length(min=1, max=100))
        district = fields.Str(required=True, validate=validate.OneOf(DISTRICTS))
        title = fields.Str(required=True, allow_none=True, validate=validate.Length(max=200))
        gini = fields.Float(required=True, validate=validate.Range(0, 1))
        top20_share = fields.Float(required=True, validate=validate.Range(0, 1))
        threshold = fields.Float(required=True, validate=validate.Range(0, 1))
        actor_count = fields.Int(required=True, validate=validate.Range(min=0))
        participation_total = fields.Int(required=True, validate=validate.Range(min=0))
        by_kind = fields.Dict(keys=fields.Str(validate=validate.Length(min=1, max=50)),
                              values=fields.Nested(KindShareSchema), required=True)
        at = fields.DateTime(required=True)

    example = {
        "initiative_id": "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10",
        "district": "nordjylland",
        "title": "Hjørring – Fri for Indbrud",
        "gini": 0.64,
        "top20_share": 0.7,
        "threshold": 0.6,
        "actor_count": 6,
        "participation_total": 20,
        "by_kind": {"municipality": {"participation": 14, "share": 0.7},
                    "business": {"participation": 6, "share": 0.3}},
        "at": "2019-06-01T12:00:00Z",
    }
