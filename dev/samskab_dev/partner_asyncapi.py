"""docs/asyncapi.json: the partner exchange as an AsyncAPI 3.1 document, generated
from the partner views themselves, so partners subscribe from what the code sends.

Schemas are JSON Schema (nullability as ``type: [X, "null"]``) with every nested
schema present, so a standard validator checks a message against the document alone.
"""
from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.partner import PARTNER_VIEWS
from samskab_infra.envelope import Envelope
from samskab_infra.event_types import REGISTRY, Event
from samskab_infra.partner_stream import partner_envelope
from samskab_infra.settings import DEV_PSEUDONYM_KEY, Settings

DOCUMENT_VERSION = "2.2.0"
EXCHANGE = Settings().partner_exchange
AMQP_BINDING = "0.3.0"

CONNECTING = f"""\
Partner views of the events of Samskab, the police districts' co-creation platform. Every
message is the partner view of one internal event: it carries no personal data (no officer
e-mail, no person's name or contact, no free text about people) and actor ids are
pseudonyms, stable per actor. Consent, erasure and contact-detail events are never sent.

## How a partner connects

1. Operations create your account with `python -m samskab_dev.topology_cli partner-add <name>`
   and hand you its output once: the broker user `partner-<name>`, its password (shown once,
   never stored), the vhost and the exchange. In production you connect with TLS (`amqps`, port
   5671) to the address operations give you; plain `amqp` is for development only.
2. Connect to the server with that user and vhost (`/` unless you were told otherwise).
3. Declare your own queue, durable, named `partner.<name>.<anything>` (for example
   `partner.<name>.events`). Your user may declare, bind and read only queues with that prefix.
4. Bind it to the topic exchange `{EXCHANGE}` with one binding key per subscription. Routing
   keys are `<EventType>.<district>`: `#` for everything, `*.nordjylland` for one district,
   `InitiativeCreated.*` for one event type. Do not declare the exchange (your user may not
   configure it); it is `{EXCHANGE}`, type `topic`, durable, not auto-delete, not internal,
   with no arguments.
5. Consume with manual acknowledgements; ack after you have processed a message.

The internal exchange and every other queue refuse your user (ACCESS_REFUSED).

## Delivery

At least once: a message can arrive twice (after a broker or service restart); de-duplicate
by the AMQP `message_id` property, which equals the payload's `event_id`. Every message is
persistent (`delivery_mode` 2), `content_type` `application/json`, `content_encoding`
`utf-8`, AMQP `type` = the event type; the header `nameko.correlation_id` and the payload's
`correlation_id` name the request that caused it, `event_version` the payload version.
Messages published while no queue of yours is bound are not kept for you: keep your queue.

## Versioning

This document's version follows semantic versioning. Minor versions only add: new event
types and new fields. A change that removes, renames or retypes a field raises that event's
`version` (payload field and `event_version` header) and this document's major version, and
is announced to partners before it is deployed. The schemas here reject unknown fields so
that they describe exactly what is sent; a tolerant reader ignores fields it does not know.
"""


def data_schemas() -> dict:
    """JSON Schemas of every partner view's data, with every nested schema they use."""
    spec = APISpec(title="partner views", version=DOCUMENT_VERSION, openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin()])
    for name, view in sorted(PARTNER_VIEWS.items()):
        spec.components.schema(f"{name}Data", schema=view.schema)
    schemas = spec.to_dict()["components"]["schemas"]
    for schema in schemas.values():
        schema["additionalProperties"] = False
    return schemas


def envelope_schema(name: str, version: int) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["event_id", "type", "version", "occurred_at", "producer", "correlation_id",
                     "causation_id", "district", "data"],
        "properties": {
            "event_id": {"type": "string", "format": "uuid",
                         "description": "unique per event; equals the AMQP message_id; de-duplicate by it"},
            "type": {"const": name},
            "version": {"const": version},
            "occurred_at": {"type": "string", "format": "date-time"},
            "producer": {"type": "string", "minLength": 1, "maxLength": 100},
            "correlation_id": {"type": "string", "minLength": 1, "maxLength": 200},
            "causation_id": {"type": ["string", "null"], "maxLength": 200},
            "district": {"type": "string", "enum": list(DISTRICTS)},
            "data": {"$ref": f"#/components/schemas/{name}Data"},
        },
    }


def example_message(cls: type[Event]) -> dict:
    envelope = Envelope(
        event_id="7d0c1a2e-0000-4000-8000-000000000001", type=cls.type_name(), version=cls.version,
        occurred_at="2026-03-01T09:30:00.000000Z", producer=cls.producer, correlation_id="req-5f3a",
        causation_id=None, district=cls.example.get("district", "nordjylland"), data=cls.example)
    view = partner_envelope(envelope, DEV_PSEUDONYM_KEY.encode("utf-8"), PARTNER_VIEWS)
    assert view is not None
    return view.to_dict()


def _message(name: str) -> dict:
    cls, view = REGISTRY[name], PARTNER_VIEWS[name]
    payload = example_message(cls)
    return {
        "name": name,
        "title": name,
        "summary": cls.description,
        "contentType": "application/json",
        "correlationId": {"$ref": "#/components/correlationIds/request"},
        "headers": {"$ref": "#/components/schemas/Headers"},
        "payload": {"$ref": f"#/components/schemas/{name}Message"},
        "bindings": {"amqp": {"contentEncoding": "utf-8", "messageType": name, "bindingVersion": AMQP_BINDING}},
        "x-amqp-properties": {"message_id": "the payload's event_id", "type": name,
                              "content_type": "application/json", "content_encoding": "utf-8",
                              "delivery_mode": 2},
        "examples": [{"name": f"{name}Example",
                      "headers": {"nameko.correlation_id": payload["correlation_id"], "event_version": view.version},
                      "payload": payload}],
    }


def asyncapi() -> dict:
    names = sorted(PARTNER_VIEWS)
    schemas = {
        "Headers": {"type": "object", "required": ["nameko.correlation_id", "event_version"], "properties": {
            "nameko.correlation_id": {"type": "string", "description": "the request that caused the event"},
            "event_version": {"type": "integer", "minimum": 1, "description": "equals the payload's version"}}},
        **{f"{name}Message": envelope_schema(name, PARTNER_VIEWS[name].version) for name in names},
        **data_schemas(),
    }
    return {
        "asyncapi": "3.1.0",
        "info": {"title": "Samskab partner events", "version": DOCUMENT_VERSION, "description": CONNECTING},
        "defaultContentType": "application/json",
        "servers": {
            "production": {
                "host": "{broker}:5671", "protocol": "amqps", "protocolVersion": "0-9-1", "pathname": "/",
                "description": "A district's broker behind its TLS endpoint; the host comes with your "
                               "credentials.",
                "variables": {"broker": {"description": "the broker host operations gave you"}},
                "security": [{"$ref": "#/components/securitySchemes/partnerUser"}],
            },
            "development": {
                "host": "localhost:5672", "protocol": "amqp", "protocolVersion": "0-9-1", "pathname": "/",
                "description": "`make run` on a developer machine.",
                "security": [{"$ref": "#/components/securitySchemes/partnerUser"}],
            },
        },
        "channels": {name: {
            "address": f"{name}.{{district}}",
            "title": name,
            "description": f"Routing key `{name}.<district>` on the topic exchange `{EXCHANGE}`.",
            "parameters": {"district": {"$ref": "#/components/parameters/district"}},
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
            "bindings": {"$ref": "#/components/channelBindings/partnerExchange"},
        } for name in names},
        "operations": {f"receive{name}": {
            "action": "receive",
            "title": f"Receive {name}",
            "channel": {"$ref": f"#/channels/{name}"},
            "messages": [{"$ref": f"#/channels/{name}/messages/{name}"}],
            "bindings": {"$ref": "#/components/operationBindings/persistentDelivery"},
        } for name in names},
        "components": {
            "schemas": schemas,
            "messages": {name: _message(name) for name in names},
            "parameters": {"district": {
                "description": "the police district (politikreds) the event belongs to",
                "enum": list(DISTRICTS)}},
            "correlationIds": {"request": {
                "description": "the request that started the chain (the gateway's X-Request-Id)",
                "location": "$message.header#/nameko.correlation_id"}},
            "channelBindings": {"partnerExchange": {"amqp": {
                "is": "routingKey",
                "exchange": {"name": EXCHANGE, "type": "topic", "durable": True, "autoDelete": False, "vhost": "/"},
                "bindingVersion": AMQP_BINDING}}},
            "operationBindings": {"persistentDelivery": {"amqp": {
                "deliveryMode": 2, "ack": True, "bindingVersion": AMQP_BINDING}}},
            "securitySchemes": {"partnerUser": {
                "type": "userPassword",
                "description": "The broker user `partner-<name>` and the password `partner-add` printed once."}},
        },
        "x-exchange-declaration": {"exchange": EXCHANGE, "type": "topic", "durable": True, "auto_delete": False,
                                   "internal": False, "arguments": {}},
    }
