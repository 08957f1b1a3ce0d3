"""Back-office pages of proactive disclosure: publications and their workflow, the
personal-data findings, the Art. 26 dashboard, bulk import, the catalog, the yearly
counts of table 二. Views parse, call services and selectors, and render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_organization_for_user, user_can, user_can_anywhere
from gongkai.accounts.models import Organization
from gongkai.accounts.roles import VIEW
from gongkai.backoffice.disclosure import forms as bo_forms
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError
from gongkai.core.params import choice_param, page_param, year_param
from gongkai.disclosure import importer, selectors, services
from gongkai.disclosure.access import (
    get_attachment_for_user,
    get_catalog_entry_for_user,
    get_finding_for_user,
    get_publication_for_user,
)
from gongkai.disclosure.models import (
    CatalogEntry,
    FindingStatus,
    PublicationSettings,
    PublicationStatus,
    StatisticItem,
    StatisticSource,
)
from gongkai.workdays.calendar import WorkdayCalendar

EDIT = "publication.edit"
REVIEW = "publication.review"
APPROVE = "publication.approve"
PUBLISH = "publication.publish"


def _form_error(form: forms.BaseForm, error: DomainError) -> None:
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


def _publication(request: HttpRequest, org: str, pk: int, permission: str = VIEW) -> Any:
    publication = get_publication_for_user(request.user, pk, permission)
    if publication.organization.slug != org:
        raise Http404("No such publication")
    return publication


# --- Publications --------------------------------------------------------------------------------


@login_required
def publication_list(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    status = choice_param(request, "status", PublicationStatus.values)
    page = Paginator(selectors.publications_of(organization=organization, status=status), 30).get_page(
        page_param(request)
    )
    return render(
        request,
        "backoffice/disclosure/publication_list.html",
        {
            "organization": organization,
            "page": page,
            "status": status,
            "statuses": PublicationStatus.choices,
            "can_edit": user_can(request.user, EDIT, organization),
        },
    )


@login_required
def publication_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, EDIT)
    initial = {"publisher": organization.name, "formed_on": timezone.localdate()}
    form = bo_forms.PublicationForm(request.POST or None, initial=initial, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.publication_create(
                actor=request.user, organization=organization, values=form.cleaned_data
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("backoffice:publication", org=org, pk=publication.pk)
    return render(
        request, "backoffice/disclosure/publication_form.html", {"organization": organization, "form": form}
    )


@login_required
def publication_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    publication = _publication(request, org, pk, EDIT)
    organization = publication.organization
    form = bo_forms.PublicationForm(request.POST or None, instance=publication, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_update(actor=request.user, publication=publication, values=form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("backoffice:publication", org=org, pk=pk)
    return render(
        request,
        "backoffice/disclosure/publication_form.html",
        {"organization": organization, "form": form, "publication": publication},
    )


@login_required
def publication_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    publication = _publication(request, org, pk)
    organization = publication.organization
    user = request.user
    deadline = selectors.publication_deadline(publication, WorkdayCalendar.load())
    return render(
        request,
        "backoffice/disclosure/publication_detail.html",
        {
            "organization": organization,
            "publication": publication,
            "deadline": deadline,
            "attachments": publication.attachments.all(),
            "findings": publication.findings.all(),
            "open_findings": publication.findings.filter(status=FindingStatus.OPEN).count(),
            "revisions": publication.revisions.all()[:20],
            "interpretations": publication.interpretations.all(),
            "trail": trail_for(publication)[:100],
            "can_edit": user_can(user, EDIT, organization),
            "can_review": user_can(user, REVIEW, organization),
            "can_approve": user_can(user, APPROVE, organization),
            "can_publish": user_can(user, PUBLISH, organization),
            # Separation of duties: an author may not review, approve or publish it.
            "is_author": user.pk in services.publication_author_ids(publication),
            "attachment_form": bo_forms.AttachmentForm(),
            "reason_form": bo_forms.ReasonForm(),
            "note_form": bo_forms.NoteForm(),
            "approve_form": bo_forms.ApproveForm(),
            "validity_form": bo_forms.ValidityForm(initial={"validity": publication.validity or "valid"}),
        },
    )


def _act(
    request: HttpRequest, org: str, pk: int, permission: str, action: Callable[[Any], Any], success: str
) -> HttpResponse:
    publication = _publication(request, org, pk, permission)
    try:
        action(publication)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("backoffice:publication", org=org, pk=pk)


@login_required
@require_POST
def publication_submit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _act(
        request, org, pk, EDIT,
        lambda p: services.publication_submit(actor=request.user, publication=p),
        _("Sent to confidentiality review."),
    )  # fmt: skip


@login_required
@require_POST
def publication_pass_review(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    form = bo_forms.NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request, org, pk, REVIEW,
        lambda p: services.publication_pass_review(actor=request.user, publication=p, note=note),
        _("The confidentiality review is passed; the publication awaits approval."),
    )  # fmt: skip


@login_required
@require_POST
def publication_return(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    publication = _publication(request, org, pk)
    organization = publication.organization
    permission = REVIEW if publication.status == PublicationStatus.IN_REVIEW else APPROVE
    if not user_can(request.user, permission, organization):
        raise Http404("No such publication")
    form = bo_forms.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request, org, pk, permission,
        lambda p: services.publication_return(actor=request.user, publication=p, reason=reason),
        _("The publication was returned to its editor."),
    )  # fmt: skip


@login_required
@require_POST
def publication_approve(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    form = bo_forms.ApproveForm(request.POST)
    publish_at = form.cleaned_data["publish_at"] if form.is_valid() else None
    return _act(
        request, org, pk, APPROVE,
        lambda p: services.publication_approve(actor=request.user, publication=p, publish_at=publish_at),
        _("Approved."),
    )  # fmt: skip


@login_required
@require_POST
def publication_publish(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _act(
        request, org, pk, PUBLISH,
        lambda p: services.publication_publish(actor=request.user, publication=p),
        _("Published."),
    )  # fmt: skip


@login_required
@require_POST
def publication_withdraw(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    form = bo_forms.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request, org, pk, PUBLISH,
        lambda p: services.publication_withdraw(actor=request.user, publication=p, reason=reason),
        _("Withdrawn from the public site."),
    )  # fmt: skip


@login_required
@require_POST
def publication_validity(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    form = bo_forms.ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a validity and give a date."))
        return redirect("backoffice:publication", org=org, pk=pk)
    return _act(
        request, org, pk, EDIT,
        lambda p: services.publication_set_validity(
            actor=request.user, publication=p, validity=form.cleaned_data["validity"],
            changed_on=form.cleaned_data["changed_on"],
        ),
        _("The validity was recorded."),
    )  # fmt: skip


@login_required
@require_POST
def publication_scan(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _act(
        request, org, pk, REVIEW,
        lambda p: services.publication_scan(actor=request.user, publication=p),
        _("Scanned for personal data."),
    )  # fmt: skip


@login_required
@require_POST
def attachment_add(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    publication = _publication(request, org, pk, EDIT)
    form = bo_forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
    else:
        upload = form.cleaned_data["file"]
        limit = services.files.max_bytes()
        if upload.size > limit:
            messages.error(request, _("The file is too large."))
        else:
            try:
                services.attachment_add(
                    actor=request.user,
                    publication=publication,
                    name=upload.name,
                    data=upload.read(),
                    in_worker=True,
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The file was attached."))
    return redirect("backoffice:publication", org=org, pk=pk)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, org: str, pk: int, attachment: int) -> HttpResponse:
    item = get_attachment_for_user(request.user, attachment, EDIT)
    if item.publication_id != pk or item.publication.organization.slug != org:
        raise Http404("No such attachment")
    try:
        services.attachment_remove(actor=request.user, attachment=item)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file was removed."))
    return redirect("backoffice:publication", org=org, pk=pk)


@login_required
def attachment_download(request: HttpRequest, org: str, pk: int, attachment: int) -> FileResponse:
    item = get_attachment_for_user(request.user, attachment, VIEW)
    if item.publication_id != pk or item.publication.organization.slug != org:
        raise Http404("No such attachment")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
@require_POST
def finding_confirm(request: HttpRequest, org: str, pk: int, finding: int) -> HttpResponse:
    item = get_finding_for_user(request.user, finding, REVIEW)
    if item.publication_id != pk or item.publication.organization.slug != org:
        raise Http404("No such finding")
    form = bo_forms.ReasonForm(request.POST)
    try:
        services.finding_confirm(
            actor=request.user, finding=item, reason=form.cleaned_data["reason"] if form.is_valid() else ""
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Confirmed for publication; the confirmation is logged."))
    return redirect("backoffice:publication", org=org, pk=pk)


@login_required
@require_POST
def finding_redact(request: HttpRequest, org: str, pk: int, finding: int) -> HttpResponse:
    item = get_finding_for_user(request.user, finding, REVIEW)
    if item.publication_id != pk or item.publication.organization.slug != org:
        raise Http404("No such finding")
    try:
        services.finding_redact(actor=request.user, finding=item)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Redacted."))
    return redirect("backoffice:publication", org=org, pk=pk)


@login_required
def deadlines(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    return render(
        request,
        "backoffice/disclosure/deadlines.html",
        {"organization": organization, "dashboard": selectors.deadline_dashboard(organization=organization)},
    )


@login_required
def publication_import(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, EDIT)
    form = bo_forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[importer.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importer.read_rows(upload.read(), upload.name)
            created = importer.publications_import(
                actor=request.user,
                organization=organization,
                rows=rows,
                published=form.cleaned_data["published"],
            )
        except importer.ImportFailed as failure:
            errors = failure.errors
            messages.error(request, failure.message)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(count)s publications were imported.") % {"count": len(created)})
            return redirect("backoffice:publications", org=org)
    return render(
        request,
        "backoffice/disclosure/import.html",
        {
            "organization": organization,
            "form": form,
            "errors": errors,
            "columns": importer.PUBLICATION_COLUMNS,
        },
    )


@login_required
def publication_settings(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, PUBLISH)
    own = PublicationSettings.objects.filter(organization=organization).first()
    initial = {
        "index_pattern": own.index_pattern if own else "",
        "stale_after_days": own.stale_after_days if own else 365,
    }
    form = bo_forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_settings_update(
                actor=request.user, organization=organization, **form.cleaned_data
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("backoffice:publication_settings", org=org)
    return render(
        request, "backoffice/disclosure/settings.html", {"organization": organization, "form": form}
    )


# --- The catalog ---------------------------------------------------------------------------------


def _catalog_owner(request: HttpRequest, org: str, permission: str) -> Organization | None:
    """The organization whose catalog the page shows; ``None`` for the standard catalog,
    which only the site operator edits."""
    if org == "standard":
        if not user_can_anywhere(request.user, "platform.manage"):
            raise Http404("No such catalog")
        return None
    return get_organization_for_user(request.user, org, permission)


@login_required
def catalog(request: HttpRequest, org: str) -> HttpResponse:
    organization = _catalog_owner(request, org, VIEW)
    the_catalog = services.catalog_for(organization)
    year = year_param(request, default=timezone.localdate().year)
    assert year is not None
    can_edit = organization is None or user_can(request.user, "catalog.edit", organization)
    derive_form = bo_forms.DeriveForm(request.POST or None) if organization is not None else None
    if request.method == "POST" and organization is not None:
        if not can_edit:
            raise Http404("No such catalog")
        if derive_form is not None and derive_form.is_valid():
            created = services.catalog_derive(
                actor=request.user,
                organization=organization,
                pilot_areas=derive_form.cleaned_data["pilot_areas"],
            )
            messages.success(
                request,
                _("%(count)s entries were copied from the standard catalog.") % {"count": len(created)},
            )
            return redirect("backoffice:catalog", org=org)
    return render(
        request,
        "backoffice/disclosure/catalog.html",
        {
            "organization": organization,
            "org_slug": org,
            "catalog": the_catalog,
            "activity": selectors.catalog_activity(catalog=the_catalog),
            "year": year,
            "counts": selectors.catalog_change_counts(catalog=the_catalog, year=year),
            "history": selectors.catalog_history(catalog=the_catalog)[:50],
            "can_edit": can_edit,
            "derive_form": derive_form,
        },
    )


@login_required
def catalog_entry_edit(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organization = _catalog_owner(request, org, "catalog.edit")
    the_catalog = services.catalog_for(organization)
    entry = None
    if pk is not None:
        entry = get_catalog_entry_for_user(request.user, pk)
        if entry.catalog_id != the_catalog.pk:
            raise Http404("No such catalog entry")
    entries = CatalogEntry.objects.filter(catalog=the_catalog, is_deleted=False)
    if entry is not None:
        entries = entries.exclude(pk=entry.pk)
    form = bo_forms.CatalogEntryForm(request.POST or None, instance=entry, catalog_entries=entries)
    if request.method == "POST":
        if "delete" in request.POST and entry is not None:
            services.catalog_entry_delete(actor=request.user, entry=entry)
            messages.success(request, _("The entry was deleted (its history is kept)."))
            return redirect("backoffice:catalog", org=org)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                if entry is None:
                    services.catalog_entry_create(actor=request.user, catalog=the_catalog, values=values)
                else:
                    services.catalog_entry_update(actor=request.user, entry=entry, values=values)
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The entry was saved."))
                return redirect("backoffice:catalog", org=org)
    return render(
        request,
        "backoffice/disclosure/catalog_entry_form.html",
        {"organization": organization, "org_slug": org, "form": form, "entry": entry},
    )


# --- Yearly counts (table 二) --------------------------------------------------------------------


@login_required
def statistics(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    can_edit = user_can(request.user, "statistics.edit", organization)
    form = bo_forms.StatisticForm(request.POST or None, prefix="entry") if can_edit else None
    import_form = (
        bo_forms.StatisticImportForm(request.POST or None, request.FILES or None, prefix="import")
        if can_edit
        else None
    )
    errors: list[importer.RowError] = []
    if request.method == "POST":
        if not can_edit:
            raise Http404("No such page")
        if "import-file" in request.FILES and import_form is not None and import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                count = importer.statistics_import(
                    actor=request.user,
                    organization=organization,
                    rows=importer.read_rows(upload.read(), upload.name),
                    note=upload.name,
                )
            except importer.ImportFailed as failure:
                errors = failure.errors
                messages.error(request, failure.message)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("%(count)s rows were imported.") % {"count": count})
                return redirect("backoffice:statistics", org=org)
        elif form is not None and "entry-year" in request.POST and form.is_valid():
            data = form.cleaned_data
            try:
                services.statistic_set(
                    actor=request.user,
                    organization=organization,
                    year=data["year"],
                    item=data["item"],
                    values={name: data[name] for name in ("items", "decisions", "amount", "projects")},
                    source=StatisticSource.MANUAL,
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The count was saved."))
                return redirect("backoffice:statistics", org=org)
    return render(
        request,
        "backoffice/disclosure/statistics.html",
        {
            "organization": organization,
            "statistics": selectors.statistics_of(organization=organization),
            "form": form,
            "import_form": import_form,
            "errors": errors,
            "items": StatisticItem.choices,
        },
    )
