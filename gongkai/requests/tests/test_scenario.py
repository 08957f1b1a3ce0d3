"""A year of a district's applications, replayed from the founding report's tables 三 and
四 (绍兴市柯桥区人民政府 2020: 184 new, 1 carried over, 182 closed by their results, 3
carried forward; 12 reviews and 11 lawsuits). The tables computed from these records equal
the report's."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from gongkai.accounts.models import OrganizationKind
from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.formats import FMT_2019, T3_PART_COLUMNS, get_format
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report
from gongkai.core.testing import make_organization, persona
from gongkai.requests import services
from gongkai.requests.codes import T3_COLUMN, CaseKind, CaseResult, Disposition
from gongkai.requests.statistics import t3_table, t4_table
from gongkai.requests.tests.factories import register

pytestmark = pytest.mark.django_db

FOUNDING = (
    Path(__file__).resolve().parents[2] / "annualreport" / "tests" / "data" / "000_7c7920e851bb8139.txt"
)
COLUMN_TYPE = {column: applicant_type for applicant_type, column in T3_COLUMN.items()}
REPLY_FOR_ROW = {
    "R3_1": (Disposition.DISCLOSED, []),
    "R3_2": (Disposition.PARTLY_DISCLOSED, ["third_party"]),
    "R3_3_1": (Disposition.WITHHELD_SECRET, []),
    "R3_3_2": (Disposition.WITHHELD_PROHIBITED, []),
    "R3_3_3": (Disposition.WITHHELD_SAFETY, []),
    "R3_3_4": (Disposition.WITHHELD_THIRD_PARTY, []),
    "R3_3_5": (Disposition.WITHHELD_INTERNAL, []),
    "R3_3_6": (Disposition.WITHHELD_PROCESS, []),
    "R3_3_7": (Disposition.WITHHELD_CASE_FILE, []),
    "R3_3_8": (Disposition.WITHHELD_INQUIRY, []),
    "R3_4_1": (Disposition.NOT_HELD, []),
    "R3_4_2": (Disposition.NEEDS_CREATION, []),
    "R3_5_1": (Disposition.PETITION, []),
    "R3_5_2": (Disposition.REPEAT, []),
    "R3_5_3": (Disposition.PUBLICATION, []),
    "R3_5_5": (Disposition.CONFIRMATION, []),
}
T4_RESULTS = {
    "MAINTAIN": CaseResult.UPHELD,
    "CORRECT": CaseResult.CORRECTED,
    "OTHER": CaseResult.OTHER,
    "PENDING": CaseResult.PENDING,
}


def n(value: object) -> int:
    return int(value or 0)  # the report leaves zero cells blank


def close(handler, info_request, row: str, on: dt.date, serial: int) -> None:
    if row in REPLY_FOR_ROW:
        disposition, grounds = REPLY_FOR_ROW[row]
        services.reply_issue(
            actor=handler,
            info_request=info_request,
            disposition=disposition,
            grounds=grounds,
            replied_on=on,
            issue_letter=False,
        )
    elif row == "R3_6" and serial % 2:
        received = info_request.received_on
        services.correction_request(
            actor=handler,
            info_request=info_request,
            on=received + dt.timedelta(days=1),
            due_on=received + dt.timedelta(days=8),
            items="请写明文件名称",
            issue_letter=False,
        )
        services.correction_lapse(
            actor=handler, info_request=info_request, on=received + dt.timedelta(days=9)
        )
    elif row == "R3_6":
        services.request_withdraw(actor=handler, info_request=info_request, on=on)
    else:
        raise AssertionError(f"no way to close into {row}")


def test_founding_report_year_replayed(time_machine):
    report = read_report(FOUNDING)
    assert report.year == 2020 and report.layouts["T3"] == FMT_2019
    expected = report.tables["T3"]
    time_machine.to(dt.date(2021, 1, 15))
    district = make_organization("绍兴市柯桥区人民政府", kind=OrganizationKind.GOVERNMENT, slug="keqiao")
    handler = persona("handler", district)

    # Every outcome the report counts, as (column, row) slots.
    outcome_rows = get_format(FMT_2019).t3_outcome_row_codes
    slots = [
        (column, row)
        for row in outcome_rows
        for column in T3_PART_COLUMNS
        for _ in range(n(expected[row][column]))
    ]
    assert len(slots) == n(expected["R3_7"]["TOTAL"]) == 182

    serial = itertools.count()
    # R2: applications received in 2019 and still open on 31 December 2019.
    for column in T3_PART_COLUMNS:
        for _ in range(n(expected["R2"][column])):
            info_request = register(
                organization=district,
                actor=handler,
                received_on=dt.date(2019, 12, 20),
                applicant_type=COLUMN_TYPE[column],
            )
            slot = next(s for s in slots if s[0] == column)
            slots.remove(slot)
            close(handler, info_request, slot[1], dt.date(2020, 1, 10), next(serial))
    # R1: the year's new applications; those without an outcome slot stay open (R4).
    day = dt.date(2020, 1, 2)
    for column in T3_PART_COLUMNS:
        column_slots = [s for s in slots if s[0] == column]
        assert len(column_slots) <= n(expected["R1"][column])
        for index in range(n(expected["R1"][column])):
            day = day + dt.timedelta(days=1) if day < dt.date(2020, 11, 30) else dt.date(2020, 1, 2)
            received = day if day.weekday() < 5 else day - dt.timedelta(days=day.weekday() - 4)
            info_request = register(
                organization=district, actor=handler, received_on=received, applicant_type=COLUMN_TYPE[column]
            )
            if index < len(column_slots):
                close(
                    handler,
                    info_request,
                    column_slots[index][1],
                    received + dt.timedelta(days=10),
                    next(serial),
                )
    # An application received in 2021 belongs to no cell of 2020.
    register(organization=district, actor=handler, received_on=dt.date(2021, 1, 4))

    computed = t3_table([district], 2020, FMT_2019)
    for row, cells in expected.items():
        for column, value in cells.items():
            assert computed[row][column] == n(value), (row, column)
    assert computed["R4"]["TOTAL"] == 3 and computed["R2"]["TOTAL"] == 1 and computed["R1"]["TOTAL"] == 184

    # Table 四: 12 reviews, 11 lawsuits without review, none after review.
    expected_t4 = report.tables["T4"]
    numbers = itertools.count(1)
    for group, kind, after_review in (
        ("RV", CaseKind.ADMINISTRATIVE_REVIEW, False),
        ("LD", CaseKind.LAWSUIT, False),
        ("LR", CaseKind.LAWSUIT, True),
    ):
        for column, result in T4_RESULTS.items():
            for _ in range(n(expected_t4[group][column])):
                services.case_create(
                    actor=handler,
                    organization=district,
                    values={
                        "kind": kind,
                        "after_review": after_review,
                        "case_number": f"（2020）浙0603行初{next(numbers)}号",
                        "deciding_body": "绍兴市柯桥区人民法院"
                        if kind == CaseKind.LAWSUIT
                        else "绍兴市人民政府",
                        "filed_on": dt.date(2020, 5, 6),
                        "result": result,
                        "decided_on": None if result == CaseResult.PENDING else dt.date(2020, 9, 1),
                    },
                )
    # Filed in 2020 but decided in 2021: pending in the 2020 table.
    services.case_create(
        actor=handler,
        organization=district,
        values={
            "kind": CaseKind.LAWSUIT,
            "case_number": "（2020）浙0603行初999号",
            "deciding_body": "法院",
            "filed_on": dt.date(2020, 12, 1),
            "result": CaseResult.UPHELD,
            "decided_on": dt.date(2021, 1, 8),
        },
    )
    computed_t4 = t4_table([district], 2020, FMT_2019)
    assert computed_t4["RV"] == {k: n(v) for k, v in expected_t4["RV"].items()}
    assert computed_t4["LR"] == {k: n(v) for k, v in expected_t4["LR"].items()}
    assert computed_t4["LD"] == {**{k: n(v) for k, v in expected_t4["LD"].items()}, "PENDING": 1, "TOTAL": 12}

    whole = AnnualReport.empty(FMT_2019, organization=district.name, year=2020)
    whole.tables["T3"], whole.tables["T4"] = computed, computed_t4
    assert [f for f in errors(check_report(whole)) if f.table in ("T3", "T4")] == []


def test_carry_over_across_years_and_rollup(time_machine):
    """R2 of a year is R4 of the year before; a government's roll-up counts its units'
    records once; 2021 splits （六）into three rows."""
    time_machine.to(dt.date(2022, 3, 1))
    government = make_organization("测试县人民政府", kind=OrganizationKind.GOVERNMENT)
    department = make_organization("测试县教育局", parent=government)
    handlers = {org.pk: persona("handler", org) for org in (government, department)}
    open_2021 = register(
        organization=department, actor=handlers[department.pk], received_on=dt.date(2021, 12, 27)
    )
    register(
        organization=government,
        actor=handlers[government.pk],
        received_on=dt.date(2021, 12, 28),
        applicant_type="legal_services",
    )
    withdrawn = register(
        organization=department, actor=handlers[department.pk], received_on=dt.date(2021, 6, 1)
    )
    services.request_withdraw(actor=handlers[department.pk], info_request=withdrawn, on=dt.date(2021, 6, 2))
    services.reply_issue(
        actor=handlers[department.pk],
        info_request=open_2021,
        disposition=Disposition.NOT_OURS,
        other_agency="测试县财政局，电话0571-1234567",
        replied_on=dt.date(2022, 1, 5),
        issue_letter=False,
    )

    t2021 = t3_table([department], 2021, "FMT_2021")
    t2022 = t3_table([department], 2022, "FMT_2021")
    assert t2021["R4"] == t2022["R2"]
    assert t2021["R4"]["NP"] == 1 and t2021["R3_6_3"]["NP"] == 1 and t2021["R3_6_3"]["TOTAL"] == 1
    assert t2022["R3_4_1"]["NP"] == 1
    rolled = t3_table([government, department], 2021, "FMT_2021")
    assert rolled["R1"]["TOTAL"] == 3 and rolled["R4"]["LP_LAW"] == 1 and rolled["R4"]["TOTAL"] == 2
