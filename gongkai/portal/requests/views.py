"""Public pages of applications: the form, the receipt, and the progress page that the
applicant opens with the tracking code. No page here shows personal data."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_public_organization
from gongkai.column.selectors import guide_for
from gongkai.core.errors import DomainError
from gongkai.portal.requests.forms import ApplicationForm, CorrectionForm, TrackForm, WithdrawForm
from gongkai.requests.access import get_request_by_tracking_code
from gongkai.requests.codes import LetterKind, Status
from gongkai.requests.selectors import clock_view, letters_of
from gongkai.requests.services import (
    correction_submit_online,
    normalize_tracking_code,
    request_submit_online,
    request_withdraw_online,
)


def apply(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    form = ApplicationForm(request.POST or None, initial={"token": secrets.token_urlsafe(24)})
    if request.method == "POST" and form.is_valid():
        try:
            info_request, _created = request_submit_online(
                organization=organization,
                applicant_type=form.cleaned_data["applicant_type"],
                applicant=form.applicant(),
                description=form.cleaned_data["description"],
                form_wanted=form.cleaned_data["form_wanted"],
                delivery_wanted=form.cleaned_data["delivery_wanted"],
                idempotency_token=form.cleaned_data["token"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            url = reverse(
                "portal:track", kwargs={"org": organization.slug, "code": info_request.tracking_code}
            )
            return redirect(f"{url}?receipt=1")
    response = render(
        request,
        "portal/requests/apply.html",
        {
            "organization": organization,
            "guide": guide_for(organization),
            "form": form,
            "track_form": TrackForm(),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def track_lookup(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    form = TrackForm(request.GET or None)
    if form.is_valid():
        code = normalize_tracking_code(form.cleaned_data["code"])
        return redirect("portal:track", org=organization.slug, code=code or "-")
    return render(request, "portal/requests/track_lookup.html", {"organization": organization, "form": form})


def track(request: HttpRequest, org: str, code: str) -> HttpResponse:
    info_request = get_request_by_tracking_code(org, code)
    view = clock_view(info_request)
    letters = [
        {
            "title": letter.title,
            "number": letter.number,
            "issued_on": letter.issued_on,
            "deliveries": list(letter.deliveries.all()),
        }
        for letter in letters_of(info_request)
        if letter.kind != LetterKind.CONSULTATION  # addressed to the consulted party, not to the applicant
    ]
    response = render(
        request,
        "portal/requests/track.html",
        {
            "organization": info_request.organization,
            "info_request": info_request,
            "clock": view,
            "state": view.state,
            "letters": letters,
            "receipt": request.GET.get("receipt") == "1",
            "correction_form": CorrectionForm() if view.state.status == Status.AWAITING_CORRECTION else None,
            "withdraw_form": WithdrawForm() if not view.state.is_closed else None,
        },
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def track_correction(request: HttpRequest, org: str, code: str) -> HttpResponse:
    info_request = get_request_by_tracking_code(org, code)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            correction_submit_online(info_request=info_request, text=form.cleaned_data["text"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your correction was received. The reply period starts again today."))
    else:
        messages.error(request, _("Write the corrected description."))
    return redirect("portal:track", org=info_request.organization.slug, code=info_request.tracking_code)


@require_POST
def track_withdraw(request: HttpRequest, org: str, code: str) -> HttpResponse:
    info_request = get_request_by_tracking_code(org, code)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            request_withdraw_online(info_request=info_request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your application was withdrawn."))
    else:
        messages.error(request, _("Tick the box to confirm the withdrawal."))
    return redirect("portal:track", org=info_request.organization.slug, code=info_request.tracking_code)
