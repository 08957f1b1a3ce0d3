"""Information-processing fees (条例 Art 42; 国办函〔2020〕109号)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.requests.codes import (
    EventKind,
    FeeBasis,
    LetterKind,
)
from gongkai.requests.fees import per_page_fee, per_piece_total
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
