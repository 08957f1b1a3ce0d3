"""The HTML and DOCX readers on documents as they are published: merged header cells,
&nbsp; and <br> inside cells, pages saved from Word in GB2312, content-management pages
with layout tables and menus, Word files with revisions, hidden text and content controls,
and files that are not what they claim to be."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.readers import read_report, read_report_bytes
from gongkai.annualreport.readers.document import Document
from gongkai.annualreport.readers.docx import docx_to_document
from gongkai.annualreport.readers.html import decode_html, html_to_document

from .conftest import DATA

HTML = DATA / "html"
n = None


def rows(document: Document) -> list[tuple[bool, list[str]]]:
    return [(line.grid, [cell.text for cell in line.cells]) for line in document.lines]


def values(report, table):
    return {code: list(cells.values()) for code, cells in report.tables[table].items()}


# --- HTML: lines of cells -----------------------------------------------------------------


def test_merged_header_table_gives_every_cell_in_its_grid_position():
    document = html_to_document((HTML / "merged-header.html").read_bytes(), "merged-header.html")
    assert document.kind == "html"
    assert rows(document) == [
        (False, ["第一段 文字，加粗部分。"]),
        (False, ["第二行"]),
        (False, ["第三行"]),
        (False, ["Open Data"]),
        (True, ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
        # The note spans three rows and three columns: one empty cell where it continues.
        (True, ["", "自然人", "法人或其他组织", "总计"]),
        # 自然人 and 总计 span two rows: empty cells in their places, one at the row's end.
        (True, ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
        (True, ["一、本年新收政府信息公开申请数量", "12", "", "0", "", "1", "", "13"]),
        (True, ["三、本年度办理结果", "（一）予以公开", "7", "", "", "", "", "", "7"]),
        (True, ["", "（三）不予公开", "1.属于国家秘密", "1", "", "", "", "", "", "1"]),
        (True, ["", "", "2.其他法律行政法规禁止公开", "2,048", "", "", "", "", "", "2,048"]),
        (False, ["表后文字"]),
    ]
    table_rows = [line for line in document.lines if line.grid]
    assert all(line.in_table for line in table_rows)
    assert [line.number for line in document.lines[:2]] == [10, 12]


def test_word_page_in_gb2312_reads_every_cell():
    report = read_report(HTML / "word-2024-gb2312.htm")
    assert (report.organization, report.year, report.format) == ("某某县人民政府", 2024, "FMT_2021")
    assert report.layouts == {"T2": "FMT_2021", "T3": "FMT_2021", "T4": "FMT_2021"}
    assert values(report, "T2") == {
        "REG": [1, 0, 11],
        "NORM": [8, 26, 66],
        "LICENSE": [447228],
        "PENALTY": [3985758],
        "COERCION": [88283],
        "FEES": [Decimal("96171.6")],
    }
    zeros = [0] * 5
    assert values(report, "T3") == {
        "R1": [3001, 53, 0, 0, 61, 4, 3119],
        "R2": [34, *zeros, 34],
        "R3_1": [1288, 21, 0, 0, 50, 3, 1362],
        "R3_2": [447, 7, 0, 0, 0, 0, 454],
        "R3_3_1": [2, n, n, n, n, n, 2],
        "R3_3_2": [30, 1, 0, 0, 0, 0, 31],
        "R3_3_3": [5, *zeros, 5],
        "R3_3_4": [6, *zeros, 6],
        "R3_3_5": [7, 1, 0, 0, 0, 0, 8],
        "R3_3_6": [12, *zeros, 12],
        "R3_3_7": [9, *zeros, 9],
        "R3_3_8": [105, *zeros, 105],
        "R3_4_1": [746, 12, 0, 0, 10, 1, 769],
        "R3_4_2": [11, *zeros, 11],
        "R3_4_3": [1, *zeros, 1],
        "R3_5_1": [56, 6, 0, 0, 0, 0, 62],
        "R3_5_2": [25, *zeros, 25],
        "R3_5_3": [0, *zeros, 0],
        "R3_5_4": [0, *zeros, 0],
        "R3_5_5": [1, *zeros, 1],
        "R3_6_1": [67, 3, 0, 0, 1, 0, 71],
        "R3_6_2": [6, *zeros, 6],
        "R3_6_3": [108, 2, 0, 0, 0, 0, 110],
        "R3_7": [2932, 53, 0, 0, 61, 4, 3050],
        "R4": [103, *zeros, 103],
    }
    assert values(report, "T4") == {
        "RV": [72, 64, 178, 37, 351],
        "LD": [20, 3, 6, 5, 34],
        "LR": [5, 2, 3, 2, 12],
    }
    assert report.sections == {
        # The source breaks lines between Chinese characters; a browser shows no space.
        "overview": "2024年，我县认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。\n"
        "（一）主动公开情况。全年主动公开政府信息5500余条。",
        "problems": "一是政策解读形式还不够丰富；二是依申请公开答复质量有待提升。",
        "other_matters": "依据《政府信息公开信息处理费管理办法》规定，2024年未收取信息处理费。",
    }
    assert report.notes == []


def test_word_page_drops_office_markup_and_the_column_width_row():
    document = html_to_document((HTML / "word-2024-gb2312.htm").read_bytes(), "word.htm")
    texts = [cell.text for line in document.lines for cell in line.cells]
    assert not any("mso" in text or "DocumentProperties" in text or "办公室" in text for text in texts)
    # Word ends each table with <tr height=0> of empty cells that only fix column widths.
    t4_data = [line for line in document.lines if line.grid and len(line.cells) == 15]
    assert [cell.text for cell in t4_data[-1].cells][:5] == ["72", "64", "178", "37", "351"]
    # Vertical labels printed one character per paragraph join up again.
    assert any(cell.text == "三、本年度办理结果" for line in document.lines for cell in line.cells)


def test_cms_page_with_layout_table_and_menus_reads_every_cell():
    report = read_report(HTML / "cms-2019-layout-table.html")
    assert (report.organization, report.year, report.format) == ("某某市某某区人民政府", 2019, "FMT_2019")
    assert report.layouts == {"T2": "FMT_2019", "T3": "FMT_2019", "T4": "FMT_2019"}
    assert values(report, "T2") == {
        "REG": [n, n, n],
        "NORM": [22, 22, 22],
        "LICENSE": [1578, 487, 174840],
        "OTHER_SERVICE": [890, 1, 519114],
        "PENALTY": [1780, 610, 931891],
        "COERCION": [69, 5, 27429],
        "FEES": [9, -16],
        "PROCUREMENT": [23384, Decimal("132767.89")],
    }
    blank = [n] * 7
    assert values(report, "T3") == {
        "R1": [177, 7, n, n, n, n, 184],
        "R2": [1, n, n, n, n, n, 1],
        "R3_1": [93, 6, n, n, n, n, 99],
        "R3_2": [28, n, n, n, n, n, 28],
        "R3_3_1": blank,
        "R3_3_2": blank,
        "R3_3_3": blank,
        "R3_3_4": [1, n, n, n, n, n, 1],
        "R3_3_5": [1, n, n, n, n, n, 1],
        "R3_3_6": blank,
        "R3_3_7": [4, n, n, n, n, n, 4],
        "R3_3_8": [3, n, n, n, n, n, 3],
        "R3_4_1": [37, 1, n, n, n, n, 38],
        "R3_4_2": blank,
        "R3_4_3": blank,
        "R3_5_1": [6, n, n, n, n, n, 6],
        "R3_5_2": blank,
        "R3_5_3": blank,
        "R3_5_4": blank,
        "R3_5_5": blank,
        "R3_6": [2, n, n, n, n, n, 2],
        "R3_7": [175, 7, n, n, n, n, 182],
        "R4": [3, n, n, n, n, n, 3],
    }
    assert values(report, "T4") == {
        "RV": [7, 5, n, n, 12],
        "LD": [4, 2, 5, n, 11],
        "LR": [n, n, n, n, 0],
    }
    # Menus, breadcrumbs, link-only lines, tools and the site footer are not report text.
    assert report.sections == {
        "overview": "2019年，某某区深入贯彻新修订的《条例》。",
        "problems": "回顾过去一年，我区政府信息公开工作仍存在不足。\n公开内容不够全面；\n解读形式不够丰富。",
        "other_matters": "无。",
    }


def test_cms_page_skips_scripts_menus_and_keeps_links_inside_sentences():
    document = html_to_document((HTML / "cms-2019-layout-table.html").read_bytes(), "cms.html")
    texts = [line.text for line in document.lines if not line.grid]
    assert texts[:3] == [
        "2019年某某区政府信息公开工作年度报告",
        "发布时间：2020-01-20 来源：区政府办公室",
        "本年度报告结合某某市某某区人民政府2019年度政府信息公开工作编制而成，电子版详见区政府网站。",
    ]
    for chrome in (
        "统计代码",
        "访问量",
        "请启用",
        "首页",
        "当前位置",
        "打印本页",
        "网站地图",
        "年度报告.pdf",
    ):
        assert not any(chrome in text for text in texts), chrome


def test_nested_data_table_inside_a_layout_cell_keeps_its_rows():
    page = (
        "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>1</td><td></td><td>3</td></tr></table>"
        "<p>尾注</p></td></tr></table>"
    ).encode()
    assert rows(html_to_document(page, "nested.html")) == [
        (False, ["标题"]),
        (True, ["规章", "1", "", "3"]),
        (False, ["尾注"]),
    ]


def test_malformed_spans_do_not_shift_later_rows():
    page = (
        b"<table><tr><td rowspan='x'>a</td><td colspan='0'>b</td><td rowspan='99'>c</td></tr>"
        b"<tr><td>d</td><td>e</td></tr></table>"
    )
    assert rows(html_to_document(page, "spans.html")) == [(True, ["a", "b", "c"]), (True, ["d", "e", ""])]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("\ufeff<p>公开</p>".encode(), "<p>公开</p>"),
        ("<p>公开</p>".encode("utf-16"), "<p>公开</p>"),
        # A page that declares GBK but is UTF-8: valid UTF-8 wins.
        ('<meta charset="gbk"><p>公开</p>'.encode(), '<meta charset="gbk"><p>公开</p>'),
        ('<meta charset="gbk"><p>公开</p>'.encode("gbk"), '<meta charset="gbk"><p>公开</p>'),
        ('<meta charset="big5"><p>公開</p>'.encode("big5"), '<meta charset="big5"><p>公開</p>'),
        # No declaration: GB18030 is tried after UTF-8.
        ("<p>政府信息公开</p>".encode("gb18030"), "<p>政府信息公开</p>"),
    ],
)
def test_decoding(data, text):
    assert decode_html(data) == text


def test_xhtml_declaration_and_empty_pages():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>公开</p></body></html>'.encode()
    assert rows(html_to_document(page, "x.xhtml")) == [(False, ["公开"])]
    with pytest.raises(ReportReadError, match="网页为空"):
        html_to_document(b"   ", "empty.html")


# --- DOCX ---------------------------------------------------------------------------------


def _add_revision_and_hidden_runs(paragraph) -> None:
    w = nsdecls("w")
    paragraph._p.append(
        parse_xml(f"<w:del {w} w:id='1' w:author='a'><w:r><w:delText>删除的</w:delText></w:r></w:del>")
    )
    paragraph._p.append(parse_xml(f"<w:ins {w} w:id='2' w:author='a'><w:r><w:t>插入的</w:t></w:r></w:ins>"))
    paragraph._p.append(parse_xml(f"<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>隐藏的</w:t></w:r>"))
    paragraph._p.append(parse_xml(f"<w:r {w}><w:instrText> PAGE </w:instrText></w:r>"))
    paragraph._p.append(parse_xml(f"<w:r {w}><w:tab/><w:t>文字</w:t></w:r>"))


def word_document() -> bytes:
    document = docx.Document()
    title = document.add_paragraph("某某县人民政府")
    title.runs[0].add_break()
    title.add_run("2023年政府信息公开工作年度报告")
    _add_revision_and_hidden_runs(document.add_paragraph("正文"))
    document.add_paragraph("")  # empty paragraphs are not lines
    table = document.add_table(rows=3, cols=4)
    note = table.cell(0, 0).merge(table.cell(1, 1))
    note.text = "说明"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "申请人情况"
    table.cell(1, 2).text = "商业"
    table.cell(1, 2).add_paragraph("企业")
    table.cell(1, 3).text = "总计"
    for column, text in enumerate(["一、本年新收", "", "5", "5"]):
        table.cell(2, column).text = text
    # A content control around a paragraph, as templates use for the body's name.
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内文字</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, control)
    # A one-column layout frame around a paragraph and a data table.
    frame = document.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "框内段落"
    inner = frame.cell(0, 0).add_table(rows=1, cols=3)
    for column, text in enumerate(["规章", "1", "2"]):
        inner.cell(0, column).text = text
    document.add_paragraph("结尾")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_lines_in_document_order_with_merged_cells():
    document = docx_to_document(word_document(), "report.docx")
    assert document.kind == "docx"
    assert rows(document) == [
        (False, ["某某县人民政府"]),
        (False, ["2023年政府信息公开工作年度报告"]),
        (False, ["正文插入的 文字"]),
        # The note spans two rows and two columns: one cell, then one empty continuation.
        (True, ["说明", "申请人情况"]),
        (True, ["", "商业企业", "总计"]),
        (True, ["一、本年新收", "", "5", "5"]),
        (False, ["控件内文字"]),
        (False, ["框内段落"]),
        (True, ["规章", "1", "2"]),
        (False, ["结尾"]),
    ]
    assert all(line.in_table for line in document.lines if line.grid)


def test_docx_with_old_style_horizontal_merge():
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "合并"
    merge = OxmlElement("w:hMerge")
    merge.set(qn("w:val"), "continue")
    table.cell(0, 1)._tc.get_or_add_tcPr().append(merge)
    table.cell(0, 2).text = "7"
    buffer = BytesIO()
    document.save(buffer)
    assert rows(docx_to_document(buffer.getvalue(), "h.docx")) == [(True, ["合并", "7"])]


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"
).encode()


def test_docx_main_part_found_through_the_package_relationships():
    relationships = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="/word/main.xml"/></Relationships>'
    )
    data = _zip({"_rels/.rels": relationships, "word/main.xml": BODY})
    assert rows(docx_to_document(data, "main.docx")) == [(False, ["正文"])]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 truncated", "损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "旧版 .doc"),
        (_zip({"word/other.xml": b"<x/>"}), "缺少正文"),
        (_zip({"word/document.xml": b"<w:document><w:body>"}), "不是有效的 XML"),
        (_zip({"word/document.xml": b"<document/>"}), "没有正文"),
        (
            _zip({"word/document.xml": b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>'}),
            "没有正文",
        ),
    ],
)
def test_corrupt_docx_raises_a_read_error(data, message):
    with pytest.raises(ReportReadError, match=message) as raised:
        docx_to_document(data, "broken.docx")
    assert raised.value.source == "broken.docx"


def test_files_named_docx_that_are_not_word_files_are_read_errors():
    data = word_document()
    with pytest.raises(ReportReadError):
        read_report_bytes(data[: len(data) // 2], "report.docx")
    with pytest.raises(ReportReadError, match="损坏"):
        read_report_bytes(b"\x00\x01 not a zip at all", "report.docx")
