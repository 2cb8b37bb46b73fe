"""Inline SVG charts made at build time: no chart library, no script, no request.

Every label is XML-escaped here; the result is marked safe for the templates.
Each chart carries a <title> (read by screen readers) and the table beside it
holds the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40
COLOURS = ("#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b")


def _frame(title: str, body: list[str], height: int = HEIGHT) -> Markup:
    # Inside a <div>: Python-Markdown keeps a div block as raw HTML, but would read `*` in
    # an <svg> paragraph (masked names like 张*) as emphasis.
    return Markup(
        f'<div class="hf-figure"><svg class="hf-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(body)
        + "</svg></div>"
    )


def _x_positions(count: int) -> list[float]:
    inner = WIDTH - LEFT - RIGHT
    step = inner / max(count, 1)
    return [LEFT + step * (i + 0.5) for i in range(count)]


def _y(value: float, top_value: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - inner * (value / top_value if top_value else 0)


def _axes(labels: list[str], top_value: float, unit: str) -> list[str]:
    parts = []
    for fraction in (0, 0.5, 1):
        y = _y(top_value * fraction, top_value)
        value = top_value * fraction
        shown = f"{value:.0f}{unit}"
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#ccc" stroke-width="0.5"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{escape(shown)}</text>'
        )
    for x, label in zip(_x_positions(len(labels)), labels, strict=True):
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
        )
    return parts


def bar_chart(title: str, labels: list[str], values: Sequence[float], unit: str = "") -> Markup:
    top_value = max([*values, 1])
    width = (WIDTH - LEFT - RIGHT) / max(len(labels), 1) * 0.6
    bars = []
    for x, value in zip(_x_positions(len(labels)), values, strict=True):
        y = _y(value, top_value)
        bars.append(
            f'<rect x="{x - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{HEIGHT - BOTTOM - y:.1f}" fill="{COLOURS[0]}"/>'
            f'<text x="{x:.1f}" y="{y - 3:.1f}" text-anchor="middle">{value:g}</text>'
        )
    return _frame(title, _axes(labels, top_value, unit) + bars)


def line_chart(
    title: str, labels: list[str], series: list[tuple[str, list[float | None]]], unit: str = "%"
) -> Markup:
    """Lines on a 0–100 scale (rates in percent); a missing value breaks the line."""
    parts = _axes(labels, 100, unit)
    xs = _x_positions(len(labels))
    for index, (name, values) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = [(x, _y(v, 100)) for x, v in zip(xs, values, strict=True) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points]
        legend_x = LEFT + index * 110
        parts.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 14}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{HEIGHT - 5}">{escape(name)}</text>'
        )
    return _frame(title, parts)


RELATION_COLOURS = {"positive": "#43a047", "neutral": "#9e9e9e", "negative": "#e53935"}


def relationship_map(title: str, customer: str, contacts: list[dict]) -> Markup:
    """Our people on the left, the customer's key people on the right, a line for each
    relationship coloured by its state (none: dashed). Contacts are already masked."""
    rows = max(len(contacts), 1)
    height = TOP + rows * 36 + 10
    holders = sorted({c["our_contact"] for c in contacts if c["our_contact"]})
    holder_y = {
        h: TOP + (i + 0.5) * (height - TOP - 10) / max(len(holders), 1)
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
        y = TOP + 18 + index * 36
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
    return _frame(title, parts, height)
