from __future__ import annotations

import pytest

from gongkai.core.testing import small_government
from gongkai.disclosure.tests.helpers import seed_calendar, staff


@pytest.fixture
def world(db):
    return small_government()


@pytest.fixture
def people(world):
    return staff(world.department)


@pytest.fixture
def calendar(db):
    seed_calendar(2023, 2024, 2025, 2026)
