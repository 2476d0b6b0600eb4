"""Open-data exports: documented columns in a stable order, UTF-8, Danish characters intact."""
from __future__ import annotations

import csv
import io
import json

import pytest
from reporting_samples import hjoerring_story, portfolio

from reporting.domain.projections import state
from reporting.domain.viewer import EVERYTHING, PUBLIC, Viewer
from reporting.rendering import exports
from samskab_infra.context import Principal

pytestmark = pytest.mark.unit

OPEN = EVERYTHING.as_open_data()
"""Open data of every initiative: what the national centre downloads."""
NORDJYLLAND = Viewer(Principal.of("op@politi.dk", "district_operator", district="nordjylland"))


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
    text = exports.export(name, "csv", models, viewer=OPEN)
    rows = parse(text)
    assert rows[0] == list(columns)
    assert len(rows) > 1 and all(len(r) == len(columns) for r in rows)
    assert text.endswith("\r\n")
    assert exports.export(name, "csv", list(reversed(models)), viewer=OPEN) == text  # stable order


def test_danish_characters_round_trip_through_utf8(models: list[dict]) -> None:
    raw = exports.export("initiatives", "csv", models, viewer=OPEN).encode("utf-8")
    rows = parse(raw.decode("utf-8"))
    titles = [r[1] for r in rows[1:]]
    assert "Hjørring – Fri for Indbrud" in titles
    districts = {r[3] for r in rows[1:]}
    assert "Nordjyllands Politi" in districts
    data = json.loads(exports.export("initiatives", "json", models, viewer=OPEN).encode("utf-8"))
    assert "Hjørring – Fri for Indbrud" in [row["title"] for row in data]
    assert "Hjørring – Fri for Indbrud" in exports.export("initiatives", "json", models, viewer=OPEN)  # not \\u
    assert list(data[0]) == list(exports.INITIATIVE_COLUMNS)


def test_small_citizen_counts_are_suppressed_in_open_data_for_everyone(models: list[dict]) -> None:
    open_rows = {r["initiative_id"]: r for r in exports.initiative_rows(models, viewer=OPEN)}
    own = {r["initiative_id"]: r for r in exports.initiative_rows(models, viewer=NORDJYLLAND)}
    assert open_rows["nj-0"]["actors_active"] is None
    assert open_rows["nj-0"]["suppressed_columns"] == ["actors_active"]
    assert own["nj-0"]["actors_active"] == 2 and own["nj-0"]["suppressed_columns"] == []
    own_open = {r["initiative_id"]: r for r in exports.initiative_rows(models, viewer=NORDJYLLAND.as_open_data())}
    assert own_open["nj-0"]["actors_active"] is None  # open data: suppressed whoever asks
    assert open_rows["nj-1"]["actors_active"] == 6
    hjoerring = next(r for r in open_rows.values() if r["title"] == "Hjørring – Fri for Indbrud")
    assert hjoerring["actors_active"] is None  # one citizen beside two named organisations
    line = [r for r in parse(exports.export("initiatives", "csv", models, viewer=OPEN)) if r[0] == "nj-0"][0]
    assert line[exports.INITIATIVE_COLUMNS.index("actors_active")] == ""
    assert line[-1] == "actors_active"


def test_an_export_holds_only_the_initiatives_the_viewer_may_read(models: list[dict]) -> None:
    assert {r["district"] for r in exports.initiative_rows(models, viewer=NORDJYLLAND)} == {"nordjylland"}
    assert {r["district"] for r in exports.goal_rows(models, viewer=NORDJYLLAND)} == {"nordjylland"}
    assert exports.initiative_rows(models, viewer=PUBLIC) == [] == exports.goal_rows(models, viewer=PUBLIC)


def test_goal_export_hides_small_raw_values_in_open_data(models: list[dict]) -> None:
    outside = [r for r in exports.goal_rows(models, viewer=OPEN) if r["initiative_id"] == "fyn-0"][0]
    assert outside["baseline_value"] is None and outside["latest_value"] is None
    assert outside["progress_pct"] == 100.0
    fyn = Viewer(Principal.of("op@politi.dk", "district_operator", district="fyn"))
    own = [r for r in exports.goal_rows(models, viewer=fyn) if r["initiative_id"] == "fyn-0"][0]
    assert own["baseline_value"] == 4.0 and own["suppressed_columns"] == []


def test_rollup_export_suppresses_only_counts_of_persons(models: list[dict]) -> None:
    rows = exports.rollup_rows(models, viewer=OPEN)
    phase = {(r["row"]): r for r in rows if r["table"] == "by_phase"}
    assert phase["start_up"]["value"] == 0 and phase["start_up"]["suppressed"] is False
    assert phase["mapping"]["value"] == 4 and phase["mapping"]["suppressed"] is False
    kinds = {(r["row"], r["column"]): r for r in rows if r["table"] == "actors_by_kind"}
    assert all(not r["suppressed"] for (row, _), r in kinds.items() if row not in ("citizen", "total"))
    assert kinds[("municipality", "active")]["value"] == 1


def test_unknown_export_is_refused(models: list[dict]) -> None:
    with pytest.raises(ValueError):
        exports.export("people", "csv", models, viewer=OPEN)
    with pytest.raises(ValueError):
        exports.export("initiatives", "xlsx", models, viewer=OPEN)


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)",
                                   "\tcmd", "\rcmd"])
def test_a_title_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(models: list[dict],
                                                                           title: str) -> None:
    hostile = {**models[0], "title": title}
    rows = parse(exports.export("initiatives", "csv", [hostile], viewer=OPEN))
    assert rows[1][1] == "'" + title


def test_numbers_and_plain_titles_are_not_quoted() -> None:
    row = {"scope": "national", "table": "t", "row": "total", "column": "", "value": -3,
           "suppressed": False}
    assert parse(exports.to_csv([row], exports.ROLLUP_COLUMNS))[1] == [
        "national", "t", "total", "", "-3", "false"]
