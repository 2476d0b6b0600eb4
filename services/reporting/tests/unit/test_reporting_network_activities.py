"""General activities and ideas handed over in the read model and the roll-up: activities by
kind, the people who took part (persons: suppressed below the threshold for those who do not
see exact figures), the target groups reached and the ideas a network handed on."""
from __future__ import annotations

import pytest
from reporting_samples import created, envelope

from reporting.domain.projections import initiative
from reporting.domain.projections.summary import summarise
from reporting.domain.rollup import rollup
from reporting.domain.viewer import PUBLIC, Viewer
from reporting.domain.views import initiative_view
from samskab_contracts.responses.reporting import InitiativeReportSchema, RollupSchema
from samskab_infra.context import Principal

pytestmark = pytest.mark.unit

NATIONAL = Viewer(Principal.of("nfc@politi.dk", "national_centre"))


def aalborg(citizens: int = 12) -> dict:
    model = None
    for env in (created(),
                envelope("ActivityHeld"),
                envelope("ActivityRecorded", activity_id="act-1", citizens_count=citizens),
                envelope("ActivityRecorded", activity_id="act-2", kind="parent_meeting", actor_ids=[],
                         citizens_count=2, target_groups=["parents"], status="active"),
                envelope("IdeaHandedOver"),
                envelope("IdeaHandedOver", idea_id="idea-2", recipient_kind="citizen",
                         recipient_name="Karen Hansen", recipient_actor_id="a-karen")):
        model = initiative.apply(model, env)
    assert model is not None
    return model


def test_the_counts_of_activities_participants_target_groups_and_ideas():
    counts = aalborg()["counts"]
    assert counts["activities"] == 3 and counts["ideas_handed_over"] == 2
    assert counts["activity_participants"] == 13 + 14 + 2 and counts["activity_citizens"] == 14
    assert (counts["target_group_youth_16_25"], counts["target_group_parents"],
            counts["target_group_elderly"]) == (1, 1, 0)
    assert counts["network_activities"] == 1


def test_the_report_shows_the_kinds_and_ideas_without_naming_a_citizen():
    view = initiative_view(aalborg(), exact=True)
    assert [a["activity_type"] for a in view["activities"]] == ["safety_walk", "network_meeting", "parent_meeting"]
    assert view["activities"][2]["target_groups"] == ["parents"] and view["activities"][1]["network"] is True
    names = [i["recipient_name"] for i in view["ideas_handed_over"]]
    assert "Aalborg Kommune" in names and "Karen Hansen" not in names
    InitiativeReportSchema().load(view)


def test_small_counts_of_persons_are_suppressed_for_those_without_exact_figures():
    small = initiative_view(aalborg(citizens=0) | {"counts": {**aalborg()["counts"], "activity_participants": 3,
                                                              "activity_citizens": 2}}, exact=False)
    assert "activity_participants" not in small["counts"] and "activity_citizens" not in small["counts"]


def test_the_rollup_counts_activities_by_kind_participants_and_target_groups():
    models = [summarise(aalborg())]
    exact = rollup(models, viewer=NATIONAL)
    assert exact["activities"]["cells"]["network_meeting"]["value"] == 1
    assert exact["activities"]["cells"]["parent_meeting"]["value"] == 1
    assert exact["activity_participants"] == {"value": 29, "suppressed": False}
    assert exact["activity_target_groups"]["cells"]["parents"]["value"] == 1
    assert exact["ideas_handed_over"]["value"] == 2
    RollupSchema().load(exact)
    small = initiative.apply_many(None, [created(), envelope(
        "ActivityRecorded", actor_ids=[], citizens_count=3, target_groups=["elderly"])])
    few = rollup([summarise(small)], viewer=PUBLIC)
    assert few["activity_participants"] == {"value": None, "suppressed": True}


def test_an_outcome_recorded_later_wins_whatever_the_delivery_order():
    handed = envelope("IdeaHandedOver", outcome=None)
    later = envelope("IdeaOutcomeRecorded", at="2021-02-01T10:00:00Z")
    for order in ([created(), handed, later], [created(), later, handed]):
        model = initiative.apply_many(None, order)
        [idea] = initiative_view(model, exact=False)["ideas_handed_over"]
        assert idea["outcome"] == "Kommunen indsatte natbusser i 2020." and idea["recipient_name"] == "Aalborg Kommune"
