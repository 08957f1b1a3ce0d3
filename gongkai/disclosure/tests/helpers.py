"""Factories for proactive-disclosure tests: a seeded calendar, publications taken through
the workflow by the right personas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gongkai.accounts.models import Organization, User
from gongkai.accounts.roles import Role
from gongkai.core.testing import persona
from gongkai.disclosure import services
from gongkai.disclosure.models import Publication
from gongkai.workdays.models import CalendarDay, HolidayNotice
from gongkai.workdays.seed import days_of_year


def seed_calendar(*years: int) -> None:
    """The statutory calendar of these years, from chinesecalendar (test set-up only)."""
    for year in years:
        notice, _created = HolidayNotice.objects.get_or_create(
            year=year, defaults={"title": f"{year}年部分节假日安排"}
        )
        for day, kind, name in days_of_year(year):
            CalendarDay.objects.get_or_create(
                date=day, defaults={"notice": notice, "kind": kind, "name": name}
            )


@dataclass
class Staff:
    editor: User
    reviewer: User
    admin: User


def staff(organization: Organization) -> Staff:
    return Staff(
        editor=persona(Role.EDITOR, organization),
        reviewer=persona(Role.REVIEWER, organization),
        admin=persona(Role.OFFICE_ADMIN, organization),
    )


def draft(organization: Organization, actor: Any = None, **values: Any) -> Publication:
    defaults: dict[str, Any] = {
        "title": "关于做好疫情防控工作的通知",
        "body": "<p>各单位：现就做好疫情防控工作通知如下。</p>",
        "statutory_category": "A20_12",
        "kind": "other_document",
        "formed_on": dt.date(2024, 3, 1),
        "written_on": dt.date(2024, 3, 1),
    }
    if "formed_on" in values and "written_on" not in values:
        values["written_on"] = values["formed_on"]
    defaults.update(values)
    return services.publication_create(actor=actor, organization=organization, values=defaults)


def publish(publication: Publication, people: Staff, *, now: dt.datetime | None = None) -> Publication:
    """Through review, approval and publication, as the right people."""
    services.publication_submit(actor=people.editor, publication=publication)
    services.publication_pass_review(actor=people.reviewer, publication=publication)
    services.publication_approve(actor=people.admin, publication=publication)
    return services.publication_publish(actor=people.admin, publication=publication, now=now)


def published(
    organization: Organization, people: Staff, now: dt.datetime | None = None, **values: Any
) -> Publication:
    return publish(draft(organization, people.editor, **values), people, now=now)
