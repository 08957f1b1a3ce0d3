"""Deadline tests: one per clause of Arts. 30–35, the 2025 and 2026 Spring Festival and
National Day with their make-up workdays, and a period that runs into a year with no
calendar. docs/deadlines.md maps each clause to its code and to the test here.

Expected dates were counted by hand on the State Council's notices (and cross-checked
against the chinesecalendar package, which the implementation does not use at run time).
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.models import AuditEntry
from gongkai.requests import services
from gongkai.requests.codes import Channel, ConsultationKind, Disposition, EventKind, FeeBasis, Status
from gongkai.requests.models import InfoRequest
from gongkai.requests.selectors import clock_of, clock_view
from gongkai.requests.tests.factories import applicant_values, register
from gongkai.workdays.calendar import CalendarMissing
from gongkai.workdays.services import notice_import

pytestmark = pytest.mark.django_db

D = dt.date


def fresh(info_request: InfoRequest) -> InfoRequest:
    return InfoRequest.objects.get(pk=info_request.pk)


# --- Art. 31: the receipt date (day 0) -------------------------------------------------------


def test_art31_1_in_person_is_received_on_the_day_submitted(world, handler, time_machine):
    time_machine.to(D(2025, 3, 3))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    assert fresh(info_request).received_on == D(2025, 3, 3)
    with pytest.raises(DomainError, match=r"Art\. 31"):
        register(
            organization=world.department,
            actor=handler,
            submitted_on=D(2025, 3, 3),
            received_on=D(2025, 3, 4),
        )


def test_art31_2_post_is_received_when_signed_for_or_confirmed(world, handler, time_machine):
    time_machine.to(D(2025, 3, 7))
    signed = register(
        organization=world.department,
        actor=handler,
        channel=Channel.POST_SIGNED,
        submitted_on=D(2025, 3, 5),
        received_on=D(2025, 3, 6),
    )
    assert fresh(signed).received_on == D(2025, 3, 6)
    assert fresh(signed).reply_due_on == D(2025, 4, 3)  # 20 working days after 6 March (4 April is 清明)
    ordinary = services.request_register(
        actor=handler,
        organization=world.department,
        channel=Channel.POST_ORDINARY,
        applicant_type="natural_person",
        applicant=applicant_values(),
        description="某文件",
        form_wanted="paper",
        delivery_wanted="post",
        submitted_on=D(2025, 3, 5),
        received_on=None,
    )
    assert fresh(ordinary).status == Status.AWAITING_CONFIRMATION
    assert fresh(ordinary).reply_due_on is None
    services.request_confirm_receipt(actor=handler, info_request=ordinary, received_on=D(2025, 3, 7))
    assert fresh(ordinary).received_on == D(2025, 3, 7)


def test_art31_3_online_is_received_when_both_sides_confirm(world, handler, time_machine):
    time_machine.to(D(2025, 1, 24))
    info_request, created = services.request_submit_online(
        organization=world.department,
        applicant_type="natural_person",
        applicant=applicant_values(),
        description="某路段改造工程的批复文件",
        form_wanted="electronic",
        delivery_wanted="email",
        idempotency_token="token-1",
    )
    assert created and fresh(info_request).status == Status.AWAITING_CONFIRMATION
    assert fresh(info_request).received_on is None
    time_machine.to(D(2025, 1, 27))
    services.request_confirm_receipt(actor=handler, info_request=info_request, received_on=D(2025, 1, 27))
    info_request = fresh(info_request)
    assert info_request.received_on == D(2025, 1, 27)
    # 27 Jan 2025 + 20 working days, across the Spring Festival (28 Jan – 4 Feb off,
    # Saturday 8 Feb a make-up workday): 5, 6, 7, 8, 10–14, 17–21, 24–28 Feb, 3 Mar.
    assert info_request.reply_due_on == D(2025, 3, 3)
    with pytest.raises(DomainError):
        services.request_confirm_receipt(actor=handler, info_request=info_request, received_on=D(2025, 1, 27))


# --- Art. 30: correction -----------------------------------------------------------------------


def test_art30_correction_once_within_7_workdays_restarts_the_clock(world, handler, time_machine):
    time_machine.to(D(2025, 3, 13))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    assert clock_of(info_request).correction_notice_due_on == D(2025, 3, 12)
    with pytest.raises(DomainError, match="7 working days"):
        services.correction_request(
            actor=handler,
            info_request=info_request,
            on=D(2025, 3, 13),
            due_on=D(2025, 3, 25),
            items="写明年份",
            issue_letter=False,
        )
    time_machine.to(D(2025, 3, 10))
    services.correction_request(
        actor=handler,
        info_request=info_request,
        on=D(2025, 3, 10),
        due_on=D(2025, 3, 20),
        items="写明年份",
        issue_letter=False,
    )
    info_request = fresh(info_request)
    assert info_request.status == Status.AWAITING_CORRECTION
    assert info_request.reply_due_on is None  # no reply is due until the correction arrives
    assert (info_request.next_due_on, info_request.next_due_kind) == (D(2025, 3, 20), "correction")
    with pytest.raises(DomainError, match="only once"):
        services.correction_request(
            actor=handler,
            info_request=info_request,
            on=D(2025, 3, 10),
            due_on=D(2025, 3, 21),
            items="再补",
            issue_letter=False,
        )
    time_machine.to(D(2025, 3, 18))
    services.correction_receive(actor=handler, info_request=info_request, on=D(2025, 3, 18))
    info_request = fresh(info_request)
    # Restart, not pause: 20 working days from 18 March (4 April, 清明, is off).
    assert info_request.reply_due_on == D(2025, 4, 16)
    assert clock_of(info_request).received_on == D(2025, 3, 3)  # the Art. 31 date stays for table 三


def test_art30_not_corrected_in_time_is_abandoned(world, handler, time_machine):
    time_machine.to(D(2025, 3, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    services.correction_request(
        actor=handler,
        info_request=info_request,
        on=D(2025, 3, 10),
        due_on=D(2025, 3, 20),
        items="写明年份",
        issue_letter=False,
    )
    time_machine.to(D(2025, 3, 20))
    with pytest.raises(DomainError, match="until 2025-03-20"):
        services.correction_lapse(actor=handler, info_request=info_request, on=D(2025, 3, 20))
    time_machine.to(D(2025, 3, 21))
    services.correction_lapse(actor=handler, info_request=info_request, on=D(2025, 3, 21))
    info_request = fresh(info_request)
    assert info_request.status == Status.CLOSED
    assert info_request.disposition == Disposition.ABANDONED
    assert info_request.closed_on == D(2025, 3, 21)


# --- Arts. 32–34: consultations ----------------------------------------------------------------


def test_art32_third_party_days_do_not_count(world, handler, time_machine):
    time_machine.to(D(2025, 3, 20))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    consultation = services.consultation_start(
        actor=handler,
        info_request=info_request,
        kind=ConsultationKind.THIRD_PARTY,
        party="某科技有限公司",
        on=D(2025, 3, 10),
        counterpart_received_on=D(2025, 3, 11),
        issue_letter=False,
    )
    state = clock_of(info_request)
    assert state.consultations[0].opinion_due_on == D(2025, 4, 1)  # 15 working days after its receipt
    assert fresh(info_request).status == Status.IN_CONSULTATION
    assert (fresh(info_request).next_due_on, fresh(info_request).next_due_kind) == (D(2025, 4, 1), "opinion")
    services.consultation_end(
        actor=handler, info_request=info_request, consultation=consultation, on=D(2025, 3, 20)
    )
    # 8 working days paused (11–14, 17–20 March): 31 March + 8 working days, 4 April off.
    assert fresh(info_request).reply_due_on == D(2025, 4, 11)
    assert clock_of(info_request).paused_workdays == 8


def test_art32_silent_third_party_pauses_at_most_15_workdays(world, handler, time_machine):
    time_machine.to(D(2025, 3, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    services.consultation_start(
        actor=handler,
        info_request=info_request,
        kind=ConsultationKind.THIRD_PARTY,
        party="某科技有限公司",
        on=D(2025, 3, 10),
        counterpart_received_on=D(2025, 3, 11),
        issue_letter=False,
    )
    state = clock_of(info_request)
    # The pause ends with the third party's period (1 April): 16 working days (11 March –
    # 1 April); the due date shown is the latest possible.
    assert state.reply_due_is_latest
    assert state.reply_due_on == D(2025, 4, 23)
    assert state.paused_workdays == 16


def test_art33_3_and_art34_overlapping_consultations_count_once(world, handler, time_machine):
    time_machine.to(D(2025, 3, 26))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    third = services.consultation_start(
        actor=handler,
        info_request=info_request,
        kind=ConsultationKind.THIRD_PARTY,
        party="甲公司",
        on=D(2025, 3, 10),
        issue_letter=False,
    )
    agency = services.consultation_start(
        actor=handler,
        info_request=info_request,
        kind=ConsultationKind.OTHER_AGENCY,
        party="测试区财政局",
        on=D(2025, 3, 14),
        issue_letter=False,
    )
    services.consultation_end(actor=handler, info_request=info_request, consultation=third, on=D(2025, 3, 20))
    assert fresh(info_request).status == Status.IN_CONSULTATION  # the agency has not answered
    services.consultation_end(
        actor=handler, info_request=info_request, consultation=agency, on=D(2025, 3, 26)
    )
    # Union of (10 March, 20 March] and (14 March, 26 March]: 12 working days, not 8 + 8.
    assert clock_of(info_request).paused_workdays == 12
    assert fresh(info_request).reply_due_on == D(2025, 4, 17)
    assert fresh(info_request).status == Status.IN_PROGRESS


# --- Art. 33: reply periods ----------------------------------------------------------------------


def test_art33_1_reply_on_the_spot(world, handler, time_machine):
    time_machine.to(D(2025, 3, 3))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    services.reply_issue(
        actor=handler,
        info_request=info_request,
        disposition=Disposition.ALREADY_PUBLIC,
        replied_on=D(2025, 3, 3),
        on_the_spot=True,
        explanation="已在本机关政府信息公开专栏公开",
        issue_letter=False,
    )
    info_request = fresh(info_request)
    assert info_request.reply_due_on == D(2025, 3, 3)
    assert info_request.closed_on == D(2025, 3, 3)
    assert not clock_of(info_request).replied_late


def test_art33_1_on_the_spot_must_be_the_day_of_receipt(world, handler, time_machine):
    time_machine.to(D(2025, 3, 4))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    with pytest.raises(DomainError, match="on the spot"):
        services.reply_issue(
            actor=handler,
            info_request=info_request,
            disposition=Disposition.DISCLOSED,
            replied_on=D(2025, 3, 4),
            on_the_spot=True,
            issue_letter=False,
        )


def test_art33_2_twenty_workdays(world, handler, time_machine):
    time_machine.to(D(2025, 3, 3))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    assert fresh(info_request).reply_due_on == D(2025, 3, 31)


def test_art33_2_extension_approved_by_the_head_before_the_due_date(world, handler, head, time_machine):
    time_machine.to(D(2025, 3, 28))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    with pytest.raises(PermissionDenied):
        services.extension_approve(
            actor=handler, info_request=info_request, days=20, reason="需要调取档案", issue_letter=False
        )
    services.extension_propose(actor=handler, info_request=info_request, days=20, reason="需要调取档案")
    with pytest.raises(DomainError, match="at most 20"):
        services.extension_approve(
            actor=head, info_request=info_request, days=21, reason="需要调取档案", issue_letter=False
        )
    services.extension_approve(
        actor=head, info_request=info_request, days=20, reason="需要调取档案", issue_letter=False
    )
    info_request = fresh(info_request)
    assert info_request.reply_due_on == D(2025, 4, 28)  # 40 working days
    event = info_request.events.get(kind=EventKind.EXTENSION)
    assert event.approved_by == head and event.days == 20
    with pytest.raises(DomainError, match="already"):
        services.extension_approve(
            actor=head, info_request=info_request, days=5, reason="再延", issue_letter=False
        )


def test_art33_2_no_extension_after_the_due_date(world, handler, head, time_machine):
    time_machine.to(D(2025, 4, 1))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    with pytest.raises(DomainError, match="by the due date, 2025-03-31"):
        services.extension_approve(
            actor=head, info_request=info_request, days=10, reason="需要调取档案", issue_letter=False
        )
    services.extension_approve(
        actor=head,
        info_request=info_request,
        days=10,
        reason="需要调取档案",
        on=D(2025, 3, 31),
        issue_letter=False,
    )
    assert fresh(info_request).reply_due_on == D(2025, 4, 15)


# --- Art. 35: reasons and delayed reply ------------------------------------------------------------


def test_art35_delayed_reply_after_reasonable_reasons(world, handler, time_machine):
    time_machine.to(D(2025, 3, 20))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    with pytest.raises(DomainError, match=r"Art\. 35"):
        services.delayed_reply_set(
            actor=handler,
            info_request=info_request,
            on=D(2025, 3, 20),
            due_on=D(2025, 6, 30),
            note="数量大",
            issue_letter=False,
        )
    services.reasons_request(
        actor=handler, info_request=info_request, on=D(2025, 3, 5), due_on=D(2025, 3, 14), issue_letter=False
    )
    assert fresh(info_request).status == Status.AWAITING_REASONS
    assert fresh(info_request).reply_due_on == D(2025, 3, 31)  # the clock keeps running
    services.reasons_receive(actor=handler, info_request=info_request, on=D(2025, 3, 12), accepted=True)
    with pytest.raises(DomainError, match="after the current due date"):
        services.delayed_reply_set(
            actor=handler,
            info_request=info_request,
            on=D(2025, 3, 20),
            due_on=D(2025, 3, 28),
            note="数量大",
            issue_letter=False,
        )
    services.delayed_reply_set(
        actor=handler,
        info_request=info_request,
        on=D(2025, 3, 20),
        due_on=D(2025, 6, 30),
        note="申请数量大，需逐件检索",
        issue_letter=False,
    )
    assert fresh(info_request).reply_due_on == D(2025, 6, 30)


def test_art35_unreasonable_reasons_not_processed(world, handler, time_machine):
    time_machine.to(D(2025, 3, 20))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    with pytest.raises(DomainError, match="reasons first"):
        services.reply_issue(
            actor=handler,
            info_request=info_request,
            disposition=Disposition.EXCESSIVE,
            replied_on=D(2025, 3, 20),
            issue_letter=False,
        )
    services.reasons_request(
        actor=handler, info_request=info_request, on=D(2025, 3, 5), due_on=D(2025, 3, 14), issue_letter=False
    )
    services.reasons_receive(actor=handler, info_request=info_request, on=D(2025, 3, 12), accepted=False)
    services.reply_issue(
        actor=handler,
        info_request=info_request,
        disposition=Disposition.EXCESSIVE,
        replied_on=D(2025, 3, 20),
        issue_letter=False,
    )
    assert fresh(info_request).disposition == Disposition.EXCESSIVE


# --- fees (Art. 42, 国办函〔2020〕109号) ------------------------------------------------------------


def test_fee_notice_payment_due_and_lapse(world, handler, time_machine, settings):
    time_machine.to(D(2025, 3, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    services.fee_notify(
        actor=handler,
        info_request=info_request,
        on=D(2025, 3, 10),
        basis=FeeBasis.PER_PAGE,
        quantity=120,
        amount=services.fee_amount(basis=FeeBasis.PER_PAGE, quantity=120),
        reason="申请数量明显超过合理范围",
        issue_letter=False,
    )
    info_request = fresh(info_request)
    assert info_request.status == Status.AWAITING_FEE
    assert (info_request.next_due_on, info_request.next_due_kind) == (D(2025, 3, 31), "reply")
    assert clock_of(info_request).fee_due_on == D(2025, 4, 8)
    # By default (spec §6.4 unverified) the fee notice does not stop the reply clock.
    assert info_request.reply_due_on == D(2025, 3, 31)
    time_machine.to(D(2025, 4, 9))
    services.fee_lapse(actor=handler, info_request=info_request, on=D(2025, 4, 9))
    assert fresh(info_request).disposition == Disposition.FEE_UNPAID


def test_fee_notice_pauses_the_clock_when_configured(world, handler, time_machine, settings):
    settings.GONGKAI = {**settings.GONGKAI, "REQUESTS": {"FEE_NOTICE_PAUSES_CLOCK": True}}
    time_machine.to(D(2025, 3, 14))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    services.fee_notify(
        actor=handler,
        info_request=info_request,
        on=D(2025, 3, 10),
        basis=FeeBasis.PER_PIECE,
        quantity=1,
        amount=services.fee_amount(basis=FeeBasis.PER_PIECE, quantity=1, first_ordinal=11),
        reason="本月第11件",
        issue_letter=False,
    )
    services.fee_pay(actor=handler, info_request=info_request, on=D(2025, 3, 14))
    # 4 working days (11–14 March) paused: 31 March + 4 → 4 April is 清明 → 7 April.
    assert fresh(info_request).reply_due_on == D(2025, 4, 7)


# --- the calendar: holidays, make-up workdays, missing years ----------------------------------------


@pytest.mark.parametrize(
    ("received", "due", "what"),
    [
        (D(2025, 1, 20), D(2025, 2, 21), "2025 Spring Festival: 28 Jan – 4 Feb off; 26 Jan and 8 Feb worked"),
        (D(2026, 2, 9), D(2026, 3, 13), "2026 Spring Festival: 15–23 Feb off; 14 and 28 Feb worked"),
        (D(2025, 9, 25), D(2025, 10, 29), "2025 National Day: 1–8 Oct off; 28 Sep and 11 Oct worked"),
        (
            D(2026, 9, 18),
            D(2026, 10, 22),
            "2026 National Day: 25 Sep (中秋) and 1–7 Oct off; 20 Sep and 10 Oct worked",
        ),
    ],
)
def test_reply_due_over_festivals_with_makeup_workdays(world, handler, time_machine, received, due, what):
    time_machine.to(received)
    info_request = register(organization=world.department, actor=handler, received_on=received)
    assert fresh(info_request).reply_due_on == due, what
    view = clock_view(fresh(info_request), today=received)
    kinds = {note.kind for note in view.notes}
    assert {"holiday", "makeup_workday", "weekend"} <= kinds
    assert any("counted" in line or "计" in line for line in view.public_lines)


def test_a_period_into_a_year_without_calendar_is_provisional_then_recomputed(world, handler, time_machine):
    from gongkai.workdays.models import HolidayNotice

    assert not HolidayNotice.objects.filter(year=2027).exists()
    time_machine.to(D(2026, 12, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2026, 12, 10))
    info_request = fresh(info_request)
    # 15 working days to 31 December, then 1, 4, 5, 6, 7 January 2027 assumed Monday–Friday.
    assert info_request.reply_due_on == D(2027, 1, 7)
    assert info_request.due_provisional_years == [2027]
    view = clock_view(info_request, today=D(2026, 12, 10))
    assert any(note.kind == "assumed" for note in view.notes)
    # A rule that must be certain refuses, naming the year: is 29 December within 7
    # working days of 28 December? Yes — but the 7th day lies in 2027, unknown.
    time_machine.to(D(2026, 12, 29))
    late = register(organization=world.department, actor=handler, received_on=D(2026, 12, 28))
    with pytest.raises(CalendarMissing, match="2027"):
        services.correction_request(
            actor=handler,
            info_request=late,
            on=D(2026, 12, 29),
            due_on=D(2027, 1, 15),
            items="写明年份",
            issue_letter=False,
        )
    # The operator enters the 2027 notice: 1 January is a holiday; the due date moves and
    # the change is logged.
    notice_import(actor="operator", year=2027, text="2027-01-01 holiday 元旦")
    info_request = fresh(info_request)
    assert info_request.reply_due_on == D(2027, 1, 8)
    assert info_request.due_provisional_years == []
    entry = AuditEntry.objects.filter(action="request.due_recomputed", object_id=str(info_request.pk)).get()
    assert entry.before["reply_due_on"] == "2027-01-07" and entry.after["reply_due_on"] == "2027-01-08"
