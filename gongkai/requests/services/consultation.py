"""Third-party and other-body consultation (条例 Arts 32–34)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.requests.codes import (
    ConsultationKind,
    EventKind,
    LetterKind,
    Status,
)
from gongkai.requests.models import (
    InfoRequest,
    RequestEvent,
)
from gongkai.requests.selectors import load_calendar
from gongkai.requests.services._common import (
    HANDLE,
    _check_date,
    _lock,
    _open_state,
    _received_state,
    _record_step,
    _require,
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
