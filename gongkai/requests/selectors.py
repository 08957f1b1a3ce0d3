"""Reads of applications: the clock of one application, the staff queue, the public
progress page, letters, cases. No writes here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.requests.clock import ClockEvent, ClockState, DayNote, compute, public_summary, window_notes
from gongkai.requests.codes import OPEN_STATUSES, EventKind, Status
from gongkai.requests.conf import clock_rules
from gongkai.requests.models import Case, InfoRequest, Letter, Reply, RequestEvent
from gongkai.workdays.calendar import WorkdayCalendar


def load_calendar() -> WorkdayCalendar:
    """The calendar for the clock: a missing year is assumed Monday–Friday and flagged."""
    return WorkdayCalendar.load(provisional=True)


def clock_events(info_request: InfoRequest) -> list[ClockEvent]:
    events: list[ClockEvent] = []
    reply = Reply.objects.filter(request=info_request).first()
    for event in (
        RequestEvent.objects.filter(request=info_request).select_related("approved_by").order_by("on", "id")
    ):
        events.append(
            ClockEvent(
                kind=event.kind,
                on=event.on,
                id=event.pk,
                due_on=event.due_on,
                days=event.days,
                consultation_kind=event.consultation_kind,
                party=event.party,
                counterpart_received_on=event.counterpart_received_on,
                accepted=event.accepted,
                related_id=event.related_id,
                disposition=reply.disposition
                if reply is not None and event.kind == EventKind.REPLIED
                else "",
                on_the_spot=bool(reply is not None and event.kind == EventKind.REPLIED and reply.on_the_spot),
                approver=event.approved_by.get_full_name() if event.approved_by else "",
            )
        )
    return events


def clock_of(info_request: InfoRequest, *, calendar: WorkdayCalendar | None = None) -> ClockState:
    return compute(
        clock_events(info_request),
        calendar=calendar or load_calendar(),
        rules=clock_rules(),
        channel=info_request.channel,
    )


@dataclass(frozen=True)
class ClockView:
    """What a page shows of the clock."""

    state: ClockState
    notes: list[DayNote]
    public_lines: list[str]
    flag: str  # "overdue", "due_soon" or ""


def clock_view(info_request: InfoRequest, *, today: dt.date | None = None) -> ClockView:
    calendar = load_calendar()
    state = clock_of(info_request, calendar=calendar)
    notes = window_notes(state, calendar)
    today = today or timezone.localdate()
    return ClockView(
        state=state,
        notes=notes,
        public_lines=public_summary(notes),
        flag=due_flag(state.next_due_on, today=today, soon_until=due_soon_until(today, calendar=calendar)),
    )


def due_soon_until(today: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
    """The last day that counts as "due soon" (a few working days ahead)."""
    calendar = calendar or load_calendar()
    return calendar.add_workdays(today, clock_rules().due_soon_workdays)


def due_flag(due: dt.date | None, *, today: dt.date, soon_until: dt.date) -> str:
    if due is None:
        return ""
    if due < today:
        return "overdue"
    if due <= soon_until:
        return "due_soon"
    return ""


# --- the staff queue ----------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    state: str = "open"  # open, overdue, due_soon, closed, unconfirmed, all
    assignee: str = ""  # "", "me", "none", or a user id
    channel: str = ""
    applicant_type: str = ""
    disposition: str = ""
    query: str = ""
    year: int | None = None


def request_queue(
    *, organizations: Iterable[Organization], filters: QueueFilters, user: Any, today: dt.date | None = None
) -> QuerySet[InfoRequest]:
    """Applications of the organizations, most urgent first. Personal data is neither
    selected for display nor searchable here (the queue shows masked names only)."""
    today = today or timezone.localdate()
    queryset = InfoRequest.objects.filter(organization__in=list(organizations)).select_related(
        "organization", "assignee", "applicant"
    )
    if filters.state == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif filters.state == "overdue":
        queryset = queryset.filter(status__in=OPEN_STATUSES, next_due_on__lt=today)
    elif filters.state == "due_soon":
        queryset = queryset.filter(
            status__in=OPEN_STATUSES, next_due_on__gte=today, next_due_on__lte=due_soon_until(today)
        )
    elif filters.state == "closed":
        queryset = queryset.filter(status=Status.CLOSED)
    elif filters.state == "unconfirmed":
        queryset = queryset.filter(status=Status.AWAITING_CONFIRMATION)
    if filters.assignee == "me":
        queryset = queryset.filter(assignee=user)
    elif filters.assignee == "none":
        queryset = queryset.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        queryset = queryset.filter(assignee_id=int(filters.assignee))
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.applicant_type:
        queryset = queryset.filter(applicant_type=filters.applicant_type)
    if filters.disposition:
        queryset = queryset.filter(disposition=filters.disposition)
    if filters.year:
        queryset = queryset.filter(
            Q(received_on__year=filters.year) | Q(received_on__isnull=True, submitted_at__year=filters.year)
        )
    if filters.query.strip():
        words = filters.query.split()
        for word in words:
            queryset = queryset.filter(
                Q(reference__icontains=word) | Q(description__icontains=word) | Q(tracking_code__iexact=word)
            )
    if filters.state == "closed":
        return queryset.order_by("-closed_on", "-id")
    # Unconfirmed applications (no due date yet) first: Art. 31 wants them confirmed on
    # the day they arrive.
    return queryset.order_by(F("next_due_on").asc(nulls_first=True), "submitted_at", "id")


def open_counts(*, organizations: Sequence[Organization], today: dt.date) -> dict[str, int]:
    base = InfoRequest.objects.filter(organization__in=list(organizations), status__in=OPEN_STATUSES)
    return {
        "open": base.count(),
        "overdue": base.filter(next_due_on__lt=today).count(),
        "due_soon": base.filter(next_due_on__gte=today, next_due_on__lte=due_soon_until(today)).count(),
        "unconfirmed": base.filter(status=Status.AWAITING_CONFIRMATION).count(),
    }


# --- letters, events, cases -----------------------------------------------------------------


def events_of(info_request: InfoRequest) -> QuerySet[RequestEvent]:
    return (
        RequestEvent.objects.filter(request=info_request)
        .select_related("recorded_by", "approved_by")
        .order_by("on", "id")
    )


def letters_of(info_request: InfoRequest) -> QuerySet[Letter]:
    return (
        Letter.objects.filter(request=info_request)
        .select_related("supersedes", "issued_by")
        .prefetch_related("deliveries")
        .order_by("issued_at", "id")
    )


def open_consultation_events(info_request: InfoRequest) -> QuerySet[RequestEvent]:
    return RequestEvent.objects.filter(request=info_request, kind=EventKind.CONSULTATION_STARTED).exclude(
        followers__kind=EventKind.CONSULTATION_ENDED
    )


def pending_extension_proposal(info_request: InfoRequest) -> RequestEvent | None:
    proposal = (
        RequestEvent.objects.filter(request=info_request, kind=EventKind.EXTENSION_PROPOSED)
        .order_by("-on", "-id")
        .first()
    )
    if (
        proposal is None
        or RequestEvent.objects.filter(request=info_request, kind=EventKind.EXTENSION).exists()
    ):
        return None
    return proposal


def cases_of(organizations: Iterable[Organization]) -> QuerySet[Case]:
    return Case.objects.filter(organization__in=list(organizations)).select_related(
        "organization", "info_request"
    )


def applications_in_month(info_request: InfoRequest) -> int:
    """The ordinal of this application among the same applicant's applications to the same
    body received in the same natural month (for the per-piece fee, 109号 Art. 4)."""
    day = info_request.received_on or timezone.localdate()
    return (
        InfoRequest.objects.filter(
            organization=info_request.organization,
            applicant__id_number=info_request.applicant.id_number,
            received_on__year=day.year,
            received_on__month=day.month,
        )
        .filter(Q(received_on__lt=day) | Q(received_on=day, pk__lte=info_request.pk))
        .count()
        or 1
    )
