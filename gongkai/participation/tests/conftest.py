"""Fixtures for participation tests: a small government, personas, a time machine, and
helpers that build a decision with an open consultation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone, translation

from gongkai.accounts.roles import Role
from gongkai.core.testing import SmallGovernment, persona, small_government


class TimeMachine:
    """Moves ``django.utils.timezone.now`` (and so ``localdate``) to a chosen moment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch

    def to(self, day: dt.date, hour: int = 10) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        self._monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def time_machine(monkeypatch: pytest.MonkeyPatch) -> TimeMachine:
    return TimeMachine(monkeypatch)


@pytest.fixture
def world(db: None) -> SmallGovernment:
    return small_government()


@pytest.fixture
def editor(world: SmallGovernment) -> Any:
    return persona(Role.EDITOR, world.department)


@pytest.fixture
def head(world: SmallGovernment) -> Any:
    """The head of the department's disclosure office: publishes, answers, releases."""
    return persona(Role.OFFICE_ADMIN, world.department)


@pytest.fixture
def handler(world: SmallGovernment) -> Any:
    return persona(Role.HANDLER, world.department)


def open_consultation(
    world: SmallGovernment,
    editor: Any,
    head: Any,
    *,
    year: int,
    opens: dt.date,
    days: int = 30,
    title: str = "决策",
) -> Any:
    from gongkai.participation.services import decisions

    decision = decisions.decision_create(
        actor=editor,
        organization=world.department,
        year=year,
        values={"title": f"{title}事项", "summary": "内容", "undertaking_unit": "办公室"},
    )
    catalog = decision.catalog
    if catalog.published_at is None:
        decisions.catalog_publish(actor=head, catalog=catalog)
    consultation = decisions.consultation_create(
        actor=editor,
        decision=decision,
        values={
            "title": f"关于《{title}（征求意见稿）》公开征求意见的公告",
            "draft": "草案全文及起草说明。",
            "opens_on": opens,
            "closes_on": opens + dt.timedelta(days=days - 1),
        },
    )
    return decisions.consultation_publish(actor=head, consultation=consultation)


def published_publication(
    organization: Any, editor: Any, head: Any, *, title: str, formed_on: dt.date
) -> Any:
    from gongkai.core.testing import persona
    from gongkai.disclosure import services as disclosure

    draft = disclosure.publication_create(
        actor=editor,
        organization=organization,
        values={
            "title": title,
            "body": "<p>正文。</p>",
            "formed_on": formed_on,
            "statutory_category": "A20_01",
        },
    )
    reviewer = persona(Role.REVIEWER, organization)
    disclosure.publication_submit(actor=editor, publication=draft)
    disclosure.publication_pass_review(actor=reviewer, publication=draft)
    disclosure.publication_approve(actor=head, publication=draft)
    return disclosure.publication_publish(actor=head, publication=draft)
