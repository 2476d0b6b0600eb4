"""Inline SVG charts, no script and no external references.

Every chart is a self-contained ``<svg>`` element with a ``<title>`` for screen
readers. Values that are suppressed (None) are drawn as an empty, dashed bar
with a marker label instead of a number.
"""
from __future__ import annotations

from collections.abc import Sequence

from .escape import h

BAR_COLOUR = "#1f4e79"
GOOD_COLOUR = "#2e7d32"
MUTED = "#9e9e9e"
FONT = 'font-family="sans-serif" font-size="12"'


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(
    items: Sequence[tuple[str, int | float | None]],
    *,
    title: str,
    hidden_label: str = "<5",
    width: int = 640,
) -> str:
    """Horizontal bars, one per (label, value)."""
    row, label_w, pad = 24, 270, 48
    height = row * max(len(items), 1) + 10
    biggest = max((v for _, v in items if v is not None), default=0) or 1
    span = width - label_w - pad
    parts = [_open(width, height, title)]
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" {FONT}>{h(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{span // 4}" height="{row - 8}" '
                f'fill="none" stroke="{MUTED}" stroke-dasharray="4 3"/>'
            )
            shown, x_text = hidden_label, label_w + span // 4 + 6
        else:
            w = round(span * value / biggest) if value > 0 else 0
            parts.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" '
                f'fill="{BAR_COLOUR}"/>'
            )
            shown, x_text = _fmt(value), label_w + w + 6
        parts.append(f'<text x="{x_text}" y="{y + 15}" {FONT}>{h(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def progress_bars(
    items: Sequence[tuple[str, float | None]], *, title: str, width: int = 720
) -> str:
    """One bar per goal: 0-100 % of the way from baseline to target."""
    row, label_w = 26, 340
    height = row * max(len(items), 1) + 10
    span = width - label_w - 60
    parts = [_open(width, height, title)]
    for i, (label, pct) in enumerate(items):
        y = 5 + i * row
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" {FONT}>{h(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{span}" height="{row - 10}" fill="#eeeeee"/>'
        )
        if pct is None:
            parts.append(f'<text x="{label_w + span + 6}" y="{y + 16}" {FONT}>–</text>')
            continue
        clamped = max(0.0, min(100.0, pct))
        colour = GOOD_COLOUR if clamped >= 100 else BAR_COLOUR
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{round(span * clamped / 100)}" '
            f'height="{row - 10}" fill="{colour}"/>'
            f'<text x="{label_w + span + 6}" y="{y + 16}" {FONT}>{round(pct)} %</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    reference: float | None = None,
    width: int = 640,
    height: int = 220,
) -> str:
    """A trend line over (x label, value) points; ``reference`` draws a dashed line
    (e.g. the baseline). X positions are evenly spaced, in the given order."""
    left, right, top, bottom = 50, 20, 15, 30
    parts = [_open(width, height, title)]
    values = [v for _, v in points] + ([reference] if reference is not None else [])
    if not points:
        parts.append(f'<text x="{left}" y="{height // 2}" {FONT}>–</text></svg>')
        return "".join(parts)
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(v: float) -> float:
        return round(top + plot_h * (hi - v) / (hi - lo), 1)

    def x_of(i: int) -> float:
        return round(left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2), 1)

    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{MUTED}"/>'
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" {FONT}>{h(_fmt(hi))}</text>'
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" {FONT}>{h(_fmt(lo))}</text>'
    )
    if reference is not None:
        parts.append(
            f'<line x1="{left}" y1="{y_of(reference)}" x2="{left + plot_w}" '
            f'y2="{y_of(reference)}" stroke="{MUTED}" stroke-dasharray="5 4"/>'
        )
    coords = " ".join(f"{x_of(i)},{y_of(v)}" for i, (_, v) in enumerate(points))
    parts.append(f'<polyline points="{coords}" fill="none" stroke="{BAR_COLOUR}" stroke-width="2"/>')
    for i, (label, v) in enumerate(points):
        parts.append(
            f'<circle cx="{x_of(i)}" cy="{y_of(v)}" r="3" fill="{BAR_COLOUR}"/>'
            f'<text x="{x_of(i)}" y="{height - 10}" text-anchor="middle" {FONT}>{h(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str) -> str:
    # No xmlns: inline SVG inside HTML needs none, and it keeps every URL out of the page.
    return (
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{h(title)}</title>'
    )
