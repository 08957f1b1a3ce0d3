"""Who must hear of a calendar change.

Domain apps whose stored due dates depend on the calendar (requests: the reply clock)
register a listener in their AppConfig.ready(); the calendar services call every listener
inside the transaction of the change, so that a change and the recomputation it causes
commit together (and are audited together). ``workdays`` never imports those apps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

CalendarListener = Callable[..., object]
"""Called as ``listener(actor=…, years=[…])`` with the years whose calendar changed."""

_LISTENERS: dict[str, CalendarListener] = {}


def register_calendar_listener(name: str, listener: CalendarListener) -> None:
    """Register (or replace) the listener called ``name``."""
    _LISTENERS[name] = listener


def calendar_changed(*, actor: Any, years: Iterable[int]) -> None:
    changed = sorted(set(years))
    for listener in list(_LISTENERS.values()):
        listener(actor=actor, years=changed)


def unregister_calendar_listener(name: str) -> None:
    _LISTENERS.pop(name, None)
