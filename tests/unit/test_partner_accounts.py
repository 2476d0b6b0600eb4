"""A partner user's permissions: its own queues and the partner exchange, nothing else."""
from __future__ import annotations

import re

import pytest

from samskab_infra.partner_accounts import BrokerAdmin, PartnerAccountError, permissions
from samskab_infra.settings import load_settings

pytestmark = pytest.mark.unit


def test_a_partner_may_configure_write_and_read_only_its_own_queues_and_read_the_partner_exchange():
    granted = permissions("acme", "samskab.partner")
    own, other = "partner.acme.events", "partner.acmex.events"
    for kind in ("configure", "write", "read"):
        assert re.fullmatch(granted[kind], own)
        for refused in (other, "partner.acme", "notifications.events", "samskab.events", "samskab.unrouted"):
            assert not re.search(granted[kind], refused), (kind, refused)
    assert re.search(granted["read"], "samskab.partner")
    assert not re.search(granted["configure"], "samskab.partner")
    assert not re.search(granted["write"], "samskab.partner")


@pytest.mark.parametrize("name", ["", "a", "Acme", "acme.events", ".*", "acme|x", "a" * 42])
def test_a_partner_name_that_could_widen_the_patterns_is_refused_before_any_call(name):
    admin = BrokerAdmin("http://127.0.0.1:1", ("guest", "guest"), "/", "samskab.partner")
    with pytest.raises(PartnerAccountError):
        admin.add(name)


def test_the_admin_reads_vhost_api_and_credentials_from_the_amqp_uri():
    admin = BrokerAdmin.from_settings(load_settings({"AMQP_URI": "amqp://ops:s%40cret@broker.local:5672/dist%2Fone"}))
    assert (admin.api, admin.auth, admin.vhost) == ("http://broker.local:15672", ("ops", "s@cret"), "dist/one")
