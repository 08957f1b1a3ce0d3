"""Back-office pages of applications: the queue, intake, one application with its clock,
the actions of the clock, the reply with its letter, letters and their delivery, letter
templates, reviews and lawsuits, and the computed tables 三 and 四. Views parse, call
services and selectors, and render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_organization_for_user, organizations_for_user, user_can
from gongkai.accounts.models import Membership, Organization, User
from gongkai.accounts.roles import VIEW_PERSONAL_DATA, permissions_of
from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.formats import format_for_year, get_format
from gongkai.annualreport.model import AnnualReport
from gongkai.backoffice.requests import forms as f
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.params import page_param
from gongkai.requests import services
from gongkai.requests.access import (
    get_case_document_for_user,
    get_case_for_user,
    get_letter_for_user,
    get_letter_template_for_user,
    get_request_for_user,
)
from gongkai.requests.clock import ClockState, receipt_rule
from gongkai.requests.codes import DISPOSITIONS, FeeBasis, LetterKind, Status
from gongkai.requests.letters.compose import compose
from gongkai.requests.letters.defaults import BODIES, PLACEHOLDERS, TITLES
from gongkai.requests.models import Case, InfoRequest, LetterTemplate, Reply, RequestEvent
from gongkai.requests.privacy import masked, may_view_personal_data
from gongkai.requests.selectors import (
    QueueFilters,
    applications_in_month,
    cases_of,
    clock_view,
    due_flag,
    due_soon_until,
    events_of,
    letters_of,
    open_consultation_events,
    open_counts,
    pending_extension_proposal,
    request_queue,
)
from gongkai.requests.statistics import t3_table, t4_table

HANDLE = services.HANDLE


def _handlers(organization: Organization) -> list[User]:
    memberships = Membership.objects.filter(organization=organization, user__is_active=True).select_related(
        "user"
    )
    users = {m.user for m in memberships if HANDLE in permissions_of(m.role)}
    return sorted(users, key=lambda user: user.get_full_name())


def _user(pk: str | None, handlers: list[User]) -> User | None:
    return next((user for user in handlers if str(user.pk) == pk), None)


# --- the queue ---------------------------------------------------------------------------------


@login_required
def queue(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "request.view")
    handlers = _handlers(organization)
    form = f.QueueFilterForm(request.GET or None, handlers=handlers)
    data = form.cleaned_data if form.is_valid() else {}
    include_units = request.GET.get("units") == "1" and organization.children.exists()
    organizations = (
        list(organizations_for_user(request.user, "request.view").filter(path__startswith=organization.path))
        if include_units
        else [organization]
    )
    filters = QueueFilters(
        state=data.get("state") or "open",
        assignee=data.get("assignee") or "",
        channel=data.get("channel") or "",
        applicant_type=data.get("applicant_type") or "",
        disposition=data.get("disposition") or "",
        query=data.get("q") or "",
        year=data.get("year"),
    )
    today = timezone.localdate()
    soon_until = due_soon_until(today)
    page = Paginator(
        request_queue(organizations=organizations, filters=filters, user=request.user, today=today), 50
    ).get_page(page_param(request))
    rows = [
        {
            "item": item,
            "applicant": masked(item.applicant).name,
            "flag": ""
            if item.status == Status.CLOSED
            else due_flag(item.next_due_on, today=today, soon_until=soon_until),
            "unconfirmed": item.status == Status.AWAITING_CONFIRMATION,
        }
        for item in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/requests/queue.html",
        {
            "organization": organization,
            "form": form,
            "page": page,
            "rows": rows,
            "counts": open_counts(organizations=organizations, today=today),
            "include_units": include_units,
            "has_units": organization.children.exists(),
            "querystring": query.urlencode(),
            "can_handle": user_can(request.user, HANDLE, organization),
            "can_assign_templates": user_can(request.user, "request.assign", organization),
            "today": today,
        },
    )


# --- intake ------------------------------------------------------------------------------------


@login_required
def intake(request: HttpRequest, org: str) -> HttpResponse:
    import secrets

    organization = get_organization_for_user(request.user, org, HANDLE)
    form = f.IntakeForm(request.POST or None, initial={"token": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            info_request = services.request_register(
                actor=request.user,
                organization=organization,
                channel=data["channel"],
                applicant_type=data["applicant_type"],
                applicant=form.applicant(),
                description=data["description"],
                form_wanted=data["form_wanted"],
                delivery_wanted=data["delivery_wanted"],
                submitted_on=data["submitted_on"],
                received_on=data.get("received_on"),
                idempotency_token=data["token"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Application %(reference)s registered. Tracking code for the applicant: %(code)s")
                % {"reference": info_request.reference, "code": info_request.tracking_code},
            )
            return redirect("backoffice:request", org=organization.slug, pk=info_request.pk)
    return render(request, "backoffice/requests/intake.html", {"organization": organization, "form": form})


# --- one application ------------------------------------------------------------------------------


@dataclass
class Panel:
    """An action offered on the page: its title, form and where it posts."""

    action: str
    title: str
    form: forms.Form
    hint: str = ""


def _panels(user: Any, info_request: InfoRequest, state: ClockState) -> list[Panel]:
    organization = info_request.organization
    can_handle = user_can(user, HANDLE, organization)
    can_approve = user_can(user, services.APPROVE_EXTENSION, organization)
    today = timezone.localdate()
    panels: list[Panel] = []
    if state.is_closed or not (can_handle or can_approve):
        return panels
    if state.received_on is None:
        if can_handle:
            panels.append(
                Panel(
                    "confirm",
                    _("Confirm receipt (Art. 31)"),
                    f.ConfirmForm(),
                    receipt_rule(info_request.channel),
                )
            )
            panels.append(Panel("withdraw", _("Record a withdrawal"), f.DateNoteForm()))
        return panels
    awaiting_correction = state.status == Status.AWAITING_CORRECTION
    if can_handle:
        notice_due = state.correction_notice_due_on
        if state.correction_requested_on is None and notice_due is not None and today <= notice_due:
            hint = _("Once only, by %(date)s (7 working days after receipt).") % {
                "date": notice_due.isoformat()
            }
            panels.append(Panel("correction", _("Request a correction (Art. 30)"), f.CorrectionForm(), hint))
        if awaiting_correction:
            panels.append(Panel("correction_received", _("Corrected application received"), f.DateNoteForm()))
            if state.correction_due_on and today > state.correction_due_on:
                panels.append(
                    Panel(
                        "correction_lapsed",
                        _("Not corrected in time: close as abandoned (Art. 30)"),
                        f.DateNoteForm(),
                    )
                )
        else:
            panels.append(
                Panel(
                    "consultation",
                    _("Consult a third party or another agency (Arts. 32–34)"),
                    f.ConsultationForm(),
                )
            )
            for event in open_consultation_events(info_request):
                panels.append(
                    Panel(
                        "consultation_end",
                        _("End the consultation of %(party)s") % {"party": event.party},
                        f.ConsultationEndForm(initial={"consultation": event.pk}),
                    )
                )
    if not awaiting_correction and not state.extension_days and not state.delayed_reply_due_on:
        proposal = pending_extension_proposal(info_request)
        if can_approve:
            initial = {"days": proposal.days, "reason": proposal.note} if proposal else {}
            hint = _("Proposed: %(days)s working days.") % {"days": proposal.days} if proposal else ""
            panels.append(
                Panel(
                    "extension",
                    _("Approve an extension (Art. 33)"),
                    f.ExtensionApproveForm(initial=initial),
                    hint,
                )
            )
        elif can_handle and proposal is None:
            panels.append(
                Panel(
                    "extension_propose",
                    _("Propose an extension to the head of the office"),
                    f.ExtensionProposeForm(),
                )
            )
    if can_handle and not awaiting_correction:
        if state.reasons_requested_on is None:
            panels.append(Panel("reasons", _("Ask for the reasons (Art. 35)"), f.ReasonsForm()))
        elif state.reasons_received_on is None:
            panels.append(Panel("reasons_received", _("Reasons received"), f.ReasonsReceivedForm()))
        elif state.reasons_accepted and not state.delayed_reply_due_on:
            panels.append(Panel("delayed_reply", _("Set a delayed reply (Art. 35)"), f.DelayedReplyForm()))
        if state.fee_notice_on is None:
            ordinal = applications_in_month(info_request)
            hint = _(
                "This is application no. %(n)s of the applicant to this body this month (per-piece fee: the first 10 are free)."
            ) % {"n": ordinal}
            panels.append(
                Panel(
                    "fee",
                    _("Issue a fee notice (Art. 42)"),
                    f.FeeForm(initial={"basis": FeeBasis.PER_PIECE, "quantity": 1}),
                    hint,
                )
            )
        elif state.fee_paid_on is None:
            panels.append(Panel("fee_paid", _("Fee paid"), f.DateForm()))
            if state.fee_due_on and today > state.fee_due_on:
                panels.append(Panel("fee_lapsed", _("Fee not paid in time: close"), f.DateForm()))
    if can_handle:
        panels.append(Panel("withdraw", _("Record a withdrawal"), f.DateNoteForm()))
    return panels


@login_required
def detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    info_request = get_request_for_user(request.user, org, pk)
    organization = info_request.organization
    view = clock_view(info_request)
    handlers = _handlers(organization)
    can_assign = user_can(request.user, "request.assign", organization)
    can_handle = user_can(request.user, HANDLE, organization)
    reply = Reply.objects.filter(request=info_request).first()
    return render(
        request,
        "backoffice/requests/detail.html",
        {
            "organization": organization,
            "info_request": info_request,
            "clock": view,
            "state": view.state,
            "applicant": masked(info_request.applicant),
            "may_view_personal_data": may_view_personal_data(request.user, info_request),
            "receipt_rule": receipt_rule(info_request.channel),
            "panels": _panels(request.user, info_request, view.state),
            "can_reply": can_handle and view.state.received_on is not None and not view.state.is_closed,
            "can_handle": can_handle,
            "assign_form": f.AssignForm(initial={"assignee": info_request.assignee_id}, handlers=handlers)
            if can_assign
            else None,
            "can_take": can_handle
            and not can_assign
            and info_request.assignee_id is None
            and not view.state.is_closed,
            "reply": reply,
            "reply_row": DISPOSITIONS[reply.disposition].row_for(format_for_year(reply.replied_on.year))
            if reply
            else "",
            "letters": letters_of(info_request),
            "delivery_form": f.DeliveryForm(),
            "events": events_of(info_request),
            "cases": info_request.cases.all(),
            "trail": trail_for(info_request)[:100],
        },
    )


ActionHandler = Callable[[Any, InfoRequest, dict[str, Any]], Any]


def _consultation_event(info_request: InfoRequest, pk: int) -> RequestEvent:
    event = RequestEvent.objects.filter(pk=pk, request=info_request).first()
    if event is None:
        raise Http404("No such consultation")
    return event


def _fee(user: Any, info_request: InfoRequest, data: dict[str, Any]) -> Any:
    amount = data.get("amount")
    if amount is None:
        first = applications_in_month(info_request) if data["basis"] == FeeBasis.PER_PIECE else 1
        amount = services.fee_amount(basis=data["basis"], quantity=data["quantity"], first_ordinal=first)
    return services.fee_notify(
        actor=user,
        info_request=info_request,
        on=data["on"],
        basis=data["basis"],
        quantity=data["quantity"],
        amount=amount,
        reason=data["reason"],
        counterpart_received_on=data.get("counterpart_received_on"),
    )


ACTIONS: dict[str, tuple[type[forms.Form], str, ActionHandler, Any]] = {
    "confirm": (
        f.ConfirmForm,
        HANDLE,
        lambda u, r, d: services.request_confirm_receipt(
            actor=u, info_request=r, received_on=d["received_on"]
        ),
        gettext_lazy("Receipt confirmed."),
    ),
    "correction": (
        f.CorrectionForm,
        HANDLE,
        lambda u, r, d: services.correction_request(
            actor=u, info_request=r, on=d["on"], due_on=d["due_on"], items=d["items"]
        ),
        gettext_lazy("Correction requested; the notice was issued."),
    ),
    "correction_received": (
        f.DateNoteForm,
        HANDLE,
        lambda u, r, d: services.correction_receive(
            actor=u, info_request=r, on=d["on"], note=d.get("note") or ""
        ),
        gettext_lazy("Corrected application recorded; the clock restarted."),
    ),
    "correction_lapsed": (
        f.DateNoteForm,
        HANDLE,
        lambda u, r, d: services.correction_lapse(
            actor=u, info_request=r, on=d["on"], note=d.get("note") or ""
        ),
        gettext_lazy("Closed as abandoned."),
    ),
    "consultation": (
        f.ConsultationForm,
        HANDLE,
        lambda u, r, d: services.consultation_start(
            actor=u,
            info_request=r,
            kind=d["kind"],
            party=d["party"],
            on=d["on"],
            counterpart_received_on=d.get("counterpart_received_on"),
            note=d.get("note") or "",
        ),
        gettext_lazy("Consultation started; the clock is stopped and the letter was issued."),
    ),
    "consultation_end": (
        f.ConsultationEndForm,
        HANDLE,
        lambda u, r, d: services.consultation_end(
            actor=u,
            info_request=r,
            consultation=_consultation_event(r, d["consultation"]),
            on=d["on"],
            note=d.get("note") or "",
        ),
        gettext_lazy("Consultation ended; the clock runs again."),
    ),
    "extension_propose": (
        f.ExtensionProposeForm,
        HANDLE,
        lambda u, r, d: services.extension_propose(
            actor=u, info_request=r, days=d["days"], reason=d["reason"]
        ),
        gettext_lazy("Extension proposed to the head of the office."),
    ),
    "extension": (
        f.ExtensionApproveForm,
        services.APPROVE_EXTENSION,
        lambda u, r, d: services.extension_approve(
            actor=u, info_request=r, days=d["days"], reason=d["reason"], on=d["on"]
        ),
        gettext_lazy("Extension approved; the notice was issued."),
    ),
    "reasons": (
        f.ReasonsForm,
        HANDLE,
        lambda u, r, d: services.reasons_request(
            actor=u, info_request=r, on=d["on"], due_on=d["due_on"], note=d.get("note") or ""
        ),
        gettext_lazy("Reasons requested."),
    ),
    "reasons_received": (
        f.ReasonsReceivedForm,
        HANDLE,
        lambda u, r, d: services.reasons_receive(
            actor=u, info_request=r, on=d["on"], accepted=d["accepted"], note=d.get("note") or ""
        ),
        gettext_lazy("Reasons recorded."),
    ),
    "delayed_reply": (
        f.DelayedReplyForm,
        HANDLE,
        lambda u, r, d: services.delayed_reply_set(
            actor=u, info_request=r, on=d["on"], due_on=d["due_on"], note=d["note"]
        ),
        gettext_lazy("Delayed reply set; the notice was issued."),
    ),
    "fee": (f.FeeForm, HANDLE, _fee, gettext_lazy("Fee notice issued.")),
    "fee_paid": (
        f.DateForm,
        HANDLE,
        lambda u, r, d: services.fee_pay(actor=u, info_request=r, on=d["on"]),
        gettext_lazy("Payment recorded."),
    ),
    "fee_lapsed": (
        f.DateForm,
        HANDLE,
        lambda u, r, d: services.fee_lapse(actor=u, info_request=r, on=d["on"]),
        gettext_lazy("Closed: fee not paid."),
    ),
    "withdraw": (
        f.DateNoteForm,
        HANDLE,
        lambda u, r, d: services.request_withdraw(
            actor=u, info_request=r, on=d["on"], note=d.get("note") or ""
        ),
        gettext_lazy("Withdrawal recorded."),
    ),
}


@login_required
@require_POST
def action(request: HttpRequest, org: str, pk: int, name: str) -> HttpResponse:
    if name not in ACTIONS:
        raise Http404("No such action")
    form_class, permission, handler, done = ACTIONS[name]
    info_request = get_request_for_user(request.user, org, pk, permission)
    form = form_class(request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[field].label if field in form.fields else ''} {' '.join(str(e) for e in errs)}".strip()
            for field, errs in form.errors.items()
        )
        messages.error(request, problems)
    else:
        try:
            handler(request.user, info_request, form.cleaned_data)
        except PermissionDenied:
            raise Http404("No such application") from None
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, str(done))
    return redirect("backoffice:request", org=info_request.organization.slug, pk=info_request.pk)


@login_required
@require_POST
def assign(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    info_request = get_request_for_user(request.user, org, pk)
    handlers = _handlers(info_request.organization)
    take = request.POST.get("take") == "1"
    form = f.AssignForm(request.POST, handlers=handlers)
    assignee = (
        request.user if take else (_user(form.data.get("assignee"), handlers) if form.is_valid() else None)
    )
    try:
        services.request_assign(actor=request.user, info_request=info_request, assignee=assignee)
    except PermissionDenied:
        raise Http404("No such application") from None
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Assignment saved."))
    return redirect("backoffice:request", org=info_request.organization.slug, pk=info_request.pk)


@login_required
def applicant(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """The full record of the applicant: handlers of the body only, and logged."""
    info_request = get_request_for_user(request.user, org, pk, VIEW_PERSONAL_DATA)
    person = services.applicant_reveal(actor=request.user, info_request=info_request)
    response = render(
        request,
        "backoffice/requests/applicant.html",
        {"organization": info_request.organization, "info_request": info_request, "applicant": person},
    )
    response["Cache-Control"] = "no-store"
    return response


# --- the reply ------------------------------------------------------------------------------------


@login_required
def reply(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Two steps without JavaScript: choose the result, then read (and edit) the letter
    composed from the template before it is issued."""
    info_request = get_request_for_user(request.user, org, pk, HANDLE)
    view = clock_view(info_request)
    if view.state.is_closed:
        messages.error(request, _("The application is closed."))
        return redirect("backoffice:request", org=info_request.organization.slug, pk=info_request.pk)
    form = f.ReplyForm(request.POST or None, initial={"issue_letter": True})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST or (not data.get("letter_body") and data.get("issue_letter")):
            rule = DISPOSITIONS[data["disposition"]]
            draft_reply = Reply(
                request=info_request,
                disposition=data["disposition"],
                grounds=[rule.ground] if rule.ground else list(data.get("grounds") or []),
                replied_on=data["replied_on"],
                explanation=data.get("explanation") or "",
                other_agency=data.get("other_agency") or "",
            )
            preview = compose(
                info_request=info_request,
                kind=LetterKind.REPLY,
                state=view.state,
                issued_on=data["replied_on"],
                disposition=data["disposition"],
                reply=draft_reply,
            )
            form = f.ReplyForm(initial={**data, "letter_title": preview.title, "letter_body": preview.body})
        else:
            try:
                services.reply_issue(
                    actor=request.user,
                    info_request=info_request,
                    disposition=data["disposition"],
                    replied_on=data["replied_on"],
                    grounds=data.get("grounds") or [],
                    explanation=data.get("explanation") or "",
                    other_agency=data.get("other_agency") or "",
                    on_the_spot=data.get("on_the_spot") or False,
                    issue_letter=bool(data.get("issue_letter")),
                    letter_title=data.get("letter_title") or None,
                    letter_body=data.get("letter_body") or None,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Replied. The application is closed."))
                return redirect("backoffice:request", org=info_request.organization.slug, pk=info_request.pk)
    return render(
        request,
        "backoffice/requests/reply.html",
        {
            "organization": info_request.organization,
            "info_request": info_request,
            "state": view.state,
            "form": form,
            "preview": preview,
            "rows": {code: rule.row for code, rule in DISPOSITIONS.items()},
        },
    )


# --- letters -------------------------------------------------------------------------------------


@login_required
def letter_download(request: HttpRequest, org: str, pk: int, letter: int, fmt: str) -> HttpResponse:
    item = get_letter_for_user(request.user, org, pk, letter)
    try:
        name, content_type, data = services.letter_open(actor=request.user, letter=item, fmt=fmt)
    except DomainError as error:
        raise Http404(error.message) from error
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        content_disposition_header(True, name) or f'attachment; filename="letter.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def letter_delivery(request: HttpRequest, org: str, pk: int, letter: int) -> HttpResponse:
    item = get_letter_for_user(request.user, org, pk, letter)
    form = f.DeliveryForm(request.POST)
    if form.is_valid():
        try:
            services.letter_record_delivery(actor=request.user, letter=item, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Delivery recorded."))
    else:
        messages.error(request, _("Give the method and date of delivery."))
    return redirect("backoffice:request", org=item.request.organization.slug, pk=item.request_id)


@login_required
def letter_correct(request: HttpRequest, org: str, pk: int, letter: int) -> HttpResponse:
    item = get_letter_for_user(request.user, org, pk, letter)
    form = f.LetterCorrectForm(request.POST or None, initial={"title": item.title, "body": item.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_correct(actor=request.user, letter=item, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("A corrected letter was issued; the earlier one stays on record."))
            return redirect("backoffice:request", org=item.request.organization.slug, pk=item.request_id)
    return render(
        request,
        "backoffice/requests/letter_correct.html",
        {
            "organization": item.request.organization,
            "info_request": item.request,
            "letter": item,
            "form": form,
        },
    )


# --- letter templates -------------------------------------------------------------------------------


@login_required
def templates(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "request.assign")
    saved = LetterTemplate.objects.filter(organization=organization).order_by("kind", "disposition")
    form = f.TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(actor=request.user, organization=organization, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Template saved."))
            return redirect("backoffice:request_templates", org=organization.slug)
    kind = request.GET.get("kind")
    if request.method == "GET" and kind in TITLES:
        existing = saved.filter(kind=kind, disposition="").first()
        form = f.TemplateForm(
            initial={
                "kind": kind,
                "title": existing.title if existing else TITLES[kind],
                "body": existing.body if existing else BODIES[kind],
            }
        )
    return render(
        request,
        "backoffice/requests/templates.html",
        {
            "organization": organization,
            "saved": saved,
            "form": form,
            "placeholders": PLACEHOLDERS.items(),
            "kinds": LetterKind.choices,
        },
    )


@login_required
@require_POST
def template_reset(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    template = get_letter_template_for_user(request.user, org, pk)
    services.letter_template_reset(actor=request.user, template=template)
    messages.success(request, _("The built-in wording is used again."))
    return redirect("backoffice:request_templates", org=org)


# --- reviews and lawsuits ----------------------------------------------------------------------------


def _case_values(form: f.CaseForm, organization: Organization) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    reference = (data.pop("info_request_reference", "") or "").strip()
    data["info_request"] = None
    if reference:
        data["info_request"] = InfoRequest.objects.filter(
            organization=organization, reference=reference
        ).first()
        if data["info_request"] is None:
            raise DomainError(
                _("No application %(reference)s of this body.") % {"reference": reference},
                field="info_request_reference",
            )
    return data


@login_required
def cases(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "request.view")
    items = cases_of([organization])
    return render(
        request,
        "backoffice/requests/cases.html",
        {
            "organization": organization,
            "cases": items,
            "can_edit": user_can(request.user, "case.edit", organization),
        },
    )


@login_required
def case_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "case.edit")
    form = f.CaseForm(
        request.POST or None,
        organization=organization,
        initial={"info_request_reference": request.GET.get("request", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(
                actor=request.user, organization=organization, values=_case_values(form, organization)
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Case recorded."))
            return redirect("backoffice:case", org=organization.slug, pk=case.pk)
    return render(
        request,
        "backoffice/requests/case_form.html",
        {"organization": organization, "form": form, "case": None},
    )


@login_required
def case_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, org, pk)
    organization = case.organization
    can_edit = user_can(request.user, "case.edit", organization)
    form = (
        f.CaseForm(request.POST or None, instance=Case.objects.get(pk=case.pk), organization=organization)
        if can_edit
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404("No such case")
        if form.is_valid():
            try:
                services.case_update(actor=request.user, case=case, values=_case_values(form, organization))
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Case saved."))
                return redirect("backoffice:case", org=organization.slug, pk=case.pk)
    return render(
        request,
        "backoffice/requests/case_detail.html",
        {
            "organization": organization,
            "case": case,
            "form": form,
            "document_form": f.CaseDocumentForm() if can_edit else None,
            "documents": case.documents.all(),
            "trail": trail_for(case)[:50],
        },
    )


@login_required
@require_POST
def case_document_add(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, org, pk, "case.edit")
    form = f.CaseDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.case_document_add(
                actor=request.user,
                case=case,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Document added."))
    else:
        messages.error(request, _("Give a title and choose a file."))
    return redirect("backoffice:case", org=case.organization.slug, pk=case.pk)


@login_required
def case_document(request: HttpRequest, org: str, pk: int, document: int) -> HttpResponse:
    item = get_case_document_for_user(request.user, org, pk, document)
    with item.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="case-document-{item.pk}"'
    return response


# --- tables 三 and 四 from the records ---------------------------------------------------------------


@login_required
def statistics(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "request.view")
    form = f.YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year - 1
    include_units = request.GET.get("units") == "1" and organization.children.exists()
    organizations = list(organization.subtree()) if include_units else [organization]
    layout = format_for_year(year)
    report = AnnualReport.empty(layout, organization=organization.name, year=year)
    report.tables["T3"] = t3_table(organizations, year, layout)
    report.tables["T4"] = t4_table(organizations, year, layout)
    findings = [finding for finding in errors(check_report(report)) if finding.table in ("T3", "T4")]
    fmt = get_format(layout)
    t3_rows = [
        (row.full_label, [report.tables["T3"][row.code][c.code] for c in fmt.t3_columns])
        for row in fmt.t3_rows
    ]
    t4_rows = [
        (group.group or "", group.label, [report.tables["T4"][group.code][c.code] for c in fmt.t4_columns])
        for group in fmt.t4_groups
    ]
    return render(
        request,
        "backoffice/requests/statistics.html",
        {
            "organization": organization,
            "form": form,
            "year": year,
            "layout": layout,
            "include_units": include_units,
            "has_units": organization.children.exists(),
            "t3_columns": [c.label for c in fmt.t3_columns],
            "t3_rows": t3_rows,
            "t4_columns": [c.label for c in fmt.t4_columns],
            "t4_rows": t4_rows,
            "findings": findings,
        },
    )
