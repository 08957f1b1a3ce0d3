from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.errors import DomainError
from gongkai.workdays.importer import parse_date, parse_days

D = dt.date


def test_lines_ranges_kinds_and_names():
    text = """date,kind,name
# 国务院办公厅关于2026年部分节假日安排的通知
2026-01-01..2026-01-03, holiday, 元旦
2026-01-04 班 元旦
2026/02/15..2026/02/23 休 春节
2026年2月14日 上班 春节

2026-10-10\tmakeup_workday\t国庆节
"""
    days = parse_days(text, year=2026)
    kinds = {day.date: (day.kind, day.name) for day in days}
    assert kinds[D(2026, 1, 2)] == ("holiday", "元旦")
    assert kinds[D(2026, 1, 4)] == ("makeup_workday", "元旦")
    assert kinds[D(2026, 2, 14)] == ("makeup_workday", "春节")
    assert kinds[D(2026, 10, 10)] == ("makeup_workday", "国庆节")
    assert len([d for d in days if d.kind == "holiday"]) == 3 + 9
    assert [d.date for d in days] == sorted(d.date for d in days)


def test_a_date_alone_is_a_holiday():
    [day] = parse_days("2027-01-01", year=2027)
    assert (day.kind, day.name) == ("holiday", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-01-01 holiday\n2026-12-31 holiday", "Line 2"),
        ("2027-01-01\n2027-13-01", "Line 2"),
        ("2027-01-04 班", "weekday"),
        ("2027-01-01\n2027-01-01", "twice"),
        ("2027-01-01 wrongkind", "unknown kind"),
        ("2027-01-01..2027-03-01 休", "31 days"),
    ],
)
def test_bad_lines_are_refused_with_their_number(text, message):
    with pytest.raises(DomainError, match=message):
        parse_days(text, year=2027)


def test_parse_date_forms():
    assert parse_date("2027-1-2") == D(2027, 1, 2)
    assert parse_date("2027.01.02") == D(2027, 1, 2)
    assert parse_date("2027年1月2日") == D(2027, 1, 2)
    assert parse_date("2027-02-30") is None
    assert parse_date("tomorrow") is None
