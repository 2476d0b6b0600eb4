"""Roll-ups per district and nationally: counts of initiatives for everyone, counts of
persons exact only for those who see the scope's figures exactly."""
from __future__ import annotations

import pytest
from reporting_samples import BURGLARIES, envelope, portfolio

from reporting.domain.projections import state
from reporting.domain.rollup import initiatives_by_phase, rollup
from reporting.domain.viewer import PUBLIC, Viewer
from samskab_infra.context import Principal

pytestmark = pytest.mark.unit

NATIONAL = Viewer(Principal.of("nfc@politi.dk", "national_centre"))
FYN = Viewer(Principal.of("op@fyn.politi.dk", "district_operator", district="fyn"))
NORDJYLLAND = Viewer(Principal.of("op@politi.dk", "district_operator", district="nordjylland"))


@pytest.fixture(scope="module")
def models() -> list[dict]:
    return list(state.rebuild(portfolio())[state.INITIATIVES].values())


def test_counts_of_initiatives_are_never_suppressed(models: list[dict]) -> None:
    for viewer in (PUBLIC, FYN, NATIONAL):
        data = rollup(models, viewer=viewer)
        assert data["initiatives"] == {"value": 9, "suppressed": False}
        phases = data["by_phase"]["cells"]
        assert phases["co_creative_development"] == {"value": 4, "suppressed": False}
        assert phases["mapping"] == {"value": 4, "suppressed": False}
        grid = data["by_district_and_phase"]
        assert grid["row_totals"]["fyn"] == {"value": 2, "suppressed": False}
        assert grid["row_totals"]["nordjylland"] == {"value": 7, "suppressed": False}
        assert data["by_theme"]["total"]["suppressed"] is False
    assert rollup(models, viewer=NATIONAL)["suppressed_view"] is False
    assert rollup(models, viewer=FYN)["suppressed_view"] is True  # the country is not its own


def test_district_sees_its_own_persons_exactly_and_others_suppressed(models: list[dict]) -> None:
    own = rollup(models, scope="fyn", viewer=FYN)
    assert own["suppressed_view"] is False
    assert own["initiatives"] == {"value": 2, "suppressed": False}
    assert own["by_phase"]["cells"]["closing"] == {"value": 1, "suppressed": False}
    assert own["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": 3, "suppressed": False}
    other = rollup(models, scope="fyn", viewer=NORDJYLLAND)
    assert other["initiatives"] == {"value": 2, "suppressed": False}
    assert other["actors_by_kind"]["rows"]["citizen"]["active"] == {"value": None, "suppressed": True}
    assert other["actors_by_kind"]["column_totals"]["active"]["suppressed"] is True  # else 3 = total - rest
    assert rollup(models, scope="fyn", viewer=NATIONAL)["actors_by_kind"]["rows"]["citizen"]["active"][
        "value"] == 3
    assert "by_district_and_phase" not in own


def test_actors_by_kind_and_goals(models: list[dict]) -> None:
    data = rollup(models, scope="nordjylland", viewer=NORDJYLLAND)
    assert data["actors_by_kind"]["rows"]["citizen"]["active"]["value"] == 2 + 6 * 6
    assert data["goals"]["cells"] == {"reached": {"value": 0, "suppressed": False},
                                      "not_reached": {"value": 7, "suppressed": False}}
    national = rollup(models, viewer=NATIONAL)
    assert national["actors_by_kind"]["rows"]["citizen"]["active"]["value"] == 2 + 36 + 3


def test_time_to_close_is_about_initiatives_and_never_suppressed(models: list[dict]) -> None:
    assert rollup(models)["time_to_close"]["median_days"] == {"value": None, "suppressed": False}
    closed = state.rebuild(portfolio() + [envelope(
        "InitiativeClosed", initiative_id="fyn-1", district="fyn", at="2020-01-01T08:00:00Z")])
    closed_models = list(closed[state.INITIATIVES].values())
    national = rollup(closed_models)
    assert national["time_to_close"]["median_days"] == {"value": 730.0, "suppressed": False}
    own = rollup(closed_models, scope="fyn", viewer=FYN)
    assert own["time_to_close"]["closed"]["value"] == 1
    assert own["time_to_close"]["median_days"] == {"value": 730.0, "suppressed": False}


def test_shared_indicator_compares_each_initiative_with_its_baseline(models: list[dict]) -> None:
    groups = rollup(models, viewer=NORDJYLLAND)["shared_indicators"]
    assert [g["indicator"] for g in groups] == [BURGLARIES]
    group = groups[0]
    assert group["initiatives"]["value"] == 9
    rows = {r["initiative_id"]: r for r in group["rows"]}
    assert rows["nj-0"]["change_pct"] == pytest.approx(-28.6)
    assert "fyn-0" not in rows  # Nordjylland's operator may not read Fyn's initiatives
    assert rows["nj-0"]["baseline_value"] == {"value": 420.0, "suppressed": False}
    everything = {r["initiative_id"]: r for r in rollup(models, viewer=NATIONAL)["shared_indicators"][0]["rows"]}
    assert everything["fyn-0"]["change_pct"] == -50.0
    assert everything["fyn-0"]["baseline_value"] == {"value": 4.0, "suppressed": False}
    own = rollup(models, scope="fyn", viewer=FYN)["shared_indicators"]
    assert own[0]["rows"][0]["baseline_value"] == {"value": 4.0, "suppressed": False}
    participant = Viewer(Principal.of("b@example.dk", "participant", initiatives=("fyn-0",)))
    [row] = rollup(models, scope="fyn", viewer=participant)["shared_indicators"][0]["rows"]
    assert row["baseline_value"] == {"value": None, "suppressed": True}  # 4 < 5, not exact for it


def test_a_shared_indicator_shows_no_rows_to_whoever_may_read_none_of_them(models: list[dict]) -> None:
    fyn = rollup(models, scope="fyn")["shared_indicators"][0]
    assert fyn["initiatives"] == {"value": 2, "suppressed": False} and fyn["rows"] == []


def test_phase_counts_for_metrics(models: list[dict]) -> None:
    counts = initiatives_by_phase(models)
    assert counts == {"start_up": 0, "mapping": 4, "analysis": 0, "actor_involvement": 0,
                      "establishment": 0, "co_creative_development": 4, "closing": 1}
    assert initiatives_by_phase([]) == dict.fromkeys(counts, 0)
