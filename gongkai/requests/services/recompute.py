"""Recomputing open requests after the calendar changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import log_action
from gongkai.requests.codes import (
    Status,
)
from gongkai.requests.models import (
    InfoRequest,
)
from gongkai.requests.selectors import clock_of, load_calendar
from gongkai.requests.services._common import PROJECTION_FIELDS, _apply, _projection

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
