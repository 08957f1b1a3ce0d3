"""The founding report (a district government's 2020 report, cell-per-line text) reads
with every cell right."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.readers import read_report

from .conftest import FOUNDING


@pytest.fixture(scope="module")
def report():
    return read_report(FOUNDING)


def row(report, table, code):
    return list(report.tables[table][code].values())


def test_identity_and_format(report):
    assert report.format == "FMT_2019"
    assert report.layouts == {"T2": "FMT_2019", "T3": "FMT_2019", "T4": "FMT_2019"}
    assert report.year == 2020
    assert report.organization == "绍兴市柯桥区人民政府"


def test_table_three_every_cell(report):
    n = None
    expected = {
        "R1": [177, 7, n, n, n, n, 184],
        "R2": [1, n, n, n, n, n, 1],
        "R3_1": [93, 6, n, n, n, n, 99],
        "R3_2": [28, n, n, n, n, n, 28],
        "R3_3_1": [n] * 7,
        "R3_3_2": [n] * 7,
        "R3_3_3": [n] * 7,
        "R3_3_4": [1, n, n, n, n, n, 1],
        "R3_3_5": [1, n, n, n, n, n, 1],
        "R3_3_6": [n] * 7,
        "R3_3_7": [4, n, n, n, n, n, 4],
        "R3_3_8": [3, n, n, n, n, n, 3],
        "R3_4_1": [37, 1, n, n, n, n, 38],
        "R3_4_2": [n] * 7,
        "R3_4_3": [n] * 7,
        "R3_5_1": [6, n, n, n, n, n, 6],
        "R3_5_2": [n] * 7,
        "R3_5_3": [n] * 7,
        "R3_5_4": [n] * 7,
        "R3_5_5": [n] * 7,
        "R3_6": [2, n, n, n, n, n, 2],
        "R3_7": [175, 7, n, n, n, n, 182],
        "R4": [3, n, n, n, n, n, 3],
    }
    assert {code: row(report, "T3", code) for code in expected} == expected
    assert list(report.tables["T3"]) == list(expected)


def test_table_four_every_cell(report):
    n = None
    assert row(report, "T4", "RV") == [7, 5, n, n, 12]
    assert row(report, "T4", "LD") == [4, 2, 5, n, 11]
    assert row(report, "T4", "LR") == [n, n, n, n, 0]


def test_table_two_every_cell(report):
    n = None
    t2 = report.tables["T2"]
    assert t2 == {
        "REG": {"NEW_MADE": n, "NEW_PUBLISHED": n, "TOTAL_PUBLISHED": n},
        "NORM": {"NEW_MADE": 22, "NEW_PUBLISHED": 22, "TOTAL_PUBLISHED": 22},
        "LICENSE": {"PREV_ITEMS": 1578, "DELTA": 487, "DECISIONS": 174840},
        "OTHER_SERVICE": {"PREV_ITEMS": 890, "DELTA": 1, "DECISIONS": 519114},
        "PENALTY": {"PREV_ITEMS": 1780, "DELTA": 610, "DECISIONS": 931891},
        "COERCION": {"PREV_ITEMS": 69, "DELTA": 5, "DECISIONS": 27429},
        "FEES": {"PREV_ITEMS": 9, "DELTA": -16},
        "PROCUREMENT": {"PROJECTS": 23384, "AMOUNT": Decimal("132767.89")},
    }
    assert isinstance(t2["PROCUREMENT"]["AMOUNT"], Decimal)


def test_no_errors_and_a_warning_on_the_fees_row(report):
    findings = check_report(report)
    assert errors(findings) == []
    fees = [f for f in findings if f.table == "T2" and f.row == "FEES"]
    assert [(f.rule, f.severity, f.column, f.found) for f in fees] == [("S1", "warning", "DELTA", -16)]


def test_row_two_labelled_one_is_read_as_r2_with_a_warning(report):
    label_notes = [f for f in report.notes if f.rule == "L1"]
    assert [(f.table, f.row, f.expected, f.found) for f in label_notes] == [("T3", "R2", "二、", "一、")]
    assert report.tables["T3"]["R2"]["TOTAL"] == 1


def test_narrative_sections(report):
    assert report.sections["overview"].startswith(
        "2020年，柯桥区政府以习近平新时代中国特色社会主义思想为指导"
    )
    assert "（五）不断强化监督保障机制" in report.sections["overview"]
    assert report.sections["problems"].startswith("回顾过去一年")
    assert report.sections["problems"].endswith("对群众诉求限时办理、及时回复。")
    assert report.sections["other_matters"] == "无。"
