"""Inline SVG charts made at build time: no chart library, no script, no request.

Every label is XML-escaped here; the result is marked safe for the templates. Each plot
(`bar_chart`, `line_chart`) is a figure of the SVG and, beside it, a table of the same
numbers: the table is the accessible version (the SVG is one image with a <title>) and what
a reader copies from.

Readable on a phone: the plots' viewBox is about a phone's content width (PLOT_WIDTH), so
their text (PLOT_FONT user units, in huifang.css) is about that many CSS pixels there; on a
wide screen it keeps that size, its table beside it (huifang.css). Axes: bars start at zero; lines
(rates) take a range around their data and target, and say on the axis where it starts when
that is not zero. A target is a dashed line with its label. Value labels sit on the bars and
points (every other one, or fewer, when they would overlap: the table has them all).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from markupsafe import Markup

COLOURS = ("#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b")
TARGET_COLOUR = "#c62828"

PLOT_WIDTH, PLOT_HEIGHT = 360, 230
PLOT_FONT = 13  # user units = CSS px at a 360 px wide plot (huifang.css sets the same size)
LEFT, RIGHT, TOP, BOTTOM = 42, 10, 26, 44  # room for the y labels, the axis note, x labels
LEGEND_ROW = 18


@dataclass(frozen=True)
class Table:
    """The numbers beside a chart: a header and rows of shown text (already masked)."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class Target:
    value: float
    label: str  # e.g. "回收率目标 80%"


def text_width(text: str) -> float:
    """About how wide `text` is at PLOT_FONT: a Chinese character a full em, others ~0.6."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return (wide + (len(text) - wide) * 0.6) * PLOT_FONT


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals."""
    raw = max(span, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def axis_range(
    values: Sequence[float], floor: float = 0, ceiling: float | None = None, pad: float = 1
) -> tuple[float, float, float]:
    """(low, high, step) of a value axis around `values` (data and target): at least `pad`
    beyond each, on round steps, within floor–ceiling."""
    if not values:
        low, high = floor, ceiling if ceiling is not None else 1
        return low, high, nice_step(high - low)
    low, high = min(values), max(values)
    margin = max((high - low) * 0.2, pad)
    step = nice_step(high - low + 2 * margin)
    low = max(floor, math.floor((low - margin) / step) * step)
    high = math.ceil((high + margin) / step) * step
    if ceiling is not None:
        high = min(ceiling, high)
    return low, high, step


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") if value != int(value) else f"{int(value)}"


class _Plot:
    """Coordinates of a plot: categories across, a value axis up."""

    def __init__(self, count: int, low: float, high: float, legend_rows: int = 0) -> None:
        self.count, self.low, self.high = count, low, high
        self.height = PLOT_HEIGHT + legend_rows * LEGEND_ROW
        self.base = PLOT_HEIGHT - BOTTOM  # the x axis' y
        self.step = (PLOT_WIDTH - LEFT - RIGHT) / max(count, 1)

    def x(self, index: int) -> float:
        return LEFT + self.step * (index + 0.5)

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1
        return self.base - (self.base - TOP) * (value - self.low) / span

    def every(self, widest: float) -> int:
        """Show every n-th label so that labels `widest` wide do not overlap."""
        return max(1, math.ceil((widest + 4) / self.step))


def _shown(index: int, count: int, every: int) -> bool:
    """Every n-th label, counted back from the last (the newest period is always named)."""
    return (count - 1 - index) % every == 0


def _axes(plot: _Plot, labels: list[str], step: float, unit: str) -> list[str]:
    parts = []
    tick = plot.low
    while tick <= plot.high + step / 1000:
        y = plot.y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{PLOT_WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#bbb" stroke-width="0.5"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(_number(tick) + unit)}</text>"
        )
        tick += step
    if plot.low > 0:  # a cut axis says so, where the eye reads the scale
        parts.append(
            f'<text class="hf-axis-note" x="{LEFT}" y="{TOP - 10}">'
            f"{escape(f'纵轴从 {_number(plot.low)}{unit} 起')}</text>"
        )
    every = plot.every(max((text_width(label) for label in labels), default=0))
    for index, label in enumerate(labels):
        if _shown(index, len(labels), every):
            parts.append(
                f'<text x="{plot.x(index):.1f}" y="{plot.base + PLOT_FONT + 4}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    return parts


def _target(plot: _Plot, target: Target | None) -> list[str]:
    if target is None:
        return []
    y = plot.y(target.value)
    return [
        f'<line class="hf-target" x1="{LEFT}" x2="{PLOT_WIDTH - RIGHT}" y1="{y:.1f}" '
        f'y2="{y:.1f}" stroke="{TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        f'<text class="hf-target-label" x="{PLOT_WIDTH - RIGHT}" y="{y - 4:.1f}" '
        f'text-anchor="end" fill="{TARGET_COLOUR}">{escape(target.label)}</text>'
    ]


def _figure(title: str, plot: _Plot, body: list[str], table: Table) -> Markup:
    # Inside a <div>: Python-Markdown keeps a div block as raw HTML, but would read `*` in
    # an <svg> paragraph (masked names like 张*) as emphasis.
    head = "".join(f"<th>{escape(str(h))}</th>" for h in table.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in table.rows
    )
    return Markup(
        f'<div class="hf-figure hf-plot-figure"><svg class="hf-chart hf-plot" role="img" '
        f'viewBox="0 0 {PLOT_WIDTH} {plot.height}" width="{PLOT_WIDTH}" height="{plot.height}" '
        f'font-size="{PLOT_FONT}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(body)
        + f'</svg><table class="hf-chart-table"><caption>{escape(title)}（数据）</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def bar_chart(
    title: str,
    labels: list[str],
    values: Sequence[float],
    unit: str = "",
    target: Target | None = None,
    table: Table | None = None,
    value_header: str = "数值",
) -> Markup:
    """Bars from zero, each with its value; `table` defaults to label and value."""
    top = max([*values, target.value if target else 0, 1])
    step = nice_step(top * 1.1)
    plot = _Plot(len(labels), 0, math.ceil(top * 1.1 / step) * step)
    width = plot.step * 0.6
    parts = _axes(plot, labels, step, unit)
    every = plot.every(max((text_width(_number(v)) for v in values), default=0))
    for index, value in enumerate(values):
        x, y = plot.x(index), plot.y(value)
        parts.append(
            f'<rect x="{x - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{plot.base - y:.1f}" fill="{COLOURS[0]}"/>'
        )
        if _shown(index, len(values), every):
            parts.append(
                f'<text class="hf-value" x="{x:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
                f"{_number(value)}</text>"
            )
    parts += _target(plot, target)
    shown = table or Table(
        ("", value_header),
        [(label, _number(v) + unit) for label, v in zip(labels, values, strict=True)],
    )
    return _figure(title, plot, parts, shown)


def line_chart(
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    unit: str = "%",
    target: Target | None = None,
    table: Table | None = None,
) -> Markup:
    """Lines of rates in percent on a range around their values and the target (0–100 at
    most); a missing value breaks the line. `table` defaults to a column per series."""
    known = [v for _, values in series for v in values if v is not None]
    low, high, step = axis_range([*known, *([target.value] if target else [])], 0, 100)
    plot = _Plot(len(labels), low, high, legend_rows=1)
    parts = _axes(plot, labels, step, unit)
    every = plot.every(text_width("100.0"))
    for number, (_name, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        points = [(i, plot.x(i), plot.y(v), v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for _, x, y, _ in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for index, x, y, value in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            if _shown(index, len(values), every):
                # the first series' labels above its points, the others' below
                dy = -6 if number == 0 else PLOT_FONT + 3
                parts.append(
                    f'<text class="hf-value" x="{x:.1f}" y="{y + dy:.1f}" text-anchor="middle" '
                    f'fill="{colour}">{_number(value)}</text>'
                )
    parts += _target(plot, target)
    legend_x = float(LEFT)
    for number, (name, _) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        y = plot.height - LEGEND_ROW + 2
        parts.append(
            f'<rect x="{legend_x:.0f}" y="{y - 10}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14:.0f}" y="{y}">{escape(name)}</text>'
        )
        legend_x += 24 + text_width(name)
    shown = table or Table(
        ("", *(name for name, _ in series)),
        [
            (label, *("—" if v is None else _number(v) + unit for v in column))
            for label, *column in zip(labels, *(values for _, values in series), strict=True)
        ],
    )
    return _figure(title, plot, parts, shown)


# --- the relationship map (a customer's page) -----------------------------------------
WIDTH = 640
MAP_TOP = 16
RELATION_COLOURS = {"positive": "#43a047", "neutral": "#9e9e9e", "negative": "#e53935"}


def relationship_map(title: str, customer: str, contacts: list[dict]) -> Markup:
    """Our people on the left, the customer's key people on the right, a line for each
    relationship coloured by its state (none: dashed). Contacts are already masked."""
    rows = max(len(contacts), 1)
    height = MAP_TOP + rows * 36 + 10
    holders = sorted({c["our_contact"] for c in contacts if c["our_contact"]})
    holder_y = {
        h: MAP_TOP + (i + 0.5) * (height - MAP_TOP - 10) / max(len(holders), 1)
        for i, h in enumerate(holders)
    }
    parts = [
        f'<text x="{WIDTH - 150}" y="12" text-anchor="middle">{escape(customer)}</text>',
        '<text x="110" y="12" text-anchor="middle">我方</text>',
    ]
    for holder, y in holder_y.items():
        name = next(c["our_contact_name"] for c in contacts if c["our_contact"] == holder)
        parts.append(
            f'<rect x="40" y="{y - 12:.1f}" width="140" height="24" rx="4" fill="none" stroke="#1e88e5"/>'
            f'<text x="110" y="{y + 4:.1f}" text-anchor="middle">{escape(f"{holder} {name}")}</text>'
        )
    for index, contact in enumerate(contacts):
        y = MAP_TOP + 18 + index * 36
        colour = RELATION_COLOURS.get(contact["relation"], "#9e9e9e")
        label = f"{contact['name']} · {contact['role'] or contact['title']}"
        parts.append(
            f'<rect x="{WIDTH - 240}" y="{y - 12}" width="180" height="24" rx="4" fill="none" stroke="{colour}"/>'
            f'<text x="{WIDTH - 150}" y="{y + 4}" text-anchor="middle">{escape(label)}</text>'
        )
        if contact["our_contact"] in holder_y:
            dash = ' stroke-dasharray="4 3"' if contact["relation"] == "none" else ""
            parts.append(
                f'<line x1="180" y1="{holder_y[contact["our_contact"]]:.1f}" x2="{WIDTH - 240}" '
                f'y2="{y}" stroke="{colour}" stroke-width="2"{dash}/>'
                f'<text x="{WIDTH - 246}" y="{y - 3}" text-anchor="end">'
                f"{escape(contact['relation_label'])}</text>"
            )
    # Inside a <div>: see _figure
    return Markup(
        f'<div class="hf-figure"><svg class="hf-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(parts)
        + "</svg></div>"
    )
