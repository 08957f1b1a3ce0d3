"""Letters as documents: one typed model, two renderers with one contract,
``render_letter(letter, fmt) -> (filename, content_type, bytes)``.

DOCX follows the usual layout of official letters (GB/T 9704: A4, 仿宋 三号 body, title in
小标宋/宋体 二号); Chinese text needs the East Asian font on every run (``w:eastAsia``),
since ``font.name`` alone sets only the Latin font. PDF is WeasyPrint from HTML with the
Noto CJK fonts of Debian (``fonts-noto-cjk``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"


@dataclass(frozen=True)
class LetterContent:
    title: str
    number: str
    addressee: str
    paragraphs: tuple[str, ...]
    signatory: str
    issued_on: dt.date


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace every known ``{{name}}``; an unknown one is left as it is, visibly."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        return values[key] if key in values else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def paragraphs_of(body: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in body.splitlines() if line.strip())


# --- DOCX ------------------------------------------------------------------------------


def _set_fonts(run: object, east_asian: str, size_pt: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size_pt)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    r_pr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    r_fonts.set(qn("w:ascii"), LATIN_FONT)
    r_fonts.set(qn("w:hAnsi"), LATIN_FONT)


def render_docx(content: LetterContent) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    document.core_properties.title = content.title

    def paragraph(
        text: str,
        *,
        align: Any = None,
        indent: bool = False,
        font: str = BODY_FONT,
        size: float = 16,
        bold: bool = False,
    ) -> None:
        para = document.add_paragraph()
        if align is not None:
            para.alignment = align
        para.paragraph_format.line_spacing = Pt(28)
        para.paragraph_format.space_after = Pt(0)
        if indent:
            para.paragraph_format.first_line_indent = Pt(size * 2)
        _set_fonts(para.add_run(text), font, size, bold=bold)

    paragraph(content.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22, bold=True)
    paragraph(content.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("")
    paragraph(f"{content.addressee}：")
    for text in content.paragraphs:
        paragraph(text, indent=True)
    paragraph("")
    paragraph(content.signatory, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(chinese_date(content.issued_on), align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------


def render_html(content: LetterContent) -> str:
    return render_to_string(
        "requests/letter.html",
        {
            "content": content,
            "issued_on": chinese_date(content.issued_on),
        },
    )


def render_pdf(content: LetterContent) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(content)).write_pdf()  # type: ignore[no-any-return]


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render_letter(content: LetterContent, fmt: str) -> tuple[str, str, bytes]:
    """The renderer contract: (filename, content type, bytes)."""
    if fmt == "docx":
        data = render_docx(content)
    elif fmt == "pdf":
        data = render_pdf(content)
    else:
        raise ValueError(f"unknown letter format {fmt!r}")
    safe_number = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff〔〕-]+", "", content.number) or "letter"
    return f"{safe_number}.{fmt}", CONTENT_TYPES[fmt], data
