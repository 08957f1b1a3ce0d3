"""Back-office pages of annual reports: list with deadlines, upload, figures form with
server-side identity checks, workflow, roll-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_organization_for_user, user_can
from gongkai.accounts.roles import VIEW
from gongkai.annualreport.checks import check_report, errors, warnings
from gongkai.annualreport.formats import get_format
from gongkai.backoffice.reports.forms import (
    FiguresForm,
    NewReportForm,
    RollupForm,
    TransitionForm,
    UploadForm,
    cell_field_name,
)
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError
from gongkai.reports.access import get_report_for_user
from gongkai.reports.models import AnnualReportRecord
from gongkai.reports.selectors import (
    computed_narrative,
    deadlines_for,
    findings_of,
    previous_record,
    publication_state,
    report_of,
)
from gongkai.reports.services import (
    report_create_blank,
    report_import,
    report_publish,
    report_reopen,
    report_rollup,
    report_submit,
    report_update,
)


@login_required
def report_list(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    records = AnnualReportRecord.objects.filter(organization=organization).order_by("-year")
    today = timezone.localdate()
    current_year = today.year - 1
    rows = []
    for record in records:
        findings = findings_of(record)
        rows.append(
            {
                "record": record,
                "errors": len(errors(findings)),
                "warnings": len(warnings(findings)),
                "deadline": publication_state(record, organization, record.year, today),
            }
        )
    current = next((r for r in records if r.year == current_year), None)
    return render(
        request,
        "backoffice/reports/list.html",
        {
            "organization": organization,
            "rows": rows,
            "current_year": current_year,
            "current_deadlines": deadlines_for(organization, current_year),
            "current_state": publication_state(current, organization, current_year, today),
            "can_edit": user_can(request.user, "report.edit", organization),
            "upload_form": UploadForm(),
            "new_form": NewReportForm(initial={"year": current_year}),
            "rollup_form": RollupForm(initial={"year": current_year}),
            "can_rollup": organization.is_government and user_can(request.user, "report.edit", organization),
        },
    )


@login_required
@require_POST
def report_upload(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "report.edit")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = report_import(
                actor=request.user,
                organization=organization,
                data=upload.read(),
                filename=upload.name,
                year=form.cleaned_data.get("year"),
                in_worker=True,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The report was read. Check its findings below."))
            return redirect("backoffice:report", org=organization.slug, year=record.year)
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect("backoffice:reports", org=organization.slug)


@login_required
@require_POST
def report_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "report.edit")
    form = NewReportForm(request.POST)
    if form.is_valid():
        try:
            record = report_create_blank(
                actor=request.user, organization=organization, year=form.cleaned_data["year"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("backoffice:report_edit", org=organization.slug, year=record.year)
    return redirect("backoffice:reports", org=organization.slug)


@login_required
@require_POST
def report_rollup_view(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "report.edit")
    form = RollupForm(request.POST)
    if form.is_valid():
        try:
            record = report_rollup(
                actor=request.user, government=organization, year=form.cleaned_data["year"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The units' reports were rolled up into a draft."))
            return redirect("backoffice:report", org=organization.slug, year=record.year)
    return redirect("backoffice:reports", org=organization.slug)


@login_required
def report_detail(request: HttpRequest, org: str, year: int) -> HttpResponse:
    from gongkai.annualreport.writers.html import report_body_html

    record = get_report_for_user(request.user, org, year)
    organization = record.organization
    report = report_of(record)
    findings = findings_of(record)
    return render(
        request,
        "backoffice/reports/detail.html",
        {
            "organization": organization,
            "record": record,
            "report": report,
            "findings": findings,
            "error_count": len(errors(findings)),
            "body": report_body_html(report, style_attributes=False),
            "trail": trail_for(record)[:50],
            "has_previous": previous_record(record) is not None,
            "deadlines": deadlines_for(organization, record.year),
            "can_edit": user_can(request.user, "report.edit", organization),
            "can_submit": user_can(request.user, "report.submit", organization),
            "can_publish": user_can(request.user, "report.publish", organization),
            "transition_form": TransitionForm(),
        },
    )


def _figure_rows(form: FiguresForm, table: str) -> list[tuple[str, str, list[object]]]:
    """(code, label, bound fields) per row of a table, for the figures template."""
    report = form.report
    labels = get_format(report.layouts[table]).row_labels(table)
    return [
        (row, labels[row], [form[cell_field_name(table, row, column)] for column in cells])
        for row, cells in report.tables[table].items()
    ]


@login_required
def report_edit(request: HttpRequest, org: str, year: int) -> HttpResponse:
    record = get_report_for_user(request.user, org, year, permission="report.edit")
    report = report_of(record)
    computed = computed_narrative(record)
    adding = request.method == "POST" and request.POST.get("add_computed") in computed
    if adding:
        # Put the computed sentences into the section's text box; nothing is saved until
        # the clerk, having kept or edited them, saves the form.
        section = request.POST["add_computed"]
        data = request.POST.copy()
        current = data.get(f"section__{section}", "").rstrip()
        data[f"section__{section}"] = "\n".join(p for p in (current, "".join(computed[section])) if p)
        form = FiguresForm(data, report=report)
        messages.info(
            request, _("The computed sentences were added to the text. Keep or edit them, then save.")
        )
    else:
        form = FiguresForm(request.POST or None, report=report)
    findings = findings_of(record)
    if request.method == "POST" and not adding and form.is_valid():
        updated = form.updated_report()
        try:
            report_update(actor=request.user, record=record, report=updated)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            found = check_report(updated)
            if errors(found):
                messages.warning(
                    request,
                    _("Saved. The identities still fail in %(count)s places: see the findings.")
                    % {"count": len(errors(found))},
                )
            else:
                messages.success(request, _("Saved. Every identity holds."))
            return redirect("backoffice:report_edit", org=record.organization.slug, year=record.year)
    fmt = get_format(report.layouts["T3"])
    return render(
        request,
        "backoffice/reports/edit.html",
        {
            "organization": record.organization,
            "record": record,
            "form": form,
            "findings": findings,
            "tables": [
                ("T2", fmt.table_title("T2"), _figure_rows(form, "T2"), None),
                ("T3", fmt.table_title("T3"), _figure_rows(form, "T3"), [c.label for c in fmt.t3_columns]),
                ("T4", fmt.table_title("T4"), _figure_rows(form, "T4"), [c.label for c in fmt.t4_columns]),
            ],
            "sections": [form[f"section__{name}"] for name in ("overview", "problems", "other_matters")],
            # Offered only where the text does not quote them all already.
            "computed": {
                section: sentences
                for section, sentences in computed.items()
                if not all(sentence in report.sections.get(section, "") for sentence in sentences)
            },
        },
    )


@login_required
@require_POST
def report_transition(request: HttpRequest, org: str, year: int) -> HttpResponse:
    record = get_report_for_user(request.user, org, year)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("backoffice:report", org=org, year=year)
    action = form.cleaned_data["action"]
    permission = {"submit": "report.submit", "publish": "report.publish", "reopen": "report.publish"}[action]
    record = get_report_for_user(request.user, org, year, permission=permission)
    try:
        if action == "submit":
            report_submit(actor=request.user, record=record)
            messages.success(request, _("The report was submitted."))
        elif action == "publish":
            report_publish(actor=request.user, record=record)
            messages.success(request, _("The report was published in the column."))
        else:
            report_reopen(actor=request.user, record=record, reason=form.cleaned_data["reason"])
            messages.success(request, _("The report is a draft again."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("backoffice:report", org=org, year=year)
