"""Parsing query parameters: a bad value is the client's mistake, answered with 400.

Views read numbers and choices from the query string only through these helpers. A value
that is not a number, or lies outside the range the view can serve (``?year=10000``,
``?page=-1``), raises ``django.core.exceptions.BadRequest``, which Django's standard
handler turns into a 400 page (``handler400``), never a 500. A missing or empty parameter
gives the default.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TypeVar

from django.core.exceptions import BadRequest
from django.http import HttpRequest

# Years the site can show: the 条例 dates from 2007 (in force 2008); the upper bound leaves
# room for scheduled publications and keeps every date arithmetic inside datetime's range.
YEAR_MIN = 1949
YEAR_MAX = 2200
# More pages than any list will have; beyond it the offset itself would be absurd.
PAGE_MAX = 100_000

_INTEGER = re.compile(r"[+-]?\d{1,18}")

T = TypeVar("T", bound=str)


def int_param(
    request: HttpRequest, name: str, *, minimum: int, maximum: int, default: int | None = None
) -> int | None:
    """The integer value of ``name``, between ``minimum`` and ``maximum``; ``default`` when
    the parameter is missing or empty."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not _INTEGER.fullmatch(raw):
        raise BadRequest(f"Query parameter {name!r} must be a whole number")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadRequest(f"Query parameter {name!r} must lie between {minimum} and {maximum}")
    return value


def year_param(request: HttpRequest, name: str = "year", *, default: int | None = None) -> int | None:
    return int_param(request, name, minimum=YEAR_MIN, maximum=YEAR_MAX, default=default)


def page_param(request: HttpRequest, name: str = "page") -> int:
    """The page number (1 when missing); Paginator.get_page then clamps it to the last page."""
    value = int_param(request, name, minimum=1, maximum=PAGE_MAX, default=1)
    assert value is not None
    return value


def choice_param(
    request: HttpRequest, name: str, choices: Collection[T], *, default: T | str = ""
) -> T | str:
    """One of ``choices``; an unknown value falls back to ``default`` (filters offered as
    links and selects, where an old bookmark should still open the page)."""
    value = request.GET.get(name, "")
    for choice in choices:
        if value == choice:
            return choice
    return default
