"""The hourly sweep for overdue reality checks (realitetstjek), run as the timer's worker
against the real store: RealityCheckOverdue is raised once per platform and due date."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from initiatives_rig import ANCHOR, HJOERRING, through_gate, types
from nameko.testing.services import entrypoint_hook

pytestmark = pytest.mark.integration

TODAY = datetime.now(UTC).date()


def in_development(operator, interval_days: int) -> tuple[str, str]:
    """An initiative in co-creative development whose one platform has reality checks
    every ``interval_days``, the first due after one interval."""
    initiative_id = operator.execute("create_initiative", HJOERRING)["initiative_id"]
    ref = {"initiative_id": initiative_id}
    operator.execute("assign_anchor_person", {**ref, "anchor_person": ANCHOR})
    for phase in ("mapping", "analysis", "actor_involvement", "establishment"):
        operator.execute("advance_phase", {**ref, "to_phase": phase, "reason": "klar", **through_gate(phase)})
    platform_id = operator.execute("establish_platform", {
        **ref, "name": "Nabohjælp og tryghedsvandringer",
        "focus_area": "Flere husstande i Nabohjælp"})["platform_id"]
    operator.execute("advance_phase", {**ref, "to_phase": "co_creative_development", "reason": "klar"})
    operator.execute("schedule_reality_checks", {**ref, "platform_id": platform_id,
                                                 "interval_days": interval_days})
    return initiative_id, platform_id


def clock_at(monkeypatch, day: date) -> None:
    """Move the service's clock (the timer reads it once per sweep)."""
    monkeypatch.setattr("initiatives.service.utc_now_iso", lambda: f"{day.isoformat()}T06:00:00.000000Z")


def test_an_overdue_reality_check_is_flagged_once_per_due_date(container, operator, tap, store,
                                                               monkeypatch):
    weekly, platform_id = in_development(operator, interval_days=7)
    monthly, _ = in_development(operator, interval_days=30)
    tap.take(18)
    first_due = TODAY + timedelta(days=7)
    sweep_day = first_due + timedelta(days=10)
    clock_at(monkeypatch, sweep_day)

    with entrypoint_hook(container, "flag_overdue_reality_checks") as sweep:
        assert sweep() == {"flagged": {weekly: [platform_id]}}
        [overdue] = tap.take(1)
        assert overdue["type"] == "RealityCheckOverdue" and overdue["district"] == "nordjylland"
        assert overdue["data"] == {
            "initiative_id": weekly, "district": "nordjylland", "by": "system",
            "at": f"{sweep_day.isoformat()}T06:00:00.000000Z", "platform_id": platform_id,
            "platform_name": "Nabohjælp og tryghedsvandringer", "due_date": first_due.isoformat(),
            "days_overdue": 10, "interval_days": 7, "anchor_person": ANCHOR, "coordinator": None}
        version = store.get(weekly)["version"]

        assert sweep() == {"flagged": {}}
        assert tap.quiet() == []
        assert store.get(weekly)["version"] == version

        # A new date is agreed; when that is missed too, it is flagged once more.
        new_due = (first_due + timedelta(days=7)).isoformat()
        operator.execute("schedule_reality_checks", {
            "initiative_id": weekly, "platform_id": platform_id, "interval_days": 7,
            "first_due": new_due})
        assert types(tap.take(1)) == ["RealityCheckScheduled"]
        assert sweep() == {"flagged": {weekly: [platform_id]}}
        [again] = tap.take(1)
        assert (again["data"]["due_date"], again["data"]["days_overdue"]) == (new_due, 3)
        assert sweep() == {"flagged": {}}
    assert tap.quiet() == []
    assert store.get(monthly)["reality_checks_due_at"] == (TODAY + timedelta(days=30)).isoformat()
