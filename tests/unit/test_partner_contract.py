"""The partner contract: every event is either given a partner view or kept from partners,
no view carries personal data, and docs/asyncapi.json describes exactly what is sent,
checked with a standard JSON Schema validator."""
from __future__ import annotations

import json
import logging
import re

import pytest

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.partner import PARTNER_VIEWS, PRIVATE_EVENTS
from samskab_contracts.partner.view import PSEUDONYM_PATTERN
from samskab_dev.catalogue import production_events
from samskab_dev.partner_asyncapi import asyncapi, example_message
from samskab_infra.envelope import Envelope
from samskab_infra.partner_stream import PartnerStream, partner_envelope
from samskab_infra.settings import Settings, SettingsError, load_settings
from samskab_infra.topology import partner_exchange
from tests.partner.contract import DOCUMENT, PartnerContract

pytestmark = pytest.mark.unit
EMAIL = re.compile(r"[^@\s\"]+@[^@\s\"]+\.[a-z]{2,}")
PUBLISHED = [cls for cls in production_events() if cls.type_name() in PARTNER_VIEWS]


def test_every_event_has_a_partner_view_or_is_kept_from_partners():
    names = {cls.type_name() for cls in production_events()}
    assert not set(PARTNER_VIEWS) & set(PRIVATE_EVENTS)
    assert set(PARTNER_VIEWS) | set(PRIVATE_EVENTS) == names
    assert {"ActorContactShared", "ConsentGiven", "ConsentWithdrawn", "ActorErased"} <= set(PRIVATE_EVENTS)


def test_the_document_in_docs_is_current():
    """Run `make catalogue` after changing an event or a partner view."""
    assert json.loads(DOCUMENT.read_text()) == asyncapi()


@pytest.mark.parametrize("cls", PUBLISHED, ids=lambda c: c.type_name())
def test_the_example_partner_message_validates_against_the_document(cls):
    contract = PartnerContract()
    message = example_message(cls)
    assert contract.errors(message) == []
    assert contract.document["components"]["messages"][cls.type_name()]["examples"][0]["payload"] == message


@pytest.mark.parametrize("cls", PUBLISHED, ids=lambda c: c.type_name())
def test_a_partner_view_carries_no_officer_no_email_and_no_internal_actor_id(cls):
    text = json.dumps(example_message(cls), ensure_ascii=False)
    assert '"by"' not in text and '"created_by"' not in text
    assert not EMAIL.search(text), EMAIL.search(text)
    internal_ids = re.findall(r"a1b2c3d4-000\d-4000-8000-00000000000\d|7d7f7a5e-0c1b-4f7e-b1d5-2d8c0b9f3a11",
                              json.dumps(cls.example))
    assert not any(actor_id in text for actor_id in internal_ids)


def test_a_field_outside_the_view_never_reaches_partners():
    cls = next(c for c in PUBLISHED if c.type_name() == "InitiativeCreated")
    data = {**cls.example, "challenge": "Fru Hansen på Vestergade 3 er bange."}
    envelope = Envelope.wrap(cls(**data), producer="initiatives", district="nordjylland")
    view = partner_envelope(envelope, b"k" * 32, PARTNER_VIEWS)
    assert "Hansen" not in json.dumps(view.to_dict(), ensure_ascii=False)
    assert PartnerContract().errors(view.to_dict()) == []


def test_pseudonyms_are_stable_per_actor_and_depend_on_the_key():
    cls = next(c for c in PUBLISHED if c.type_name() == "ActorJoined")
    envelope = Envelope.wrap(cls(**cls.example), producer="actors", district="nordjylland")
    first, again = (partner_envelope(envelope, b"a" * 32, PARTNER_VIEWS).data["actor_id"] for _ in range(2))
    other_key = partner_envelope(envelope, b"b" * 32, PARTNER_VIEWS).data["actor_id"]
    assert first == again != other_key
    assert re.fullmatch(PSEUDONYM_PATTERN, first) and cls.example["actor_id"] not in first


def test_a_citizens_municipality_and_department_are_blanked():
    cls = next(c for c in PUBLISHED if c.type_name() == "ActorRegistered")
    data = {**cls.example, "actor_kind": "citizen", "name": None, "department": "x", "municipality": "Vrå"}
    envelope = Envelope.wrap(cls(**data), producer="actors", district="nordjylland")
    view = partner_envelope(envelope, b"k" * 32, PARTNER_VIEWS)
    assert (view.data["name"], view.data["department"], view.data["municipality"]) == (None, None, None)


def test_private_events_have_no_partner_view():
    for name in PRIVATE_EVENTS:
        cls = next(c for c in production_events() if c.type_name() == name)
        envelope = Envelope.wrap(cls(**cls.example), producer=cls.producer, district="nordjylland")
        assert partner_envelope(envelope, b"k" * 32, PARTNER_VIEWS) is None


def test_the_document_declares_the_exchange_as_the_services_do():
    contract = PartnerContract()
    exchange = partner_exchange(contract.exchange["name"])
    assert contract.exchange == {"name": exchange.name, "type": exchange.type, "durable": exchange.durable,
                                 "autoDelete": exchange.auto_delete, "vhost": "/"}
    declared = contract.document["x-exchange-declaration"]
    assert declared["arguments"] == (exchange.arguments or {})
    assert contract.document["components"]["parameters"]["district"]["enum"] == list(DISTRICTS)


def test_a_null_where_the_contract_allows_it_validates_and_an_unknown_field_does_not():
    contract = PartnerContract()
    message = example_message(next(c for c in PUBLISHED if c.type_name() == "InitiativePhaseAdvanced"))
    assert contract.errors({**message, "causation_id": None}) == []
    assert contract.errors({**message, "data": {**message["data"], "by": "jsn@politi.dk"}})


def test_a_short_pseudonym_key_stops_the_start_and_the_development_key_is_warned_about(caplog):
    with pytest.raises(SettingsError):
        load_settings({"SAMSKAB_PSEUDONYM_KEY": "too-short"})
    assert not load_settings({"SAMSKAB_PSEUDONYM_KEY": "k" * 32}).uses_dev_pseudonym_key
    with caplog.at_level(logging.WARNING):
        PartnerStream.from_settings(Settings(), PARTNER_VIEWS)
    assert "SAMSKAB_PSEUDONYM_KEY" in caplog.text
