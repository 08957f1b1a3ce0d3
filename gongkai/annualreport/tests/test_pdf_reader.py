"""The PDF reader: published PDFs with ruled tables are covered by test_published_reports;
here, tables printed WITHOUT ruling lines (built from the founding report with WeasyPrint,
so that every cell, blank ones included, is known), and inputs that are not readable
reports."""

from __future__ import annotations

import hashlib
import html
import random
from decimal import Decimal

import pytest

from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import SECTION_TITLES, T3_HEADER_NOTE, get_format
from gongkai.annualreport.model import AnnualReport, Cell, format_number
from gongkai.annualreport.readers import read_report, read_report_bytes
from gongkai.annualreport.readers.pdf import pdf_to_document

from .conftest import DATA, FOUNDING

weasyprint = pytest.importorskip("weasyprint")

# Borderless on purpose: no border, no background, nothing pdfplumber could take for a
# ruling line. Columns are wide enough that no label wraps, as in a report typeset with
# care; group labels sit at the top of the rows they span.
_CSS = """
@page { size: A4 landscape; margin: 36pt 40pt; }
body { font-family: "Noto Sans CJK SC"; font-size: 9pt; line-height: 1.5; }
h1 { font-size: 16pt; text-align: center; font-weight: normal; }
h2 { font-size: 11pt; font-weight: normal; margin: 10pt 0 4pt 0; }
p { text-indent: 2em; margin: 0; text-align: left; }
table { border-collapse: collapse; margin: 4pt 0 8pt 0; table-layout: fixed; }
td { padding: 1pt 6pt; vertical-align: top; text-align: center; white-space: nowrap; }
td.label { text-align: left; }
td.number { text-align: NUMBER_ALIGN; }
"""


def _td(text: str, css: str = "", span: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<td{klass}{span}>{html.escape(text)}</td>"


def _numbers(values: list[Cell]) -> str:
    return "".join(_td(format_number(value), "number") for value in values)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def _t2_html(report: AnnualReport) -> str:
    fmt = get_format(report.layouts["T2"])
    width = max(len(block.columns) for block in fmt.t2_blocks)
    rows = []
    for block in fmt.t2_blocks:
        rows.append(f"<tr>{_td(block.heading, span=f' colspan={width + 1}')}</tr>")
        header = [_td("信息内容", "label"), *(_td(c.label) for c in block.columns)]
        rows.append(f"<tr>{''.join(header)}</tr>")
        for row in block.rows:
            values = list(report.tables["T2"][row.code].values())
            rows.append(f"<tr>{_td(row.label, 'label')}{_numbers(values)}</tr>")
    columns = '<col style="width:170pt">' + '<col style="width:110pt">' * width
    return f"<table>{columns}{''.join(rows)}</table>"


def _t3_html(report: AnnualReport) -> str:
    fmt = get_format(report.layouts["T3"])
    parts = [c.label for c in fmt.t3_columns]
    rows = [
        "<tr>"
        + _td(T3_HEADER_NOTE, "label", " colspan=3 rowspan=3 style='white-space:normal'")
        + _td("申请人情况", span=" colspan=7")
        + "</tr>",
        "<tr>"
        + _td(parts[0], span=" rowspan=2")
        + _td("法人或其他组织", span=" colspan=5")
        + _td(parts[-1], span=" rowspan=2")
        + "</tr>",
        "<tr>" + "".join(_td(label) for label in parts[1:-1]) + "</tr>",
    ]
    spans: dict[str, int] = {}
    for row in fmt.t3_rows:
        spans[row.group] = spans.get(row.group, 0) + 1
    outcome_rows = sum(1 for row in fmt.t3_rows if row.code.startswith("R3_"))
    opened: set[str] = set()
    for row in fmt.t3_rows:
        cells = []
        label = f"{row.enumerator}{row.label}"
        if row.code.startswith("R3_") and "outcome" not in opened:
            opened.add("outcome")
            cells.append(_td("三、本年度办理结果", "label", f" rowspan={outcome_rows}"))
        if not row.code.startswith("R3_"):
            cells.append(_td(label, "label", " colspan=3"))
        elif row.group.startswith("（") and spans[row.group] > 1:
            if row.group not in opened:
                opened.add(row.group)
                cells.append(_td(row.group, "label", f" rowspan={spans[row.group]}"))
            cells.append(_td(label, "label"))
        else:
            cells.append(_td(label, "label", " colspan=2"))
        values = list(report.tables["T3"][row.code].values())
        rows.append(f"<tr>{''.join(cells)}{_numbers(values)}</tr>")
    columns = '<col style="width:100pt"><col style="width:80pt"><col style="width:200pt">'
    columns += '<col style="width:54pt">' * 7
    return f"<table>{columns}{''.join(rows)}</table>"


def _t4_html(report: AnnualReport) -> str:
    labels = [c.label for c in get_format(report.layouts["T4"]).t4_columns]
    rows = [
        "<tr>" + _td("行政复议", span=" colspan=5") + _td("行政诉讼", span=" colspan=10") + "</tr>",
        "<tr>"
        + "".join(_td(label, span=" rowspan=2") for label in labels)
        + _td("未经复议直接起诉", span=" colspan=5")
        + _td("复议后起诉", span=" colspan=5")
        + "</tr>",
        "<tr>" + "".join(_td(label) for label in labels * 2) + "</tr>",
    ]
    values = [value for group in report.tables["T4"].values() for value in group.values()]
    rows.append(f"<tr>{_numbers(values)}</tr>")
    columns = '<col style="width:50pt">' * 15
    return f"<table>{columns}{''.join(rows)}</table>"


def borderless_pdf(report: AnnualReport, number_align: str = "center") -> bytes:
    body = [f"<h1>{html.escape(f'{report.organization}{report.year}年政府信息公开工作年度报告')}</h1>"]
    for name, title in SECTION_TITLES.items():
        body.append(f"<h2>{html.escape(title)}</h2>")
        if name == "T2":
            body.append(_t2_html(report))
        elif name == "T3":
            body.append(_t3_html(report))
        elif name == "T4":
            body.append(_t4_html(report))
        else:
            body.append(_paragraphs(report.sections[name]))
    page = f"<html><head><style>{_CSS.replace('NUMBER_ALIGN', number_align)}</style></head><body>{''.join(body)}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


@pytest.fixture(scope="module")
def founding() -> AnnualReport:
    return read_report(FOUNDING)


@pytest.fixture(scope="module", params=["center", "right"])
def borderless(request: pytest.FixtureRequest, founding: AnnualReport) -> bytes:
    return borderless_pdf(founding, request.param)


def test_the_test_pdf_has_no_ruled_tables(borderless: bytes) -> None:
    from io import BytesIO

    import pdfplumber

    with pdfplumber.open(BytesIO(borderless)) as pdf:
        assert all(not page.find_tables() for page in pdf.pages)
        assert all(not page.lines and not page.rects for page in pdf.pages)


def test_borderless_tables_read_with_every_cell_right(borderless: bytes, founding: AnnualReport) -> None:
    report = read_report_bytes(borderless, "founding-borderless.pdf")
    assert report.tables == founding.tables
    assert report.layouts == founding.layouts
    assert (report.organization, report.year) == (founding.organization, founding.year)
    # Blank cells are blank, not 0, and amounts keep their decimals.
    assert report.tables["T3"]["R3_3_1"] == {code: None for code in founding.tables["T3"]["R3_3_1"]}
    assert report.tables["T2"]["PROCUREMENT"]["AMOUNT"] == Decimal("132767.89")
    assert report.tables["T4"]["LR"] == {
        "MAINTAIN": None,
        "CORRECT": None,
        "OTHER": None,
        "PENDING": None,
        "TOTAL": 0,
    }


def test_borderless_narrative_keeps_its_paragraphs(borderless: bytes, founding: AnnualReport) -> None:
    report = read_report_bytes(borderless, "founding-borderless.pdf")
    assert report.sections == founding.sections


def test_numbers_without_ruling_lines_are_cells_with_positions(borderless: bytes) -> None:
    document = pdf_to_document(borderless, "founding-borderless.pdf")
    assert document.kind == "pdf"
    row = next(line for line in document.lines if line.compact.startswith("一、本年新收"))
    assert not row.grid
    assert [cell.text for cell in row.cells] == ["一、本年新收政府信息公开申请数量", "177", "7", "184"]
    assert all(cell.x is not None and cell.width for cell in row.cells)
    assert row.cells[3].x - row.cells[2].x > 5 * 54  # 184 is five columns right of 7


def test_ruled_table_rows_are_grid_lines_and_frames_are_text() -> None:
    document = pdf_to_document((DATA / "hongze-district-2023.pdf").read_bytes(), "hongze.pdf")
    grid = [line for line in document.lines if line.grid]
    assert all(line.in_table for line in grid)
    header = next(line for line in grid if "商业企业" in [cell.text for cell in line.cells])
    assert [cell.text for cell in header.cells][:3] == ["商业企业", "科研机构", "社会公益组织"]
    total = next(line for line in grid if line.compact.startswith("(七)总计"))
    assert [cell.text for cell in total.cells] == ["（七）总计", "", "21", "0", "0", "0", "0", "0", "21"]
    # The page frame around the narrative is a one-column "table": read as indented text.
    opening = next(line for line in document.lines if line.compact.startswith("(一)主动公开情况"))
    assert not opening.grid and opening.indent is not None and opening.indent > 100


def test_messages_about_a_pdf_name_the_page_and_line() -> None:
    # The founding report's cells one per paragraph, empty cells dropped: rows of table 二
    # whose numbers cannot be placed are reported with the page and the line on it.
    text = FOUNDING.read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    page = f"<html><body style='font-family: \"Noto Sans CJK SC\"'>{paragraphs}</body></html>"
    data = weasyprint.HTML(string=page).write_pdf()
    document = pdf_to_document(data, "founding-paragraphs.pdf")
    assert {line.page for line in document.lines} == set(
        range(1, max(line.page or 0 for line in document.lines) + 1)
    )
    report = read_report_bytes(data, "founding-paragraphs.pdf")
    rules = next(note for note in report.notes if note.table == "T2" and note.row == "REG")
    line = next(line for line in document.lines if line.compact == "规章")
    assert f"（第{line.page}页第{line.number}行）" in rules.message
    assert f"(page {line.page}, line {line.number})" in rules.message_en


def test_a_pdf_that_is_not_a_report_is_refused() -> None:
    page = "<html><body><p>会议通知：请于周五下午三点到会议室开会。</p></body></html>"
    data = weasyprint.HTML(string=page).write_pdf()
    with pytest.raises(ReportReadError, match="不是政府信息公开工作年度报告"):
        read_report_bytes(data, "notice.pdf")


def test_a_pdf_without_text_is_refused_as_a_scan() -> None:
    page = '<html><body><div style="width:200pt;height:100pt;background:#888"></div></body></html>'
    data = weasyprint.HTML(string=page).write_pdf()
    with pytest.raises(ReportReadError, match="无可提取的文字"):
        read_report_bytes(data, "scan.pdf")


@pytest.mark.parametrize("keep", [0.99, 0.5, 0.1])
def test_a_truncated_pdf_is_refused(keep: float) -> None:
    data = (DATA / "huaian-city-2024.pdf").read_bytes()
    with pytest.raises(ReportReadError, match="不完整") as raised:
        read_report_bytes(data[: int(len(data) * keep)], "huaian.pdf")
    assert raised.value.source == "huaian.pdf"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n", "损坏"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 8, "损坏"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "没有页面"),
    ],
    ids=["header-only", "garbage", "no-pages"],
)
def test_a_broken_pdf_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReportReadError, match=message):
        read_report_bytes(data, "broken.pdf")


@pytest.mark.parametrize("seed", range(6))
def test_damage_inside_a_pdf_never_escapes_as_another_error(seed: int) -> None:
    data = bytearray((DATA / "hongze-district-2023.pdf").read_bytes())
    chance = random.Random(seed)
    for _ in range(4):
        at = chance.randrange(len(data) - 64)
        data[at : at + 64] = chance.randbytes(64)
    try:
        report = read_report_bytes(bytes(data), "damaged.pdf")
    except ReportReadError as error:
        assert error.source == "damaged.pdf"
    else:
        assert report.year == 2023  # the damage missed everything the reader needs


_PASSWORD_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def locked_pdf(user_password: bytes) -> bytes:
    """A one-page PDF under the standard security handler (40-bit RC4, revision 2), so
    that opening it needs ``user_password``; built by hand as no PDF writer here encrypts."""
    padded_user = (user_password + _PASSWORD_PADDING)[:32]
    owner = _rc4(hashlib.md5(b"owner" + _PASSWORD_PADDING[:27]).digest()[:5], padded_user)
    permissions = (-44).to_bytes(4, "little", signed=True)
    file_id = hashlib.md5(b"gongkai-test").digest()
    key = hashlib.md5(padded_user + owner + permissions + file_id).digest()[:5]
    user = _rc4(key, _PASSWORD_PADDING)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner.hex().encode()
        + b"> /U <"
        + user.hex().encode()
        + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s><%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_an_encrypted_pdf_is_refused() -> None:
    with pytest.raises(ReportReadError, match="加密"):
        read_report_bytes(locked_pdf(b"secret"), "locked.pdf")


def test_the_hand_made_encryption_is_real() -> None:
    # With an empty user password the same file opens: the refusal above is about the
    # password, not about a malformed file.
    assert "加密" not in _error_of(locked_pdf(b""))


def _error_of(data: bytes) -> str:
    try:
        pdf_to_document(data, "locked.pdf")
    except ReportReadError as error:
        return str(error)
    return ""


def test_type_printed_twice_for_bold_reads_once() -> None:
    # Word processors fake bold by printing the text again a fraction of a point aside.
    heading = "一、总体情况"
    page = (
        "<html><body style=\"font-family: 'Noto Sans CJK SC'; font-size: 12pt\">"
        f'<div style="position: relative">{heading}'
        f'<span style="position: absolute; left: 0.4pt; top: 0.2pt">{heading}</span></div>'
        "<p>2020 年，本机关 0 0 公开。</p></body></html>"
    )
    document = pdf_to_document(weasyprint.HTML(string=page).write_pdf(), "bold.pdf")
    assert [line.text for line in document.lines] == [heading, "2020 年，本机关 0 0 公开。"]


def test_watermarks_are_dropped_and_turned_labels_read_in_order() -> None:
    page = (
        "<html><body style=\"font-family: 'Noto Sans CJK SC'; font-size: 12pt; margin: 40pt\">"
        '<div style="position: absolute; top: 200pt; left: 100pt; font-size: 40pt;'
        ' transform: rotate(-30deg); color: #ddd">仅供参考</div>'
        "<p>一、总体情况</p>"
        '<div style="position: absolute; top: 300pt; left: 60pt; transform: rotate(-90deg);'
        ' transform-origin: left top">本年度办理结果</div>'
        "</body></html>"
    )
    document = pdf_to_document(weasyprint.HTML(string=page).write_pdf(), "marked.pdf")
    texts = [line.text for line in document.lines]
    assert "一、总体情况" in texts
    assert "本年度办理结果" in texts
    assert not any(char in "".join(texts) for char in "仅供参考")


def test_a_ruled_row_of_blank_cells_is_a_row_of_blanks() -> None:
    # Table 四 of a body with no review or litigation prints a data row of empty cells.
    cells = "".join(f"<td>{label}</td>" for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    page = (
        "<html><head><style>td { border: 1px solid black; padding: 4pt; width: 50pt }"
        " table { border-collapse: collapse }</style></head>"
        "<body style=\"font-family: 'Noto Sans CJK SC'; font-size: 10pt\">"
        f"<table><tr>{cells}</tr><tr>{'<td></td>' * 5}</tr></table></body></html>"
    )
    document = pdf_to_document(weasyprint.HTML(string=page).write_pdf(), "blank-row.pdf")
    grid = [line for line in document.lines if line.grid]
    assert [[cell.text for cell in line.cells] for line in grid] == [
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["", "", "", "", ""],
    ]
