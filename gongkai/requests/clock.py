"""The statutory clock of an application, derived from its events (条例 Arts. 30–35).

Pure computation: ``compute(events, calendar=…, rules=…)`` folds the facts into a
``ClockState`` — status, the reply due date and the next deadline of any kind — and explains
every step: which days were skipped (weekends, holidays), which were counted although on a
weekend (make-up workdays), which were paused (consultations) and when the clock restarted.

The rules (spec §4.2; docs/deadlines.md maps each clause to its function and test):

* day 0 is the Art. 31 receipt date; periods count working days strictly after day 0;
* reply due = the 20th counted working day after day 0 (Art. 33 ¶2), where the working days
  of a consultation — after it starts, up to its end but never beyond the 15 working days the
  consulted party has (Arts. 32, 34) — are not counted (Art. 33 ¶3);
* an approved extension adds up to 20 working days (Art. 33 ¶2);
* a correction notice (Art. 30) stops the reply clock; the corrected application restarts it
  from the day it arrives: day 0 moves there, and pauses before it no longer matter;
* a delayed reply (Art. 35) replaces the due date by the date the body set;
* a reply on the spot (Art. 33 ¶1) is due on day 0;
* with ``fee_notice_pauses_clock``, the days from a fee notice to its payment are paused too.

The calendar is normally loaded with ``provisional=True``: a due date that reaches into a
year without a calendar is computed on the Monday–Friday rule and flagged with the years it
assumed (``provisional_years``), never silently presented as certain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from gongkai.requests.codes import (
    CONFIRMED_CHANNELS,
    Channel,
    ConsultationKind,
    Disposition,
    EventKind,
    Status,
)
from gongkai.requests.conf import ClockRules
from gongkai.workdays.calendar import MAX_SPAN_DAYS, WorkdayCalendar


@dataclass(frozen=True)
class ClockEvent:
    """What the clock needs of a RequestEvent."""

    kind: str
    on: dt.date
    id: int | None = None
    due_on: dt.date | None = None
    days: int | None = None
    consultation_kind: str = ""
    party: str = ""
    counterpart_received_on: dt.date | None = None
    accepted: bool | None = None
    related_id: int | None = None
    disposition: str = ""
    on_the_spot: bool = False
    approver: str = ""


@dataclass
class Consultation:
    event_id: int | None
    kind: str
    party: str
    started_on: dt.date
    opinion_due_on: dt.date
    ended_on: dt.date | None = None
    paused_days: int = 0

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class Step:
    """One line of the explanation: what happened, and the due date after it."""

    on: dt.date
    kind: str
    text: str
    public_text: str
    due_on: dt.date | None
    due_label: str


@dataclass(frozen=True)
class DayNote:
    """A day in the reply window that is not simply a counted working day, or a weekend
    day that is counted."""

    first: dt.date
    last: dt.date
    kind: str  # "weekend", "holiday", "makeup_workday", "paused", "assumed"
    label: str
    days: int


@dataclass
class ClockState:
    status: str = Status.AWAITING_CONFIRMATION
    received_on: dt.date | None = None
    day0: dt.date | None = None
    restarted_on: dt.date | None = None
    correction_notice_due_on: dt.date | None = None
    correction_requested_on: dt.date | None = None
    correction_due_on: dt.date | None = None
    consultations: list[Consultation] = field(default_factory=list)
    extension_days: int = 0
    extension_on: dt.date | None = None
    extension_proposed_days: int | None = None
    reasons_requested_on: dt.date | None = None
    reasons_due_on: dt.date | None = None
    reasons_received_on: dt.date | None = None
    reasons_accepted: bool | None = None
    delayed_reply_due_on: dt.date | None = None
    fee_notice_on: dt.date | None = None
    fee_due_on: dt.date | None = None
    fee_paid_on: dt.date | None = None
    on_the_spot: bool = False
    base_due_on: dt.date | None = None
    reply_due_on: dt.date | None = None
    # The reply due date assumes an open consultation runs to its opinion deadline; it can
    # only move earlier when the opinion arrives sooner.
    reply_due_is_latest: bool = False
    paused_days: set[dt.date] = field(default_factory=set)
    next_due_on: dt.date | None = None
    next_due_kind: str = ""
    closed_on: dt.date | None = None
    disposition: str = ""
    provisional_years: list[int] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def open_consultations(self) -> list[Consultation]:
        return [c for c in self.consultations if c.is_open]

    @property
    def replied_late(self) -> bool:
        return bool(self.closed_on and self.reply_due_on and self.closed_on > self.reply_due_on)

    @property
    def paused_workdays(self) -> int:
        return len(self.paused_days)


def next_due_label(kind: str) -> str:
    labels = {
        "reply": _("Reply due"),
        "correction": _("Correction due from the applicant"),
        "opinion": _("Opinion due from the consulted party"),
        "fee": _("Fee payment due"),
        "reasons": _("Reasons due from the applicant"),
    }
    return labels.get(kind, "")


def receipt_rule(channel: str) -> str:
    """Art. 31 in one sentence, for the channel."""
    rules: dict[str, str] = {
        Channel.IN_PERSON: _("submitted in person: received on the day it was submitted (Art. 31 (1))"),
        Channel.POST_SIGNED: _("sent by post: received on the day the office signed for it (Art. 31 (2))"),
        Channel.POST_ORDINARY: _(
            "sent by ordinary letter: received on the day the office confirmed it with the applicant (Art. 31 (2))"
        ),
        Channel.ONLINE: _("submitted online: received on the day both sides confirmed it (Art. 31 (3))"),
        Channel.FAX: _("sent by fax: received on the day both sides confirmed it (Art. 31 (3))"),
        Channel.EMAIL: _("sent by e-mail: received on the day both sides confirmed it (Art. 31 (3))"),
    }
    return rules.get(channel, "")


def needs_confirmation(channel: str) -> bool:
    return channel in CONFIRMED_CHANNELS


# --- working-day arithmetic with pauses ------------------------------------------------


def _counted(calendar: WorkdayCalendar, day: dt.date, paused: AbstractSet[dt.date]) -> bool:
    return day not in paused and calendar.is_workday(day)


def walk(
    calendar: WorkdayCalendar,
    start: dt.date,
    count: int,
    paused: AbstractSet[dt.date] = frozenset(),
    *,
    count_start: bool = False,
) -> dt.date:
    """The ``count``-th counted working day after ``start`` (``start`` itself counted only
    with ``count_start`` and when it is a working day)."""
    if count <= 0:
        return start
    remaining = count
    if count_start and _counted(calendar, start, paused):
        remaining -= 1
        if remaining == 0:
            return start
    day = start
    for _step in range(MAX_SPAN_DAYS):
        day += dt.timedelta(days=1)
        if _counted(calendar, day, paused):
            remaining -= 1
            if remaining == 0:
                return day
    raise ValueError("span too long")


def _workdays_in(calendar: WorkdayCalendar, after: dt.date, through: dt.date) -> set[dt.date]:
    """The working days in (after, through]."""
    days: set[dt.date] = set()
    day = after
    while day < through:
        day += dt.timedelta(days=1)
        if calendar.is_workday(day):
            days.add(day)
    return days


# --- the fold ----------------------------------------------------------------------------

CLOSING_DISPOSITIONS: dict[str, str] = {
    EventKind.WITHDRAWN: Disposition.WITHDRAWN,
    EventKind.CORRECTION_LAPSED: Disposition.ABANDONED,
    EventKind.FEE_LAPSED: Disposition.FEE_UNPAID,
}


def _ordered(events: Iterable[ClockEvent]) -> list[ClockEvent]:
    return sorted(events, key=lambda e: (e.on, e.id if e.id is not None else 0))


def _fold(events: Sequence[ClockEvent], calendar: WorkdayCalendar, rules: ClockRules) -> ClockState:
    state = ClockState()
    fee_open = False
    correction_open = False
    reasons_open = False
    for event in events:
        kind = event.kind
        if kind == EventKind.RECEIVED:
            state.received_on = state.day0 = event.on
            state.correction_notice_due_on = walk(
                calendar, event.on, rules.correction_notice_workdays, count_start=rules.count_receipt_day
            )
        elif kind == EventKind.CORRECTION_REQUESTED:
            state.correction_requested_on = event.on
            state.correction_due_on = event.due_on
            correction_open = True
        elif kind == EventKind.CORRECTION_RECEIVED:
            # Art. 30: the reply period runs from the day the corrected application arrives.
            state.day0 = state.restarted_on = event.on
            correction_open = False
            # Pauses before the restart no longer matter (``_paused`` counts from day 0);
            # an extension or delayed reply belonged to the old period.
            state.extension_days = 0
            state.extension_on = None
            state.delayed_reply_due_on = None
        elif kind == EventKind.CONSULTATION_STARTED:
            received = event.counterpart_received_on or event.on
            state.consultations.append(
                Consultation(
                    event_id=event.id,
                    kind=event.consultation_kind,
                    party=event.party,
                    started_on=event.on,
                    opinion_due_on=walk(calendar, received, rules.consultation_workdays),
                )
            )
        elif kind == EventKind.CONSULTATION_ENDED:
            for consultation in state.consultations:
                if consultation.event_id == event.related_id and consultation.is_open:
                    consultation.ended_on = event.on
        elif kind == EventKind.EXTENSION_PROPOSED:
            state.extension_proposed_days = event.days
        elif kind == EventKind.EXTENSION:
            state.extension_days = event.days or 0
            state.extension_on = event.on
            state.extension_proposed_days = None
        elif kind == EventKind.REASONS_REQUESTED:
            state.reasons_requested_on = event.on
            state.reasons_due_on = event.due_on
            reasons_open = True
        elif kind == EventKind.REASONS_RECEIVED:
            state.reasons_received_on = event.on
            state.reasons_accepted = event.accepted
            reasons_open = False
        elif kind == EventKind.DELAYED_REPLY:
            state.delayed_reply_due_on = event.due_on
        elif kind == EventKind.FEE_NOTICE:
            state.fee_notice_on = event.on
            state.fee_due_on = walk(
                calendar, event.counterpart_received_on or event.on, rules.fee_payment_workdays
            )
            state.fee_paid_on = None
            fee_open = True
        elif kind == EventKind.FEE_PAID:
            state.fee_paid_on = event.on
            fee_open = False
        elif kind in (
            EventKind.REPLIED,
            EventKind.WITHDRAWN,
            EventKind.CORRECTION_LAPSED,
            EventKind.FEE_LAPSED,
        ):
            state.closed_on = event.on
            state.disposition = CLOSING_DISPOSITIONS.get(kind, event.disposition)
            state.on_the_spot = event.on_the_spot
    _derive_due(state, calendar, rules, correction_open=correction_open)
    _derive_status(state, correction_open=correction_open, fee_open=fee_open, reasons_open=reasons_open)
    return state


def _paused(state: ClockState, calendar: WorkdayCalendar, rules: ClockRules) -> set[dt.date]:
    assert state.day0 is not None
    paused: set[dt.date] = set()
    for consultation in state.consultations:
        # The consulted party's 15 working days are the most the clock waits for (Arts. 32, 34).
        end = (
            consultation.opinion_due_on
            if consultation.ended_on is None
            else min(consultation.ended_on, consultation.opinion_due_on)
        )
        start = max(consultation.started_on, state.day0)
        days = _workdays_in(calendar, start, end) if end > start else set()
        consultation.paused_days = len(days - paused)
        paused |= days
    if rules.fee_notice_pauses_clock and state.fee_notice_on and state.fee_due_on:
        end = min(state.fee_paid_on, state.fee_due_on) if state.fee_paid_on else state.fee_due_on
        start = max(state.fee_notice_on, state.day0)
        if end > start:
            paused |= _workdays_in(calendar, start, end)
    return paused


def _derive_due(
    state: ClockState, calendar: WorkdayCalendar, rules: ClockRules, *, correction_open: bool
) -> None:
    if state.day0 is None:
        return
    state.base_due_on = walk(calendar, state.day0, rules.reply_workdays, count_start=rules.count_receipt_day)
    if state.on_the_spot:
        state.reply_due_on = state.day0
        return
    if correction_open:
        # Art. 30: no reply is due until the corrected application arrives.
        state.reply_due_on = None
        return
    state.paused_days = _paused(state, calendar, rules)
    state.reply_due_on = walk(
        calendar,
        state.day0,
        rules.reply_workdays + state.extension_days,
        state.paused_days,
        count_start=rules.count_receipt_day,
    )
    state.reply_due_is_latest = bool(state.open_consultations)
    if state.delayed_reply_due_on:
        state.reply_due_on = state.delayed_reply_due_on
        state.reply_due_is_latest = False


def _derive_status(state: ClockState, *, correction_open: bool, fee_open: bool, reasons_open: bool) -> None:
    if state.closed_on is not None:
        state.status = Status.CLOSED
        return
    if state.received_on is None:
        state.status = Status.AWAITING_CONFIRMATION
        return
    candidates: list[tuple[dt.date, str]] = []
    if correction_open:
        state.status = Status.AWAITING_CORRECTION
        if state.correction_due_on:
            candidates.append((state.correction_due_on, "correction"))
    else:
        if state.reply_due_on:
            candidates.append((state.reply_due_on, "reply"))
        if state.open_consultations:
            state.status = Status.IN_CONSULTATION
            candidates.extend((c.opinion_due_on, "opinion") for c in state.open_consultations)
        elif fee_open:
            state.status = Status.AWAITING_FEE
        elif reasons_open:
            state.status = Status.AWAITING_REASONS
        else:
            state.status = Status.IN_PROGRESS
        if fee_open and state.fee_due_on:
            candidates.append((state.fee_due_on, "fee"))
        if reasons_open and state.reasons_due_on:
            candidates.append((state.reasons_due_on, "reasons"))
    if candidates:
        state.next_due_on, state.next_due_kind = min(candidates)


def compute(
    events: Iterable[ClockEvent], *, calendar: WorkdayCalendar, rules: ClockRules, channel: str = ""
) -> ClockState:
    """The state after all events, with one explained step per event."""
    ordered = _ordered(events)
    calendar = replace(calendar, assumed_years=set())
    state = _fold(ordered, calendar, rules)
    steps: list[Step] = []
    previous: ClockState | None = None
    for index, event in enumerate(ordered):
        after = state if index == len(ordered) - 1 else _fold(ordered[: index + 1], calendar, rules)
        steps.append(_explain(event, before=previous, after=after, channel=channel))
        previous = after
    state.steps = steps
    state.provisional_years = sorted(calendar.assumed_years)
    return state


# --- explanations --------------------------------------------------------------------------


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def _step_due(after: ClockState) -> tuple[dt.date | None, str]:
    if after.is_closed or after.received_on is None:
        return None, ""
    if after.status == Status.AWAITING_CORRECTION:
        return after.correction_due_on, next_due_label("correction")
    return after.reply_due_on, next_due_label("reply")


def _explain(event: ClockEvent, *, before: ClockState | None, after: ClockState, channel: str) -> Step:
    kind = event.kind
    on = _d(event.on)
    due = _d(after.reply_due_on)
    text = public = ""
    if kind == EventKind.SUBMITTED:
        if needs_confirmation(channel):
            text = _(
                "Application submitted on %(date)s. It counts as received only when the office confirms it (Art. 31)."
            ) % {"date": on}
            public = _(
                "You submitted your application on %(date)s. It counts as received when the office confirms receipt with you."
            ) % {"date": on}
        else:
            text = _("Application submitted on %(date)s.") % {"date": on}
            public = _("You submitted your application on %(date)s.") % {"date": on}
    elif kind == EventKind.RECEIVED:
        text = _(
            "Received on %(date)s — %(rule)s. The reply is due within 20 working days: by %(due)s (Art. 33)."
        ) % {
            "date": on,
            "rule": receipt_rule(channel),
            "due": _d(after.base_due_on),
        }
        public = _(
            "We received your application on %(date)s. The law gives us 20 working days to reply, so the reply is due by %(due)s."
        ) % {
            "date": on,
            "due": _d(after.base_due_on),
        }
    elif kind == EventKind.CORRECTION_REQUESTED:
        text = _(
            "Correction requested on %(date)s (Art. 30; the notice was due by %(notice_due)s). The applicant has until "
            "%(due)s; the 20 working days start again when the corrected application arrives."
        ) % {"date": on, "notice_due": _d(after.correction_notice_due_on), "due": _d(event.due_on)}
        public = _(
            "On %(date)s we asked you to correct your application. Please send the correction by %(due)s. "
            "The 20 working days for our reply start again on the day we receive it."
        ) % {"date": on, "due": _d(event.due_on)}
    elif kind == EventKind.CORRECTION_RECEIVED:
        text = _(
            "Corrected application received on %(date)s: the clock restarts from this day (Art. 30); reply due by %(due)s."
        ) % {
            "date": on,
            "due": due,
        }
        public = _(
            "We received your corrected application on %(date)s. The 20 working days start again from this day: the reply is due by %(due)s."
        ) % {
            "date": on,
            "due": due,
        }
    elif kind == EventKind.CORRECTION_LAPSED:
        text = _("Not corrected by the deadline: the application is deemed abandoned (Art. 30).")
        public = _("We did not receive the correction in time, so the application is treated as abandoned.")
    elif kind == EventKind.CONSULTATION_STARTED:
        consultation = next((c for c in after.consultations if c.event_id == event.id), None)
        opinion_due = _d(consultation.opinion_due_on if consultation else None)
        if event.consultation_kind == ConsultationKind.THIRD_PARTY:
            text = _(
                "Third party consulted from %(date)s (Art. 32); opinion due by %(opinion_due)s. The working days of the "
                "consultation do not count (Art. 33): reply due by %(due)s at the latest."
            ) % {"date": on, "opinion_due": opinion_due, "due": due}
        else:
            text = _(
                "Another agency consulted from %(date)s (Art. 34); opinion due by %(opinion_due)s, silence counts as "
                "consent. The working days of the consultation do not count (Art. 33): reply due by %(due)s at the latest."
            ) % {"date": on, "opinion_due": opinion_due, "due": due}
        public = _(
            "On %(date)s we asked for the opinion of another party. The clock stops while we wait (at most until "
            "%(opinion_due)s); the reply is due by %(due)s at the latest."
        ) % {"date": on, "opinion_due": opinion_due, "due": due}
    elif kind == EventKind.CONSULTATION_ENDED:
        consultation = next((c for c in after.consultations if c.event_id == event.related_id), None)
        paused = consultation.paused_days if consultation else 0
        text = _(
            "Consultation ended on %(date)s: %(days)s working days not counted; reply due by %(due)s."
        ) % {
            "date": on,
            "days": paused,
            "due": due,
        }
        public = _(
            "The consultation ended on %(date)s; %(days)s working days were not counted. The reply is due by %(due)s."
        ) % {
            "date": on,
            "days": paused,
            "due": due,
        }
    elif kind == EventKind.EXTENSION_PROPOSED:
        text = _("Extension of %(days)s working days proposed on %(date)s, awaiting approval.") % {
            "days": event.days,
            "date": on,
        }
        public = ""
    elif kind == EventKind.EXTENSION:
        text = _(
            "Extended on %(date)s by %(days)s working days, approved by %(approver)s (Art. 33): reply due by %(due)s."
        ) % {
            "date": on,
            "days": event.days,
            "approver": event.approver or "—",
            "due": due,
        }
        public = _(
            "On %(date)s the reply period was extended by %(days)s working days: the reply is due by %(due)s."
        ) % {
            "date": on,
            "days": event.days,
            "due": due,
        }
    elif kind == EventKind.REASONS_REQUESTED:
        text = _(
            "Reasons requested on %(date)s for the number or frequency of applications (Art. 35); due by %(reasons_due)s."
        ) % {
            "date": on,
            "reasons_due": _d(event.due_on),
        }
        public = _(
            "On %(date)s we asked you to explain the reasons for your applications, by %(reasons_due)s."
        ) % {
            "date": on,
            "reasons_due": _d(event.due_on),
        }
    elif kind == EventKind.REASONS_RECEIVED:
        if event.accepted:
            text = _("Reasons received on %(date)s and found reasonable.") % {"date": on}
        else:
            text = _("Reasons received on %(date)s and found unreasonable.") % {"date": on}
        public = _("We received your reasons on %(date)s.") % {"date": on}
    elif kind == EventKind.DELAYED_REPLY:
        text = _("Delayed reply set on %(date)s (Art. 35): reply due by %(due)s.") % {"date": on, "due": due}
        public = _(
            "On %(date)s we told you that we need more time (Art. 35): the reply is due by %(due)s."
        ) % {"date": on, "due": due}
    elif kind == EventKind.FEE_NOTICE:
        text = _("Fee notice issued on %(date)s; payment due by %(fee_due)s.") % {
            "date": on,
            "fee_due": _d(after.fee_due_on),
        }
        public = _(
            "On %(date)s we sent you a notice of the information-processing fee; please pay by %(fee_due)s."
        ) % {
            "date": on,
            "fee_due": _d(after.fee_due_on),
        }
    elif kind == EventKind.FEE_PAID:
        text = _("Fee paid on %(date)s.") % {"date": on}
        public = _("We received your payment on %(date)s.") % {"date": on}
    elif kind == EventKind.FEE_LAPSED:
        text = _("Fee not paid in time: the application is no longer processed.")
        public = _("The fee was not paid in time, so the application is no longer processed.")
    elif kind == EventKind.REPLIED:
        if event.on_the_spot:
            text = _("Replied on the spot on %(date)s (Art. 33 ¶1).") % {"date": on}
        elif after.replied_late:
            text = _("Replied on %(date)s, late: the reply was due by %(due)s.") % {"date": on, "due": due}
        else:
            text = _("Replied on %(date)s.") % {"date": on}
        public = _("We replied on %(date)s.") % {"date": on}
    elif kind == EventKind.WITHDRAWN:
        text = _("Withdrawn by the applicant on %(date)s.") % {"date": on}
        public = _("You withdrew the application on %(date)s.") % {"date": on}
    due_on, due_label = _step_due(after)
    return Step(on=event.on, kind=kind, text=text, public_text=public, due_on=due_on, due_label=due_label)


def window_notes(state: ClockState, calendar: WorkdayCalendar) -> list[DayNote]:
    """Between day 0 and the reply due date: every day not counted (weekends, holidays,
    paused), and every weekend day that is counted (make-up workdays), grouped in runs."""
    if state.day0 is None or state.reply_due_on is None or state.reply_due_on <= state.day0:
        return []
    labelled: list[tuple[dt.date, str, str]] = []
    day = state.day0
    while day < state.reply_due_on:
        day += dt.timedelta(days=1)
        if day in state.paused_days:
            labelled.append((day, "paused", _("consultation: not counted")))
        elif day.year not in calendar.years:
            if day.weekday() >= 5:
                labelled.append((day, "weekend", _("weekend")))
            else:
                labelled.append(
                    (
                        day,
                        "assumed",
                        _("no calendar for %(year)s: assumed a working day") % {"year": day.year},
                    )
                )
        elif day in calendar.makeup_workdays:
            name = calendar.makeup_workdays[day]
            label = (
                _("make-up workday (%(name)s), counted") % {"name": name}
                if name
                else _("make-up workday, counted")
            )
            labelled.append((day, "makeup_workday", label))
        elif day in calendar.holidays:
            labelled.append((day, "holiday", calendar.holidays[day] or _("holiday")))
        elif day.weekday() >= 5:
            labelled.append((day, "weekend", _("weekend")))
    notes: list[DayNote] = []
    for date, kind, label in labelled:
        last = notes[-1] if notes else None
        if last and last.kind == kind and last.label == label and (date - last.last).days == 1:
            notes[-1] = DayNote(last.first, date, kind, label, last.days + 1)
        else:
            notes.append(DayNote(date, date, kind, label, 1))
    return notes


def public_summary(notes: Sequence[DayNote]) -> list[str]:
    """The window notes in plain words: holidays, make-up days and pauses (weekends are
    mentioned once)."""
    lines: list[str] = []
    if any(n.kind == "weekend" for n in notes):
        lines.append(_("Saturdays and Sundays are not counted."))
    for note in notes:
        span = (
            note.first.isoformat()
            if note.first == note.last
            else f"{note.first.isoformat()} – {note.last.isoformat()}"
        )
        if note.kind == "holiday":
            lines.append(
                _("%(span)s: public holiday (%(name)s), not counted.") % {"span": span, "name": note.label}
            )
        elif note.kind == "makeup_workday":
            lines.append(_("%(span)s: a weekend day worked in lieu of a holiday, counted.") % {"span": span})
        elif note.kind == "paused":
            lines.append(
                _("%(span)s: waiting for the opinion of another party, not counted.") % {"span": span}
            )
        elif note.kind == "assumed":
            lines.append(
                _(
                    "%(span)s: the holiday calendar of that year has not been announced yet; counted as working days for now."
                )
                % {"span": span}
            )
    return lines
