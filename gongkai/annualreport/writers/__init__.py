"""Writers: one contract for every output format.

``render(report, to) -> (filename, content_type, bytes)``, all from the same model
(pretix's exporter contract). Each writer module exposes ``render_<format>``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from gongkai.annualreport.model import AnnualReport

Rendered = tuple[str, str, bytes]
Renderer = Callable[[AnnualReport], Rendered]

# Format name -> "module:function"; imported on use so that the JSON writer does not pay
# for WeasyPrint or python-docx.
WRITERS: dict[str, str] = {
    "json": "gongkai.annualreport.writers.jsonfile:render_json",
    "html": "gongkai.annualreport.writers.html:render_html",
    "docx": "gongkai.annualreport.writers.docx:render_docx",
    "pdf": "gongkai.annualreport.writers.pdf:render_pdf",
}


def get_renderer(to: str) -> Renderer:
    try:
        module_name, function = WRITERS[to].split(":")
    except KeyError:
        raise ValueError(f"unknown output format {to!r}; choose from {sorted(WRITERS)}") from None
    renderer: Renderer = getattr(import_module(module_name), function)
    return renderer


def render(report: AnnualReport, to: str) -> Rendered:
    return get_renderer(to)(report)
