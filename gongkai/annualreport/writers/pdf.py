"""The annual report as PDF: the HTML page (writers/html.py) set by WeasyPrint.

WeasyPrint embeds a subset of each font it uses; Chinese glyphs come from Debian's
fonts-noto-cjk, which the page's CSS names first. With libharfbuzz-subset0 installed the
subsetting takes about a second instead of tens (docs: STYLE.md).
"""

from __future__ import annotations

from weasyprint import HTML

from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.writers.html import render_html_text
from gongkai.annualreport.writers.official import file_stem


def render_pdf(report: AnnualReport) -> tuple[str, str, bytes]:
    document = HTML(string=render_html_text(report), base_url=None)
    # PDF/UA tags the structure (headings, table headers) for screen readers and takes
    # the document language and title from the page.
    content = document.write_pdf(pdf_variant="pdf/ua-1")
    assert content is not None  # write_pdf returns the bytes when no target is given
    return (f"{file_stem(report)}.pdf", "application/pdf", content)
