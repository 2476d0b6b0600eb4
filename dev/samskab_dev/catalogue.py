"""The event catalogue, generated from the event classes themselves: a readable page
of every internal event. Partners have their own document (partner_asyncapi)."""
from __future__ import annotations

import json

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.openapi import OpenAPIConverter

import samskab_contracts.events  # noqa: F401  (registers every event type)
from samskab_contracts.partner import PARTNER_VIEWS, PRIVATE_EVENTS
from samskab_infra.event_types import REGISTRY, Event

EXCHANGE = "samskab.events"


def _converter() -> OpenAPIConverter:
    plugin = MarshmallowPlugin()
    spec = APISpec(title="events", version="1", openapi_version="3.0.3", plugins=[plugin])
    plugin.init_spec(spec)
    return plugin.converter


def json_schema(schema_cls) -> dict:
    converted = _converter().schema2jsonschema(schema_cls())
    converted["additionalProperties"] = False
    return converted


def production_events() -> list[type[Event]]:
    """Every registered event of a real producer (test-only events have none listed here)."""
    producers = ("initiatives", "actors", "notifications", "reporting")
    return sorted((cls for cls in REGISTRY.values() if cls.producer in producers),
                  key=lambda c: (c.producer, c.type_name()))


def example_envelope(cls: type[Event]) -> dict:
    return {
        "event_id": "7d0c1a2e-0000-4000-8000-000000000001", "type": cls.type_name(),
        "version": cls.version, "occurred_at": "2026-03-01T09:30:00.000000Z", "producer": cls.producer,
        "correlation_id": "req-5f3a", "causation_id": None,
        "district": cls.example.get("district", "nordjylland"), "data": cls.example,
    }


def _partner_column(name: str) -> str:
    if name in PARTNER_VIEWS:
        return "partner view"
    return f"never ({PRIVATE_EVENTS[name]})"


def markdown() -> str:
    lines = [
        "# Event catalogue", "",
        "Generated from the event classes in `lib/samskab_infra/contracts/` by "
        "`make catalogue`; a test fails when this page is stale. These are the internal events: "
        "partners never read this exchange. They read partner views, without personal data, on "
        "`samskab.partner`; see [partners.md](partners.md) and [`asyncapi.json`](asyncapi.json).", "",
        f"Every event is published to the durable topic exchange `{EXCHANGE}` with the routing key "
        "`<Type>.<district>` (`national` when an event has no district), persistent, as UTF-8 JSON "
        "in one envelope:", "",
        "| field | meaning |", "| --- | --- |",
        "| `event_id` | UUID; consumers de-duplicate by it |",
        "| `type` | the event type (below) |",
        "| `version` | schema version; versions change only additively |",
        "| `occurred_at` | UTC time, ISO 8601 |",
        "| `producer` | the service that published it |",
        "| `correlation_id` | the request that started the chain (the gateway's `X-Request-Id`) |",
        "| `causation_id` | the event that caused this one, if any |",
        "| `district` | police district slug |",
        "| `data` | the event's own fields (below); unknown fields are rejected |", "",
        "| event | producer | routing key | partners | description |", "| --- | --- | --- | --- | --- |",
    ]
    for cls in production_events():
        lines.append(f"| [{cls.type_name()}](#{cls.type_name().lower()}) | {cls.producer} | "
                     f"`{cls.type_name()}.<district>` | {_partner_column(cls.type_name())} | {cls.description} |")
    for cls in production_events():
        schema = json_schema(cls.Schema)
        required = set(schema.get("required", []))
        lines += ["", f"## {cls.type_name()}", "", cls.description, "",
                  f"Producer: `{cls.producer}` · version {cls.version} · routing key "
                  f"`{cls.type_name()}.<district>`", "", "| field | type | required |", "| --- | --- | --- |"]
        for field, spec in schema.get("properties", {}).items():
            kind = spec.get("type", "object")
            if kind == "array":
                kind = f"array of {spec.get('items', {}).get('type', 'object')}"
            if spec.get("enum"):
                kind += " (" + ", ".join(str(v) for v in spec["enum"] if v is not None) + ")"
            lines.append(f"| `{field}` | {kind} | {'yes' if field in required else 'no'} |")
        lines += ["", "Example:", "", "```json", json.dumps(example_envelope(cls), indent=2, ensure_ascii=False),
                  "```"]
    return "\n".join(lines) + "\n"
