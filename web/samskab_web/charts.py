"""Line charts drawn on the server as inline SVG (no script, no style attribute): the geometry
of a dated series against its baseline and target, for a goal's progress and a platform's
reality checks. The template (_chart.html) draws what this computes, and a table of the same
figures beside it is the chart's text alternative."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.numbers import format_decimal

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 96, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: str
    value: float


@dataclass(frozen=True)
class Level:
    """A horizontal line across the chart: the baseline or the target."""

    y: float
    value: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    points: list[Point]
    baseline: Level | None
    target: Level | None
    ticks: list[Level]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def number(value: float | None, lang: str) -> str:
    """A figure as people in ``lang`` read it (1.234,5 in Danish); "–" for none."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.##", locale=lang)


def plain_number(value: float | None, lang: str) -> str:
    """A figure to edit in a field: every decimal kept, no grouping (the form reads it back)."""
    return "" if value is None else format_decimal(value, format="0.######", locale=lang)


def line_chart(series: list[tuple[str, float]], baseline: float | None = None, target: float | None = None,
               scale: tuple[float, float] | None = None) -> Chart:
    """The chart of ``series`` (ISO date, value; drawn in date order) with the baseline and the
    target as lines; ``scale`` fixes the value axis (an assessment's 1-5), otherwise it spans
    every value, the baseline and the target with some room."""
    ordered = sorted(series, key=lambda entry: entry[0])
    low, high = scale or _span([v for _, v in ordered] + [v for v in (baseline, target) if v is not None])
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - TOP)

    days = [date.fromisoformat(day).toordinal() for day, _ in ordered]
    first, span = (days[0], days[-1] - days[0]) if days else (0, 0)

    def x_of(index: int) -> float:
        if span == 0:
            return LEFT + (right - LEFT) * (index + 1) / (len(days) + 1)
        return LEFT + (days[index] - first) / span * (right - LEFT)

    points = [Point(x_of(i), y_of(value), day, value) for i, (day, value) in enumerate(ordered)]
    ticks = [Level(y_of(low + (high - low) * step / 4), low + (high - low) * step / 4) for step in range(5)]
    return Chart(WIDTH, HEIGHT, LEFT, right, TOP, bottom, points,
                 Level(y_of(baseline), baseline) if baseline is not None else None,
                 Level(y_of(target), target) if target is not None else None, ticks)


def _span(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    room = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
    return low - room, high + room


def trend(values: list[float]) -> str | None:
    """Whether the last of ``values`` is above, below or level with the one before ("up",
    "down", "level"); None with fewer than two."""
    if len(values) < 2:
        return None
    return "up" if values[-1] > values[-2] else "down" if values[-1] < values[-2] else "level"
