from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Services speak the active language; tests read their messages in English."""
    with translation.override("en"):
        yield
