"""Correction requests (补正, 条例 Art 30)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.requests.clock import walk
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
    HANDLE,
    PUBLIC_ACTOR,
    _check_date,
    _lock,
    _open_state,
    _received_state,
    _record_step,
    _require,
    _strict_calendar,
    _today,
)

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
