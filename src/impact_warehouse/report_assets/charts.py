"""Inline SVG charts built in Python: no script, no font or image to fetch.

Every chart is an `<svg role="img">` labelled by its `<title>` and `<desc>`;
the page puts a data table beside each one as its text alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"
PUBLISHED_MARK = "#111111"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _open_svg(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_attr(chart_id)}" class="chart" '
        f'role="img" aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{_attr(FONT)}" font-size="13">',
        f'<title id="{_attr(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, text: str, **attrs: object) -> str:
    extra = " ".join(f'{key.replace("_", "-")}="{_attr(value)}"' for key, value in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" {extra}>{escape(text)}</text>'


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: a computed value, optionally with its published value as a mark."""

    label: str
    value: float | None
    text: str
    color: str
    published: float | None = None
    provisional: bool = False
    suppressed: bool = False


def horizontal_bars(
    chart_id: str,
    title: str,
    desc: str,
    groups: Sequence[tuple[str, Sequence[Bar]]],
    *,
    scale_max: float = 1.0,
    width: int = 920,
    legend: Sequence[tuple[str, str]] = (),
    axis_format: Callable[[float], str] = lambda value: f"{value * 100:.0f}%",
) -> str:
    """Groups of horizontal bars on one scale, with a black tick at each published value."""
    label_w, value_w, bar_h, gap, group_gap = 90, 330, 18, 6, 14
    plot_w = width - label_w - value_w
    top = 34
    n_bars = sum(len(bars) for _, bars in groups)
    height = top + n_bars * (bar_h + gap) + len(groups) * (group_gap + 10) + 30
    out = _open_svg(chart_id, width, height, title, desc)
    out += _legend(legend, label_w, 16, published_mark=True)
    for fraction in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + plot_w * fraction
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 22}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            _text(
                x, height - 6, axis_format(scale_max * fraction), fill=MUTED, text_anchor="middle"
            )
        )
    y = top
    for group_label, bars in groups:
        y += group_gap
        out.append(_text(8, y, group_label, fill=INK, font_weight="600"))
        y += 6
        for bar in bars:
            out.append(_text(label_w - 8, y + bar_h - 4, bar.label, fill=MUTED, text_anchor="end"))
            if bar.suppressed or bar.value is None:
                out.append(
                    _text(
                        width - value_w + 8,
                        y + bar_h - 4,
                        bar.text,
                        fill=MUTED,
                        font_style="italic",
                    )
                )
            else:
                bar_w = max(1.0, plot_w * min(bar.value / scale_max, 1.0))
                dash = ' stroke-dasharray="4 2" fill-opacity="0.45"' if bar.provisional else ""
                out.append(
                    f'<rect x="{label_w}" y="{y}" width="{bar_w:.1f}" height="{bar_h}" '
                    f'fill="{bar.color}" stroke="{bar.color}"{dash}/>'
                )
                out.append(_text(width - value_w + 8, y + bar_h - 4, bar.text, fill=INK))
            if bar.published is not None:
                px = label_w + plot_w * min(bar.published / scale_max, 1.0)
                out.append(
                    f'<line x1="{px:.1f}" y1="{y - 3}" x2="{px:.1f}" y2="{y + bar_h + 3}" '
                    f'stroke="{PUBLISHED_MARK}" stroke-width="3"/>'
                )
            y += bar_h + gap
        y += 4
    out.append("</svg>")
    return "\n".join(out)


def _legend(
    items: Sequence[tuple[str, str]],
    x: float,
    y: float,
    *,
    published_mark: bool = False,
    provisional: bool = True,
) -> list[str]:
    out: list[str] = []
    for name, color in items:
        out.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" fill="{color}"/>')
        out.append(_text(x + 16, y, name, fill=INK))
        x += 30 + 7.5 * len(name)
    if published_mark:
        out.append(
            f'<line x1="{x + 6:.1f}" y1="{y - 12}" x2="{x + 6:.1f}" y2="{y + 3}" '
            f'stroke="{PUBLISHED_MARK}" stroke-width="3"/>'
        )
        out.append(_text(x + 14, y, "published value", fill=INK))
        x += 130
    if not provisional:
        return out
    out.append(
        f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" fill="{MUTED}" '
        f'fill-opacity="0.45" stroke="{MUTED}" stroke-dasharray="4 2"/>'
    )
    out.append(_text(x + 16, y, "provisional", fill=INK))
    return out


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    values: Sequence[float | None]


def stacked_columns(
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    totals_text: Sequence[str],
    published: Sequence[float | None] = (),
    width: int = 920,
    height: int = 340,
) -> str:
    """Vertical stacked columns (one per category), total on top, published totals as ticks."""
    left, right, top, bottom = 70, 20, 44, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    candidates = [*totals, *(p for p in published if p is not None)]
    peak = max(candidates) if candidates and max(candidates) > 0 else 1.0
    scale_max = _nice_ceiling(peak * 1.08)
    out = _open_svg(chart_id, width, height, title, desc)
    out += _legend(
        [(s.name, s.color) for s in series],
        left,
        18,
        published_mark=bool(published),
        provisional=False,
    )
    for step in range(5):
        tick = scale_max * step / 4
        y = top + plot_h - plot_h * step / 4
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(left - 6, y + 4, f"{tick:,.0f}", fill=MUTED, text_anchor="end"))
    slot = plot_w / max(len(categories), 1)
    col_w = min(90.0, slot * 0.55)
    for index, category in enumerate(categories):
        x = left + slot * index + (slot - col_w) / 2
        base = top + plot_h
        for s in series:
            value = s.values[index] or 0
            h = plot_h * value / scale_max
            if h > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{col_w:.1f}" '
                    f'height="{h:.1f}" fill="{s.color}"/>'
                )
            base -= h
        out.append(
            _text(
                x + col_w / 2,
                base - 6,
                totals_text[index],
                fill=INK,
                text_anchor="middle",
                font_weight="600",
            )
        )
        out.append(
            _text(x + col_w / 2, top + plot_h + 20, category, fill=INK, text_anchor="middle")
        )
        if index < len(published) and published[index] is not None:
            py = top + plot_h - plot_h * (published[index] or 0) / scale_max
            out.append(
                f'<line x1="{x - 8:.1f}" y1="{py:.1f}" x2="{x + col_w + 8:.1f}" y2="{py:.1f}" '
                f'stroke="{PUBLISHED_MARK}" stroke-width="3"/>'
            )
    out.append("</svg>")
    return "\n".join(out)


def _text_on(color: str) -> str:
    """White on dark fills, ink on light ones (WCAG relative luminance)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return INK if luminance > 0.35 else "#ffffff"


def _nice_ceiling(value: float) -> float:
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def stacked_share_bars(
    chart_id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[tuple[str, float | None, str]]]],
    *,
    width: int = 920,
) -> str:
    """One 100% bar per row (e.g. per year), split into named parts (name, share, colour)."""
    left, right, top, bar_h, gap = 70, 20, 44, 34, 18
    plot_w = width - left - right
    height = top + len(rows) * (bar_h + gap) + 6
    names: dict[str, str] = {}
    for _, parts in rows:
        for name, _share, color in parts:
            names.setdefault(name, color)
    out = _open_svg(chart_id, width, height, title, desc)
    x = float(left)
    for name, color in names.items():
        out.append(f'<rect x="{x:.1f}" y="8" width="12" height="12" fill="{color}"/>')
        out.append(_text(x + 16, 18, name, fill=INK))
        x += 30 + 7.5 * len(name)
    y = top
    for label, parts in rows:
        out.append(_text(left - 8, y + bar_h / 2 + 5, label, fill=INK, text_anchor="end"))
        x = float(left)
        for name, share, color in parts:
            if not share:
                continue
            w = plot_w * share
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}" '
                f'stroke="#ffffff" stroke-width="1"><title>{escape(name)}: '
                f"{share * 100:.1f}%</title></rect>"
            )
            if w > 42:
                out.append(
                    _text(
                        x + w / 2,
                        y + bar_h / 2 + 5,
                        f"{share * 100:.0f}%",
                        fill=_text_on(color),
                        text_anchor="middle",
                        font_weight="600",
                    )
                )
            x += w
        y += bar_h + gap
    out.append("</svg>")
    return "\n".join(out)
