"""Art 35: asking for reasons, and the delayed reply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.requests.codes import (
    EventKind,
    LetterKind,
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
    _received_state,
    _record_step,
    _require,
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
