"""Annual reports in the database: import, correct, submit, publish, reopen, roll up —
each audited with before and after, identities checked on the server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.annualreport.readers import read_report
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError
from gongkai.core.testing import small_government
from gongkai.reports.models import ReportSource, ReportStatus
from gongkai.reports.selectors import deadlines_for, findings_of, history, publication_state, report_of
from gongkai.reports.services import (
    report_import,
    report_publish,
    report_reopen,
    report_rollup,
    report_save,
    report_submit,
    report_update,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "annualreport" / "tests" / "data"
FOUNDING = DATA / "000_7c7920e851bb8139.txt"
HONGZE = DATA / "hongze-district-2023.layout.txt"


def test_import_reads_and_stores_the_report_exactly():
    world = small_government()
    record = report_import(
        actor=None, organization=world.government, data=FOUNDING.read_bytes(), filename="founding.txt"
    )
    assert (record.year, record.format, record.status, record.source) == (
        2020,
        "FMT_2019",
        "draft",
        "uploaded",
    )
    assert report_of(record) == read_report(FOUNDING)
    assert str(report_of(record).tables["T2"]["PROCUREMENT"]["AMOUNT"]) == "132767.89"
    assert [n.rule for n in report_of(record).notes] == ["L1"]  # reader notes are kept
    entry = trail_for(record).get()
    assert entry.action == "report.imported" and entry.after["status"] == "draft"


def test_a_file_that_is_not_a_report_changes_nothing():
    world = small_government()
    with pytest.raises(DomainError) as error:
        report_import(actor=None, organization=world.government, data="会议通知".encode(), filename="x.txt")
    assert error.value.field == "file"
    assert not world.government.annual_reports.exists()


def test_the_year_of_the_file_must_match():
    world = small_government()
    with pytest.raises(DomainError):
        report_import(
            actor=None, organization=world.government, data=FOUNDING.read_bytes(), filename="f.txt", year=2021
        )


def test_workflow_submit_publish_reopen_is_audited():
    world = small_government()
    record = report_import(
        actor=None, organization=world.government, data=FOUNDING.read_bytes(), filename="f.txt"
    )
    record = report_submit(actor=None, record=record)
    assert record.status == ReportStatus.SUBMITTED and record.submitted_at
    record = report_publish(actor=None, record=record)
    assert record.status == ReportStatus.PUBLISHED and record.published_at
    with pytest.raises(DomainError):
        report_update(actor=None, record=record, report=report_of(record))
    with pytest.raises(DomainError):
        report_reopen(actor=None, record=record, reason="  ")
    record = report_reopen(actor=None, record=record, reason="更正表三数据")
    assert record.status == ReportStatus.DRAFT and record.published_at is None
    actions = [
        (e.action, (e.before or {}).get("status"), e.after.get("status"))
        for e in trail_for(record).order_by("id")
    ]
    assert actions == [
        ("report.imported", None, "draft"),
        ("report.submitted", "draft", "submitted"),
        ("report.published", "submitted", "published"),
        ("report.reopened", "published", "draft"),
    ]
    assert trail_for(record).first().data == {"reason": "更正表三数据"}


def test_a_report_with_error_findings_cannot_be_submitted():
    world = small_government()
    record = report_import(
        actor=None, organization=world.government, data=HONGZE.read_bytes(), filename="h.txt"
    )
    with pytest.raises(DomainError):
        report_submit(actor=None, record=record)
    assert record.status == ReportStatus.DRAFT
    report = report_of(record)
    report.tables["T4"]["RV"]["TOTAL"] = 11
    report.tables["T4"]["LR"]["TOTAL"] = 5
    record = report_update(actor=None, record=record, report=report)
    assert [f for f in findings_of(record) if f.severity == "error"] == []
    entry = trail_for(record).first()
    assert entry.action == "report.corrected"
    assert entry.before["T4.RV.TOTAL"] == 0 and entry.after["T4.RV.TOTAL"] == 11
    assert report_submit(actor=None, record=record).status == ReportStatus.SUBMITTED


def test_computed_figures_are_overridden_only_with_a_reason():
    world = small_government()
    report = read_report(FOUNDING)
    record = report_save(
        actor=None, organization=world.government, report=report, source=ReportSource.COMPUTED
    )
    changed = report_of(record)
    changed.tables["T3"]["R1"]["NP"] = 178
    with pytest.raises(DomainError) as error:
        report_update(actor=None, record=record, report=changed)
    assert error.value.field == "reason"
    record = report_update(actor=None, record=record, report=changed, reason="一件申请漏登")
    entry = trail_for(record).first()
    assert entry.action == "report.overridden" and entry.data["reason"] == "一件申请漏登"
    narrative_only = report_of(record)
    narrative_only.sections["other_matters"] = "无其他事项。"
    assert report_update(actor=None, record=record, report=narrative_only).source == ReportSource.COMPUTED


def test_deadlines_of_article_49_and_local_dates():
    world = small_government()
    assert deadlines_for(world.department, 2024).submit_by == dt.date(2025, 1, 31)
    assert deadlines_for(world.department, 2024).publish_by == dt.date(2025, 1, 31)
    government = deadlines_for(world.government, 2024)
    assert (government.submit_by, government.publish_by) == (None, dt.date(2025, 3, 31))
    world.department.report_submit_by = "01-26"
    world.department.report_publish_by = "02-28"  # later than the law: the law wins
    assert deadlines_for(world.department, 2024).submit_by == dt.date(2025, 1, 26)
    assert deadlines_for(world.department, 2024).publish_by == dt.date(2025, 1, 31)
    assert publication_state(None, world.department, 2024, dt.date(2025, 2, 1)).label == "overdue"
    assert publication_state(None, world.department, 2024, dt.date(2025, 1, 20)).label == "due"


def test_rollup_sums_the_units_reports_cell_by_cell():
    world = small_government()
    for unit in (world.department, world.township):
        record = report_import(actor=None, organization=unit, data=FOUNDING.read_bytes(), filename="f.txt")
        report_submit(actor=None, record=record)
    draft = report_import(
        actor=None, organization=world.other_department, data=FOUNDING.read_bytes(), filename="f.txt"
    )
    assert draft.status == "draft"  # drafts are not rolled up
    record = report_rollup(actor=None, government=world.government, year=2020)
    report = report_of(record)
    assert record.source == ReportSource.ROLLED_UP
    assert report.tables["T3"]["R1"]["TOTAL"] == 2 * 184
    assert report.tables["T3"]["R3_3_1"]["TOTAL"] is None  # blank everywhere stays blank
    assert report.tables["T4"]["LR"]["TOTAL"] == 0
    assert any(n.rule == "I11" for n in findings_of(record))


def test_rollup_needs_units_reports():
    world = small_government()
    with pytest.raises(DomainError):
        report_rollup(actor=None, government=world.government, year=2020)


def test_history_lists_published_main_figures():
    world = small_government()
    record = report_import(
        actor=None, organization=world.government, data=FOUNDING.read_bytes(), filename="f.txt"
    )
    report_publish(actor=None, record=report_submit(actor=None, record=record))
    assert history(world.government) == [
        (
            2020,
            {
                "received": 184,
                "carried_over": 1,
                "handled": 182,
                "carried_forward": 3,
                "reviews": 12,
                "lawsuits_direct": 11,
                "lawsuits_after_review": 0,
            },
        )
    ]
