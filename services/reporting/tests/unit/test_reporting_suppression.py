"""Small-count suppression with complementary suppression of totals."""
from __future__ import annotations

import pytest

from reporting.domain.suppression import one_way, suppress_cells, two_way

pytestmark = pytest.mark.unit


def values(table: dict) -> dict:
    return {k: c["value"] for k, c in table["cells"].items()}


def test_nothing_is_suppressed_for_the_owner() -> None:
    table = one_way({"a": 1, "b": 9}, suppress=False)
    assert values(table) == {"a": 1, "b": 9}
    assert table["total"] == {"value": 10, "suppressed": False}


def test_small_count_and_a_complement_are_hidden_so_the_total_does_not_reveal_it() -> None:
    table = one_way({"a": 3, "b": 9, "c": 12, "d": 0}, suppress=True)
    assert table["cells"]["a"] == {"value": None, "suppressed": True}
    assert table["cells"]["b"] == {"value": None, "suppressed": True}  # smallest other non-zero
    assert table["cells"]["c"] == {"value": 12, "suppressed": False}
    assert table["cells"]["d"] == {"value": 0, "suppressed": False}  # zero singles out nobody
    assert table["total"] == {"value": 24, "suppressed": False}


def test_lone_small_cell_next_to_zeros_hides_the_total() -> None:
    table = one_way({"a": 7, "b": 0}, suppress=True)
    assert values(table) == {"a": 7, "b": 0}
    table = one_way({"a": 0, "b": 6, "c": 2}, suppress=True)
    assert table["cells"]["c"]["suppressed"] and table["cells"]["b"]["suppressed"]
    table = one_way({"a": 2}, suppress=True)
    assert table["cells"]["a"]["suppressed"] and table["total"]["suppressed"]


def test_no_group_is_left_with_exactly_one_hidden_cell_in_two_way_tables() -> None:
    counts = {"nordjylland": {"start_up": 2, "mapping": 8}, "fyn": {"start_up": 7, "mapping": 9},
              "bornholm": {"start_up": 0, "mapping": 6}}
    table = two_way(counts, suppress=True)
    hidden = {(r, c) for r, row in table["rows"].items() for c, v in row.items() if v["suppressed"]}
    assert ("nordjylland", "start_up") in hidden
    for r, row in table["rows"].items():
        line = [row[c]["suppressed"] for c in row] + [table["row_totals"][r]["suppressed"]]
        assert sum(line) != 1, r
    for c in table["column_totals"]:
        line = [table["rows"][r][c]["suppressed"] for r in table["rows"]]
        line.append(table["column_totals"][c]["suppressed"])
        assert sum(line) != 1, c


def test_shown_cells_keep_their_true_values() -> None:
    table = two_way({"x": {"a": 10, "b": 20}}, suppress=True)
    assert table["rows"]["x"]["a"]["value"] == 10 and table["total"]["value"] == 30


def test_custom_threshold() -> None:
    assert suppress_cells({"a": 9, "t": 9}, [("t", ["a"])], threshold=10) == {"a", "t"}


def test_only_counts_of_persons_and_the_totals_that_include_them_are_hidden() -> None:
    table = one_way({"business": 3, "citizen": 2, "municipality": 1}, suppress=True, sensitive=("citizen",))
    assert table["cells"]["business"] == {"value": 3, "suppressed": False}
    assert table["cells"]["municipality"] == {"value": 1, "suppressed": False}
    assert table["cells"]["citizen"] == {"value": None, "suppressed": True}
    assert table["total"]["suppressed"]  # else the citizens are the total less the organisations

    kinds = {"business": {"active": 2, "left": 1}, "citizen": {"active": 3, "left": 9},
             "association": {"active": 4, "left": 0}}
    grid = two_way(kinds, suppress=True, sensitive_rows=("citizen",))
    for kind in ("business", "association"):
        assert not any(c["suppressed"] for c in grid["rows"][kind].values())
        assert not grid["row_totals"][kind]["suppressed"]
    assert grid["rows"]["citizen"]["active"]["suppressed"]
    row = [grid["rows"]["citizen"][c]["suppressed"] for c in ("active", "left")]
    assert sum(row) + grid["row_totals"]["citizen"]["suppressed"] != 1
    column = [grid["rows"][k]["active"]["suppressed"] for k in kinds] + [grid["column_totals"]["active"]["suppressed"]]
    assert sum(column) != 1


def test_a_table_without_persons_is_never_suppressed() -> None:
    table = two_way({"business": {"active": 1, "left": 2}}, suppress=True, sensitive_rows=("citizen",))
    assert not any(c["suppressed"] for c in table["rows"]["business"].values())
    assert not table["total"]["suppressed"]
