"""Intake: online submission, registration by staff, confirmation of receipt, assignment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.access import user_can
from gongkai.accounts.models import Organization
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.requests.clock import needs_confirmation
from gongkai.requests.codes import (
    ApplicantType,
    Channel,
    DeliveryWanted,
    EventKind,
    FormWanted,
    IdType,
)
from gongkai.requests.models import (
    Applicant,
    InfoRequest,
)
from gongkai.requests.selectors import load_calendar
from gongkai.requests.services._common import (
    ASSIGN,
    HANDLE,
    PUBLIC_ACTOR,
    _check_date,
    _event,
    _lock,
    _log,
    _next_reference,
    _open_state,
    _record_step,
    _refresh,
    _require,
    make_tracking_code,
)

# --- intake ----------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postal_code",
)


def _clean_applicant(applicant_type: str, values: dict[str, str]) -> dict[str, str]:
    if applicant_type not in ApplicantType.values:
        raise DomainError(_("Choose who is applying."), field="applicant_type")
    cleaned = {name: (values.get(name) or "").strip() for name in APPLICANT_FIELDS}
    if not cleaned["name"]:
        raise DomainError(_("Give the applicant's name."), field="name")
    if cleaned["id_type"] not in IdType.values:
        raise DomainError(_("Choose the identity document."), field="id_type")
    if not cleaned["id_number"]:
        raise DomainError(_("Give the number of the identity document (Art. 29)."), field="id_number")
    if applicant_type != ApplicantType.NATURAL_PERSON and not cleaned["contact_person"]:
        raise DomainError(_("Give the organization's contact person."), field="contact_person")
    if not (cleaned["phone"] or cleaned["email"] or cleaned["address"]):
        raise DomainError(_("Give at least one way to reach the applicant (Art. 29)."), field="phone")
    return cleaned


def _create_request(
    *,
    organization: Organization,
    channel: str,
    applicant_type: str,
    applicant: dict[str, str],
    description: str,
    form_wanted: str,
    delivery_wanted: str,
    submitted_at: dt.datetime,
    idempotency_token: str,
    created_by: Any,
) -> InfoRequest:
    if channel not in Channel.values:
        raise DomainError(_("Unknown channel."), field="channel")
    if form_wanted not in FormWanted.values:
        raise DomainError(_("Choose the form in which you want the information."), field="form_wanted")
    if delivery_wanted not in DeliveryWanted.values:
        raise DomainError(_("Choose how you want to receive the information."), field="delivery_wanted")
    if not description.strip():
        raise DomainError(_("Describe the information you ask for (Art. 29)."), field="description")
    details = _clean_applicant(applicant_type, applicant)
    person = Applicant.objects.create(**details)
    local_day = timezone.localdate(submitted_at)
    return InfoRequest.objects.create(
        organization=organization,
        reference=_next_reference(organization, local_day.year),
        tracking_code=make_tracking_code(),
        idempotency_token=idempotency_token or None,
        channel=channel,
        applicant_type=applicant_type,
        applicant=person,
        description=description.strip(),
        form_wanted=form_wanted,
        delivery_wanted=delivery_wanted,
        submitted_at=submitted_at,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )


def _existing_for_token(organization: Organization, token: str) -> InfoRequest | None:
    if not token:
        return None
    existing = InfoRequest.objects.filter(idempotency_token=token).first()
    if existing is not None and existing.organization_id != organization.pk:
        raise DomainError(_("This form was already used for another body; reload the form."))
    return existing


def request_submit_online(
    *,
    organization: Organization,
    applicant_type: str,
    applicant: dict[str, str],
    description: str,
    form_wanted: str,
    delivery_wanted: str,
    idempotency_token: str,
) -> tuple[InfoRequest, bool]:
    """The public form. Returns (application, created): the same token returns the
    application already created, so a resubmitted form never makes a second one. The
    application counts as received only when the office confirms it (Art. 31 (3))."""
    if not idempotency_token:
        raise DomainError(_("The form has expired; reload it and submit again."))
    existing = _existing_for_token(organization, idempotency_token)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            now = timezone.now()
            info_request = _create_request(
                organization=organization,
                channel=Channel.ONLINE,
                applicant_type=applicant_type,
                applicant=applicant,
                description=description,
                form_wanted=form_wanted,
                delivery_wanted=delivery_wanted,
                submitted_at=now,
                idempotency_token=idempotency_token,
                created_by=None,
            )
            _event(info_request, PUBLIC_ACTOR, EventKind.SUBMITTED, timezone.localdate(now))
            _refresh(info_request)
            _log(
                actor=PUBLIC_ACTOR,
                action="request.submitted",
                info_request=info_request,
                before=None,
                data={"channel": Channel.ONLINE},
            )
    except IntegrityError:
        existing = _existing_for_token(organization, idempotency_token)
        if existing is None:
            raise
        return existing, False
    return info_request, True


@transaction.atomic
def request_register(
    *,
    actor: Any,
    organization: Organization,
    channel: str,
    applicant_type: str,
    applicant: dict[str, str],
    description: str,
    form_wanted: str,
    delivery_wanted: str,
    submitted_on: dt.date,
    received_on: dt.date | None,
    idempotency_token: str = "",
) -> InfoRequest:
    """An application received by the office in person, by post, fax or e-mail, entered
    by staff. ``received_on`` is the Art. 31 receipt date: the submission day in person,
    the day the office signed for registered post, the confirmation day otherwise; leave
    it empty while a fax, e-mail or ordinary letter is not yet confirmed."""
    _require(actor, HANDLE, organization)
    existing = _existing_for_token(organization, idempotency_token)
    if existing is not None:
        return existing
    if channel == Channel.ONLINE:
        raise DomainError(_("Online applications come through the public form."), field="channel")
    _check_date(submitted_on, field="submitted_on")
    if channel == Channel.IN_PERSON:
        if received_on is not None and received_on != submitted_on:
            raise DomainError(
                _("An application submitted in person is received on the day it is submitted (Art. 31 (1))."),
                field="received_on",
            )
        received_on = submitted_on
    if channel == Channel.POST_SIGNED and received_on is None:
        raise DomainError(
            _("Give the day the office signed for the letter (Art. 31 (2))."), field="received_on"
        )
    if received_on is not None:
        _check_date(received_on, not_before=submitted_on, field="received_on")
    submitted_at = timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(12)))
    info_request = _create_request(
        organization=organization,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant,
        description=description,
        form_wanted=form_wanted,
        delivery_wanted=delivery_wanted,
        submitted_at=submitted_at,
        idempotency_token=idempotency_token,
        created_by=actor,
    )
    _event(info_request, actor, EventKind.SUBMITTED, submitted_on)
    if received_on is not None:
        _event(info_request, actor, EventKind.RECEIVED, received_on)
    _refresh(info_request)
    _log(
        actor=actor,
        action="request.registered",
        info_request=info_request,
        before=None,
        data={"channel": channel},
    )
    return info_request


@transaction.atomic
def request_confirm_receipt(*, actor: Any, info_request: InfoRequest, received_on: dt.date) -> InfoRequest:
    """Art. 31: the office confirms an online, fax, e-mail or ordinary-letter application
    with the applicant; the day both sides confirmed is the receipt day."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _open_state(info_request, calendar)
    if state.received_on is not None:
        raise DomainError(
            _("The receipt was confirmed already, on %(date)s.") % {"date": state.received_on.isoformat()}
        )
    if not needs_confirmation(info_request.channel):
        raise DomainError(_("This channel needs no confirmation."))
    _check_date(received_on, not_before=timezone.localdate(info_request.submitted_at), field="received_on")
    _record_step(
        info_request,
        actor,
        EventKind.RECEIVED,
        received_on,
        action="request.receipt_confirmed",
        calendar=calendar,
    )
    return info_request


@transaction.atomic
def request_assign(*, actor: Any, info_request: InfoRequest, assignee: Any | None) -> InfoRequest:
    """Give the application to a handler of the body (``request.assign``), or take an
    unassigned one yourself (``request.handle``)."""
    info_request = _lock(info_request)
    organization = info_request.organization
    taking = assignee is not None and assignee == actor and info_request.assignee_id is None
    if not (user_can(actor, ASSIGN, organization) or (taking and user_can(actor, HANDLE, organization))):
        raise PermissionDenied(
            _("You may not assign applications of %(organization)s.") % {"organization": organization.name}
        )
    if assignee is not None and not user_can(assignee, HANDLE, organization):
        raise DomainError(
            _("%(name)s does not handle applications for this body.") % {"name": assignee.get_full_name()},
            field="assignee",
        )
    before = {"assignee": info_request.assignee.get_username() if info_request.assignee else None}
    info_request.assignee = assignee
    info_request.save(update_fields=["assignee"])
    log_action(
        actor=actor,
        action="request.assigned",
        target=info_request,
        organization=organization,
        before=before,
        after={"assignee": assignee.get_username() if assignee else None},
    )
    return info_request
