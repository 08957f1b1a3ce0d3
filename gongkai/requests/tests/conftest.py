"""Fixtures for application tests: a small government, personas, and a time machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone, translation

from gongkai.accounts.roles import Role
from gongkai.core.testing import SmallGovernment, persona, small_government


class TimeMachine:
    """Moves ``django.utils.timezone.now`` (and so ``localdate``) to a chosen moment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.moment: dt.datetime | None = None

    def to(self, day: dt.date, hour: int = 10) -> None:
        self.moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        moment = self.moment
        self._monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Services speak the active language; tests read their messages in English (pages
    choose their language by URL, as in production)."""
    with translation.override("en"):
        yield


@pytest.fixture
def time_machine(monkeypatch: pytest.MonkeyPatch) -> TimeMachine:
    return TimeMachine(monkeypatch)


@pytest.fixture
def world(db: None) -> SmallGovernment:
    return small_government()


@pytest.fixture
def handler(world: SmallGovernment):  # type: ignore[no-untyped-def]
    return persona(Role.HANDLER, world.department)


@pytest.fixture
def head(world: SmallGovernment):  # type: ignore[no-untyped-def]
    """The head of the department's disclosure office (approves extensions, assigns)."""
    return persona(Role.OFFICE_ADMIN, world.department)


@pytest.fixture
def make(world: SmallGovernment, handler) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    from gongkai.requests.tests.factories import register

    def factory(**kwargs: object) -> object:
        kwargs.setdefault("organization", world.department)
        kwargs.setdefault("actor", handler)
        return register(**kwargs)  # type: ignore[arg-type]

    yield factory
