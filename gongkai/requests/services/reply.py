"""Replies (条例 Arts 33, 36–39)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.requests.codes import (
    DISPOSITIONS,
    NEEDS_GROUNDS,
    REPLY_DISPOSITIONS,
    Disposition,
    EventKind,
    Ground,
    LetterKind,
    Status,
)
from gongkai.requests.letters.compose import compose
from gongkai.requests.models import (
    InfoRequest,
    Reply,
)
from gongkai.requests.selectors import load_calendar
from gongkai.requests.services._common import (
    HANDLE,
    _check_date,
    _event,
    _lock,
    _log,
    _projection,
    _received_state,
    _refresh,
    _require,
)
from gongkai.requests.services.letters import _issue

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
