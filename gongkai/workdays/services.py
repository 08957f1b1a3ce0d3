"""Writes to the statutory calendar: enter a year's notice, import its days, change a day
after publication. Each is atomic and audited, and tells the listeners (the reply clock of
open applications) so that stored due dates are recomputed in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.workdays.importer import ParsedDay, parse_days
from gongkai.workdays.listeners import calendar_changed
from gongkai.workdays.models import CalendarDay, DayKind, HolidayNotice

MIN_YEAR = 2000
MAX_YEAR = 2100
NOTICE_FIELDS = ("title", "source", "published_on")


def _notice_summary(notice: HolidayNotice) -> dict[str, Any]:
    return {name: getattr(notice, name) for name in NOTICE_FIELDS}


def _days_summary(notice: HolidayNotice) -> dict[str, str]:
    return {
        day.date.isoformat(): f"{day.kind} {day.name}".strip()
        for day in CalendarDay.objects.filter(notice=notice).order_by("date")
    }


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            field="year",
        )


def _check_day(date: dt.date, kind: str) -> None:
    if kind not in DayKind.values:
        raise DomainError(_("Unknown kind of day."), field="kind")
    if kind == DayKind.MAKEUP_WORKDAY and date.weekday() < 5:
        raise DomainError(
            _("%(date)s is a weekday; only a Saturday or Sunday can be a make-up workday.")
            % {"date": date.isoformat()},
            field="date",
        )


@transaction.atomic
def notice_create(
    *,
    actor: Any,
    year: int,
    title: str = "",
    source: str = "",
    published_on: dt.date | None = None,
    days: Sequence[ParsedDay] = (),
) -> HolidayNotice:
    """Enter a year's notice with its days. From this moment the year has a calendar."""
    _check_year(year)
    if HolidayNotice.objects.filter(year=year).exists():
        raise DomainError(
            _("The calendar for %(year)s has already been entered.") % {"year": year}, field="year"
        )
    notice = HolidayNotice.objects.create(
        year=year,
        title=title or f"国务院办公厅关于{year}年部分节假日安排的通知",
        source=source,
        published_on=published_on,
    )
    for day in days:
        if day.date.year != year:
            raise DomainError(
                _("%(date)s is not in %(year)s.") % {"date": day.date, "year": year}, field="text"
            )
        _check_day(day.date, day.kind)
    CalendarDay.objects.bulk_create(
        CalendarDay(notice=notice, date=day.date, kind=day.kind, name=day.name) for day in days
    )
    log_action(
        actor=actor,
        action="calendar.notice_created",
        target=notice,
        after={"year": year, **_notice_summary(notice), **_days_summary(notice)},
    )
    calendar_changed(actor=actor, years=[year])
    return notice


@transaction.atomic
def notice_update(
    *, actor: Any, notice: HolidayNotice, title: str, source: str, published_on: dt.date | None
) -> HolidayNotice:
    notice = HolidayNotice.objects.select_for_update().get(pk=notice.pk)
    before = _notice_summary(notice)
    notice.title, notice.source, notice.published_on = title, source, published_on
    notice.save()
    log_action(
        actor=actor,
        action="calendar.notice_updated",
        target=notice,
        before=before,
        after=_notice_summary(notice),
    )
    return notice


@transaction.atomic
def notice_import(
    *,
    actor: Any,
    year: int,
    text: str,
    title: str = "",
    source: str = "",
    published_on: dt.date | None = None,
) -> HolidayNotice:
    """Enter a year's notice from text (see ``importer``), or replace the days of a year
    already entered with the days of the text."""
    _check_year(year)
    days = parse_days(text, year=year)
    if not days:
        raise DomainError(_("The text names no days."), field="text")
    notice = HolidayNotice.objects.select_for_update().filter(year=year).first()
    if notice is None:
        return notice_create(
            actor=actor, year=year, title=title, source=source, published_on=published_on, days=days
        )
    before = _days_summary(notice)
    CalendarDay.objects.filter(notice=notice).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(notice=notice, date=day.date, kind=day.kind, name=day.name) for day in days
    )
    if title or source or published_on:
        notice.title = title or notice.title
        notice.source = source or notice.source
        notice.published_on = published_on or notice.published_on
        notice.save()
    log_action(
        actor=actor,
        action="calendar.days_imported",
        target=notice,
        before=before,
        after=_days_summary(notice),
        data={"lines": len(text.splitlines())},
    )
    calendar_changed(actor=actor, years=[year])
    return notice


@transaction.atomic
def calendar_day_set(
    *, actor: Any, date: dt.date, kind: str, name: str = "", reason: str = ""
) -> CalendarDay:
    """Make ``date`` a holiday or a make-up workday (a change after publication, such as
    the 2020 Spring Festival extension). The year must have been entered."""
    notice = HolidayNotice.objects.select_for_update().filter(year=date.year).first()
    if notice is None:
        raise DomainError(
            _("Enter the calendar for %(year)s before changing its days.") % {"year": date.year}, field="date"
        )
    _check_day(date, kind)
    existing = CalendarDay.objects.filter(date=date).first()
    before = {date.isoformat(): f"{existing.kind} {existing.name}".strip()} if existing else None
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"notice": notice, "kind": kind, "name": name[:50]}
    )
    log_action(
        actor=actor,
        action="calendar.day_set",
        target=notice,
        before=before,
        after={date.isoformat(): f"{kind} {name}".strip()},
        data={"reason": reason} if reason else None,
    )
    calendar_changed(actor=actor, years=[date.year])
    return day


@transaction.atomic
def calendar_day_remove(*, actor: Any, date: dt.date, reason: str = "") -> None:
    """Return ``date`` to the Monday–Friday rule."""
    day = CalendarDay.objects.select_related("notice").filter(date=date).first()
    if day is None:
        raise DomainError(
            _("%(date)s is an ordinary day already.") % {"date": date.isoformat()}, field="date"
        )
    notice = day.notice
    log_action(
        actor=actor,
        action="calendar.day_removed",
        target=notice,
        before={date.isoformat(): f"{day.kind} {day.name}".strip()},
        after=None,
        data={"reason": reason} if reason else None,
    )
    day.delete()
    calendar_changed(actor=actor, years=[date.year])
