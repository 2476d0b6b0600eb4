"""Numbers and dates as a Danish or English reader expects them."""
from __future__ import annotations

from samskab_infra.clock import day_of


def number(value: object, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "–"
    text = f"{value:,.1f}" if isinstance(value, float) and value != int(value) else f"{int(value):,}"
    if lang == "da":
        text = text.replace(",", "\u00a0").replace(".", ",")
    else:
        text = text.replace(",", "\u00a0")
    return text


def count(c: dict | None, lang: str, threshold: int) -> str:
    """A suppression cell as text: the number, or "<5" when suppressed."""
    if not c:
        return "–"
    if c.get("suppressed"):
        return f"<{threshold}"
    return number(c.get("value"), lang)


def date(value: str | None) -> str:
    return day_of(value) or (value or "–")
