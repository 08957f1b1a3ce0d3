"""Every writer that has a reader gives back the report it was given: read(write(r)) == r
for random reports, valid and invalid, in both formats and in mixed layouts.

PDF pages are finite: a number wider than its column would wrap and read back as two,
so the PDF properties draw figures of up to ten digits (real reports print at most seven)
and table 四 figures of up to seven. An all-blank table 四 cannot yet come back from a
PDF (see test_pdf_blank_table_four_reads_back).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.formats import FMT_2019, FMT_2021, FormatCode
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report, read_report_bytes
from gongkai.annualreport.writers import render

from .conftest import FOUNDING
from .strategies import annual_reports, printed_format, valid_reports

FORMATS = ("json", "html", "docx", "pdf")


def round_trip(report: AnnualReport, to: str) -> AnnualReport:
    name, _, content = render(report, to)
    return read_report_bytes(content, name)


def blank_report(layout: FormatCode, t2: FormatCode | None = None) -> AnnualReport:
    """A report with every cell blank; table 二 in another layout when ``t2`` is given."""
    t2 = t2 or layout
    printed = printed_format(t2, layout, None)
    return AnnualReport.empty(printed, layouts={"T2": t2, "T3": layout, "T4": printed})


@pytest.mark.parametrize("to", FORMATS)
def test_the_founding_report_reads_back_equal(to):
    report = read_report(FOUNDING)
    back = round_trip(report, to)
    assert back == report
    assert back.tables["T2"]["PROCUREMENT"]["AMOUNT"] == Decimal("132767.89")
    assert back.sections["other_matters"] == "无。"


@pytest.mark.parametrize("to", ["json", "html", "docx"])
@pytest.mark.parametrize("layout", [FMT_2019, FMT_2021])
def test_a_blank_report_reads_back_blank(to, layout):
    report = blank_report(layout)
    assert round_trip(report, to) == report


QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(annual_reports())
def test_json_round_trip(report):
    assert round_trip(report, "json") == report


@QUICK
@given(annual_reports())
@example(blank_report(FMT_2021, FMT_2019))
def test_html_round_trip(report):
    assert round_trip(report, "html") == report


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annual_reports())
@example(blank_report(FMT_2019, FMT_2021))
def test_docx_round_trip(report):
    assert round_trip(report, "docx") == report


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(annual_reports(magnitude=10**9, t4_magnitude=10**6))
def test_pdf_round_trip(report):
    assert round_trip(report, "pdf") == report


@pytest.mark.slow
@settings(max_examples=6, deadline=None)
@given(annual_reports(magnitude=10**6, mixed=True))
def test_pdf_round_trip_of_mixed_layouts(report):
    assert report.layouts["T2"] != report.layouts["T3"]
    assert round_trip(report, "pdf") == report


def test_pdf_blank_table_four_reads_back():
    """A 表四 printed with no figure at all (a body with no review or lawsuit) is a real
    row of blank cells, not a missing table."""
    report = blank_report(FMT_2021)
    report.set_cell("T3", "R1", "NP", 1)
    assert round_trip(report, "pdf") == report


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["html", "docx"]), annual_reports(mixed=True))
def test_mixed_layouts_round_trip(to, report):
    assert report.layouts["T2"] != report.layouts["T3"]
    assert round_trip(report, to) == report


@settings(max_examples=100, deadline=None)
@given(valid_reports())
def test_valid_reports_pass_the_identities(report):
    """The strategy's valid reports are valid: no identity (I1–I5) fails."""
    assert [f for f in errors(check_report(report)) if f.rule in ("I1", "I2", "I3", "I4", "I5")] == []


def test_a_format_holds_its_own_row_folding_cell_counts_titles_and_labels():
    from gongkai.annualreport.formats import FMT_2019, FMT_2021, get_format

    old, new = get_format(FMT_2019), get_format(FMT_2021)
    assert (old.t3_cell_count, new.t3_cell_count) == (161, 175)
    assert [old.t3_row_for(code) for code in ("R3_6_1", "R3_6_2", "R3_6_3", "R3_5_1")] == [
        "R3_6",
        "R3_6",
        "R3_6",
        "R3_5_1",
    ]
    assert new.t3_row_for("R3_6_2") == "R3_6_2"
    for fmt in (old, new):
        for table in ("T2", "T3", "T4"):
            assert set(fmt.row_labels(table)) == set(AnnualReport.empty(fmt.code).tables[table])
    assert new.table_title("T3") == "三、收到和处理政府信息公开申请情况"
    assert new.row_labels("T4")["LD"] == "行政诉讼·未经复议直接起诉"
    assert old.row_labels("T2")["PROCUREMENT"] == "第二十条第（九）项 政府集中采购"
