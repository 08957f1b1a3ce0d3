"""The calendar API other apps rely on (add_workdays, count_workdays, WorkdayCalendar,
CalendarMissing), and the provisional mode used by the reply clock."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workdays.calendar import (
    CalendarMissing,
    WorkdayCalendar,
    add_workdays,
    count_workdays,
    is_workday,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_seeded_years_know_makeup_workdays():
    assert is_workday(D(2025, 1, 26))  # Sunday worked before the Spring Festival
    assert not is_workday(D(2025, 1, 28))
    assert add_workdays(D(2025, 1, 24), 1) == D(2025, 1, 26)
    assert (
        count_workdays(D(2025, 1, 24), D(2025, 2, 8)) == 6
    )  # 26 (Sunday), 27 Jan; 5–7 Feb; 8 Feb (Saturday)


def test_a_missing_year_raises_naming_it():
    with pytest.raises(CalendarMissing) as error:
        add_workdays(D(2026, 12, 28), 5)
    assert error.value.year == 2027
    assert "2027" in error.value.message


def test_provisional_mode_assumes_monday_to_friday_and_records_the_year():
    calendar = WorkdayCalendar.load(provisional=True)
    assert calendar.add_workdays(D(2026, 12, 30), 3) == D(2027, 1, 4)  # 31 Dec, 1 Jan (assumed), 4 Jan
    assert calendar.assumed_years == {2027}
    strict = calendar.strict()
    with pytest.raises(CalendarMissing):
        strict.add_workdays(D(2026, 12, 30), 3)
