"""Examples for the OpenAPI document, made from the same marshmallow schemas the document
describes (so an example cannot disagree with its schema): each field gets a value in
the style of the event examples (the Hjørring – Fri for Indbrud case, Farum's platform),
chosen by the field's name, then its validators, then its type."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any

from marshmallow import Schema, fields, validate

BY_NAME: dict[str, Any] = {
    "initiative_id": "ini-hjoerring-fri-for-indbrud", "platform_id": "plt-farum-boligomraadet",
    "goal_id": "goal-faerre-indbrud", "actor_id": "act-grundejerforening-farum",
    "finding_id": "fnd-banegaarden-lys", "activity_id": "act-tryghedsvandring-1",
    "result_id": "res-lys-i-gaarden", "ripple_effect_id": "rip-naboerne-moedes",
    "reality_check_id": "rc-farum-1", "action_id": "fua-graffiti", "membership_id":
        "ini-hjoerring-fri-for-indbrud:act-grundejerforening-farum",
    "subscription_id": "sub_7f3c", "endpoint_id": "we_5e1a", "delivery_id": "dlv_91b2", "attempt_id": "dlv_91b2#1",
    "item_id": "feed_4d2e", "grant_id": "grant_3a9c", "event_id": "evt_0c41", "person_id": "anne.madsen@hjoerring.dk",
    "title": "Hjørring – Fri for Indbrud", "name": "Grundejerforeningen Farum Midtpunkt",
    "display_name": "Anne Madsen", "district": "nordjylland", "owner_district": "nordjylland",
    "municipality": "Hjørring", "municipalities": ["Hjørring"], "themes": ["burglary_prevention"],
    "theme": "burglary_prevention", "place": "Banegården, Hjørring", "focus_area": "Indbrud i boligområdet",
    "text": "Mange indbrud i private hjem i Hjørring Kommune.", "challenge": "Mange indbrud i private hjem.",
    "description": "Bedre belysning ved stierne", "reason": "porten er nået", "summary": "Færre indbrud",
    "subject": "operator@nordjylland.politi.dk", "owner": "partner@farum.dk", "by": "operator@nordjylland.politi.dk",
    "granted_by": "leder@politi.dk", "email": "kontakt@farum.dk", "address": "borger@example.dk",
    "phone": "+4570101010", "url": "https://hooks.farum.dk/samskab", "indicator": "anmeldte indbrud",
    "unit": "antal", "phase": "co_creative_development", "to_phase": "analysis", "kind": "process",
    "goal_type": "quantitative", "direction": "down", "status": "active", "role": "member",
    "language": "da", "preferred_language": "da", "email_frequency": "immediate", "channel": "email",
    "event_type": "InitiativeCreated", "type": "InitiativeCreated", "cvr": "12345678", "secret": "whsec_c2VjcmV0",
    "since": "2026-03-01T09:30:00Z", "first_due": "2026-04-01", "next_due": "2026-04-01",
    "source": "admin", "scope": "nordjylland", "purpose": "notifications", "category": "lighting",
    "size": "small", "action": "give", "outcome": "delivered", "subscriber_kind": "person",
    "version": 3, "phase_number": 6, "year": 1, "threshold": 5, "interval_days": 30, "level": 4,
    "target_level": 4, "baseline_value": 40, "target_value": 20, "value": 30,
    "scores": {"collaboration": 4, "progress": 3},
    "indicator_id": "burglaries_reported", "target_date": "2026-12-31", "group": "steering_group",
    "anchoring": "Lokalrådet i Hjørring Øst", "organisation": "Hjørring Kommune", "amount_kr": 2000000,
    "hours": 120, "period_start": "2026-01-01", "period_end": "2026-03-31",
}
DATE, INSTANT = "2026-03-01", "2026-03-01T09:30:00Z"


def example_of(schema: Schema | type[Schema], exclude: Collection[str] = ()) -> dict:
    """A value for every field of ``schema`` that is not excluded."""
    instance = schema() if isinstance(schema, type) else schema
    left_out = set(exclude) | set(instance.exclude or ())
    return {name: _value(name, field) for name, field in instance.fields.items()
            if name not in left_out and not field.dump_only}


def _value(name: str, field: fields.Field) -> Any:
    for validator in field.validators:
        if isinstance(validator, validate.OneOf):
            return next(iter(validator.choices))
    if isinstance(field, fields.Nested):
        nested = field.schema
        return [example_of(nested)] if field.many else example_of(nested)
    if isinstance(field, fields.List):
        if name in BY_NAME and isinstance(BY_NAME[name], list):
            return BY_NAME[name]
        inner = field.inner
        item = _value(name if _fits(name, inner) else name.removesuffix("s"), inner)
        return [item] * max([1, *(v.min or 0 for v in field.validators if isinstance(v, validate.Length))])
    if isinstance(field, fields.Tuple):
        return [57.4581, 9.9826] if len(field.tuple_fields) == 2 else [_value(name, f) for f in field.tuple_fields]
    if isinstance(field, fields.Dict):
        return dict(BY_NAME.get(name) or {}) if isinstance(BY_NAME.get(name), dict) else {}
    if name in BY_NAME and _fits(name, field):
        return _bounded(BY_NAME[name], field)
    return _bounded(_by_type(name, field), field)


def _fits(name: str, field: fields.Field) -> bool:
    value = BY_NAME.get(name)
    if isinstance(field, fields.Boolean):
        return isinstance(value, bool)
    if isinstance(field, (fields.Integer, fields.Float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str) and not isinstance(field, (fields.Date, fields.DateTime))


def _by_type(name: str, field: fields.Field) -> Any:
    if isinstance(field, fields.Boolean):
        return True
    if isinstance(field, fields.Integer):
        return 1
    if isinstance(field, fields.Float):
        return 1.5
    if isinstance(field, fields.Date) or name == "date" or name.endswith("_date"):
        return DATE
    if isinstance(field, fields.DateTime) or name == "at" or name.endswith(("_at", "_since")):
        return INSTANT
    if isinstance(field, fields.Email):
        return "kontakt@farum.dk"
    if isinstance(field, fields.Url):
        return "https://hooks.farum.dk/samskab"
    if name.endswith("_id"):
        return name.removesuffix("_id").replace("_", "-") + "-1"
    return "tekst"


def _bounded(value: Any, field: fields.Field) -> Any:
    """Inside the field's Range and Length."""
    for validator in field.validators:
        if isinstance(validator, validate.Range) and isinstance(value, (int, float)):
            if validator.min is not None and value < validator.min:
                value = validator.min
            if validator.max is not None and value > validator.max:
                value = validator.max
        if isinstance(validator, validate.Length) and isinstance(value, str):
            if validator.max is not None:
                value = value[:validator.max]
            if validator.min is not None and len(value) < validator.min:
                value = value.ljust(validator.min, "x")
        if isinstance(validator, validate.Regexp) and isinstance(value, str):
            return _matching(validator, value)
    return value


def _matching(validator: validate.Regexp, value: str) -> str:
    pattern = validator.regex
    for candidate in (value, "12345678", "abc", "a-1", "nordjylland"):
        # our patterns are text patterns (marshmallow types them as str | bytes)
        if isinstance(pattern.pattern, str) and pattern.match(candidate):
            return candidate
    return value
