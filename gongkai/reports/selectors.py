"""Reads of annual reports: the model of a record, its findings, deadlines, history."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.annualreport.checks import check_report
from gongkai.annualreport.model import AnnualReport, Finding
from gongkai.annualreport.readers.jsonfile import report_from_dict
from gongkai.reports.models import AnnualReportRecord, ReportStatus


def report_of(record: AnnualReportRecord) -> AnnualReport:
    return report_from_dict(json.loads(record.content, parse_float=Decimal), source=str(record))


def previous_record(record: AnnualReportRecord) -> AnnualReportRecord | None:
    return AnnualReportRecord.objects.filter(organization=record.organization, year=record.year - 1).first()


def findings_of(record: AnnualReportRecord) -> list[Finding]:
    """The findings of a stored report, with last year's report for the cross-year checks."""
    previous = previous_record(record)
    return check_report(report_of(record), report_of(previous) if previous else None)


def published_reports(organization: Organization) -> QuerySet[AnnualReportRecord]:
    return AnnualReportRecord.objects.filter(
        organization=organization, status=ReportStatus.PUBLISHED
    ).order_by("-year")


def published_report(organization: Organization, year: int) -> AnnualReportRecord | None:
    return published_reports(organization).filter(year=year).first()


@dataclass(frozen=True)
class Deadlines:
    """Art. 49: departments submit and publish by 31 January; governments publish by
    31 March; a local rule may set earlier dates, never later."""

    submit_by: dt.date | None
    publish_by: dt.date
    statutory_publish_by: dt.date


def _local(value: str, year: int, ceiling: dt.date) -> dt.date:
    if not value:
        return ceiling
    month, day = (int(part) for part in value.split("-"))
    return min(dt.date(year, month, day), ceiling)


def deadlines_for(organization: Organization, report_year: int) -> Deadlines:
    year = report_year + 1
    if organization.kind == OrganizationKind.GOVERNMENT:
        statutory = dt.date(year, 3, 31)
        submit = None
    else:
        # Townships are outside Art. 49; local rules usually collect them with the
        # departments, so the departments' date applies unless configured otherwise.
        statutory = dt.date(year, 1, 31)
        submit = _local(organization.report_submit_by, year, statutory)
    return Deadlines(
        submit_by=submit,
        publish_by=_local(organization.report_publish_by, year, statutory),
        statutory_publish_by=statutory,
    )


@dataclass(frozen=True)
class DeadlineState:
    label: str  # on_time, due, overdue, late
    due: dt.date


def publication_state(
    record: AnnualReportRecord | None, organization: Organization, report_year: int, today: dt.date
) -> DeadlineState:
    due = deadlines_for(organization, report_year).publish_by
    if record is not None and record.published_at is not None:
        published = record.published_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
        return DeadlineState("on_time" if published <= due else "late", due)
    return DeadlineState("overdue" if today > due else "due", due)


MAIN_FIGURES = (
    ("received", "T3", "R1", "TOTAL"),
    ("carried_over", "T3", "R2", "TOTAL"),
    ("handled", "T3", "R3_7", "TOTAL"),
    ("carried_forward", "T3", "R4", "TOTAL"),
    ("reviews", "T4", "RV", "TOTAL"),
    ("lawsuits_direct", "T4", "LD", "TOTAL"),
    ("lawsuits_after_review", "T4", "LR", "TOTAL"),
)


def history(
    organization: Organization, *, published_only: bool = True
) -> list[tuple[int, dict[str, int | None]]]:
    """The main figures of each year's report, oldest first, for the year-over-year chart."""
    records = AnnualReportRecord.objects.filter(organization=organization).order_by("year")
    if published_only:
        records = records.filter(status=ReportStatus.PUBLISHED)
    result = []
    for record in records:
        report = report_of(record)
        figures: dict[str, int | None] = {}
        for name, table, row, column in MAIN_FIGURES:
            value = report.tables[table][row][column]
            figures[name] = None if value is None else int(value)
        result.append((record.year, figures))
    return result


def computed_narrative(record: AnnualReportRecord) -> dict[str, list[str]]:
    """Per narrative section, the sentences the registered providers compute from the
    year's records (section 一 quotes the participation figures), for the clerk to add
    to the text and keep or edit. A rolled-up report counts the government's units too."""
    from gongkai.annualreport.formats import NARRATIVE_SECTIONS
    from gongkai.reports.models import ReportSource
    from gongkai.reports.providers import narrative_sentences

    organization = record.organization
    organizations = (
        list(organization.subtree()) if record.source == ReportSource.ROLLED_UP else [organization]
    )
    found = {
        section: narrative_sentences(section, organizations, record.year) for section in NARRATIVE_SECTIONS
    }
    return {section: sentences for section, sentences in found.items() if sentences}
