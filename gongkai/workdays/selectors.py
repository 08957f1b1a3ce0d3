"""Reads of the statutory calendar for the operator's pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.workdays.models import CalendarDay, DayKind, HolidayNotice


@dataclass(frozen=True)
class YearSummary:
    notice: HolidayNotice
    holidays: int
    makeup_workdays: int


def calendar_years() -> list[YearSummary]:
    notices = HolidayNotice.objects.annotate(
        holiday_count=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        makeup_count=Count("days", filter=Q(days__kind=DayKind.MAKEUP_WORKDAY)),
    ).order_by("-year")
    return [YearSummary(n, n.holiday_count, n.makeup_count) for n in notices]  # type: ignore[attr-defined]


def missing_years(today: dt.date) -> list[int]:
    """This year and next year, when they have no calendar yet: the State Council issues
    the next year's notice around November, and deadlines reach into it from December."""
    entered = set(
        HolidayNotice.objects.filter(year__in=[today.year, today.year + 1]).values_list("year", flat=True)
    )
    return [year for year in (today.year, today.year + 1) if year not in entered]


def notice_for_year(year: int) -> HolidayNotice | None:
    return HolidayNotice.objects.filter(year=year).first()


def days_of(notice: HolidayNotice) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(notice=notice).order_by("date")
