"""Open-data exports: documented columns in a stable order, UTF-8, Danish characters intact."""
from __future__ import annotations

import csv
import io
import json

import pytest
from reporting_samples import hjoerring_story, portfolio

from reporting import exports
from reporting.domain.projections import state

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def models() -> list[dict]:
    return list(state.rebuild(hjoerring_story() + portfolio())[state.INITIATIVES].values())


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_column_order_is_the_documented_one() -> None:
    assert exports.INITIATIVE_COLUMNS[:8] == ("initiative_id", "title", "district", "district_name",
                                              "municipalities", "themes", "phase", "phase_number")
    assert exports.INITIATIVE_COLUMNS[-1] == "suppressed_columns"
    assert exports.ROLLUP_COLUMNS == ("scope", "table", "row", "column", "value", "suppressed")
    assert len(set(exports.GOAL_COLUMNS)) == len(exports.GOAL_COLUMNS)


@pytest.mark.parametrize("name,columns", [("initiatives", exports.INITIATIVE_COLUMNS),
                                          ("goals", exports.GOAL_COLUMNS),
                                          ("rollup", exports.ROLLUP_COLUMNS)])
def test_csv_header_and_rows_follow_the_columns(models: list[dict], name: str,
                                                columns: tuple) -> None:
    text = exports.export(name, "csv", models)
    rows = parse(text)
    assert rows[0] == list(columns)
    assert len(rows) > 1 and all(len(r) == len(columns) for r in rows)
    assert text.endswith("\r\n")
    assert exports.export(name, "csv", list(reversed(models))) == text  # stable order


def test_danish_characters_round_trip_through_utf8(models: list[dict]) -> None:
    raw = exports.export("initiatives", "csv", models).encode("utf-8")
    rows = parse(raw.decode("utf-8"))
    titles = [r[1] for r in rows[1:]]
    assert "Hjørring – Fri for Indbrud" in titles
    districts = {r[3] for r in rows[1:]}
    assert "Nordjyllands Politi" in districts
    data = json.loads(exports.export("initiatives", "json", models).encode("utf-8"))
    assert "Hjørring – Fri for Indbrud" in [row["title"] for row in data]
    assert "Hjørring – Fri for Indbrud" in exports.export("initiatives", "json", models)  # not \\u
    assert list(data[0]) == list(exports.INITIATIVE_COLUMNS)


def test_small_actor_counts_are_suppressed_outside_the_district(models: list[dict]) -> None:
    outside = {r["initiative_id"]: r for r in exports.initiative_rows(models)}
    own = {r["initiative_id"]: r for r in exports.initiative_rows(models,
                                                                  viewer_district="nordjylland")}
    assert outside["nj-0"]["actors_active"] is None
    assert outside["nj-0"]["suppressed_columns"] == ["actors_active"]
    assert own["nj-0"]["actors_active"] == 2 and own["nj-0"]["suppressed_columns"] == []
    assert outside["nj-1"]["actors_active"] == 6
    line = [r for r in parse(exports.export("initiatives", "csv", models)) if r[0] == "nj-0"][0]
    assert line[exports.INITIATIVE_COLUMNS.index("actors_active")] == ""
    assert line[-1] == "actors_active"


def test_goal_export_hides_small_raw_values_outside(models: list[dict]) -> None:
    outside = [r for r in exports.goal_rows(models) if r["initiative_id"] == "fyn-0"][0]
    assert outside["baseline_value"] is None and outside["latest_value"] is None
    assert outside["progress_pct"] == 100.0
    own = [r for r in exports.goal_rows(models, viewer_district="fyn")
           if r["initiative_id"] == "fyn-0"][0]
    assert own["baseline_value"] == 4.0 and own["suppressed_columns"] == []


def test_rollup_export_carries_suppression_markers(models: list[dict]) -> None:
    rows = exports.rollup_rows(models)
    phase = {(r["row"]): r for r in rows if r["table"] == "by_phase"}
    assert phase["start_up"]["value"] == 0 and phase["start_up"]["suppressed"] is False
    assert phase["mapping"]["value"] is None and phase["mapping"]["suppressed"] is True


def test_unknown_export_is_refused(models: list[dict]) -> None:
    with pytest.raises(ValueError):
        exports.export("people", "csv", models)
    with pytest.raises(ValueError):
        exports.export("initiatives", "xlsx", models)
