"""Writes to applications: intake, the facts of the clock, replies, letters, delivery,
assignment; reviews and lawsuits. Each service is atomic, validates the rules of the 条例,
records the fact as an event, refreshes the derived projection (status, due dates) and
writes an audit entry in the same transaction. Audit entries never carry personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.access import user_can
from gongkai.accounts.models import Organization
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.requests.clock import ClockState, needs_confirmation, walk
from gongkai.requests.codes import (
    DISPOSITIONS,
    NEEDS_GROUNDS,
    REPLY_DISPOSITIONS,
    ApplicantType,
    CaseKind,
    CaseResult,
    Channel,
    ConsultationKind,
    DeliveryMethod,
    DeliveryWanted,
    Disposition,
    EventKind,
    FeeBasis,
    FormWanted,
    Ground,
    IdType,
    LetterKind,
    Status,
)
from gongkai.requests.conf import clock_rules
from gongkai.requests.fees import per_page_fee, per_piece_total
from gongkai.requests.letters.compose import addressee_for, compose
from gongkai.requests.letters.defaults import PLACEHOLDERS
from gongkai.requests.letters.render import LetterContent, paragraphs_of, placeholders_in, render_letter
from gongkai.requests.models import (
    Applicant,
    Case,
    CaseDocument,
    DigestRun,
    InfoRequest,
    Letter,
    LetterDelivery,
    LetterSequence,
    LetterTemplate,
    ReferenceSequence,
    Reply,
    RequestEvent,
)
from gongkai.requests.selectors import clock_of, load_calendar
from gongkai.workdays.calendar import WorkdayCalendar

HANDLE = "request.handle"
ASSIGN = "request.assign"
APPROVE_EXTENSION = "request.approve_extension"
CASE_EDIT = "case.edit"
TEMPLATE_EDIT = "request.assign"  # the office head manages the office's letters
PUBLIC_ACTOR = "applicant (online)"
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
PROJECTION_FIELDS = (
    "status",
    "received_on",
    "reply_due_on",
    "next_due_on",
    "next_due_kind",
    "closed_on",
    "disposition",
    "due_provisional_years",
)


# --- helpers ----------------------------------------------------------------------------------


def _require(actor: Any, permission: str, organization: Organization) -> None:
    if not user_can(actor, permission, organization):
        raise PermissionDenied(
            _("You may not do this for %(organization)s.") % {"organization": organization.name}
        )


def _today() -> dt.date:
    return timezone.localdate()


def _lock(info_request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_for_update()
        .select_related("organization", "applicant")
        .get(pk=info_request.pk)
    )


def _projection(info_request: InfoRequest) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in PROJECTION_FIELDS:
        value = getattr(info_request, name)
        values[name] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def _apply(info_request: InfoRequest, state: ClockState) -> None:
    info_request.status = state.status
    info_request.received_on = state.received_on
    info_request.reply_due_on = state.reply_due_on
    info_request.next_due_on = state.next_due_on
    info_request.next_due_kind = state.next_due_kind
    info_request.closed_on = state.closed_on
    info_request.disposition = state.disposition if state.is_closed else ""
    info_request.due_provisional_years = list(state.provisional_years)
    info_request.recomputed_at = timezone.now()


def _refresh(info_request: InfoRequest, *, calendar: WorkdayCalendar | None = None) -> ClockState:
    state = clock_of(info_request, calendar=calendar)
    _apply(info_request, state)
    info_request.save(update_fields=[*PROJECTION_FIELDS, "recomputed_at"])
    return state


def _log(
    *,
    actor: Any,
    action: str,
    info_request: InfoRequest,
    before: dict[str, Any] | None,
    data: dict[str, Any] | None = None,
) -> None:
    log_action(
        actor=actor,
        action=action,
        target=info_request,
        organization=info_request.organization,
        before=before,
        after=_projection(info_request),
        data=data,
    )


def _event(info_request: InfoRequest, actor: Any, kind: str, on: dt.date, **fields: Any) -> RequestEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    name = actor if isinstance(actor, str) else (user.get_full_name() if user else "system")
    return RequestEvent.objects.create(
        request=info_request, kind=kind, on=on, recorded_by=user, actor_name=name, **fields
    )


def _record_step(
    info_request: InfoRequest,
    actor: Any,
    kind: str,
    on: dt.date,
    *,
    action: str,
    calendar: WorkdayCalendar | None = None,
    log_data: dict[str, Any] | None = None,
    letter: str | None = None,
    letter_body: str | None = None,
    **fields: Any,
) -> RequestEvent:
    """The one way a step of the procedure is written: its event, the clock recomputed
    from all events, the audit entry with the request's before and after, and — when the
    step tells the applicant something — the letter (``letter`` is its kind)."""
    before = _projection(info_request)
    event = _event(info_request, actor, kind, on, **fields)
    state = _refresh(info_request, calendar=calendar)
    _log(actor=actor, action=action, info_request=info_request, before=before, data=log_data)
    if letter:
        _issue_for_event(
            actor=actor, info_request=info_request, kind=letter, event=event, state=state, body=letter_body
        )
    return event


def _check_date(on: dt.date, *, not_before: dt.date | None = None, field: str = "on") -> None:
    if on > _today():
        raise DomainError(_("The date cannot be in the future."), field=field)
    if not_before is not None and on < not_before:
        raise DomainError(
            _("The date cannot be before %(date)s.") % {"date": not_before.isoformat()}, field=field
        )


def _open_state(info_request: InfoRequest, calendar: WorkdayCalendar | None = None) -> ClockState:
    state = clock_of(info_request, calendar=calendar)
    if state.is_closed:
        raise DomainError(_("The application is closed."))
    return state


def _received_state(info_request: InfoRequest, calendar: WorkdayCalendar | None = None) -> ClockState:
    state = _open_state(info_request, calendar)
    if state.received_on is None:
        raise DomainError(_("Confirm the receipt of the application first (Art. 31)."))
    return state


def _strict_calendar() -> WorkdayCalendar:
    return WorkdayCalendar.load()


def make_tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _i in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalize_tracking_code(text: str) -> str:
    """What the applicant typed, as stored: upper case, Crockford look-alikes mapped."""
    cleaned = text.strip().upper().translate(str.maketrans("OILU", "011V"))
    raw = "".join(char for char in cleaned if char in TRACKING_ALPHABET)
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _next_reference(organization: Organization, year: int) -> str:
    sequence, _created = ReferenceSequence.objects.select_for_update().get_or_create(
        organization=organization, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{year}-{sequence.last:04d}"


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


# --- correction (Art. 30) -------------------------------------------------------------------


@transaction.atomic
def correction_request(
    *,
    actor: Any,
    info_request: InfoRequest,
    on: dt.date,
    due_on: dt.date,
    items: str,
    issue_letter: bool = True,
    letter_body: str | None = None,
) -> RequestEvent:
    """Art. 30: once, within 7 working days of receipt, say what must be corrected and by
    when. The reply clock stops until the corrected application arrives."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if state.correction_requested_on is not None:
        raise DomainError(_("A correction can be requested only once (Art. 30)."))
    if not items.strip():
        raise DomainError(_("Say what must be corrected (Art. 30)."), field="items")
    assert state.received_on is not None
    _check_date(on, not_before=state.received_on)
    rules = clock_rules()
    notice_due = walk(
        _strict_calendar(),
        state.received_on,
        rules.correction_notice_workdays,
        count_start=rules.count_receipt_day,
    )
    if on > notice_due:
        raise DomainError(
            _("The correction notice was due within 7 working days of receipt, by %(date)s (Art. 30).")
            % {"date": notice_due.isoformat()},
            field="on",
        )
    if due_on <= on:
        raise DomainError(
            _("Give the applicant a reasonable period: the deadline must be after the notice."),
            field="due_on",
        )
    return _record_step(
        info_request,
        actor,
        EventKind.CORRECTION_REQUESTED,
        on,
        action="request.correction_requested",
        calendar=calendar,
        log_data={"due_on": due_on},
        letter=LetterKind.CORRECTION if issue_letter else None,
        letter_body=letter_body,
        due_on=due_on,
        note=items.strip(),
    )


def _correction_received(*, actor: Any, info_request: InfoRequest, on: dt.date, note: str) -> RequestEvent:
    calendar = load_calendar()
    state = _open_state(info_request, calendar)
    if state.status != Status.AWAITING_CORRECTION:
        raise DomainError(_("No correction is awaited."))
    assert state.correction_requested_on is not None
    _check_date(on, not_before=state.correction_requested_on)
    return _record_step(
        info_request,
        actor,
        EventKind.CORRECTION_RECEIVED,
        on,
        action="request.correction_received",
        calendar=calendar,
        note=note.strip(),
    )


@transaction.atomic
def correction_receive(*, actor: Any, info_request: InfoRequest, on: dt.date, note: str = "") -> RequestEvent:
    """The corrected application arrived (by any channel): the clock restarts (Art. 30)."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    return _correction_received(actor=actor, info_request=info_request, on=on, note=note)


@transaction.atomic
def correction_submit_online(*, info_request: InfoRequest, text: str) -> RequestEvent:
    """The applicant sends the correction through the tracking page: received today."""
    info_request = _lock(info_request)
    if not text.strip():
        raise DomainError(_("Write the corrected description."), field="text")
    return _correction_received(actor=PUBLIC_ACTOR, info_request=info_request, on=_today(), note=text)


@transaction.atomic
def correction_lapse(*, actor: Any, info_request: InfoRequest, on: dt.date, note: str = "") -> RequestEvent:
    """Not corrected by the deadline without good reason: deemed abandoned (Art. 30);
    counted in table 三 （六）1."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _open_state(info_request, calendar)
    if state.status != Status.AWAITING_CORRECTION:
        raise DomainError(_("No correction is awaited."))
    assert state.correction_due_on is not None
    if on <= state.correction_due_on:
        raise DomainError(
            _("The applicant has until %(date)s to correct the application.")
            % {"date": state.correction_due_on.isoformat()},
            field="on",
        )
    _check_date(on)
    return _record_step(
        info_request,
        actor,
        EventKind.CORRECTION_LAPSED,
        on,
        action="request.abandoned",
        calendar=calendar,
        note=note.strip(),
    )


# --- consultation (Arts. 32–34) --------------------------------------------------------------


@transaction.atomic
def consultation_start(
    *,
    actor: Any,
    info_request: InfoRequest,
    kind: str,
    party: str,
    on: dt.date,
    counterpart_received_on: dt.date | None = None,
    note: str = "",
    issue_letter: bool = True,
    letter_body: str | None = None,
) -> RequestEvent:
    """Ask a third party (Art. 32) or another agency (Art. 34) for its opinion; it has 15
    working days from its receipt of the letter, and those days do not count (Art. 33)."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if state.status == Status.AWAITING_CORRECTION:
        raise DomainError(_("Wait for the corrected application before consulting."))
    if kind not in ConsultationKind.values:
        raise DomainError(_("Choose whom you consult."), field="kind")
    if not party.strip():
        raise DomainError(_("Name the consulted party."), field="party")
    assert state.day0 is not None and state.reply_due_on is not None
    _check_date(on, not_before=state.day0)
    if on > state.reply_due_on:
        raise DomainError(
            _("The reply was due by %(date)s; a consultation cannot start after the due date.")
            % {"date": state.reply_due_on.isoformat()},
            field="on",
        )
    if counterpart_received_on is not None and counterpart_received_on < on:
        raise DomainError(
            _("The letter cannot be received before it is sent."), field="counterpart_received_on"
        )
    return _record_step(
        info_request,
        actor,
        EventKind.CONSULTATION_STARTED,
        on,
        action="request.consultation_started",
        calendar=calendar,
        log_data={"kind": kind},
        letter=LetterKind.CONSULTATION if issue_letter else None,
        letter_body=letter_body,
        consultation_kind=kind,
        party=party.strip(),
        counterpart_received_on=counterpart_received_on,
        note=note.strip(),
    )


@transaction.atomic
def consultation_end(
    *, actor: Any, info_request: InfoRequest, consultation: RequestEvent, on: dt.date, note: str = ""
) -> RequestEvent:
    """The opinion arrived (or the consulted party's period ran out): the clock runs again."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    _open_state(info_request)
    if consultation.request_id != info_request.pk or consultation.kind != EventKind.CONSULTATION_STARTED:
        raise DomainError(_("No such consultation."))
    if RequestEvent.objects.filter(related=consultation, kind=EventKind.CONSULTATION_ENDED).exists():
        raise DomainError(_("This consultation has ended already."))
    _check_date(on, not_before=consultation.on)
    return _record_step(
        info_request,
        actor,
        EventKind.CONSULTATION_ENDED,
        on,
        action="request.consultation_ended",
        related=consultation,
        note=note.strip(),
    )


# --- extension (Art. 33 ¶2) -----------------------------------------------------------------


def _check_extension(state: ClockState, days: int, on: dt.date) -> None:
    rules = clock_rules()
    if state.status == Status.AWAITING_CORRECTION:
        raise DomainError(_("No reply is due while a correction is awaited."))
    if state.extension_days:
        raise DomainError(_("The reply period has been extended already (Art. 33)."))
    if state.delayed_reply_due_on:
        raise DomainError(_("A delayed reply has been set (Art. 35); it replaces the extension."))
    if not 1 <= days <= rules.max_extension_workdays:
        raise DomainError(
            _("An extension is at most %(max)s working days (Art. 33).")
            % {"max": rules.max_extension_workdays},
            field="days",
        )
    assert state.reply_due_on is not None
    if on > state.reply_due_on:
        raise DomainError(
            _("An extension must be approved by the due date, %(date)s.")
            % {"date": state.reply_due_on.isoformat()},
            field="on",
        )


@transaction.atomic
def extension_propose(*, actor: Any, info_request: InfoRequest, days: int, reason: str) -> RequestEvent:
    """A handler asks the head of the disclosure office to extend the reply period."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if not reason.strip():
        raise DomainError(_("Give the reason for the extension."), field="reason")
    _check_extension(state, days, _today())
    return _record_step(
        info_request,
        actor,
        EventKind.EXTENSION_PROPOSED,
        _today(),
        action="request.extension_proposed",
        calendar=calendar,
        log_data={"days": days, "reason": reason},
        days=days,
        note=reason.strip(),
    )


@transaction.atomic
def extension_approve(
    *,
    actor: Any,
    info_request: InfoRequest,
    days: int,
    reason: str,
    on: dt.date | None = None,
    issue_letter: bool = True,
    letter_body: str | None = None,
) -> RequestEvent:
    """Art. 33 ¶2: the head of the disclosure office (``request.approve_extension``)
    extends the reply period by at most 20 working days, before it runs out; the
    applicant is told (the extension notice)."""
    info_request = _lock(info_request)
    _require(actor, APPROVE_EXTENSION, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    on = on or _today()
    if not reason.strip():
        raise DomainError(_("Give the reason for the extension."), field="reason")
    _check_date(on, not_before=state.day0)
    _check_extension(state, days, on)
    proposal = (
        RequestEvent.objects.filter(request=info_request, kind=EventKind.EXTENSION_PROPOSED)
        .order_by("-id")
        .first()
    )
    return _record_step(
        info_request,
        actor,
        EventKind.EXTENSION,
        on,
        action="request.extended",
        calendar=calendar,
        log_data={"days": days, "reason": reason},
        letter=LetterKind.EXTENSION if issue_letter else None,
        letter_body=letter_body,
        days=days,
        approved_by=actor,
        related=proposal,
        note=reason.strip(),
    )


# --- Art. 35: reasons and delayed reply -------------------------------------------------------


@transaction.atomic
def reasons_request(
    *,
    actor: Any,
    info_request: InfoRequest,
    on: dt.date,
    due_on: dt.date,
    note: str = "",
    issue_letter: bool = True,
    letter_body: str | None = None,
) -> RequestEvent:
    """Art. 35: the number or frequency of applications is clearly unreasonable; ask the
    applicant for the reasons. The reply clock keeps running."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if state.reasons_requested_on is not None:
        raise DomainError(_("The reasons have been requested already."))
    _check_date(on, not_before=state.day0)
    if due_on <= on:
        raise DomainError(_("The deadline must be after the request."), field="due_on")
    return _record_step(
        info_request,
        actor,
        EventKind.REASONS_REQUESTED,
        on,
        action="request.reasons_requested",
        calendar=calendar,
        letter=LetterKind.REASONS if issue_letter else None,
        letter_body=letter_body,
        due_on=due_on,
        note=note.strip(),
    )


@transaction.atomic
def reasons_receive(
    *, actor: Any, info_request: InfoRequest, on: dt.date, accepted: bool, note: str = ""
) -> RequestEvent:
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if state.reasons_requested_on is None or state.reasons_received_on is not None:
        raise DomainError(_("No reasons are awaited."))
    _check_date(on, not_before=state.reasons_requested_on)
    return _record_step(
        info_request,
        actor,
        EventKind.REASONS_RECEIVED,
        on,
        action="request.reasons_received",
        calendar=calendar,
        log_data={"accepted": accepted},
        accepted=accepted,
        note=note.strip(),
    )


@transaction.atomic
def delayed_reply_set(
    *,
    actor: Any,
    info_request: InfoRequest,
    on: dt.date,
    due_on: dt.date,
    note: str,
    issue_letter: bool = True,
    letter_body: str | None = None,
) -> RequestEvent:
    """Art. 35: the reasons are reasonable but the reply cannot be made within the Art. 33
    period; the body sets a reasonable later date (the law sets no maximum) and tells the
    applicant."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if not state.reasons_accepted:
        raise DomainError(
            _("A delayed reply needs reasons from the applicant that were found reasonable (Art. 35).")
        )
    if state.delayed_reply_due_on is not None:
        raise DomainError(_("A delayed reply has been set already."))
    if state.reply_due_on is None:
        raise DomainError(_("No reply is due while a correction is awaited."))
    if not note.strip():
        raise DomainError(_("Say why the reply cannot be made in time."), field="note")
    _check_date(on, not_before=state.reasons_received_on)
    if on > state.reply_due_on:
        raise DomainError(
            _("A delayed reply must be decided by the due date, %(date)s.")
            % {"date": state.reply_due_on.isoformat()},
            field="on",
        )
    if due_on <= state.reply_due_on:
        raise DomainError(
            _("A delayed reply date must be after the current due date, %(date)s.")
            % {"date": state.reply_due_on.isoformat()},
            field="due_on",
        )
    return _record_step(
        info_request,
        actor,
        EventKind.DELAYED_REPLY,
        on,
        action="request.reply_delayed",
        calendar=calendar,
        log_data={"due_on": due_on},
        letter=LetterKind.DELAYED_REPLY if issue_letter else None,
        letter_body=letter_body,
        due_on=due_on,
        note=note.strip(),
    )


# --- fees (Art. 42; 国办函〔2020〕109号) -----------------------------------------------------


def fee_amount(*, basis: str, quantity: int, first_ordinal: int = 1) -> Decimal:
    """The fee by the national tiers: ``quantity`` pieces starting at the month's
    ``first_ordinal``-th application, or ``quantity`` pages."""
    if basis == FeeBasis.PER_PIECE:
        return per_piece_total(first_ordinal, quantity)
    if basis == FeeBasis.PER_PAGE:
        return per_page_fee(quantity)
    raise DomainError(_("Choose per piece or per page (never both)."), field="basis")


@transaction.atomic
def fee_notify(
    *,
    actor: Any,
    info_request: InfoRequest,
    on: dt.date,
    basis: str,
    quantity: int,
    amount: Decimal,
    reason: str,
    counterpart_received_on: dt.date | None = None,
    issue_letter: bool = True,
    letter_body: str | None = None,
) -> RequestEvent:
    """Art. 42: the information-processing fee, only for applications clearly beyond a
    reasonable number or frequency. The amount is the national tier by default; a lower
    amount (reduction or waiver) needs the reason on record."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if state.fee_notice_on is not None:
        raise DomainError(_("A fee notice has been issued already."))
    if quantity < 1:
        raise DomainError(_("Give the number of pieces or pages."), field="quantity")
    if amount < 0:
        raise DomainError(_("The amount cannot be negative."), field="amount")
    if not reason.strip():
        raise DomainError(_("Say why the applications exceed a reasonable range (Art. 42)."), field="reason")
    _check_date(on, not_before=state.day0)
    return _record_step(
        info_request,
        actor,
        EventKind.FEE_NOTICE,
        on,
        action="request.fee_notified",
        calendar=calendar,
        log_data={"basis": basis, "quantity": quantity, "amount": str(amount)},
        letter=LetterKind.FEE if issue_letter else None,
        letter_body=letter_body,
        fee_basis=basis,
        quantity=quantity,
        amount=amount,
        counterpart_received_on=counterpart_received_on,
        note=reason.strip(),
    )


@transaction.atomic
def fee_pay(*, actor: Any, info_request: InfoRequest, on: dt.date) -> RequestEvent:
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _open_state(info_request, calendar)
    if state.fee_notice_on is None or state.fee_paid_on is not None:
        raise DomainError(_("No fee is awaited."))
    _check_date(on, not_before=state.fee_notice_on)
    return _record_step(
        info_request, actor, EventKind.FEE_PAID, on, action="request.fee_paid", calendar=calendar
    )


@transaction.atomic
def fee_lapse(*, actor: Any, info_request: InfoRequest, on: dt.date) -> RequestEvent:
    """Not paid in time: no longer processed (table 三 （六）2)."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _open_state(info_request, calendar)
    if state.fee_notice_on is None or state.fee_paid_on is not None:
        raise DomainError(_("No fee is awaited."))
    assert state.fee_due_on is not None
    if on <= state.fee_due_on:
        raise DomainError(
            _("The applicant has until %(date)s to pay.") % {"date": state.fee_due_on.isoformat()}, field="on"
        )
    _check_date(on)
    return _record_step(
        info_request, actor, EventKind.FEE_LAPSED, on, action="request.fee_lapsed", calendar=calendar
    )


# --- withdrawal -------------------------------------------------------------------------------


def _withdraw(*, actor: Any, info_request: InfoRequest, on: dt.date, note: str) -> RequestEvent:
    calendar = load_calendar()
    state = _open_state(info_request, calendar)
    _check_date(on, not_before=state.received_on or timezone.localdate(info_request.submitted_at))
    return _record_step(
        info_request,
        actor,
        EventKind.WITHDRAWN,
        on,
        action="request.withdrawn",
        calendar=calendar,
        note=note.strip(),
    )


@transaction.atomic
def request_withdraw(*, actor: Any, info_request: InfoRequest, on: dt.date, note: str = "") -> RequestEvent:
    """The applicant withdrew the application (by letter, in person): recorded by staff."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    return _withdraw(actor=actor, info_request=info_request, on=on, note=note)


@transaction.atomic
def request_withdraw_online(*, info_request: InfoRequest) -> RequestEvent:
    info_request = _lock(info_request)
    return _withdraw(actor=PUBLIC_ACTOR, info_request=info_request, on=_today(), note="")


# --- reply (Arts. 33, 36–39) -----------------------------------------------------------------


@transaction.atomic
def reply_issue(
    *,
    actor: Any,
    info_request: InfoRequest,
    disposition: str,
    replied_on: dt.date,
    grounds: Sequence[str] = (),
    explanation: str = "",
    other_agency: str = "",
    on_the_spot: bool = False,
    issue_letter: bool = True,
    letter_title: str | None = None,
    letter_body: str | None = None,
) -> Reply:
    """Close the application with its result. The result decides the row of table 三;
    withheld results rest on their ground, a partial disclosure states the grounds of what
    it withholds (Art. 37)."""
    info_request = _lock(info_request)
    _require(actor, HANDLE, info_request.organization)
    calendar = load_calendar()
    state = _received_state(info_request, calendar)
    if disposition not in REPLY_DISPOSITIONS:
        raise DomainError(_("Choose the result of the application."), field="disposition")
    rule = DISPOSITIONS[disposition]
    chosen = [g for g in dict.fromkeys(grounds) if g]
    if any(g not in Ground.values for g in chosen):
        raise DomainError(_("Unknown ground."), field="grounds")
    if disposition in NEEDS_GROUNDS and not chosen:
        raise DomainError(_("Give the grounds for what is withheld (Art. 37)."), field="grounds")
    if rule.ground:
        chosen = [rule.ground, *[g for g in chosen if g != rule.ground]]
    elif disposition not in NEEDS_GROUNDS:
        chosen = []
    if state.status == Status.AWAITING_CORRECTION:
        raise DomainError(
            _(
                "A correction is awaited: record the corrected application, or close the application as abandoned."
            )
        )
    if state.open_consultations:
        raise DomainError(_("End the consultation before replying."))
    if state.fee_notice_on is not None and state.fee_paid_on is None:
        raise DomainError(
            _("The fee has not been paid: record the payment, or close the application as not paid.")
        )
    if disposition == Disposition.STILL_UNCLEAR and state.restarted_on is None:
        raise DomainError(
            _("'Still unclear after correction' needs a corrected application first (Art. 30)."),
            field="disposition",
        )
    if disposition == Disposition.EXCESSIVE and state.reasons_requested_on is None:
        raise DomainError(_("Ask the applicant for the reasons first (Art. 35)."), field="disposition")
    if disposition == Disposition.NOT_OURS and not (other_agency.strip() or explanation.strip()):
        raise DomainError(
            _(
                "Name the responsible body and how to reach it, or explain why it cannot be named (Art. 36 (5))."
            ),
            field="other_agency",
        )
    if disposition == Disposition.OTHER and not explanation.strip():
        raise DomainError(_("Explain the handling."), field="explanation")
    assert state.day0 is not None
    if on_the_spot and replied_on != state.day0:
        raise DomainError(
            _("A reply on the spot is made on the day the application is received (Art. 33)."),
            field="replied_on",
        )
    _check_date(replied_on, not_before=state.day0, field="replied_on")
    before = _projection(info_request)
    reply = Reply.objects.create(
        request=info_request,
        disposition=disposition,
        grounds=chosen,
        replied_on=replied_on,
        on_the_spot=on_the_spot,
        explanation=explanation.strip(),
        other_agency=other_agency.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event = _event(info_request, actor, EventKind.REPLIED, replied_on)
    state = _refresh(info_request, calendar=calendar)
    _log(
        actor=actor,
        action="request.replied",
        info_request=info_request,
        before=before,
        data={"disposition": disposition, "grounds": chosen, "late": state.replied_late},
    )
    if issue_letter:
        draft = compose(
            info_request=info_request,
            kind=LetterKind.REPLY,
            state=state,
            issued_on=replied_on,
            disposition=disposition,
            reply=reply,
        )
        _issue(
            actor=actor,
            info_request=info_request,
            kind=LetterKind.REPLY,
            title=letter_title or draft.title,
            body=letter_body if letter_body is not None else draft.body,
            source=draft.source,
            issued_on=replied_on,
            reply=reply,
            event=event,
        )
    return reply


# --- letters ------------------------------------------------------------------------------------


def _next_letter_number(organization: Organization, year: int) -> str:
    sequence, _created = LetterSequence.objects.select_for_update().get_or_create(
        organization=organization, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    prefix = organization.short_name or organization.name
    return f"{prefix}依申请〔{year}〕{sequence.last}号"


def _issue(
    *,
    actor: Any,
    info_request: InfoRequest,
    kind: str,
    title: str,
    body: str,
    source: str,
    issued_on: dt.date,
    reply: Reply | None = None,
    event: RequestEvent | None = None,
    supersedes: Letter | None = None,
    reason: str = "",
) -> Letter:
    paragraphs = paragraphs_of(body)
    if not title.strip() or not paragraphs:
        raise DomainError(_("A letter needs a title and a text."), field="body")
    leftover = placeholders_in(body)
    if leftover:
        raise DomainError(
            _("Fill in the placeholders before issuing: %(names)s.") % {"names": ", ".join(sorted(leftover))},
            field="body",
        )
    organization = info_request.organization
    content = LetterContent(
        title=title.strip(),
        number=_next_letter_number(organization, issued_on.year),
        addressee=addressee_for(info_request, kind, event),
        paragraphs=paragraphs,
        signatory=organization.name,
        issued_on=issued_on,
    )
    docx_name, _ct, docx_bytes = render_letter(content, "docx")
    pdf_name, _ct, pdf_bytes = render_letter(content, "pdf")
    letter = Letter(
        request=info_request,
        kind=kind,
        reply=reply,
        event=event,
        number=content.number,
        title=content.title,
        body="\n".join(paragraphs),
        addressee=content.addressee,
        signatory=content.signatory,
        issued_on=issued_on,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        template_source=source,
        docx_sha256=hashlib.sha256(docx_bytes).hexdigest(),
        pdf_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        supersedes=supersedes,
        correction_reason=reason,
    )
    letter.docx.save(docx_name, ContentFile(docx_bytes), save=False)
    letter.pdf.save(pdf_name, ContentFile(pdf_bytes), save=False)
    letter.save()
    log_action(
        actor=actor,
        action="letter.corrected" if supersedes else "letter.issued",
        target=info_request,
        organization=organization,
        after={"letter": letter.number, "kind": kind, "pdf_sha256": letter.pdf_sha256},
        data={"reason": reason, "supersedes": supersedes.number} if supersedes else None,
    )
    return letter


def _issue_for_event(
    *,
    actor: Any,
    info_request: InfoRequest,
    kind: str,
    event: RequestEvent,
    state: ClockState,
    body: str | None,
) -> Letter:
    draft = compose(info_request=info_request, kind=kind, state=state, issued_on=event.on, event=event)
    return _issue(
        actor=actor,
        info_request=info_request,
        kind=kind,
        title=draft.title,
        body=body if body is not None else draft.body,
        source=draft.source,
        issued_on=event.on,
        event=event,
    )


@transaction.atomic
def letter_correct(*, actor: Any, letter: Letter, body: str, reason: str, title: str = "") -> Letter:
    """Issued letters never change: a correction is a new letter that supersedes the old."""
    letter = (
        Letter.objects.select_for_update()
        .select_related("request__organization", "request__applicant")
        .get(pk=letter.pk)
    )
    _require(actor, HANDLE, letter.request.organization)
    if Letter.objects.filter(supersedes=letter).exists():
        raise DomainError(_("This letter has been corrected already; correct the newest letter."))
    if not reason.strip():
        raise DomainError(_("Give the reason for the correction."), field="reason")
    return _issue(
        actor=actor,
        info_request=letter.request,
        kind=letter.kind,
        title=title or letter.title,
        body=body,
        source=letter.template_source,
        issued_on=_today(),
        reply=letter.reply,
        event=letter.event,
        supersedes=letter,
        reason=reason.strip(),
    )


@transaction.atomic
def letter_record_delivery(
    *, actor: Any, letter: Letter, method: str, delivered_on: dt.date, reference: str = "", note: str = ""
) -> LetterDelivery:
    _require(actor, HANDLE, letter.request.organization)
    if method not in DeliveryMethod.values:
        raise DomainError(_("Choose how the letter was delivered."), field="method")
    _check_date(delivered_on, not_before=letter.issued_on, field="delivered_on")
    delivery = LetterDelivery.objects.create(
        letter=letter,
        method=method,
        delivered_on=delivered_on,
        reference=reference.strip(),
        note=note.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor=actor,
        action="letter.delivered",
        target=letter.request,
        organization=letter.request.organization,
        after={"letter": letter.number, "method": method, "delivered_on": delivered_on},
    )
    return delivery


@transaction.atomic
def letter_template_save(
    *, actor: Any, organization: Organization, kind: str, disposition: str, title: str, body: str
) -> LetterTemplate:
    _require(actor, TEMPLATE_EDIT, organization)
    if kind not in LetterKind.values:
        raise DomainError(_("Unknown letter."), field="kind")
    if disposition and (kind != LetterKind.REPLY or disposition not in REPLY_DISPOSITIONS):
        raise DomainError(_("Only a reply letter can be specific to a result."), field="disposition")
    unknown = placeholders_in(body) - set(PLACEHOLDERS)
    if unknown:
        raise DomainError(
            _("Unknown placeholders: %(names)s.") % {"names": ", ".join(sorted(unknown))}, field="body"
        )
    if not title.strip() or not body.strip():
        raise DomainError(_("A template needs a title and a text."), field="body")
    template = LetterTemplate.objects.filter(
        organization=organization, kind=kind, disposition=disposition
    ).first()
    before = {"title": template.title, "body": template.body} if template else None
    if template is None:
        template = LetterTemplate(organization=organization, kind=kind, disposition=disposition)
    template.title, template.body = title.strip(), body.strip()
    template.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    template.save()
    log_action(
        actor=actor,
        action="letter_template.saved",
        target=template,
        organization=organization,
        before=before,
        after={"title": template.title, "body": template.body},
    )
    return template


@transaction.atomic
def letter_template_reset(*, actor: Any, template: LetterTemplate) -> None:
    _require(actor, TEMPLATE_EDIT, template.organization)
    log_action(
        actor=actor,
        action="letter_template.reset",
        target=template,
        organization=template.organization,
        before={"title": template.title, "body": template.body},
    )
    template.delete()


# --- the calendar changed ----------------------------------------------------------------------


@transaction.atomic
def requests_recompute(*, actor: Any, years: Iterable[int]) -> int:
    """After a change of the calendar: recompute the due dates of every open application
    and log each one that moved. Returns how many changed."""
    calendar = load_calendar()
    changed = 0
    years = list(years)
    for info_request in (
        InfoRequest.objects.select_for_update().exclude(status=Status.CLOSED).select_related("organization")
    ):
        before = _projection(info_request)
        state = clock_of(info_request, calendar=calendar)
        _apply(info_request, state)
        after = _projection(info_request)
        if after == before:
            continue
        info_request.save(update_fields=[*PROJECTION_FIELDS, "recomputed_at"])
        log_action(
            actor=actor,
            action="request.due_recomputed",
            target=info_request,
            organization=info_request.organization,
            before=before,
            after=after,
            data={
                "reason": _("The working-day calendar of %(years)s changed.")
                % {"years": ", ".join(map(str, years))}
            },
        )
        changed += 1
    return changed


# --- reviews and lawsuits ------------------------------------------------------------------------

CASE_FIELDS = (
    "kind",
    "after_review",
    "case_number",
    "deciding_body",
    "filed_on",
    "decided_on",
    "result",
    "review_body_co_defendant",
)


def _case_summary(case: Case) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(case, name) for name in CASE_FIELDS}
    values["info_request"] = case.info_request.reference if case.info_request else None
    return values


def _validate_case(case: Case) -> None:
    if case.kind not in CaseKind.values:
        raise DomainError(_("Choose review or lawsuit."), field="kind")
    if case.kind == CaseKind.ADMINISTRATIVE_REVIEW and (
        case.after_review or case.review_id or case.review_body_co_defendant
    ):
        raise DomainError(_("Only a lawsuit can follow a review."), field="after_review")
    if case.review is not None:
        if (
            case.review.kind != CaseKind.ADMINISTRATIVE_REVIEW
            or case.review.organization_id != case.organization_id
        ):
            raise DomainError(
                _("The earlier case must be an administrative review of the same body."), field="review"
            )
        case.after_review = True
    if case.info_request is not None and case.info_request.organization_id != case.organization_id:
        # 国办公开办函〔2016〕201号: counted once, for the original body.
        raise DomainError(
            _("Record the case for the body that handled the application (the original body)."),
            field="info_request",
        )
    if not case.deciding_body.strip():
        raise DomainError(_("Name the review body or the court."), field="deciding_body")
    if case.filed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="filed_on")
    if case.result == CaseResult.PENDING:
        case.decided_on = None
    elif case.decided_on is None:
        raise DomainError(_("Give the date of the decision."), field="decided_on")
    elif case.decided_on < case.filed_on:
        raise DomainError(_("A case cannot be decided before it is filed."), field="decided_on")
    elif case.decided_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="decided_on")
    if case.case_number:
        clash = Case.objects.filter(kind=case.kind, case_number=case.case_number).exclude(pk=case.pk).first()
        if clash is not None:
            raise DomainError(
                _("Case %(number)s is recorded already; a case is counted once, for the original body.")
                % {"number": case.case_number},
                field="case_number",
            )


@transaction.atomic
def case_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> Case:
    _require(actor, CASE_EDIT, organization)
    case = Case(organization=organization, **values)
    _validate_case(case)
    case.save()
    log_action(
        actor=actor, action="case.created", target=case, organization=organization, after=_case_summary(case)
    )
    return case


@transaction.atomic
def case_update(*, actor: Any, case: Case, values: dict[str, Any]) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(actor, CASE_EDIT, case.organization)
    before = _case_summary(case)
    for name, value in values.items():
        setattr(case, name, value)
    _validate_case(case)
    case.save()
    log_action(
        actor=actor,
        action="case.updated",
        target=case,
        organization=case.organization,
        before=before,
        after=_case_summary(case),
    )
    return case


@transaction.atomic
def case_document_add(*, actor: Any, case: Case, title: str, upload: Any) -> CaseDocument:
    _require(actor, CASE_EDIT, case.organization)
    if not title.strip():
        raise DomainError(_("Give the document a title."), field="title")
    document = CaseDocument(
        case=case,
        title=title.strip(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    log_action(
        actor=actor,
        action="case.document_added",
        target=case,
        organization=case.organization,
        after={"document": document.title},
    )
    return document


# --- the daily digest ----------------------------------------------------------------------------


def digest_send(*, on: dt.date) -> int:
    """Send each office head (``request.assign``) of each body one e-mail for ``on``
    listing overdue and due-soon applications (references and dates only, no personal
    data). Idempotent: a digest already recorded for the day is not sent again."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from gongkai.accounts.models import Membership
    from gongkai.accounts.roles import permissions_of
    from gongkai.requests.selectors import due_soon_until

    soon_until = due_soon_until(on)
    sent = 0
    heads = [
        m
        for m in Membership.objects.filter(organization__is_active=True, user__is_active=True).select_related(
            "user", "organization"
        )
        if ASSIGN in permissions_of(m.role)
    ]
    for membership in heads:
        user, organization = membership.user, membership.organization
        with transaction.atomic():
            run, _created = DigestRun.objects.select_for_update().get_or_create(
                organization=organization, recipient=user, on=on
            )
            if run.sent_at is not None:
                continue
            open_requests = InfoRequest.objects.filter(organization=organization).exclude(
                status=Status.CLOSED
            )
            overdue = list(open_requests.filter(next_due_on__lt=on).order_by("next_due_on"))
            due_soon = list(
                open_requests.filter(next_due_on__gte=on, next_due_on__lte=soon_until).order_by("next_due_on")
            )
            unconfirmed = list(
                open_requests.filter(status=Status.AWAITING_CONFIRMATION).order_by("submitted_at")
            )
            items = len(overdue) + len(due_soon) + len(unconfirmed)
            if items and user.email:
                context = {
                    "organization": organization,
                    "on": on,
                    "overdue": overdue,
                    "due_soon": due_soon,
                    "unconfirmed": unconfirmed,
                    "user": user,
                }
                subject = _("Applications due: %(organization)s, %(date)s") % {
                    "organization": organization.name,
                    "date": on.isoformat(),
                }
                send_mail(subject, render_to_string("requests/digest.txt", context), None, [user.email])
                sent += 1
            run.items = items
            run.sent_at = timezone.now()
            run.save(update_fields=["items", "sent_at"])
    return sent


# --- personal data -------------------------------------------------------------------------------


@transaction.atomic
def applicant_reveal(*, actor: Any, info_request: InfoRequest) -> Any:
    """The applicant's full record, for the handling body's request handlers only; every
    opening is logged."""
    from gongkai.requests.privacy import may_view_personal_data, unmasked

    if not may_view_personal_data(actor, info_request):
        raise PermissionDenied(
            _("Only the handlers of the body that handles the application may see the applicant's data.")
        )
    log_action(
        actor=actor,
        action="request.personal_data_viewed",
        target=info_request,
        organization=info_request.organization,
    )
    return unmasked(info_request.applicant)


@transaction.atomic
def letter_open(*, actor: Any, letter: Letter, fmt: str) -> tuple[str, str, bytes]:
    """A letter's stored file (it carries personal data): logged like any full view."""
    from gongkai.requests.privacy import may_view_personal_data

    if not may_view_personal_data(actor, letter.request):
        raise PermissionDenied(
            _("Only the handlers of the body that handles the application may open its letters.")
        )
    field = {"docx": letter.docx, "pdf": letter.pdf}.get(fmt)
    if field is None:
        raise DomainError(_("Unknown format."))
    with field.open("rb") as handle:
        data = handle.read()
    expected = letter.docx_sha256 if fmt == "docx" else letter.pdf_sha256
    if hashlib.sha256(data).hexdigest() != expected:
        raise DomainError(
            _("The stored file of this letter does not match its fingerprint; it may have been altered.")
        )
    log_action(
        actor=actor,
        action="letter.opened",
        target=letter.request,
        organization=letter.request.organization,
        data={"letter": letter.number, "format": fmt},
    )
    name = (field.name or "").rsplit("/", 1)[-1]
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return name, content_type, data
