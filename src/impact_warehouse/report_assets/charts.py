"""Charts as HTML and CSS: bars are boxes whose width (or height) is the value.

No script, font or image: the text of every label and value is real text, so it stays
legible at any width (a phone's 360 px as well as a desktop) and prints as it shows.
The figure around each chart carries its caption; the values are in the chart itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito colours (safe for colour-blind readers), darkened where text sits on them.
CURRENT = "#0b5c8e"
PREVIOUS = "#8db3d3"
SEGMENT_COLORS = {"student": "#0072b2", "apprentice": "#c85200", "free_user": "#00795a"}
REGION_COLORS = {
    "France": "#0b5c8e",
    "Africa": "#c85200",
    "Europe": "#00795a",
    "Rest of the world": "#a8467f",
    "Unknown": "#6b6b6b",
    "Suppressed": "#c4cdd5",
}
MUTED = "#7b8794"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _classes(*names: str) -> str:
    return " ".join(name for name in names if name)


def _pct(fraction: float) -> str:
    return f"{max(0.0, min(fraction, 1.0)) * 100:.2f}%"


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: `value` on the chart's scale (None: nothing to draw)."""

    label: str
    value: float | None
    text: str
    color: str = CURRENT
    interval: tuple[float, float] | None = None
    provisional: bool = False
    note: str = ""


def bars(items: Sequence[Bar], *, scale_max: float = 1.0, css_class: str = "") -> str:
    """Rows of label, bar and value; an interval is a thin line across the bar's end."""
    rows = []
    for bar in items:
        track = ""
        if bar.value is not None:
            width = max(bar.value / scale_max, 0.004) if bar.value > 0 else 0.0
            style = f"width:{_pct(width)};background:{bar.color}"
            fill_class = "fill provisional" if bar.provisional else "fill"
            track = f'<span class="{fill_class}" style="{style}"></span>'
            if bar.interval is not None:
                low, high = (value / scale_max for value in bar.interval)
                track += (
                    f'<span class="ci" style="left:{_pct(low)};width:{_pct(high - low)}"></span>'
                )
        value_class = "value" if bar.value is not None else "value muted"
        note = f'<span class="note">{_e(bar.note)}</span>' if bar.note else ""
        rows.append(
            '<div class="bar-row">'
            f'<span class="label">{_e(bar.label)}</span>'
            f'<span class="track">{track}</span>'
            f'<span class="{value_class}">{_e(bar.text)}</span>{note}</div>'
        )
    return f'<div class="{_classes("bars", css_class)}">{"".join(rows)}</div>'


@dataclass(frozen=True)
class Column:
    label: str
    value: float | None
    text: str
    color: str = CURRENT
    provisional: bool = False


def columns(items: Sequence[Column], *, css_class: str = "") -> str:
    """Vertical columns on one scale (the tallest value), the value above each column and
    the label below."""
    peak = max((item.value or 0 for item in items), default=0) or 1
    cells = []
    for item in items:
        height = _pct(max((item.value or 0) / peak, 0.01) if item.value else 0)
        fill_class = "fill provisional" if item.provisional else "fill"
        cells.append(
            '<div class="column"><span class="shaft">'
            f'<span class="{fill_class}" style="height:{height};background:{item.color}"></span>'
            f'<span class="value" style="bottom:{height}">{_e(item.text)}</span></span>'
            f'<span class="label">{_e(item.label)}</span></div>'
        )
    return f'<div class="{_classes("columns", css_class)}">{"".join(cells)}</div>'


def share_bar(label: str, parts: Sequence[tuple[str, float | None, str, str]]) -> str:
    """One 100% bar split into parts (name, share, value text, colour); the legend under it
    names every part with its value."""
    pieces = "".join(
        f'<span class="part" style="width:{_pct(share)};background:{color}" '
        f'title="{_e(name)}: {_e(text)}"></span>'
        for name, share, text, color in parts
        if share
    )
    legend = "".join(
        f'<li><span class="key" style="background:{color}"></span>{_e(name)} '
        f"<strong>{_e(text)}</strong></li>"
        for name, _, text, color in parts
    )
    return (
        f'<div class="share-bar"><p class="share-label">{_e(label)}</p>'
        f'<div class="stack">{pieces}</div><ul class="legend">{legend}</ul></div>'
    )
