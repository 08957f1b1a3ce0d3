"""Survey results as server-drawn SVG bar charts: no JavaScript, no outside library. Each
chart has a title for screen readers, and the page prints the same numbers in a table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.participation.selectors import QuestionResult

BAR = "#1f5fa8"


def bar_chart_svg(result: QuestionResult, chart_id: str, width: int = 460) -> str:
    """One horizontal bar per answer, labelled with the answer, the count and the share."""
    rows = result.choices
    label_w, right, row_h, top = 150, 80, 30, 8
    height = top + row_h * len(rows) + 8
    plot_w = width - label_w - right
    most = max((count for _choice, count in rows), default=0) or 1
    total = result.total or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}" class="chart survey-chart">',
        f'<title id="{chart_id}">{escape(result.question.text)}</title>',
    ]
    for i, (choice, count) in enumerate(rows):
        y = top + i * row_h
        bar = plot_w * count / most
        share = 100 * count / total
        text = choice.text if len(choice.text) <= 12 else choice.text[:11] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" font-size="14" fill="#1a1a1a">{escape(text)}</text>'
        )
        parts.append(f'<rect x="{label_w}" y="{y + 5}" width="{bar:.1f}" height="18" fill="{BAR}"/>')
        figure = _("%(count)s (%(share)s%%)") % {"count": count, "share": f"{share:.0f}"}
        parts.append(
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 19}" font-size="14" fill="#1a1a1a">{escape(figure)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
