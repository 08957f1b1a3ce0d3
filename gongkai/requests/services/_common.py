"""Shared helpers of the request services: permissions, locking, the projection of the clock,
events and audit entries, tracking codes and reference numbers."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.access import user_can
from gongkai.accounts.models import Organization
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.requests.clock import ClockState
from gongkai.requests.models import (
    InfoRequest,
    ReferenceSequence,
    RequestEvent,
)
from gongkai.requests.selectors import clock_of
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
        # Imported here: letters build on these helpers, so the import cannot be at the top.
        from gongkai.requests.services.letters import _issue_for_event

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
