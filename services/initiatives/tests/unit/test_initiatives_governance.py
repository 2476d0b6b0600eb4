"""Governance and resources: the anchor person's deputy (with the anchor person's access
while appointed), the steering and core groups, the anchoring, funding lines, people's time
and actors' proposals; and what partners see of them (no names)."""
from __future__ import annotations

import pytest
from initiatives_samples import ANCHOR, BY, NOW, in_phase, spec, types, violates

from initiatives.handlers import commands as c
from initiatives.handlers import governance as h
from initiatives.handlers.authorisation import authorise_command
from samskab_contracts.access import may_on_initiative
from samskab_contracts.partner import PARTNER_VIEWS
from samskab_contracts.responses.initiatives import InitiativeChangeSchema
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import Context, Grant, Principal
from samskab_infra.errors import Forbidden, NotFound

pytestmark = pytest.mark.unit

DEPUTY = {"person_id": "mh@politi.dk", "name": "Mette Holm", "email": "mh@politi.dk"}
STEERING = [{"name": "Politiinspektør", "organisation": "Nordjyllands Politi", "role": "formand"},
            {"name": "Kommunaldirektør", "organisation": "Hjørring Kommune", "actor_id": "a-1"}]


@pytest.fixture
def developing():
    initiative = in_phase("co_creative_development")
    initiative.member_joined("a-1", "municipality", [], "e-1", now=NOW, name="Hjørring Kommune")
    initiative.pending_events.clear()
    return initiative


def test_a_deputy_is_appointed_replaced_and_relieved_never_the_anchor_person(developing):
    developing.assign_deputy_anchor_person(DEPUTY, "barsel", by=BY, now=NOW)
    assert developing.governance["deputy_anchor_person"]["person_id"] == "mh@politi.dk"
    with violates("roles.deputy.unchanged"):
        developing.assign_deputy_anchor_person(DEPUTY, None, by=BY, now=NOW)
    with violates("roles.deputy.is_anchor_person"):
        developing.assign_deputy_anchor_person(ANCHOR, None, by=BY, now=NOW)
    developing.assign_deputy_anchor_person(None, "tilbage", by=BY, now=NOW)
    assert developing.governance["deputy_anchor_person"] is None
    [appointed, relieved] = developing.pending_events
    assert appointed.data["deputy"] == DEPUTY and relieved.data["previous_deputy"] == DEPUTY
    view = PARTNER_VIEWS["DeputyAnchorPersonAssigned"]
    assert view.project(appointed.data, str.upper) == {
        "initiative_id": "i-1", "district": "nordjylland", "at": NOW, "appointed": True}


def test_the_deputy_has_the_anchor_persons_access_on_its_own_initiative_only():
    deputy = Principal("mh@politi.dk", (Grant("deputy_anchor_person", "i-1"),))
    for action in ("read", "lead", "work", "appoint_anchor_person", "see_contacts", "enrol_organisation"):
        assert may_on_initiative(deputy, action, "nordjylland", "i-1"), action
    assert not may_on_initiative(deputy, "read", "nordjylland", "i-2")


def test_steering_and_core_groups_are_set_whole_and_partners_see_their_size(developing):
    developing.set_governance_group("steering_group", STEERING, by=BY, now=NOW)
    members = developing.governance["steering_group"]
    assert [m["organisation"] for m in members] == ["Nordjyllands Politi", "Hjørring Kommune"]
    assert members[1]["actor_id"] == "a-1" and members[0]["actor_id"] is None
    with violates("governance.group.unchanged"):
        developing.set_governance_group("steering_group", STEERING, by=BY, now=NOW)
    with violates("governance.member.duplicate"):
        developing.set_governance_group("core_group", [STEERING[0], STEERING[0]], by=BY, now=NOW)
    with violates("governance.member.not_an_actor"):
        developing.set_governance_group("core_group", [{"name": "X", "actor_id": "a-404"}], by=BY, now=NOW)
    with violates("governance.group.unknown"):
        developing.set_governance_group("a_team", [], by=BY, now=NOW)
    event = developing.pending_events[-1]
    assert PARTNER_VIEWS["GovernanceGroupSet"].project(event.data, str.upper) == {
        "initiative_id": "i-1", "district": "nordjylland", "at": NOW, "group": "steering_group",
        "members_count": 2, "previous_members_count": 0}


def test_the_anchoring_is_free_text_and_can_be_cleared(developing):
    developing.describe_anchoring("  Lokalrådet i Hjørring Øst ", by=BY, now=NOW)
    assert developing.governance["anchoring"] == "Lokalrådet i Hjørring Øst"
    with violates("governance.anchoring.unchanged"):
        developing.describe_anchoring("Lokalrådet i Hjørring Øst", by=BY, now=NOW)
    developing.describe_anchoring(None, by=BY, now=NOW)
    assert developing.pending_events[-1].data["previous_anchoring"] == "Lokalrådet i Hjørring Øst"


def test_funding_lines_and_hours_are_kept_with_co_financing(developing):
    developing.record_funding("f-1", {"source": "EU-pulje", "amount_kr": 2_000_000}, by=BY, now=NOW)
    developing.record_funding("f-2", {"source": "Hjørring Kommune", "amount_kr": 500_000,
                                      "co_financing": True, "note": "medfinansiering"}, by=BY, now=NOW)
    developing.record_time_contribution("t-1", {"organisation": "Hjørring Kommune", "actor_id": "a-1",
                                                "hours": 120, "period_start": "2022-01-01",
                                                "period_end": "2022-03-31"}, by=BY, now=NOW)
    assert [(f["amount_kr"], f["co_financing"]) for f in developing.resources["funding"]] == [
        (2_000_000.0, False), (500_000.0, True)]
    assert developing.resources["time"][0]["hours"] == 120.0
    with violates("resources.period.reversed"):
        developing.record_time_contribution("t-2", {"organisation": "X", "hours": 1, "period_start": "2022-02-01",
                                                    "period_end": "2022-01-01"}, by=BY, now=NOW)
    with violates("resources.actor.not_taking_part"):
        developing.record_time_contribution("t-2", {"organisation": "X", "hours": 1, "actor_id": "a-404",
                                                    "period_start": "2022-01-01", "period_end": "2022-01-01"},
                                            by=BY, now=NOW)
    assert types(developing) == ["FundingRecorded", "FundingRecorded", "TimeContributed"]
    view = PARTNER_VIEWS["FundingRecorded"].project(developing.pending_events[1].data, str.upper)
    assert view["amount_kr"] == 500_000.0 and view["co_financing"] is True and "note" not in view


def test_a_proposal_is_an_actors_at_one_of_the_initiatives_activities(developing):
    entry = developing.record_proposal("pr-1", {"actor_id": "a-1", "title": "Lys på stien",
                                                "date": "2022-09-20", "platform_id": "p-1",
                                                "adopted": True}, by=BY, now=NOW)
    assert entry["adopted"] and developing.proposals == [entry]
    with violates("proposal.actor.not_taking_part"):
        developing.record_proposal("pr-2", {"actor_id": "a-404", "title": "x", "date": "2022-09-20"},
                                   by=BY, now=NOW)
    with violates("proposal.activity.not_found"):
        developing.record_proposal("pr-2", {"actor_id": "a-1", "title": "x", "date": "2022-09-20",
                                            "activity_id": "act-404"}, by=BY, now=NOW)
    with violates("proposal.date_in_future"):
        developing.record_proposal("pr-2", {"actor_id": "a-1", "title": "x", "date": "2024-01-01"},
                                   by=BY, now=NOW)
    view = PARTNER_VIEWS["ProposalRecorded"].project(developing.pending_events[-1].data, str.upper)
    assert view["actor_id"] == "A-1" and "title" not in view


def test_through_the_handlers_the_deputy_then_steers():
    store = InMemoryAggregateStore()
    system = Context(correlation_id="c", now=NOW, principal=Principal("op@politi.dk",
                                                                      (Grant("district_operator", "nordjylland"),)))
    initiative_id = c.create_initiative(store, spec(), system)["initiative_id"]
    worker = Context(correlation_id="c", now=NOW, principal=Principal(
        "wg@politi.dk", (Grant("working_group", initiative_id),)))
    payload = {"initiative_id": initiative_id, "deputy": DEPUTY, "reason": None}
    with pytest.raises(Forbidden):
        authorise_command(store, "assign_deputy_anchor_person", payload, worker)
    h.assign_deputy_anchor_person(store, payload, system)
    deputy = Context(correlation_id="c", now=NOW, principal=Principal(
        "mh@politi.dk", (Grant("deputy_anchor_person", initiative_id),)))
    funding = {"initiative_id": initiative_id, "source": "EU-pulje", "amount_kr": 2_000_000}
    authorise_command(store, "record_funding", funding, deputy)
    answer = h.record_funding(store, funding, deputy)
    assert answer["initiative"]["resources"]["funding"][0]["funding_id"] == answer["funding_id"]
    assert InitiativeChangeSchema().validate(answer) == {}
    with pytest.raises(NotFound):
        authorise_command(store, "record_funding", {**funding, "initiative_id": "i-404"}, deputy)
