"""The clock as a pure function of events and a calendar (no database)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from gongkai.requests.clock import ClockEvent, compute, public_summary, walk, window_notes
from gongkai.requests.codes import Channel, ConsultationKind, Disposition, EventKind, Status
from gongkai.requests.conf import ClockRules
from gongkai.workdays.calendar import WorkdayCalendar

D = dt.date
RULES = ClockRules()


def calendar_2025(**kwargs) -> WorkdayCalendar:
    """A hand-made calendar: the 2025 Spring Festival as announced."""
    holidays = {D(2025, 1, 1): "元旦", **{D(2025, 1, 28) + dt.timedelta(days=i): "春节" for i in range(8)}}
    return WorkdayCalendar(
        years={2025},
        holidays=holidays,
        makeup_workdays={D(2025, 1, 26): "春节", D(2025, 2, 8): "春节"},
        **kwargs,
    )


def received(on: dt.date) -> list[ClockEvent]:
    return [ClockEvent(EventKind.SUBMITTED, on, id=1), ClockEvent(EventKind.RECEIVED, on, id=2)]


def test_walk_counts_after_the_start_and_skips_paused_days():
    calendar = calendar_2025()
    assert walk(calendar, D(2025, 1, 24), 1) == D(2025, 1, 26)
    assert walk(calendar, D(2025, 1, 24), 2, {D(2025, 1, 26)}) == D(2025, 2, 5)
    assert walk(calendar, D(2025, 1, 24), 0) == D(2025, 1, 24)
    assert walk(calendar, D(2025, 1, 24), 1, count_start=True) == D(2025, 1, 24)


def test_count_receipt_day_setting():
    rules = ClockRules(count_receipt_day=True)
    state = compute(received(D(2025, 3, 3)), calendar=calendar_2025(), rules=rules)
    assert state.reply_due_on == D(2025, 3, 28)  # 3 March is day 1
    assert compute(received(D(2025, 3, 3)), calendar=calendar_2025(), rules=RULES).reply_due_on == D(
        2025, 3, 31
    )


def test_before_receipt_there_is_no_clock():
    state = compute(
        [ClockEvent(EventKind.SUBMITTED, D(2025, 3, 3), id=1)],
        calendar=calendar_2025(),
        rules=RULES,
        channel=Channel.ONLINE,
    )
    assert state.status == Status.AWAITING_CONFIRMATION
    assert state.reply_due_on is None and state.next_due_on is None
    with translation.override("en"):
        assert "confirms" in state.steps[0].text


def test_each_step_carries_the_due_date_after_it():
    events = [
        *received(D(2025, 1, 20)),
        ClockEvent(
            EventKind.CONSULTATION_STARTED,
            D(2025, 2, 5),
            id=3,
            consultation_kind=ConsultationKind.OTHER_AGENCY,
            party="测试局",
        ),
        ClockEvent(EventKind.CONSULTATION_ENDED, D(2025, 2, 7), id=4, related_id=3),
    ]
    state = compute(events, calendar=calendar_2025(), rules=RULES)
    dues = [step.due_on for step in state.steps]
    # received: 21 Feb; consultation open: at the latest 21 Feb + 15 working days; ended
    # after 2 working days (6, 7 Feb): 25 Feb.
    assert dues[1] == D(2025, 2, 21)
    assert dues[2] == D(2025, 3, 14)
    assert dues[3] == D(2025, 2, 25)
    assert state.paused_workdays == 2


def test_pauses_before_a_restart_do_not_count():
    events = [
        *received(D(2025, 3, 3)),
        ClockEvent(
            EventKind.CONSULTATION_STARTED,
            D(2025, 3, 3),
            id=3,
            consultation_kind=ConsultationKind.THIRD_PARTY,
            party="甲",
        ),
        ClockEvent(EventKind.CONSULTATION_ENDED, D(2025, 3, 5), id=4, related_id=3),
        ClockEvent(EventKind.CORRECTION_REQUESTED, D(2025, 3, 6), id=5, due_on=D(2025, 3, 14)),
        ClockEvent(EventKind.CORRECTION_RECEIVED, D(2025, 3, 10), id=6),
    ]
    state = compute(events, calendar=calendar_2025(), rules=RULES)
    assert state.day0 == D(2025, 3, 10) and state.received_on == D(2025, 3, 3)
    assert state.reply_due_on == D(2025, 4, 7)  # this hand-made calendar has no 清明
    assert state.paused_workdays == 0


def test_closing_events_set_the_result():
    for kind, disposition in [
        (EventKind.WITHDRAWN, Disposition.WITHDRAWN),
        (EventKind.FEE_LAPSED, Disposition.FEE_UNPAID),
        (EventKind.CORRECTION_LAPSED, Disposition.ABANDONED),
    ]:
        state = compute(
            [*received(D(2025, 3, 3)), ClockEvent(kind, D(2025, 3, 20), id=9)],
            calendar=calendar_2025(),
            rules=RULES,
        )
        assert (
            state.status == Status.CLOSED and state.disposition == disposition and state.next_due_on is None
        )


def test_late_reply_is_recognised():
    events = [
        *received(D(2025, 3, 3)),
        ClockEvent(EventKind.REPLIED, D(2025, 4, 1), id=3, disposition=Disposition.DISCLOSED),
    ]
    state = compute(events, calendar=calendar_2025(), rules=RULES)
    assert state.replied_late


def test_window_notes_group_runs_and_plain_words():
    state = compute(received(D(2025, 1, 20)), calendar=calendar_2025(), rules=RULES)
    notes = window_notes(state, calendar_2025())
    holiday = next(note for note in notes if note.kind == "holiday")
    assert (holiday.first, holiday.last, holiday.days) == (D(2025, 1, 28), D(2025, 2, 4), 8)
    assert [n.first for n in notes if n.kind == "makeup_workday"] == [D(2025, 1, 26), D(2025, 2, 8)]
    with translation.override("en"):
        lines = public_summary(notes)
    assert lines[0] == "Saturdays and Sundays are not counted."
    assert any("2025-01-28 – 2025-02-04" in line and "春节" in line for line in lines)
    assert any(line.startswith("2025-02-08") and "counted" in line for line in lines)


def test_provisional_days_are_named():
    calendar = calendar_2025(provisional=True)
    state = compute(received(D(2025, 12, 22)), calendar=calendar, rules=RULES)
    assert state.provisional_years == [2026]
    notes = window_notes(state, calendar)
    assert any(note.kind == "assumed" for note in notes)
