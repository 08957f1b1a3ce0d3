"""Entering and changing the calendar: audited, and every change reaches the listeners
(the reply clock of open applications) inside the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.listeners import register_calendar_listener, unregister_calendar_listener
from gongkai.workdays.models import CalendarDay, HolidayNotice
from gongkai.workdays.services import (
    calendar_day_remove,
    calendar_day_set,
    notice_create,
    notice_import,
    notice_update,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def heard():
    calls: list[list[int]] = []
    register_calendar_listener("test.heard", lambda *, actor, years: calls.append(years))
    yield calls
    unregister_calendar_listener("test.heard")


def test_import_a_new_year(heard):
    notice = notice_import(
        actor="operator",
        year=2027,
        text="2027-01-01 holiday 元旦\n2027-02-07 班 春节",
        title="国务院办公厅关于2027年部分节假日安排的通知",
    )
    assert notice.year == 2027
    calendar = WorkdayCalendar.load()
    assert not calendar.is_workday(D(2027, 1, 1))
    assert calendar.is_workday(D(2027, 2, 7))
    assert heard == [[2027]]
    entry = AuditEntry.objects.get(action="calendar.notice_created")
    assert entry.after["2027-01-01"] == "holiday 元旦"


def test_reimport_replaces_the_days_and_logs_before_and_after(heard):
    notice_import(actor="operator", year=2027, text="2027-01-01 holiday 元旦")
    notice_import(actor="operator", year=2027, text="2027-01-01 holiday 元旦\n2027-01-04 holiday 元旦")
    assert CalendarDay.objects.filter(notice__year=2027).count() == 2
    entry = AuditEntry.objects.get(action="calendar.days_imported")
    assert "2027-01-04" not in entry.before and "2027-01-04" in entry.after
    assert heard == [[2027], [2027]]


def test_change_a_day_after_publication(heard):
    # The 2020 Spring Festival was extended after the notice: 31 Jan and 1–2 Feb off.
    calendar_day_set(
        actor="operator", date=D(2025, 12, 31), kind="holiday", name="临时调整", reason="国务院通知"
    )
    assert not WorkdayCalendar.load().is_workday(D(2025, 12, 31))
    calendar_day_remove(actor="operator", date=D(2025, 12, 31), reason="撤回")
    assert WorkdayCalendar.load().is_workday(D(2025, 12, 31))
    actions = list(
        AuditEntry.objects.filter(action__startswith="calendar.day").values_list("action", flat=True)
    )
    assert sorted(actions) == ["calendar.day_removed", "calendar.day_set"]
    assert heard == [[2025], [2025]]


def test_refusals():
    with pytest.raises(DomainError, match="already"):
        notice_create(actor="operator", year=2025)
    with pytest.raises(DomainError, match="before changing"):
        calendar_day_set(actor="operator", date=D(2030, 1, 1), kind="holiday")
    with pytest.raises(DomainError, match="weekday"):
        calendar_day_set(actor="operator", date=D(2025, 12, 31), kind="makeup_workday")
    with pytest.raises(DomainError, match="ordinary day"):
        calendar_day_remove(actor="operator", date=D(2025, 12, 30))
    with pytest.raises(DomainError, match="names no days"):
        notice_import(actor="operator", year=2027, text="# nothing\n")
    assert not HolidayNotice.objects.filter(year=2027).exists()


def test_notice_update_is_audited():
    notice = HolidayNotice.objects.get(year=2026)
    notice_update(
        actor="operator",
        notice=notice,
        title="国务院办公厅关于2026年部分节假日安排的通知",
        source="国办发明电〔2025〕7号",
        published_on=D(2025, 11, 4),
    )
    entry = AuditEntry.objects.get(action="calendar.notice_updated")
    assert entry.after["source"] == "国办发明电〔2025〕7号"
