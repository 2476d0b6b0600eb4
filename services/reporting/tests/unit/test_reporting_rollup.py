"""Roll-ups per district and nationally, suppressed for outside viewers."""
from __future__ import annotations

import pytest
from reporting_samples import BURGLARIES, envelope, portfolio

from reporting.domain.projections import state
from reporting.domain.rollup import initiatives_by_phase, rollup

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def models() -> list[dict]:
    return list(state.rebuild(portfolio())[state.INITIATIVES].values())


def test_national_rollup_suppresses_small_counts(models: list[dict]) -> None:
    data = rollup(models)
    assert data["suppressed_view"] is True
    assert data["initiatives"] == {"value": 9, "suppressed": False}
    phases = data["by_phase"]["cells"]
    assert phases["co_creative_development"] == {"value": None, "suppressed": True}  # 4
    assert phases["mapping"] == {"value": None, "suppressed": True}  # complement: 4
    assert phases["start_up"] == {"value": 0, "suppressed": False}
    grid = data["by_district_and_phase"]
    assert grid["row_totals"]["fyn"]["suppressed"] is True
    assert grid["row_totals"]["nordjylland"]["suppressed"] is True  # else fyn = 9 - 7
    assert grid["total"] == {"value": 9, "suppressed": False}


def test_district_sees_its_own_rollup_unsuppressed(models: list[dict]) -> None:
    own = rollup(models, scope="fyn", viewer_district="fyn")
    assert own["suppressed_view"] is False
    assert own["initiatives"] == {"value": 2, "suppressed": False}
    assert own["by_phase"]["cells"]["closing"] == {"value": 1, "suppressed": False}
    assert own["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": 3, "suppressed": False}
    other = rollup(models, scope="fyn", viewer_district="nordjylland")
    assert other["initiatives"] == {"value": None, "suppressed": True}
    assert "by_district_and_phase" not in own


def test_actors_by_kind_and_goals(models: list[dict]) -> None:
    data = rollup(models, scope="nordjylland", viewer_district="nordjylland")
    assert data["actors_by_kind"]["rows"]["citizen"]["active"]["value"] == 2 + 6 * 6
    assert data["goals"]["cells"] == {"reached": {"value": 0, "suppressed": False},
                                      "not_reached": {"value": 7, "suppressed": False}}
    national = rollup(models)
    assert national["actors_by_kind"]["rows"]["citizen"]["active"]["value"] == 2 + 36 + 3


def test_time_to_close_is_suppressed_when_few_closed(models: list[dict]) -> None:
    assert rollup(models)["time_to_close"]["median_days"] == {"value": None, "suppressed": False}
    closed = state.rebuild(portfolio() + [envelope(
        "InitiativeClosed", initiative_id="fyn-1", district="fyn", at="2020-01-01T08:00:00Z")])
    closed_models = list(closed[state.INITIATIVES].values())
    national = rollup(closed_models)
    assert national["time_to_close"]["median_days"] == {"value": None, "suppressed": True}
    own = rollup(closed_models, scope="fyn", viewer_district="fyn")
    assert own["time_to_close"]["closed"]["value"] == 1
    assert own["time_to_close"]["median_days"] == {"value": 730.0, "suppressed": False}


def test_shared_indicator_compares_each_initiative_with_its_baseline(models: list[dict]) -> None:
    groups = rollup(models)["shared_indicators"]
    assert [g["indicator"] for g in groups] == [BURGLARIES]
    group = groups[0]
    assert group["initiatives"]["value"] == 9
    rows = {r["initiative_id"]: r for r in group["rows"]}
    assert rows["nj-0"]["change_pct"] == pytest.approx(-28.6)
    assert rows["fyn-0"]["change_pct"] == -50.0
    assert rows["fyn-0"]["baseline_value"] == {"value": None, "suppressed": True}  # 4 < 5
    assert rows["nj-0"]["baseline_value"] == {"value": 420.0, "suppressed": False}
    own = rollup(models, scope="fyn", viewer_district="fyn")["shared_indicators"]
    assert own[0]["rows"][0]["baseline_value"] == {"value": 4.0, "suppressed": False}


def test_shared_indicator_with_few_initiatives_shows_no_rows_outside(models: list[dict]) -> None:
    fyn = rollup(models, scope="fyn")["shared_indicators"][0]
    assert fyn["initiatives"] == {"value": None, "suppressed": True} and fyn["rows"] == []


def test_phase_counts_for_metrics(models: list[dict]) -> None:
    counts = initiatives_by_phase(models)
    assert counts == {"start_up": 0, "mapping": 4, "analysis": 0, "actor_involvement": 0,
                      "establishment": 0, "co_creative_development": 4, "closing": 1}
    assert initiatives_by_phase([]) == dict.fromkeys(counts, 0)
