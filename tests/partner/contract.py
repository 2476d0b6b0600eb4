"""Reading docs/asyncapi.json as an outside partner would: the exchange to bind to, and
a standard JSON Schema validator for each message type (nothing from our code)."""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

DOCUMENT = Path(__file__).resolve().parents[2] / "docs/asyncapi.json"
BASE_URI = "urn:samskab:partner-asyncapi"


class PartnerContract:
    def __init__(self, path: Path = DOCUMENT):
        self.document = json.loads(path.read_text())
        resource = Resource.from_contents(self.document, default_specification=DRAFT7)
        self.registry = Registry().with_resource(BASE_URI, resource)

    @property
    def exchange(self) -> dict:
        return self.document["components"]["channelBindings"]["partnerExchange"]["amqp"]["exchange"]

    @property
    def message_types(self) -> list[str]:
        return sorted(self.document["components"]["messages"])

    def validator(self, message_type: str) -> Draft7Validator:
        payload_ref = self.document["components"]["messages"][message_type]["payload"]["$ref"]
        return Draft7Validator({"$ref": f"{BASE_URI}{payload_ref}"}, registry=self.registry,
                               format_checker=Draft7Validator.FORMAT_CHECKER)

    def errors(self, body: dict) -> list[str]:
        """Why a message body does not match the document; [] when it does."""
        if body.get("type") not in self.document["components"]["messages"]:
            return [f"unknown message type {body.get('type')!r}"]
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in self.validator(body["type"]).iter_errors(body)]
