"""The webhook endpoint in the one aggregate style: a samskab_infra Aggregate whose
stored document is the one kept before (so stored endpoints read back unchanged) and
whose events go out in envelopes routed under the owning operator's district."""
import pytest

from notifications.domain.endpoint import EndpointFilter, WebhookEndpoint
from samskab_infra.aggregate import Aggregate, envelopes
from samskab_infra.context import Context

pytestmark = pytest.mark.unit

T0 = "2024-03-01T08:00:00.000000Z"
STORED = {
    "endpoint_id": "we_1", "owner": "ops@politi.dk", "url": "https://partner.example/hook",
    "event_types": ["ActorJoined", "ResultDocumented"], "initiative_id": None, "district": "fyn",
    "theme": None, "created_at": T0, "owner_district": "fyn", "description": "Kommunens CRM",
    "status": "enabled",
    "secrets": [{"secret": "whsec_old", "created_at": T0, "expires_at": "2024-03-02T08:00:00.000000Z"},
                {"secret": "whsec_new", "created_at": T0, "expires_at": None}],
    "failing_since": "2024-03-01T09:00:00.000000Z", "disabled_at": None, "disabled_reason": None,
}


def test_a_stored_endpoint_reads_back_to_the_same_document():
    endpoint = WebhookEndpoint.from_document(STORED)
    assert isinstance(endpoint, Aggregate) and endpoint.aggregate_id == "we_1"
    assert endpoint.to_document() == STORED
    assert endpoint.filter == EndpointFilter(("ActorJoined", "ResultDocumented"), None, "fyn", None)


def test_its_events_carry_the_commands_lineage_and_the_owners_district():
    endpoint = WebhookEndpoint.from_document(STORED)
    assert endpoint.disable(T0, "operator")
    (wrapped,) = envelopes(endpoint, Context(correlation_id="c-1", causation_id="e-0"))
    assert (wrapped.type, wrapped.district, wrapped.correlation_id, wrapped.causation_id) == (
        "WebhookEndpointDisabled", "fyn", "c-1", "e-0")
    assert wrapped.data["endpoint_id"] == "we_1" and wrapped.producer == "notifications"
