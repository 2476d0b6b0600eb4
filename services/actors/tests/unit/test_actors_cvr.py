"""The CVR modulus-11 check (weights 2,7,6,5,4,3,2,1)."""
from __future__ import annotations

import pytest

from samskab_contracts.cvr import WEIGHTS, is_valid_cvr

pytestmark = pytest.mark.unit

VALID = ["29189846", "10150817", "24256790", "25313763", "12345674", "30060946"]


def weighted_sum(number: str) -> int:
    return sum(int(d) * w for d, w in zip(number, WEIGHTS, strict=True))


def make_valid(first_seven: str) -> str | None:
    """Append the check digit that makes the weighted sum divisible by 11 (None if none fits)."""
    for check in "0123456789":
        if weighted_sum(first_seven + check) % 11 == 0:
            return first_seven + check
    return None


@pytest.mark.parametrize("number", VALID)
def test_known_good_numbers_pass_and_really_sum_to_a_multiple_of_eleven(number):
    assert weighted_sum(number) % 11 == 0
    assert is_valid_cvr(number)


def test_constructed_numbers_pass():
    built = [make_valid(prefix) for prefix in ("1234567", "3333333", "4711001", "8765432")]
    built = [b for b in built if b is not None]
    assert len(built) >= 3
    assert all(is_valid_cvr(b) for b in built)


@pytest.mark.parametrize("number", VALID)
def test_every_single_digit_typo_is_caught(number):
    for position in range(8):
        for digit in "0123456789":
            if digit != number[position]:
                typo = number[:position] + digit + number[position + 1:]
                assert not is_valid_cvr(typo), typo


def test_swapped_neighbours_are_caught():
    number = "29189846"
    for i in range(7):
        swapped = number[:i] + number[i + 1] + number[i] + number[i + 2:]
        if swapped != number:
            assert not is_valid_cvr(swapped), swapped


@pytest.mark.parametrize("value", ["2918984", "291898460", "2918 9846", "DK29189846", "2918984a",
                                   "", None, 29189846, "２９１８９８４６"])
def test_wrong_shapes_fail(value):
    assert not is_valid_cvr(value)
