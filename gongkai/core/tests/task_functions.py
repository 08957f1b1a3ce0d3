"""Task bodies for the tests of ``gongkai.core.tasks`` (the worker imports them by path)."""

from __future__ import annotations

CALLS: list[str] = []


def record(value: str) -> str:
    CALLS.append(value)
    return value


def fail(value: str) -> None:
    CALLS.append(value)
    raise RuntimeError(f"failed on purpose: {value}")
