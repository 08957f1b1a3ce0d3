"""A year-over-year chart of an organization's main report figures, as inline SVG: no
JavaScript, readable by screen readers through its title and the table beside it."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _

SERIES = (
    ("received", "#1f5fa8"),
    ("handled", "#c0392b"),
    ("reviews", "#2e7d32"),
)


def series_labels() -> dict[str, str]:
    return {
        "received": _("Applications received"),
        "handled": _("Applications handled"),
        "reviews": _("Administrative reviews"),
    }


def history_chart_svg(
    history: list[tuple[int, dict[str, int | None]]], width: int = 640, height: int = 260
) -> str:
    years = [year for year, _ in history]
    values = [v for _, figures in history for name, _colour in SERIES if (v := figures.get(name)) is not None]
    top = max(values, default=0) or 1
    left, right, upper, lower = 56, 16, 16, 40
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / max(1, len(years) - 1)

    def x(i: int) -> float:
        return left + i * step

    def y(value: int) -> float:
        return upper + plot_h - value / top * plot_h

    labels = series_labels()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title" class="chart">',
        f'<title id="chart-title">{escape(_("Main figures by year"))}</title>',
        f'<line x1="{left}" y1="{upper + plot_h}" x2="{width - right}" y2="{upper + plot_h}" stroke="#555"/>',
        f'<line x1="{left}" y1="{upper}" x2="{left}" y2="{upper + plot_h}" stroke="#555"/>',
        f'<text x="{left - 6}" y="{upper + 4}" text-anchor="end" font-size="12">{top}</text>',
        f'<text x="{left - 6}" y="{upper + plot_h}" text-anchor="end" font-size="12">0</text>',
    ]
    for i, year in enumerate(years):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 22}" text-anchor="middle" font-size="12">{year}</text>'
        )
    for k, (name, colour) in enumerate(SERIES):
        points = [
            (x(i), y(v)) for i, (_, figures) in enumerate(history) if (v := figures.get(name)) is not None
        ]
        if points:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
            parts.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points)
        legend_x = left + k * 180
        parts.append(f'<rect x="{legend_x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{legend_x + 14}" y="{height - 3}" font-size="12">{escape(labels[name])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
