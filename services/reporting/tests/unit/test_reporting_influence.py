"""The influence-balance measure: Gini coefficient and the top-20 % share."""
from __future__ import annotations

import pytest

from reporting.domain.influence import gini, measure, top_share

pytestmark = pytest.mark.unit


def test_equal_shares_give_zero() -> None:
    assert gini([3, 3, 3, 3, 3]) == 0.0
    assert top_share([3, 3, 3, 3, 3]) == pytest.approx(0.2)


def test_one_actor_holding_everything() -> None:
    assert gini([0, 0, 0, 0, 10]) == pytest.approx(0.8)  # (n-1)/n
    assert top_share([0, 0, 0, 0, 10]) == 1.0


def test_known_values() -> None:
    assert gini([1, 2, 3, 4, 5]) == pytest.approx(4 / 15, abs=1e-6)
    assert gini([1, 1, 1, 1, 6]) == pytest.approx(0.4)
    assert top_share([1, 1, 1, 1, 6]) == pytest.approx(0.6)
    assert top_share(list(range(1, 11))) == pytest.approx((10 + 9) / 55, abs=1e-6)  # top 2 of 10


def test_empty_and_all_zero_are_balanced() -> None:
    assert gini([]) == 0.0 and gini([0, 0]) == 0.0
    assert top_share([]) == 0.0


def test_measure_by_actor_and_kind_with_threshold() -> None:
    participation = {f"a{i}": {"attendance": 0, "results": 0, "proposals": 0} for i in range(4)}
    participation["boss"] = {"attendance": 7, "results": 2, "proposals": 1}
    kinds = {"boss": "municipality", **{f"a{i}": "citizen" for i in range(4)}}
    result = measure(participation, kinds)
    assert result["actor_count"] == 5 and result["participation_total"] == 10
    assert result["gini"] == pytest.approx(0.8)
    assert result["imbalanced"] is True
    assert result["by_kind"]["municipality"] == {"participation": 10, "share": 1.0}
    assert measure(participation, kinds, threshold=0.9)["imbalanced"] is False
    fewer = {k: v for k, v in participation.items() if k != "a0"}
    assert measure(fewer, kinds)["imbalanced"] is False  # fewer than 5 actors
