"""Reading a year's notice from simple text: one date (or range of dates) per line.

Each line is ``DATE [KIND] [NAME]`` or ``FIRST..LAST [KIND] [NAME]``, separated by spaces,
commas, semicolons or tabs (so a CSV exported from a spreadsheet works as it is)::

    2027-01-01 holiday 元旦
    2027-02-06..2027-02-12, 休, 春节
    2027-02-14 班 春节

KIND is ``holiday`` (also 休, 假, 放假) or ``makeup_workday`` (also 班, 上班, workday); when
it is left out the day is a holiday. Dates are YYYY-MM-DD (also YYYY/MM/DD, YYYY.MM.DD or
YYYY年M月D日). Blank lines and lines starting with ``#`` are ignored; so is a header line
whose first field is not a date (``date,kind,name``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.workdays.models import DayKind

KIND_WORDS: dict[str, str] = {
    "holiday": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "假": DayKind.HOLIDAY,
    "放假": DayKind.HOLIDAY,
    "休息": DayKind.HOLIDAY,
    "makeup_workday": DayKind.MAKEUP_WORKDAY,
    "makeup": DayKind.MAKEUP_WORKDAY,
    "workday": DayKind.MAKEUP_WORKDAY,
    "班": DayKind.MAKEUP_WORKDAY,
    "上班": DayKind.MAKEUP_WORKDAY,
    "调休上班": DayKind.MAKEUP_WORKDAY,
}
MAX_RANGE_DAYS = 31
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SPLIT = re.compile(r"[,，;；\t]+|\s+")


@dataclass(frozen=True)
class ParsedDay:
    date: dt.date
    kind: str
    name: str
    line: int


def parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _line_error(number: int, message: str) -> DomainError:
    return DomainError(_("Line %(line)s: %(problem)s") % {"line": number, "problem": message}, field="text")


def parse_days(text: str, *, year: int) -> list[ParsedDay]:
    """Every day the text names, in date order. Raises DomainError naming the first bad
    line: an unreadable date, a date outside ``year``, an unknown kind, a day named twice,
    a weekday listed as a make-up workday."""
    days: dict[dt.date, ParsedDay] = {}
    first_line = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff").strip()
        if not line or line.startswith("#"):
            continue
        header_allowed, first_line = first_line, False
        fields = [part for part in _SPLIT.split(line) if part]
        first, rest = fields[0], fields[1:]
        if ".." in first or "～" in first or "~" in first:
            bounds = re.split(r"\.\.|～|~", first, maxsplit=1)
            start, end = parse_date(bounds[0]), parse_date(bounds[1])
        else:
            start = end = parse_date(first)
        if start is None or end is None:
            if header_allowed:
                continue  # a header line such as "date,kind,name"
            raise _line_error(number, _("%(text)s is not a date (write YYYY-MM-DD).") % {"text": first})
        if end < start or (end - start).days >= MAX_RANGE_DAYS:
            raise _line_error(
                number, _("the range %(text)s is not a range of at most 31 days.") % {"text": first}
            )
        kind = DayKind.HOLIDAY
        if rest and rest[0].lower() in KIND_WORDS:
            kind = DayKind(KIND_WORDS[rest[0].lower()])
            rest = rest[1:]
        elif rest and len(rest) == 1 and re.fullmatch(r"[a-z_]+", rest[0]):
            raise _line_error(
                number, _("unknown kind %(kind)s (holiday or makeup_workday).") % {"kind": rest[0]}
            )
        name = " ".join(rest)[:50]
        day = start
        while day <= end:
            if day.year != year:
                raise _line_error(
                    number, _("%(date)s is not in %(year)s.") % {"date": day.isoformat(), "year": year}
                )
            if kind == DayKind.MAKEUP_WORKDAY and day.weekday() < 5:
                raise _line_error(
                    number,
                    _("%(date)s is a weekday; only a Saturday or Sunday can be a make-up workday.")
                    % {"date": day.isoformat()},
                )
            if day in days:
                raise _line_error(number, _("%(date)s is listed twice.") % {"date": day.isoformat()})
            days[day] = ParsedDay(date=day, kind=kind, name=name, line=number)
            day += dt.timedelta(days=1)
    return [days[d] for d in sorted(days)]
