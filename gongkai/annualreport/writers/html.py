"""The annual report as one printable, accessible HTML page in the official layout.

The page is also the source of the PDF (writers/pdf.py), so its CSS carries the print
rules: A4, Noto CJK fonts, ruled tables (header rows in <thead>, which browsers repeat
on each printed page), and a first-line indent of 2em that marks where each paragraph
starts.
``report_body_html`` returns the body alone, for pages that embed a report.
"""

from __future__ import annotations

from html import escape

from gongkai.annualreport.formats import NARRATIVE_SECTIONS, SECTION_TITLES
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.writers.official import (
    Grid,
    GridCell,
    file_stem,
    paragraphs,
    report_grids,
    report_title,
)

SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif'
SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", SimHei, sans-serif'

# Screen and print rules. Headings start at the text margin and paragraphs 2em in, so
# that a reader of the PDF finds where each paragraph starts even when it fits on one
# line. Figures never wrap (nowrap): a number broken over two lines would read back as
# two numbers. The page number sits in the page margin, outside the tables, in the
# "- 3 -" form that readers recognise as page furniture.
CSS = f"""
@page {{
  size: A4;
  margin: 25mm 20mm 25mm 20mm;
  @bottom-center {{ content: "- " counter(page) " -"; font-family: {SERIF}; font-size: 10pt; }}
}}
html {{ font-family: {SERIF}; font-size: 12pt; line-height: 1.7; color: #000; background: #fff; }}
body {{ margin: 0 auto; max-width: 48em; padding: 1em; }}
.annual-report h1 {{
  font-family: {SANS}; font-size: 1.6em; font-weight: bold; text-align: center;
  line-height: 1.5; margin: 0 0 1.2em;
}}
.annual-report h2 {{
  font-family: {SANS}; font-size: 1.1em; font-weight: bold; margin: 1.2em 0 0.6em;
  break-after: avoid;
}}
.annual-report p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.annual-report table {{
  border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9pt;
  line-height: 1.4; page-break-inside: auto;
}}
.annual-report table.t4 {{ font-size: 8pt; }}
.annual-report th, .annual-report td {{
  border: 1px solid #000; padding: 2px 3px; vertical-align: middle; font-weight: normal;
  text-align: center;
}}
.annual-report th.row, .annual-report td.corner {{ text-align: left; }}
.annual-report th.block {{ font-weight: bold; text-align: left; }}
.annual-report td.value {{ white-space: nowrap; }}
.annual-report thead {{ display: table-header-group; }}
.annual-report tr {{ break-inside: avoid; page-break-inside: avoid; }}
@media print {{
  body {{ max-width: none; padding: 0; }}
}}
"""

_SCOPES = {"block": "colgroup", "colgroup": "colgroup", "col": "col", "rowgroup": "rowgroup", "row": "row"}


def _cell_html(cell: GridCell) -> str:
    attributes = [f'class="{cell.role}"']
    if cell.rowspan > 1:
        attributes.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    tag = "th" if cell.is_header else "td"
    if cell.is_header:
        attributes.append(f'scope="{_SCOPES[cell.role]}"')
    return f"<{tag} {' '.join(attributes)}>{escape(cell.text)}</{tag}>"


def table_html(grid: Grid, *, labelled_by: str | None = None, style_attributes: bool = True) -> str:
    """One table; its header rows in <thead> so that print repeats them on each page.

    Column widths are ``style`` attributes in the self-contained document; in a page of
    the site (``style_attributes=False``), whose Content-Security-Policy refuses inline
    styles, they are ``width`` attributes, which browsers apply as presentational hints."""
    label = f' aria-labelledby="{escape(labelled_by)}"' if labelled_by else ""
    parts = [f'<table class="{grid.table.lower()}"{label}>']
    total = sum(grid.widths)
    parts.append("<colgroup>")
    for width in grid.widths:
        share = f"{width / total * 100:.1f}%"
        parts.append(f'<col style="width:{share}">' if style_attributes else f'<col width="{share}">')
    parts.append("</colgroup>")
    parts.append("<thead>" if grid.header_rows else "<tbody>")
    for index, row in enumerate(grid.rows):
        if index and index == grid.header_rows:
            parts.append("</thead><tbody>")
        parts.append("<tr>" + "".join(_cell_html(cell) for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


def _title_html(report: AnnualReport) -> str:
    organization, title = report_title(report)
    if organization is None:
        return f"<h1>{escape(title)}</h1>"
    # The body's name on its own line above the year title, as reports are printed.
    return f'<h1><span class="organization">{escape(organization)}</span><br>{escape(title)}</h1>'


def report_body_html(report: AnnualReport, *, style_attributes: bool = True) -> str:
    """The report itself (title, six sections, three tables) as an HTML fragment, wrapped
    in <article class="annual-report">; the page styles target that class. Pages of the
    site pass ``style_attributes=False`` (see ``table_html``)."""
    grids = report_grids(report)
    parts = ['<article class="annual-report">', _title_html(report)]
    for index, (name, heading) in enumerate(SECTION_TITLES.items(), start=1):
        section_id = f"section-{index}"
        parts.append(f'<section aria-labelledby="{section_id}">')
        parts.append(f'<h2 id="{section_id}">{escape(heading)}</h2>')
        if name in NARRATIVE_SECTIONS:
            parts.extend(f"<p>{escape(line)}</p>" for line in paragraphs(report.sections.get(name, "")))
        else:
            parts.append(table_html(grids[name], labelled_by=section_id, style_attributes=style_attributes))
        parts.append("</section>")
    parts.append("</article>")
    return "\n".join(parts)


def page_title(report: AnnualReport) -> str:
    organization, title = report_title(report)
    return f"{organization or ''}{title}"


def render_html_text(report: AnnualReport) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(page_title(report))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f"{report_body_html(report)}\n</body>\n</html>\n"
    )


def render_html(report: AnnualReport) -> tuple[str, str, bytes]:
    return (f"{file_stem(report)}.html", "text/html; charset=utf-8", render_html_text(report).encode("utf-8"))
