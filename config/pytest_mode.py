"""Loaded by pytest before any conftest (``-p config.pytest_mode`` in pyproject.toml):
pytest-django imports the settings before the root conftest runs, so the test mode must be
chosen here for ``config.settings`` to see it (temporary media folder, fast password
hashing, tasks run at once, connections closed at once)."""

from __future__ import annotations

import os

os.environ.setdefault("GONGKAI_MODE", "test")
