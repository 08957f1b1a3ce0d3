"""What the HTML, DOCX and PDF writers print: the official title, sections and merged
table headers, fonts that show Chinese, and nothing unescaped."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import docx
import lxml.html
import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import etree
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from gongkai.annualreport import labels
from gongkai.annualreport.formats import FMT_2019, FMT_2021, SECTION_TITLES, T3_HEADER_NOTE, get_format
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report
from gongkai.annualreport.writers import render
from gongkai.annualreport.writers.html import render_html, report_body_html
from gongkai.annualreport.writers.official import file_stem

from .conftest import FOUNDING


@pytest.fixture(scope="module")
def founding() -> AnnualReport:
    return read_report(FOUNDING)


def mixed_report() -> AnnualReport:
    """A 2021-style 表二 beside a 2019-style 表三, as some 2021 reports were printed."""
    report = AnnualReport.empty(
        FMT_2021,
        layouts={"T2": FMT_2021, "T3": FMT_2019, "T4": FMT_2021},
        organization="某某市某某区人民政府",
        year=2021,
    )
    report.set_cell("T2", "FEES", "FEE_AMOUNT", Decimal("96171.60"))
    report.set_cell("T3", "R3_6", "NP", 4)
    report.set_cell("T4", "LR", "TOTAL", 0)
    report.sections["overview"] = "第一段。\n第二段<script>alert(1)</script>&amp;"
    return report


def html_tree(report: AnnualReport) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_html(report)[2].decode("utf-8"))


def table_of(tree: lxml.html.HtmlElement, number: int) -> lxml.html.HtmlElement:
    return tree.xpath("//table")[number]


def cell(table: lxml.html.HtmlElement, text: str) -> lxml.html.HtmlElement:
    found = [c for c in table.iter("td", "th") if c.text_content() == text]
    assert len(found) == 1, f"{text!r} appears {len(found)} times"
    return found[0]


def spans(element: lxml.html.HtmlElement) -> tuple[int, int]:
    return int(element.get("rowspan", "1")), int(element.get("colspan", "1"))


# --- HTML ---------------------------------------------------------------------------------


def test_html_page_title_language_and_sections_in_order(founding):
    name, content_type, data = render_html(founding)
    assert (name, content_type) == ("绍兴市柯桥区人民政府-2020.html", "text/html; charset=utf-8")
    tree = lxml.html.document_fromstring(data.decode("utf-8"))
    assert tree.get("lang") == "zh-CN"
    assert tree.findtext(".//title") == "绍兴市柯桥区人民政府2020年政府信息公开工作年度报告"
    heading = tree.xpath("//h1")[0]
    assert heading.xpath("./span/text()") == ["绍兴市柯桥区人民政府"]
    assert heading.find("br") is not None
    assert heading.text_content() == "绍兴市柯桥区人民政府2020年政府信息公开工作年度报告"
    assert [h.text_content() for h in tree.xpath("//h2")] == list(SECTION_TITLES.values())
    assert len(tree.xpath("//table")) == 3
    # Each table is labelled by the heading of its section, for screen readers.
    for table in tree.xpath("//table"):
        assert tree.xpath(f"//h2[@id='{table.get('aria-labelledby')}']")
    assert "@page" in data.decode() and "A4" in data.decode() and "Noto Serif CJK SC" in data.decode()


def test_html_narrative_is_one_paragraph_per_line(founding):
    tree = html_tree(founding)
    overview = tree.xpath("//section[1]/p")
    assert [p.text_content() for p in overview] == founding.sections["overview"].split("\n")
    assert [p.text_content() for p in tree.xpath("//section[6]/p")] == ["无。"]


def test_html_table_three_official_merged_header_2021():
    tree = html_tree(AnnualReport.empty(FMT_2021, year=2023))
    t3 = table_of(tree, 1)
    assert spans(cell(t3, T3_HEADER_NOTE)) == (3, 3)
    assert spans(cell(t3, "申请人情况")) == (1, 7)
    assert spans(cell(t3, "自然人")) == (2, 1)
    assert spans(cell(t3, "法人或其他组织")) == (1, 5)
    assert [c.text_content() for c in t3.xpath(".//thead/tr[3]/th")] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    outcome_rows = sum(1 for row in get_format(FMT_2021).t3_rows if row.group)
    assert spans(cell(t3, "三、本年度办理结果")) == (outcome_rows, 1) == (22, 1)
    assert spans(cell(t3, "（三）不予公开")) == (8, 1)
    assert spans(cell(t3, "（四）无法提供")) == (3, 1)
    assert spans(cell(t3, "（五）不予处理")) == (5, 1)
    assert spans(cell(t3, "（六）其他处理")) == (3, 1)
    assert spans(cell(t3, "（一）予以公开")) == (1, 2)
    assert spans(cell(t3, "（七）总计")) == (1, 2)
    assert spans(cell(t3, "一、本年新收政府信息公开申请数量")) == (1, 3)
    assert spans(cell(t3, "四、结转下年度继续办理")) == (1, 3)
    assert cell(t3, "3.其他").get("scope") == "row"
    # 3 header rows and 25 data rows of seven figure cells, all blank.
    body_rows = t3.xpath(".//tbody/tr")
    assert len(t3.xpath(".//thead/tr")) == 3 and len(body_rows) == 25
    assert all(len(r.xpath("./td[@class='value']")) == 7 for r in body_rows)
    assert all(td.text_content() == "" for td in t3.xpath(".//td[@class='value']"))


def test_html_table_three_2019_has_one_row_for_other_processing():
    t3 = table_of(html_tree(AnnualReport.empty(FMT_2019, year=2020)), 1)
    assert spans(cell(t3, "三、本年度办理结果")) == (20, 1)
    assert spans(cell(t3, "（六）其他处理")) == (1, 2)
    assert "逾期不补正" not in t3.text_content()


def test_html_table_four_headers():
    t4 = table_of(html_tree(AnnualReport.empty(FMT_2021)), 2)
    assert spans(cell(t4, "行政复议")) == (1, 5)
    assert spans(cell(t4, "行政诉讼")) == (1, 10)
    assert spans(cell(t4, "未经复议直接起诉")) == (1, 5)
    assert spans(cell(t4, "复议后起诉")) == (1, 5)
    first_row = [c for c in t4.xpath(".//thead/tr[2]/th")][:5]
    assert [(c.text_content(), spans(c)) for c in first_row] == [
        (label, (2, 1)) for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    assert len(t4.xpath(".//thead/tr[3]/th")) == 10
    assert len(t4.xpath(".//tbody/tr/td")) == 15


def test_html_table_two_blocks_print_figures_as_read(founding):
    t2 = table_of(html_tree(founding), 0)
    headings = [c.text_content() for c in t2.xpath(".//th[@class='block']")]
    assert headings == [f"第二十条第（{item}）项" for item in ("一", "五", "六", "八", "九")]
    assert all(spans(c) == (1, 4) for c in t2.xpath(".//th[@class='block']"))
    assert len(t2.xpath(".//th[text()='信息内容']")) == 5
    rows = {
        tr.xpath("./th")[0].text_content(): [td.text_content() for td in tr.xpath("./td")]
        for tr in t2.xpath(".//tr[th[@scope='row']]")
    }
    assert rows["规章"] == ["", "", ""]
    assert rows["行政事业性收费"] == ["9", "-16"]
    assert rows["政府集中采购"] == ["23384", "132767.89"]
    # A block with fewer than three figures spans its last figure to the table's edge.
    assert spans(cell(t2, "-16")) == (1, 2)


def test_html_mixed_layouts_print_each_table_in_its_own_layout():
    tree = html_tree(mixed_report())
    t2, t3 = table_of(tree, 0), table_of(tree, 1)
    assert "本年制发件数" in t2.text_content() and "本年新制作数量" not in t2.text_content()
    assert spans(cell(t2, "96171.60")) == (1, 3)
    assert spans(cell(t3, "（六）其他处理")) == (1, 2)
    assert "收费通知" not in t3.text_content()


def test_html_escapes_all_text():
    report = mixed_report()
    report.organization = "某某<b>局</b>"
    data = render_html(report)[2].decode("utf-8")
    assert "<script>" not in data and "<b>局</b>" not in data
    tree = lxml.html.document_fromstring(data)
    assert tree.xpath("//section[1]/p")[1].text_content() == "第二段<script>alert(1)</script>&amp;"
    assert tree.xpath("//h1/span")[0].text_content() == "某某<b>局</b>"


def test_html_without_organization_or_year():
    report = AnnualReport.empty(FMT_2021)
    tree = html_tree(report)
    assert tree.xpath("//h1")[0].text_content() == "政府信息公开工作年度报告"
    assert tree.findtext(".//title") == "政府信息公开工作年度报告"
    assert render_html(report)[0] == "report.html"


def test_report_body_html_is_a_fragment(founding):
    fragment = report_body_html(founding)
    assert fragment.startswith('<article class="annual-report">') and fragment.endswith("</article>")
    assert "<html" not in fragment and "<style" not in fragment
    assert fragment in render_html(founding)[2].decode("utf-8")


def test_file_names_drop_characters_file_systems_reject():
    report = AnnualReport.empty(FMT_2021, organization='某某/局:"办"', year=2022)
    assert file_stem(report) == "某某_局_办_-2022"


# --- DOCX ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def founding_docx(founding) -> docx.document.Document:
    name, content_type, data = render(founding, "docx")
    assert name == "绍兴市柯桥区人民政府-2020.docx"
    assert content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return docx.Document(BytesIO(data))


def east_asian_font(element) -> str | None:
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        fonts = element.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_docx_sets_the_east_asian_font_on_styles_and_runs(founding_docx):
    styles = founding_docx.styles
    for name, font in (
        ("Normal", "宋体"),
        ("Report Body", None),
        ("Title", "黑体"),
        ("Heading 1", "黑体"),
        ("Report Table Text", "宋体"),
    ):
        assert east_asian_font(styles[name].element) == font, name
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert east_asian_font(defaults) == "宋体"
    runs = [run for p in founding_docx.paragraphs for run in p.runs]
    runs += [
        run
        for table in founding_docx.tables
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for run in p.runs
    ]
    assert len(runs) > 100
    assert all(east_asian_font(run._r) in ("宋体", "黑体") for run in runs)
    # Theme fonts would override the named ones; none is left where it applies.
    used = ("Normal", "Report Body", "Title", "Heading 1", "Report Table Text")
    xml = founding_docx.element.xml + etree.tostring(defaults, encoding=str)
    xml += "".join(styles[name].element.xml for name in used)
    assert "eastAsiaTheme" not in xml


def test_docx_has_real_merged_cells(founding_docx):
    t2, t3, t4 = founding_docx.tables
    assert t3.cell(0, 0).text == T3_HEADER_NOTE
    # A merged cell reads back as the same cell in every grid position it covers.
    assert t3.cell(2, 2)._tc is t3.cell(0, 0)._tc
    assert t3.cell(0, 9)._tc is t3.cell(0, 3)._tc and t3.cell(0, 3).text == "申请人情况"
    assert t3.cell(24, 0)._tc is t3.cell(5, 0)._tc and t3.cell(5, 0).text == "三、本年度办理结果"
    assert t3.cell(14, 1)._tc is t3.cell(7, 1)._tc and t3.cell(7, 1).text == "（三）不予公开"
    assert t3.cell(3, 3).text == "177"
    assert t4.cell(0, 9)._tc is t4.cell(0, 5)._tc and t4.cell(0, 5).text == "行政诉讼"
    assert t4.cell(2, 0)._tc is t4.cell(1, 0)._tc and t4.cell(1, 0).text == "结果维持"
    assert [c.text for c in t4.rows[3].cells] == [
        "7",
        "5",
        "",
        "",
        "12",
        "4",
        "2",
        "5",
        "",
        "11",
        "",
        "",
        "",
        "",
        "0",
    ]
    assert t2.cell(0, 3)._tc is t2.cell(0, 0)._tc and t2.cell(0, 0).text == "第二十条第（一）项"
    xml = t3._tbl.xml
    assert 'w:gridSpan w:val="3"' in xml and 'w:vMerge w:val="restart"' in xml


def test_docx_page_borders_and_paragraphs(founding_docx, founding):
    section = founding_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for table in founding_docx.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.get(qn("w:val")) for b in borders} == {"single"}
        assert len(borders) == 6
    t3 = founding_docx.tables[1]
    assert [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in t3.rows[:4]] == [True, True, True, False]
    texts = [p.text for p in founding_docx.paragraphs]
    assert texts[0] == "绍兴市柯桥区人民政府\n2020年政府信息公开工作年度报告"
    assert [t for t in texts if t in SECTION_TITLES.values()] == list(SECTION_TITLES.values())
    body = [p for p in founding_docx.paragraphs if p.style.name == "Report Body"]
    expected = [
        line
        for name in ("overview", "problems", "other_matters")
        for line in founding.sections[name].split("\n")
    ]
    assert [p.text for p in body] == expected
    assert founding_docx.core_properties.title == "绍兴市柯桥区人民政府2020年政府信息公开工作年度报告"


# --- PDF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def founding_pdf(founding) -> bytes:
    name, content_type, data = render(founding, "pdf")
    assert (name, content_type) == ("绍兴市柯桥区人民政府-2020.pdf", "application/pdf")
    return data


def pdf_texts(data: bytes) -> list[str]:
    """The text of each page, and of each table cell (whose labels wrap over lines)."""
    texts = []
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            texts.append(labels.compact(page.extract_text() or ""))
            for table in page.extract_tables():
                texts.extend(labels.compact(cell or "") for row in table for cell in row)
    return texts


def pdf_fonts(data: bytes) -> dict[str, set[str]]:
    """Each font's name and the FontFile streams that embed it."""
    document = PDFDocument(PDFParser(BytesIO(data)))
    fonts: dict[str, set[str]] = {}
    for page in PDFPage.create_pages(document):
        for reference in (resolve1(page.resources.get("Font")) or {}).values():
            font = resolve1(reference)
            if font["Subtype"].name == "Type0":
                font = resolve1(resolve1(font["DescendantFonts"])[0])
            descriptor = resolve1(font.get("FontDescriptor")) or {}
            fonts[font["BaseFont"].name] = {key for key in descriptor if key.startswith("FontFile")}
    return fonts


def test_pdf_text_holds_the_statutory_labels(founding_pdf, founding):
    texts = pdf_texts(founding_pdf)
    fmt = get_format(FMT_2019)
    expected = [
        "绍兴市柯桥区人民政府",
        "2020年政府信息公开工作年度报告",
        *SECTION_TITLES.values(),
        "本年新收政府信息公开申请数量",
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
        "申请人情况",
        "法人或其他组织",
        "社会公益组织",
        "三、本年度办理结果",
        T3_HEADER_NOTE,
        *(block.heading for block in fmt.t2_blocks),
        *(row.label for row in fmt.t3_rows),
        *(row.label for row in fmt.t2_rows),
        "132767.89",
        "-16",
    ]
    missing = [label for label in expected if not any(labels.compact(label) in text for text in texts)]
    assert missing == []


def test_pdf_embeds_cjk_fonts(founding_pdf):
    fonts = pdf_fonts(founding_pdf)
    assert fonts
    assert all(files for files in fonts.values()), fonts
    # Only Noto CJK is used: a fallback font without Chinese glyphs would print boxes.
    assert all("CJK" in name for name in fonts), sorted(fonts)


def test_pdf_is_a4_tagged_and_titled(founding_pdf):
    document = PDFDocument(PDFParser(BytesIO(founding_pdf)))
    pages = list(PDFPage.create_pages(document))
    assert [round(v) for v in pages[0].mediabox] == [0, 0, 595, 842]
    assert resolve1(document.catalog["Lang"]) == b"zh-CN"
    assert resolve1(document.catalog["MarkInfo"])["Marked"] is True
    title = resolve1(document.info[0]["Title"])
    assert title.decode("utf-16") == "绍兴市柯桥区人民政府2020年政府信息公开工作年度报告"


def test_pdf_page_numbers_stay_out_of_the_tables(founding_pdf):
    with pdfplumber.open(BytesIO(founding_pdf)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            footer = [w for w in page.extract_words() if w["top"] > page.height - 72]
            assert "".join(w["text"] for w in footer) == f"-{number}-"
            for table in page.find_tables():
                assert table.bbox[3] < min(w["top"] for w in footer)
