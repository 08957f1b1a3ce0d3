"""Seeding the calendar from ``chinesecalendar`` (2004–2026), which raises for years it
does not know instead of guessing (the ``holidays`` package silently extrapolates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

SOURCE = "chinesecalendar"


def days_of_year(year: int) -> list[tuple[dt.date, str, str]]:
    """(date, kind, name) for every exception to Monday–Friday in ``year``.

    Raises NotImplementedError (from chinesecalendar) for a year it does not cover.
    """
    import chinese_calendar

    chinese_calendar.is_workday(dt.date(year, 1, 1))  # raises for an unknown year
    days = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        workday = chinese_calendar.is_workday(day)
        weekend = day.weekday() >= 5
        if weekend and workday:
            _, holiday = chinese_calendar.get_holiday_detail(day)
            days.append((day, "makeup_workday", _name(holiday)))
        elif not weekend and not workday:
            _, holiday = chinese_calendar.get_holiday_detail(day)
            days.append((day, "holiday", _name(holiday)))
        day += dt.timedelta(days=1)
    return days


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _name(holiday: Any) -> str:
    if holiday is None:
        return ""
    return HOLIDAY_NAMES.get(str(holiday), str(holiday))


def covered_years() -> range:
    return range(2004, 2027)
