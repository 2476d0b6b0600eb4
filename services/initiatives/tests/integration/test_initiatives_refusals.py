"""Refused commands over RPC: a stale expected version, a broken rule of the method, an
unknown id or a malformed payload each arrive as one clear error, and nothing is stored
or published."""
from __future__ import annotations

import pytest
from initiatives_rig import ANCHOR, HJOERRING

from samskab_infra.errors import Conflict, DomainRuleViolation, NotFound, ValidationFailed

pytestmark = pytest.mark.integration

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def initiative_id(operator, tap) -> str:
    created = operator.execute("create_initiative", HJOERRING)["initiative_id"]
    tap.take(1)
    return created


def refused(operator, store, tap, target: str, error: type, code: str, command: str,
            **payload) -> Exception:
    """Run a command on ``target`` that must fail with ``error``/``code`` and leave no trace."""
    payload = {"initiative_id": target, **payload}
    before = store.get(target)
    with pytest.raises(error) as info:
        operator.execute(command, payload)
    assert info.value.code == code, info.value
    assert store.get(target) == before
    assert tap.quiet(0.3) == []
    return info.value


def test_a_stale_expected_version_is_a_conflict(operator, store, tap, initiative_id):
    result = operator.execute("assign_anchor_person", {"initiative_id": initiative_id,
                                                       "anchor_person": ANCHOR, "expected_version": 1})
    assert result["initiative"]["version"] == 2
    tap.take(1)
    conflict = refused(operator, store, tap, initiative_id, Conflict, "version.conflict",
                       "advance_phase", to_phase="mapping",
                       reason="klar", expected_version=1)
    # nameko's error serialisation turns the numbers in details into strings
    assert conflict.details == {"expected_version": 1, "version": 2}
    moved = operator.execute("advance_phase", {"initiative_id": initiative_id, "to_phase": "mapping",
                                               "reason": "klar", "expected_version": 2})
    assert moved["initiative"]["phase"] == "mapping" and moved["events"] == ["InitiativePhaseAdvanced"]


@pytest.mark.parametrize(("code", "command", "payload"), [
    ("phase.gate.anchor_person_required", "advance_phase", {"to_phase": "mapping", "reason": "klar"}),
    ("phase.transition.skip", "advance_phase", {"to_phase": "analysis", "reason": "hurtigt"}),
    ("phase.gate.establishment_required", "establish_platform",
     {"name": "PR-platform", "focus_area": "Dialog med borgere og presse"}),
    ("initiative.close.closing_phase_required", "close_initiative", {}),
    ("network.initiative_not_closed", "become_network", {"network_name": "Det Gode Naboskab"}),
])
def test_a_broken_rule_names_itself(operator, store, tap, initiative_id, code, command, payload):
    refused(operator, store, tap, initiative_id, DomainRuleViolation, code, command, **payload)


def test_unknown_ids_and_operations_are_not_found(operator, store, tap, initiative_id):
    with pytest.raises(NotFound) as info:
        operator.execute("advance_phase", {"initiative_id": UNKNOWN, "to_phase": "mapping",
                                           "reason": "klar"})
    assert info.value.code == "initiative.not_found"
    with pytest.raises(NotFound) as info:
        operator.query("get_initiative", {"initiative_id": UNKNOWN})
    assert info.value.code == "initiative.not_found"
    assert store.get(UNKNOWN) is None
    refused(operator, store, tap, initiative_id, NotFound, "goal.not_found", "record_measurement",
            goal_id=UNKNOWN, date="2022-12-31", value=70)
    refused(operator, store, tap, initiative_id, NotFound, "operation.unknown", "delete_initiative")
    with pytest.raises(NotFound) as info:
        operator.execute("delete_initiative", {})
    assert info.value.code == "operation.unknown"


def test_a_malformed_payload_names_its_fields(operator, store, tap, initiative_id):
    invalid = refused(operator, store, tap, initiative_id, ValidationFailed, "validation_failed",
                      "advance_phase", to_phase="phase 9",
                      phase="closing")
    assert set(invalid.details) == {"to_phase", "phase", "reason"}
    with pytest.raises(ValidationFailed) as info:
        operator.execute("create_initiative", {**HJOERRING, "district": "jylland", "status": "closed"})
    assert set(info.value.details) == {"district", "status"}
    with pytest.raises(ValidationFailed):
        operator.query("get_initiative", {})
    with pytest.raises(ValidationFailed):
        operator.execute("advance_phase", ["not", "an", "object"])
    assert tap.quiet(0.3) == []


def test_a_paused_initiative_refuses_to_move_on_and_a_revision_must_change_something(
        operator, store, tap, initiative_id):
    operator.execute("assign_anchor_person", {"initiative_id": initiative_id, "anchor_person": ANCHOR})
    operator.execute("pause_initiative", {"initiative_id": initiative_id, "reason": "COVID-19"})
    tap.take(2)
    refused(operator, store, tap, initiative_id, DomainRuleViolation, "initiative.paused", "advance_phase",
            to_phase="mapping", reason="klar")
    refused(operator, store, tap, initiative_id, DomainRuleViolation, "initiative.revision.no_change",
            "revise_initiative", title=HJOERRING["title"], reason="samme")
