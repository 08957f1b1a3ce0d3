from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FOUNDING = DATA / "000_7c7920e851bb8139.txt"


@pytest.fixture
def founding_path() -> Path:
    return FOUNDING
