"""The text reader reads every plain-text form of a report: cell per line, tab-separated,
space-aligned (blank cells printing nothing), GB18030, with a BOM, full-width digits, and
rows whose cells ran together — which it recovers from the identities where they allow one
reading, and otherwise reports with the candidates."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.formats import FMT_2019, FMT_2021, get_format
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report, read_report_bytes, read_report_text

from . import textforms
from .conftest import FOUNDING

FOUNDING_REPORT = read_report(FOUNDING)


def test_cell_per_line_form():
    assert read_report_text(textforms.as_cell_per_line(FOUNDING_REPORT)).tables == FOUNDING_REPORT.tables


def test_tab_separated_form():
    assert read_report_text(textforms.as_tab_separated(FOUNDING_REPORT)).tables == FOUNDING_REPORT.tables


def test_layout_form_keeps_blank_cells_in_their_columns():
    report = read_report_text(textforms.as_layout(FOUNDING_REPORT))
    assert report.tables == FOUNDING_REPORT.tables
    assert report.tables["T3"]["R1"]["LP_RES"] is None
    # Rows printed with every cell blank are found by their labels, not reported missing.
    assert report.notes == []


def test_a_table_whose_blank_cells_were_lost_is_an_error_not_a_cut_short_report():
    # The founding report's cells copied without the empty ones: table 三 keeps 30 of its
    # 161 cells, which no reading can place. The report is still read (tables 二 and 四,
    # the narrative), with table 三 blank and an R2 error that says why.
    text = FOUNDING.read_text(encoding="utf-8")
    without_blanks = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    report = read_report_text(without_blanks)
    (t3_error,) = [note for note in report.notes if note.table == "T3"]
    assert (t3_error.rule, t3_error.severity, t3_error.found) == ("R2", "error", 30)
    assert all(value is None for row in report.tables["T3"].values() for value in row.values())
    assert report.sections == FOUNDING_REPORT.sections
    assert report.organization == FOUNDING_REPORT.organization and report.year == 2020


def test_gb18030_and_bom_and_crlf():
    text = FOUNDING.read_text(encoding="utf-8")
    for data in (
        text.encode("gb18030"),
        text.replace("\u2022", "·").encode("gbk"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.replace("\n", "\r\n").encode("utf-8"),
        text.encode("utf-16"),
    ):
        assert read_report_bytes(data, "founding.txt").tables == FOUNDING_REPORT.tables


def test_full_width_digits_and_spaces_inside_labels():
    text = FOUNDING.read_text(encoding="utf-8")
    wide = (
        text.replace("\t177\n", "\t１７７\n")
        .replace("一、本年新收", "一、本 年 新收")
        .replace("（七）总计", "（七）总　计")
    )
    report = read_report_text(wide)
    assert report.tables == FOUNDING_REPORT.tables


def test_the_run_together_example_of_the_issue():
    base = read_report(FOUNDING.parent / "huaian-city-2024.layout.txt")
    text = (
        textforms.as_tab_separated(base)
        .replace(
            "一、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119",
            "一、本年新收政府信息公开申请数量230 000023",
        )
        .replace(
            "二、上年结转政府信息公开申请数量\t34\t0\t0\t0\t0\t0\t34",
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        )
    )
    # Keep the table consistent: R1 = 23 and R2 = 0 -> R3_7 + R4 must be 23 as well.
    report = read_report_text(text)
    assert list(report.tables["T3"]["R1"].values()) == [23, 0, 0, 0, 0, 0, 23]
    recovered = [n for n in report.notes if n.rule == "R1" and n.row == "R1"]
    assert recovered, "a recovered row is reported, never silently"


def test_an_ambiguous_run_together_row_is_reported_with_its_candidates():
    text = textforms.as_tab_separated(FOUNDING_REPORT).replace(
        "一、本年新收政府信息公开申请数量\t177\t7\t\t\t\t\t184", "一、本年新收政府信息公开申请数量102122219"
    )
    report = read_report_text(text)
    ambiguous = [n for n in report.notes if n.rule == "R2" and n.row == "R1"]
    assert ambiguous and ambiguous[0].severity == "error"
    assert len(ambiguous[0].found) > 1
    assert all(v is None for v in report.tables["T3"]["R1"].values())


@st.composite
def consistent_reports(draw: st.DrawFn) -> AnnualReport:
    """Reports whose tables obey every identity, with every cell printed."""
    layout = draw(st.sampled_from([FMT_2019, FMT_2021]))
    report = AnnualReport.empty(
        layout, organization="某某市某某区人民政府", year=2024 if layout == FMT_2021 else 2020
    )
    fmt = get_format(layout)
    small = st.integers(min_value=0, max_value=draw(st.sampled_from([3, 40, 3000])))
    t3 = report.tables["T3"]
    totals = {c: 0 for c in t3["R1"]}
    for code in fmt.t3_outcome_row_codes:
        parts = [draw(small) for _ in range(6)]
        t3[code] = dict(zip(t3[code], [*parts, sum(parts)], strict=True))
        for column, value in t3[code].items():
            totals[column] += value  # type: ignore[operator]
    t3["R3_7"] = dict(totals)
    carried = [draw(small) for _ in range(6)]
    t3["R4"] = dict(zip(t3["R4"], [*carried, sum(carried)], strict=True))
    before = [draw(st.integers(0, min(totals[c], 5))) for c in list(totals)[:6]]
    t3["R2"] = dict(zip(t3["R2"], [*before, sum(before)], strict=True))
    t3["R1"] = {c: totals[c] + t3["R4"][c] - t3["R2"][c] for c in totals}  # type: ignore[operator]
    for group in report.tables["T4"].values():
        parts = [draw(small) for _ in range(4)]
        group.update(zip(group, [*parts, sum(parts)], strict=True))
    for row, cells in report.tables["T2"].items():
        for column in cells:
            kind = fmt.t2_column(row, column).kind
            cells[column] = Decimal(draw(st.integers(0, 10**6))) / 100 if kind == "amount" else draw(small)
    report.sections = {"overview": "总体情况。", "problems": "问题。", "other_matters": "无。"}
    return report


@settings(max_examples=40, deadline=None)
@given(consistent_reports())
def test_consistent_reports_read_back_from_every_text_form(report):
    for text in (
        textforms.as_cell_per_line(report),
        textforms.as_tab_separated(report),
        textforms.as_layout(report),
    ):
        read = read_report_text(text)
        assert read.tables == report.tables
        assert errors(check_report(read)) == []


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.integers(0, 10**6))
def test_run_together_rows_are_recovered_or_reported_never_guessed(report, seed):
    read = read_report_text(textforms.as_run_together(report, seed))
    ambiguous = {(n.table, n.row) for n in read.notes if n.rule == "R2"}
    for table in ("T3",):
        for row, cells in read.tables[table].items():
            if (table, row) in ambiguous:
                assert all(v is None for v in cells.values())
            else:
                assert cells == report.tables[table][row], (row, read.notes)
    t4_ambiguous = any(t == "T4" for t, _ in ambiguous)
    if not t4_ambiguous:
        assert read.tables["T4"] == report.tables["T4"]


@settings(max_examples=30, deadline=None)
@given(consistent_reports())
def test_crawled_pages_are_recovered_or_reported_never_guessed(report):
    """The whole body on one line, every cell run into the next: each row of table 三 is
    read right (the identities leave one reading) or left blank with an R2 error."""
    read = read_report_text(textforms.as_crawled_page(report))
    ambiguous = {n.row for n in read.notes if n.rule == "R2" and n.table == "T3"}
    for row, cells in read.tables["T3"].items():
        if row in ambiguous:
            assert all(v is None for v in cells.values())
        else:
            assert cells == report.tables["T3"][row], (row, read.notes)
    if not any(n.rule == "R2" and n.table == "T4" for n in read.notes):
        assert read.tables["T4"] == report.tables["T4"]
