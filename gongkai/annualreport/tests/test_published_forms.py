"""Every real report, printed in each form that crawlers and converters produce, reads back
to the same figures — or, where the form lost what no identity can restore, the row is left
blank with an R2 (tables 三, 四) or R4 (table 二) finding that lists the candidates. Never a
wrong figure in silence.

The forms (``textforms``): a crawler's page (header block, the whole body on one line,
headings run into text, cells run together, blank cells printing nothing); Markdown made
from a PDF (``#`` headings, bold labels, pipe tables), table 三 split into one table per
row group with its header repeated, generic headers (项目 | 数据1 …) and rows that number the
columns, labels in one row and numbers in the next; OCR look-alike characters in labels and headings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report, read_report_text

from . import textforms
from .conftest import DATA, FOUNDING

# Every real report of the data folder, each once (the PDFs are the same reports).
REAL = [
    FOUNDING,
    DATA / "huaian-city-2024.layout.txt",
    DATA / "hongze-district-2023.layout.txt",
    DATA / "pingtan-zone-2023.page.txt",
]
FORMS = {
    "crawled-page": textforms.as_crawled_page,
    "markdown": textforms.as_markdown,
    "markdown-split": lambda report: textforms.as_markdown(report, split=True),
    "markdown-generic-header": lambda report: textforms.as_markdown(report, split=True, generic_header=True),
    "markdown-labels-apart": lambda report: textforms.as_markdown(report, split=True, labels_apart=True),
    "markdown-everything": lambda report: textforms.as_markdown(
        report, split=True, generic_header=True, labels_apart=True, numbered_columns=True
    ),
    "ocr-markdown": lambda report: textforms.with_ocr_noise(textforms.as_markdown(report, split=True), 1),
    "ocr-tab-separated": lambda report: textforms.with_ocr_noise(textforms.as_tab_separated(report), 2),
    "ocr-crawled-page": lambda report: textforms.with_ocr_noise(textforms.as_crawled_page(report), 3),
}
# Forms that keep every cell's place: every figure must come back, with no R2/R4.
LOSSLESS = {name for name in FORMS if "crawled" not in name}

_BASES: dict[Path, AnnualReport] = {}


def base(path: Path) -> AnnualReport:
    if path not in _BASES:
        _BASES[path] = read_report(path)
    return _BASES[path]


def _reported_blank(read: AnnualReport, table: str, row: str) -> bool:
    rows = {row, "RV/LD/LR"} if table == "T4" else {row}
    reported = any(
        note.table == table and (note.row in rows or note.row is None) and note.rule in ("R2", "R4")
        for note in read.notes
    )
    return reported and all(value is None for value in read.tables[table][row].values())


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("path", REAL, ids=[path.name for path in REAL])
def test_every_figure_survives_the_form_or_is_reported(path, form):
    original = base(path)
    read = read_report_text(FORMS[form](original), f"{path.name}.{form}")
    assert read.year == original.year
    assert read.layouts == original.layouts
    for table in ("T2", "T3", "T4"):
        for row, cells in original.tables[table].items():
            if read.tables[table][row] != cells:
                assert form not in LOSSLESS, (table, row, read.tables[table][row], cells)
                assert _reported_blank(read, table, row), (table, row, read.tables[table][row], cells)
    if form in LOSSLESS:
        assert read.tables == original.tables
        assert not [note for note in read.notes if note.rule in ("R2", "R4")]
        # The report's own errors, and only those, are found in every lossless form.
        assert {f.location() for f in errors(check_report(read))} == {
            f.location() for f in errors(check_report(original))
        }


@pytest.mark.parametrize("path", REAL, ids=[path.name for path in REAL])
def test_the_totals_of_tables_3_and_4_survive_a_crawled_page_of_reports_that_print_every_cell(path):
    original = base(path)
    if any(value is None for row in original.tables["T3"].values() for value in row.values()):
        pytest.skip("blank cells print nothing on a crawled page: their places are lost")
    read = read_report_text(textforms.as_crawled_page(original))
    for row, cells in original.tables["T3"].items():
        assert read.tables["T3"][row]["TOTAL"] == cells["TOTAL"], row


def test_a_crawled_page_gives_metadata_not_a_title_for_the_organization():
    original = base(DATA / "pingtan-zone-2023.page.txt")
    read = read_report_text(textforms.as_crawled_page(original))
    assert read.organization == "平潭综合实验区"
    assert not read.organization.startswith("标题")
    assert (read.published_on, read.source_url) == (
        "2024-03-08",
        "https://www.example.gov.cn/zfxxgk/nb/t20240308_1.htm",
    )


def test_the_real_crawled_page_reads_its_metadata_and_its_sections():
    report = read_report(DATA / "pingtan-zone-2023.page.txt")
    assert report.organization == "平潭综合实验区" and report.year == 2023
    assert report.published_on == "2024-03-08"
    assert report.source_url == "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm"
    assert report.sections["problems"].startswith("存在的问题主要有以下几个方面")
    assert report.sections["other_matters"] == "2023年，无收取信息处理费情况。"
    # Table 二's 行政规范性文件 row ran together (77132470) and table 二 has no identity:
    # a warning with the candidates, never a guess, and never an error of the report.
    (r4,) = [note for note in report.notes if note.rule == "R4"]
    assert (r4.severity, r4.row) == ("warning", "NORM") and [7, 7, 132470] in r4.found
    assert errors(check_report(report)) == []


def test_loosely_matched_labels_are_noted_with_what_was_printed():
    original = base(DATA / "huaian-city-2024.layout.txt")
    read = read_report_text(textforms.with_ocr_noise(textforms.as_tab_separated(original), 2))
    assert read.tables == original.tables
    loose = [note for note in read.notes if note.rule in ("L2", "N2")]
    assert loose and all(note.severity == "warning" and note.found for note in loose)
    printed = {note.found for note in loose}
    assert any(char in "".join(map(str, printed)) for char in textforms.OCR_LOOKALIKES.values())


@pytest.mark.parametrize(
    "heading",
    [
        "五、存在的主要问题及改进情况",
        "五、存在的主要问题及整改措施",
        "五、存在的主要问题及整改情况",
        "五、存在的问题及改进措施",
    ],
)
def test_section_five_is_found_under_each_of_its_headings(heading):
    text = textforms.as_tab_separated(base(FOUNDING)).replace("五、存在的主要问题及改进情况", heading)
    read = read_report_text(text)
    assert read.sections["problems"] == base(FOUNDING).sections["problems"]
    assert not [note for note in read.notes if note.rule == "N1"]


def test_a_heading_run_into_the_text_before_it_is_found():
    text = textforms.as_tab_separated(base(FOUNDING))
    # The end of the overview runs into 二's heading, the end of 五 into 六's.
    glued = text.replace("\n二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n").replace(
        "\n六、其他需要报告的事项\n", "六、其他需要报告的事项"
    )
    assert glued.count("\n") == text.count("\n") - 3
    read = read_report_text(glued)
    assert read.tables == base(FOUNDING).tables
    assert read.sections == base(FOUNDING).sections


@pytest.mark.parametrize("meta", [True, False], ids=["with-meta", "without-meta"])
@pytest.mark.parametrize("path", REAL, ids=[path.name for path in REAL])
def test_a_whole_web_page_reads_to_the_report_without_the_site_around_it(path, meta):
    from gongkai.annualreport.readers import read_report_bytes

    original = base(path)
    read = read_report_bytes(textforms.as_web_page(original, meta=meta).encode("utf-8"), "page.html")
    assert read.tables == original.tables
    assert read.sections == original.sections
    assert (read.organization, read.year) == (original.organization, original.year)
    assert read.published_on == "2024-01-20"
    assert read.source_url == ("https://www.example.gov.cn/zfxxgk/nb/t20240120_1.html" if meta else None)


def test_without_a_title_the_organization_comes_from_the_signature():
    page = (DATA / "pingtan-zone-2023.page.txt").read_text(encoding="utf-8")
    untitled = "\n".join(line for line in page.split("\n") if not line.startswith("标题")).rstrip()
    signed = untitled + "平潭综合实验区管委会办公室2024年3月8日\n"
    read = read_report_text(signed)
    assert read.organization == "平潭综合实验区管委会办公室"
    assert read.year == 2023  # from the statistical period of the introduction
    assert read.tables == read_report(DATA / "pingtan-zone-2023.page.txt").tables


@pytest.mark.parametrize(
    ("statutory", "variant"),
    [
        ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开申请行政复议、行政诉讼情况"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议和行政诉讼情况"),
        ("三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况"),
    ],
)
def test_table_headings_are_found_under_their_variants(statutory, variant):
    text = textforms.as_tab_separated(base(FOUNDING)).replace(statutory, variant)
    assert variant in text
    read = read_report_text(text)
    assert read.tables == base(FOUNDING).tables
