"""Each report in the data folder reads to the figures read by hand (EXPECTED.json), from
its PDF and from both text extractions, and the errors they contain are found."""

from __future__ import annotations

import json

import pytest

from gongkai.annualreport.accuracy import expected_figures
from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.readers import read_report

from .conftest import DATA

EXPECTED = json.loads((DATA / "EXPECTED.json").read_text(encoding="utf-8"))["reports"]


def expected_totals(entry):
    """The 总计 column of table 三, by row code, as read by hand (the harness's mapping)."""
    return {
        address.split(".")[1]: value
        for address, value in expected_figures(entry).items()
        if address.startswith("T3.")
    }


def sources(entry):
    stem = entry["file"].rsplit(".", 2)[0]
    return [entry["file"], f"{stem}.pdf"] if entry["file"].endswith(".layout.txt") else [entry["file"]]


CASES = [(entry, name) for entry in EXPECTED for name in sources(entry)]


@pytest.mark.parametrize(("entry", "name"), CASES, ids=[name for _, name in CASES])
def test_reads_the_hand_read_figures(entry, name):
    report = read_report(DATA / name)
    assert report.year == entry["year"]
    totals = {code: cells["TOTAL"] for code, cells in report.tables["T3"].items()}
    assert totals == expected_totals(entry)
    review = entry["review_litigation"]
    t4 = report.tables["T4"]
    assert (t4["RV"]["TOTAL"], t4["LD"]["TOTAL"], t4["LR"]["TOTAL"]) == (
        review["review_total"],
        review["litigation_direct_total"],
        review["litigation_after_review_total"],
    )
    if "review_components_as_printed" in entry:
        printed = entry["review_components_as_printed"]
        assert [list(t4[g].values()) for g in ("RV", "LD", "LR")] == [
            printed["review"],
            printed["direct"],
            printed["after_review"],
        ]
    expected_layout = (
        "FMT_2019" if not isinstance(entry["totals_column"]["other_processing"], dict) else "FMT_2021"
    )
    assert report.layouts["T3"] == expected_layout
    assert report.layouts["T2"] == "FMT_2021"


@pytest.mark.parametrize(("entry", "name"), CASES, ids=[name for _, name in CASES])
def test_finds_the_errors_the_report_contains(entry, name):
    findings = errors(check_report(read_report(DATA / name)))
    found = sorted((f.rule, f.table, f.row, f.column, f.expected, f.found) for f in findings)
    if entry.get("errors"):
        # "review: components 10+1+0+0=11 but 总计=0", "litigation after review: … =5 but 总计=0"
        assert found == [("I4", "T4", "LR", "TOTAL", 5, 0), ("I4", "T4", "RV", "TOTAL", 11, 0)]
    else:
        assert found == []


def test_hybrid_report_warns_about_the_mix():
    report = read_report(DATA / "hongze-district-2023.layout.txt")
    rules = {f.rule for f in check_report(report)}
    assert "F1" in rules


def test_the_three_forms_of_one_report_read_to_the_same_tables():
    for stem in ("hongze-district-2023", "huaian-city-2024"):
        reports = [read_report(DATA / f"{stem}.{kind}") for kind in ("layout.txt", "raw.txt", "pdf")]
        assert reports[0].tables == reports[1].tables == reports[2].tables
        assert reports[0].organization == reports[1].organization == reports[2].organization
