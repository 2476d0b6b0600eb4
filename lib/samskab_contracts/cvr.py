"""Danish CVR numbers (Det Centrale Virksomhedsregister): the modulus-11 check."""

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def is_valid_cvr(value: object) -> bool:
    """True for exactly eight digits whose weighted sum is divisible by 11.

    The last digit is the check digit (weight 1), so a single mistyped digit
    or a swap of two neighbouring digits is always caught.
    """
    if not isinstance(value, str) or len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    return sum(int(digit) * weight for digit, weight in zip(value, WEIGHTS, strict=True)) % 11 == 0
