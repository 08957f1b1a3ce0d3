"""Writes to annual reports: import, correct, submit, publish, reopen, roll up. Each is
atomic and audited; identities are checked on the server at every save."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import NARRATIVE_SECTIONS, format_for_year
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report_bytes
from gongkai.annualreport.rollup import RollupError, sum_reports
from gongkai.annualreport.writers.jsonfile import dumps, report_to_dict
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.core.uploads import read_in_worker
from gongkai.reports.models import AnnualReportRecord, ReportSource, ReportStatus
from gongkai.reports.selectors import report_of


def _content(report: AnnualReport) -> str:
    data = report_to_dict(report, findings=[])
    # Reader notes cannot be recomputed from the figures: keep them with the content.
    data["findings"] = [
        {
            "rule": n.rule,
            "severity": n.severity,
            "table": n.table,
            "row": n.row,
            "column": n.column,
            "expected": n.expected,
            "found": n.found,
            "message": n.message,
        }
        for n in report.notes
    ]
    return dumps(data, indent=None)


def _summary(record: AnnualReportRecord) -> dict[str, Any]:
    return {"status": record.status, "format": record.format, "source": record.source}


def _cells(content: str) -> dict[str, Any]:
    data = json.loads(content)
    flat: dict[str, Any] = {}
    for table, rows in data["tables"].items():
        for row, cells in rows.items():
            for column, value in cells.items():
                flat[f"{table}.{row}.{column}"] = value
    for name, text in data.get("sections", {}).items():
        flat[f"sections.{name}"] = text
    flat["organization"] = data.get("organization")
    flat["year"] = data.get("year")
    return flat


def _diff(before: str | None, after: str) -> tuple[dict[str, Any], dict[str, Any]]:
    old = _cells(before) if before else {}
    new = _cells(after)
    keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}


def _editable(record: AnnualReportRecord) -> None:
    if record.status == ReportStatus.PUBLISHED:
        raise DomainError(_("A published report cannot be changed; reopen it first, giving a reason."))


@transaction.atomic
def report_save(
    *,
    actor: Any,
    organization: Organization,
    report: AnnualReport,
    source: str,
    year: int | None = None,
    source_filename: str = "",
    action: str = "report.saved",
    reason: str = "",
) -> AnnualReportRecord:
    """Store a report as the organization's draft for its year (creating or replacing)."""
    year = year or report.year
    if year is None:
        raise DomainError(_("The report does not say which year it is for; give the year."), field="year")
    if report.year != year:
        report.year = year
    report.organization = report.organization or organization.name
    content = _content(report)
    record = (
        AnnualReportRecord.objects.select_for_update().filter(organization=organization, year=year).first()
    )
    before_content = None
    if record is None:
        record = AnnualReportRecord(organization=organization, year=year)
        before = None
    else:
        _editable(record)
        before = _summary(record)
        before_content = record.content
    record.format = report.format
    record.content = content
    record.source = source
    record.source_filename = source_filename or record.source_filename
    record.status = ReportStatus.DRAFT
    record.submitted_at = None
    record.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    record.save()
    cells_before, cells_after = _diff(before_content, content)
    log_action(
        actor=actor,
        action=action,
        target=record,
        organization=organization,
        before={**(before or {}), **cells_before} if before else None,
        after={**_summary(record), **cells_after},
        data={k: v for k, v in (("source_filename", source_filename), ("reason", reason)) if v} or None,
    )
    return record


def report_import(
    *,
    actor: Any,
    organization: Organization,
    data: bytes,
    filename: str,
    year: int | None = None,
    in_worker: bool = False,
) -> AnnualReportRecord:
    """Read a published report (any form the core reads) into a draft. The readers cap ZIP
    parts and PDF pages first; ``in_worker`` (the back-office upload) reads it in a task
    worker within the time limit (gongkai/core/uploads.py), outside any transaction."""
    if in_worker:
        report = read_in_worker("gongkai.annualreport.readers.read_report_bytes", data, filename)
    else:
        try:
            report = read_report_bytes(data, filename)
        except ReportReadError as error:
            raise DomainError(str(error), field="file") from error
    if year is not None and report.year is not None and report.year != year:
        raise DomainError(
            _("The file is the report for %(found)s, not for %(year)s.")
            % {"found": report.year, "year": year},
            field="year",
        )
    return report_save(
        actor=actor,
        organization=organization,
        report=report,
        source=ReportSource.UPLOADED,
        year=year,
        source_filename=filename,
        action="report.imported",
    )


def report_create_blank(*, actor: Any, organization: Organization, year: int) -> AnnualReportRecord:
    if AnnualReportRecord.objects.filter(organization=organization, year=year).exists():
        raise DomainError(_("There is already a report for %(year)s.") % {"year": year}, field="year")
    report = AnnualReport.empty(format_for_year(year), organization=organization.name, year=year)
    return report_save(
        actor=actor,
        organization=organization,
        report=report,
        source=ReportSource.ENTERED,
        action="report.created",
    )


def report_update(
    *, actor: Any, record: AnnualReportRecord, report: AnnualReport, reason: str = ""
) -> AnnualReportRecord:
    """Corrected figures or narrative from the form; identities re-checked by the caller's
    page on every save (and by ``report_submit`` before the report can move on).

    Figures computed from records may be overridden by hand only with a reason, which
    goes into the audit trail.
    """
    before = report_of(record)
    figures_changed = before.tables != report.tables
    if (
        record.source in (ReportSource.COMPUTED, ReportSource.ROLLED_UP)
        and figures_changed
        and not reason.strip()
    ):
        raise DomainError(
            _("These figures were computed from records; give the reason for changing them by hand."),
            field="reason",
        )
    saved = report_save(
        actor=actor,
        organization=record.organization,
        report=report,
        source=record.source,
        year=record.year,
        action="report.overridden" if reason.strip() and figures_changed else "report.corrected",
        reason=reason.strip(),
    )
    return saved


def _move(*, actor: Any, record: AnnualReportRecord, to: str, stamp: str, action: str) -> AnnualReportRecord:
    """Move a report one step on (draft → submitted → published), stamping the time; the
    identities are checked again on the server at every step."""
    before = _summary(record)
    record.status = to
    setattr(record, stamp, timezone.now())
    record.save(update_fields=["status", stamp, "updated_at"])
    log_action(
        actor=actor,
        action=action,
        target=record,
        organization=record.organization,
        before=before,
        after=_summary(record),
    )
    return record


@transaction.atomic
def report_submit(*, actor: Any, record: AnnualReportRecord) -> AnnualReportRecord:
    record = AnnualReportRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != ReportStatus.DRAFT:
        raise DomainError(_("Only a draft can be submitted."))
    problems = errors(check_report(report_of(record)))
    if problems:
        raise DomainError(
            _("The report has %(count)s error findings; correct them before submitting.")
            % {"count": len(problems)}
        )
    return _move(
        actor=actor, record=record, to=ReportStatus.SUBMITTED, stamp="submitted_at", action="report.submitted"
    )


@transaction.atomic
def report_publish(*, actor: Any, record: AnnualReportRecord) -> AnnualReportRecord:
    record = AnnualReportRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != ReportStatus.SUBMITTED:
        raise DomainError(_("Only a submitted report can be published."))
    if errors(check_report(report_of(record))):
        raise DomainError(_("The report has error findings and cannot be published."))
    return _move(
        actor=actor, record=record, to=ReportStatus.PUBLISHED, stamp="published_at", action="report.published"
    )


@transaction.atomic
def report_reopen(*, actor: Any, record: AnnualReportRecord, reason: str) -> AnnualReportRecord:
    """Back to draft (from submitted or published), with the reason on record."""
    record = AnnualReportRecord.objects.select_for_update().get(pk=record.pk)
    if not reason.strip():
        raise DomainError(_("Give the reason for reopening the report."), field="reason")
    if record.status == ReportStatus.DRAFT:
        raise DomainError(_("The report is already a draft."))
    before = _summary(record)
    record.status = ReportStatus.DRAFT
    record.submitted_at = None
    record.published_at = None
    record.save(update_fields=["status", "submitted_at", "published_at", "updated_at"])
    log_action(
        actor=actor,
        action="report.reopened",
        target=record,
        organization=record.organization,
        before=before,
        after=_summary(record),
        data={"reason": reason},
    )
    return record


def report_rollup(*, actor: Any, government: Organization, year: int) -> AnnualReportRecord:
    """The government's report as the cell-wise sum of its units' reports for the year
    (submitted or published ones), stored as the government's draft."""
    units = AnnualReportRecord.objects.filter(
        organization__parent=government,
        year=year,
        status__in=[ReportStatus.SUBMITTED, ReportStatus.PUBLISHED],
    ).select_related("organization")
    reports = [report_of(record) for record in units]
    if not reports:
        raise DomainError(_("No unit has submitted a report for %(year)s.") % {"year": year})
    try:
        report = sum_reports(reports, organization=government.name, year=year)
    except RollupError as error:
        raise DomainError(
            _("The units' reports cannot be summed: they use different table layouts.")
        ) from error
    return report_save(
        actor=actor,
        organization=government,
        report=report,
        source=ReportSource.ROLLED_UP,
        year=year,
        action="report.rolled_up",
    )


def report_compute(
    *, actor: Any, organization: Organization, year: int, include_units: bool = False
) -> AnnualReportRecord:
    """The report's tables computed from the platform's records (表二 from publications and
    yearly counts, 表三/表四 from applications and cases), keeping the narrative of an
    existing draft. ``include_units`` counts a government's units as well. A section left
    empty starts with the sentences the narrative providers compute (section 一 quotes the
    year's participation figures); the clerk keeps or edits them."""
    from gongkai.reports.providers import narrative_sentences, table_provider

    existing = AnnualReportRecord.objects.filter(organization=organization, year=year).first()
    report = AnnualReport.empty(format_for_year(year), organization=organization.name, year=year)
    if existing is not None:
        report.sections = dict(report_of(existing).sections)
    organizations = list(organization.subtree()) if include_units else [organization]
    missing = []
    for table in ("T2", "T3", "T4"):
        provider = table_provider(table)
        if provider is None:
            missing.append(table)
            continue
        report.tables[table] = provider(organizations, year, report.layouts[table])
    if missing:
        raise DomainError(_("No records provide tables %(tables)s yet.") % {"tables": ", ".join(missing)})
    for section in NARRATIVE_SECTIONS:
        if not (report.sections.get(section) or "").strip():
            report.sections[section] = "".join(narrative_sentences(section, organizations, year))
    return report_save(
        actor=actor,
        organization=organization,
        report=report,
        source=ReportSource.COMPUTED,
        year=year,
        action="report.computed",
    )
