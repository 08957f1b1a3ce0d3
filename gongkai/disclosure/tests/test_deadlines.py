from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.disclosure.selectors import deadline_dashboard, publication_deadline
from gongkai.disclosure.tests.helpers import draft, published, seed_calendar
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.models import HolidayNotice

pytestmark = pytest.mark.django_db


def test_due_twenty_working_days_after_formation_on_the_statutory_calendar(world, people):
    seed_calendar(2024)
    # Formed Friday 2024-09-27: National Day (10-01..07 off) and the make-up workdays
    # Sunday 09-29 and Saturday 10-12 count: the 20th working day is 2024-10-30, where
    # plain Monday-to-Friday counting would say 10-25.
    publication = draft(world.department, people.editor, formed_on=dt.date(2024, 9, 27))
    deadline = publication_deadline(publication, WorkdayCalendar.load(), today=dt.date(2024, 10, 30))
    assert deadline.due_on == dt.date(2024, 10, 30)
    assert deadline.state == "due"
    assert (
        publication_deadline(publication, WorkdayCalendar.load(), today=dt.date(2024, 10, 31)).state
        == "overdue"
    )


def test_a_special_period_overrides_the_twenty_days(world, people):
    seed_calendar(2024)
    publication = draft(world.department, people.editor, formed_on=dt.date(2024, 3, 1), deadline_workdays=7)
    assert publication_deadline(publication, WorkdayCalendar.load()).due_on == dt.date(2024, 3, 12)


def test_published_on_time_or_late(world, people):
    seed_calendar(2024)
    on_time = published(
        world.department,
        people,
        formed_on=dt.date(2024, 3, 1),
        now=timezone.make_aware(dt.datetime(2024, 3, 29, 9)),
    )
    late = published(
        world.department,
        people,
        formed_on=dt.date(2024, 3, 1),
        now=timezone.make_aware(dt.datetime(2024, 4, 1, 9)),
    )
    calendar = WorkdayCalendar.load()
    assert publication_deadline(on_time, calendar).state == "on_time"
    assert publication_deadline(late, calendar).state == "late"


def test_a_missing_calendar_is_shown_not_guessed(world, people):
    seed_calendar(2026)
    HolidayNotice.objects.filter(year__gt=2026).delete()
    publication = draft(world.department, people.editor, formed_on=dt.date(2026, 12, 20))
    deadline = publication_deadline(publication, WorkdayCalendar.load(), today=dt.date(2027, 1, 2))
    assert (deadline.state, deadline.due_on, deadline.missing_year) == ("calendar_missing", None, 2027)
    dashboard = deadline_dashboard(organization=world.department, today=dt.date(2027, 1, 2))
    assert dashboard.missing_years == [2027]


def test_dashboard_lists_overdue_first(world, people):
    seed_calendar(2024)
    old = draft(world.department, people.editor, title="旧", formed_on=dt.date(2024, 1, 2))
    new = draft(world.department, people.editor, title="新", formed_on=dt.date(2024, 6, 3))
    dashboard = deadline_dashboard(organization=world.department, today=dt.date(2024, 6, 4))
    assert [d.publication.pk for d in dashboard.unpublished] == [old.pk, new.pk]
    assert [d.publication.pk for d in dashboard.overdue] == [old.pk]
    assert dashboard.overdue[0].days_late is not None and dashboard.overdue[0].days_late > 100


def test_dashboard_page_shows_the_missing_calendar(client, world, people):
    draft(world.department, people.editor, formed_on=dt.date(2031, 1, 2))
    client.force_login(people.editor)
    response = client.get(f"/backoffice/{world.department.slug}/publications/deadlines/")
    assert response.status_code == 200
    assert "2031" in response.content.decode()
    assert response.context["dashboard"].missing_years == [2031]
