"""Extensions of the reply period (条例 Art 33 ¶2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.requests.clock import ClockState
from gongkai.requests.codes import (
    EventKind,
    LetterKind,
    Status,
)
from gongkai.requests.conf import clock_rules
from gongkai.requests.models import (
    InfoRequest,
    RequestEvent,
)
from gongkai.requests.selectors import load_calendar
from gongkai.requests.services._common import (
    APPROVE_EXTENSION,
    HANDLE,
    _check_date,
    _lock,
    _received_state,
    _record_step,
    _require,
    _today,
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
