"""The annual report as a Word document in the official layout.

Same content and tables as the HTML writer (both build on writers/official.py), with real
merged cells. Chinese text needs its font named in ``w:rFonts/@w:eastAsia``: python-docx's
``font.name`` sets only the Latin fonts, and the default template points the East Asian
font at a theme font, which would override an explicit name; so the theme attributes are
removed and the fonts set on the defaults, on every style used, and on every run.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import _Element

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

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The faces every Chinese Windows and WPS installation has: 宋体 for text and tables,
# 黑体 for the title and headings (as in GB/T 9704 documents); Times New Roman for Latin.
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(12)
TABLE_SIZE = Pt(9)
T4_SIZE = Pt(8)

# GB/T 9704-2012 page: A4, 天头 37 mm, 订口 28 mm, text block 156 × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Mm(156)

TABLE_STYLE_NAME, TABLE_STYLE_ID = "Report Table Text", "ReportTableText"

_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _child(parent: _Element, tag: str, *, first: bool = False) -> _Element:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        if first:
            parent.insert(0, element)
        else:
            parent.append(element)
    return element


def set_fonts(rpr: _Element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the East Asian and Latin fonts of a w:rPr, dropping theme fonts that win over
    named ones."""
    fonts = _child(rpr, "w:rFonts", first=True)
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_language(rpr: _Element) -> None:
    language = _child(rpr, "w:lang")
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")


def _style_rpr(style: ParagraphStyle) -> _Element:
    return style.element.get_or_add_rPr()


def _set_up_styles(document: Document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_fonts(rpr, BODY_FONT)
            _set_language(rpr)

    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.size = BODY_SIZE
    set_fonts(_style_rpr(normal), BODY_FONT)
    _set_language(_style_rpr(normal))
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.5

    body = styles.add_style("Report Body", WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(body, ParagraphStyle)
    body.base_style = normal
    body.paragraph_format.first_line_indent = BODY_SIZE * 2
    # Word measures the indent in characters when w:firstLineChars is present (200 = 2 字).
    _child(body.element.get_or_add_pPr(), "w:ind").set(qn("w:firstLineChars"), "200")
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    title = styles["Title"]
    assert isinstance(title, ParagraphStyle)
    title_ppr = title.element.get_or_add_pPr()
    border = title_ppr.find(qn("w:pBdr"))
    if border is not None:
        title_ppr.remove(border)
    title.font.size = Pt(20)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(_style_rpr(title), HEADING_FONT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    title.paragraph_format.line_spacing = 1.3

    heading = styles["Heading 1"]
    assert isinstance(heading, ParagraphStyle)
    heading.font.size = Pt(14)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(_style_rpr(heading), HEADING_FONT)
    heading.paragraph_format.first_line_indent = BODY_SIZE * 2
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True

    cell = styles.add_style(TABLE_STYLE_NAME, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(cell, ParagraphStyle)
    cell.base_style = normal
    cell.font.size = TABLE_SIZE
    set_fonts(_style_rpr(cell), BODY_FONT)
    cell.paragraph_format.line_spacing = 1.0
    cell.paragraph_format.space_before = Pt(1)
    cell.paragraph_format.space_after = Pt(1)


def _run(paragraph: Paragraph, text: str, east_asia: str = BODY_FONT) -> Run:
    run = paragraph.add_run(text)
    set_fonts(run._r.get_or_add_rPr(), east_asia)
    return run


def _set_up_page(document: Document) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin = MARGINS["top"]
        section.bottom_margin = MARGINS["bottom"]
        section.left_margin = MARGINS["left"]
        section.right_margin = MARGINS["right"]
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(footer, "- ")
        _page_field(footer)
        _run(footer, " -")


def _page_field(paragraph: Paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    result = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    result.append(text)
    field.append(result)
    paragraph._p.append(field)


def _set_borders(table: Table) -> None:
    """Every cell ruled, whatever table styles the reader's Word has."""
    borders = _child(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = _child(borders, f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")


def _mark_header_row(table: Table, index: int) -> None:
    # Repeated at the top of every page the table runs onto.
    _child(table.rows[index]._tr.get_or_add_trPr(), "w:tblHeader")


def _fill(cell: _Cell, grid_cell: GridCell, size: Pt) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    # By style id: assigning a style by name makes python-docx search all styles per cell.
    paragraph._p.style = TABLE_STYLE_ID
    left = grid_cell.role in ("row", "corner", "block")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    if grid_cell.text:
        run = _run(paragraph, grid_cell.text)
        run.font.size = size
        if grid_cell.role == "block":
            run.bold = True


def add_table(document: Document, grid: Grid) -> Table:
    table = document.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table)
    total = sum(grid.widths)
    widths = [int(TEXT_WIDTH * width / total) for width in grid.widths]
    for index, column in enumerate(table.columns):
        column.width = widths[index]
        for cell in column.cells:
            cell.width = widths[index]
    size = T4_SIZE if grid.table == "T4" else TABLE_SIZE
    # The w:tc of every grid position, taken before merging: merging a region removes or
    # marks only the w:tc inside it, so the others stay valid (and python-docx's
    # table.cell() would rebuild the whole cell list on every call).
    positions = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for row in grid.rows:
        for grid_cell in row:
            tc = positions[grid_cell.row][grid_cell.column]
            if grid_cell.rowspan > 1 or grid_cell.colspan > 1:
                tc = tc.merge(
                    positions[grid_cell.row + grid_cell.rowspan - 1][grid_cell.column + grid_cell.colspan - 1]
                )
            _fill(_Cell(tc, table), grid_cell, size)
    for index in range(len(table.rows)):
        # A row split over two pages would print half a label beside its figures.
        _child(table.rows[index]._tr.get_or_add_trPr(), "w:cantSplit")
        if index < grid.header_rows:
            _mark_header_row(table, index)
    return table


def build_document(report: AnnualReport) -> Document:
    document = new_document()
    _set_up_styles(document)
    _set_up_page(document)
    organization, title = report_title(report)
    properties = document.core_properties
    properties.title = f"{organization or ''}{title}"
    properties.language = "zh-CN"

    heading = document.add_paragraph(style="Title")
    if organization is not None:
        # The body's name on its own line above the year title, as reports are printed.
        _run(heading, organization, HEADING_FONT).add_break(WD_BREAK.LINE)
    _run(heading, title, HEADING_FONT)

    grids = report_grids(report)
    for name, section_title in SECTION_TITLES.items():
        _run(document.add_paragraph(style="Heading 1"), section_title, HEADING_FONT)
        if name in NARRATIVE_SECTIONS:
            for line in paragraphs(report.sections.get(name, "")):
                _run(document.add_paragraph(style="Report Body"), line)
        else:
            add_table(document, grids[name])
    return document


def render_docx(report: AnnualReport) -> tuple[str, str, bytes]:
    buffer = BytesIO()
    build_document(report).save(buffer)
    return (f"{file_stem(report)}.docx", CONTENT_TYPE, buffer.getvalue())
