"""Working-day arithmetic on the statutory calendar.

A working day is Monday to Friday unless the year's notice makes it a holiday, or a
Saturday or Sunday that the notice makes a make-up workday. Counting follows 民法典 Art.
201: the starting day is not counted; ``add_workdays(d, n)`` is the n-th working day
strictly after d. A computation that needs a year without a notice raises
``CalendarMissing`` naming the year — unless the calendar was loaded with
``provisional=True``: then a missing year is assumed to follow the Monday–Friday rule and
is recorded in ``assumed_years``, so that the caller can mark its result as provisional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.workdays.models import CalendarDay, DayKind, HolidayNotice

# Far enough for any statutory period (20 + 20 working days plus long pauses) without
# scanning forever on a bad call.
MAX_SPAN_DAYS = 3660


class CalendarMissing(DomainError):
    """The calendar of a year is needed but has not been entered."""

    def __init__(self, year: int) -> None:
        super().__init__(
            _("The working-day calendar for %(year)s has not been published or entered yet.")
            % {"year": year},
            code="calendar_missing",
        )
        self.year = year


@dataclass
class WorkdayCalendar:
    """The calendar as loaded from the database, for the years it holds."""

    years: set[int] = field(default_factory=set)
    holidays: dict[dt.date, str] = field(default_factory=dict)
    makeup_workdays: dict[dt.date, str] = field(default_factory=dict)
    # With ``provisional``, a year without a notice is assumed to be plain Monday–Friday
    # instead of raising; every year so assumed is collected in ``assumed_years``.
    provisional: bool = False
    assumed_years: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, *, provisional: bool = False) -> WorkdayCalendar:
        calendar = cls(
            years=set(HolidayNotice.objects.values_list("year", flat=True)), provisional=provisional
        )
        for date, kind, name in CalendarDay.objects.values_list("date", "kind", "name"):
            target = calendar.holidays if kind == DayKind.HOLIDAY else calendar.makeup_workdays
            target[date] = name
        return calendar

    def strict(self) -> WorkdayCalendar:
        """The same calendar, refusing missing years (sharing the loaded days)."""
        return WorkdayCalendar(years=self.years, holidays=self.holidays, makeup_workdays=self.makeup_workdays)

    def require(self, year: int) -> None:
        if year not in self.years:
            if self.provisional:
                self.assumed_years.add(year)
                return
            raise CalendarMissing(year)

    def is_workday(self, day: dt.date) -> bool:
        self.require(day.year)
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day strictly after ``start`` (``count`` >= 0; 0 gives start)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        remaining = count
        for _step in range(MAX_SPAN_DAYS):
            if remaining == 0:
                return day
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        raise ValueError("span too long")

    def count_workdays(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: after start, up to and including end."""
        if end < start:
            return -self.count_workdays(end, start)
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValueError("span too long")
        total = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                total += 1
        return total

    def skipped_between(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """Non-working days in (start, end] with the reason, to explain a due date."""
        reasons = []
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if day in self.makeup_workdays:
                continue
            if day in self.holidays:
                reasons.append((day, self.holidays[day] or _("holiday")))
            elif day.weekday() >= 5:
                reasons.append((day, _("weekend")))
        return reasons


def add_workdays(start: dt.date, count: int) -> dt.date:
    return WorkdayCalendar.load().add_workdays(start, count)


def count_workdays(start: dt.date, end: dt.date) -> int:
    return WorkdayCalendar.load().count_workdays(start, end)


def is_workday(day: dt.date) -> bool:
    return WorkdayCalendar.load().is_workday(day)
