"""Withdrawal of an application by the applicant or recorded by staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.requests.codes import (
    EventKind,
)
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
    _record_step,
    _require,
    _today,
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
