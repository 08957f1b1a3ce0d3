"""``gongkai workdays``: working-day arithmetic on the statutory calendar.

    gongkai workdays add DATE N     the N-th working day after DATE (DATE not counted)
    gongkai workdays count A B      working days after A up to and including B

Dates are YYYY-MM-DD. Exit status 0 on success, 2 when the calendar of a year the
computation needs has not been entered (the message names the year) or the input is bad.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_REFUSED = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("N must not be negative")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai workdays", description="Working-day arithmetic on the statutory calendar."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="the N-th working day after DATE (DATE itself not counted)")
    add.add_argument("date", type=_date, metavar="DATE")
    add.add_argument("n", type=_count, metavar="N")
    count = commands.add_parser("count", help="working days after A up to and including B")
    count.add_argument("start", type=_date, metavar="A")
    count.add_argument("end", type=_date, metavar="B")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run inside a set-up Django project (``gongkai.platform_cli`` does the set-up)."""
    from gongkai.workdays.calendar import CalendarMissing, WorkdayCalendar

    try:
        options = _parser().parse_args(list(argv))
    except SystemExit as exit_:
        return EXIT_OK if exit_.code == 0 else EXIT_REFUSED
    calendar = WorkdayCalendar.load()
    try:
        if options.command == "add":
            print(calendar.add_workdays(options.date, options.n).isoformat())
        else:
            print(calendar.count_workdays(options.start, options.end))
    except CalendarMissing as missing:
        print(
            f"gongkai workdays: no working-day calendar for {missing.year}: "
            f"enter the State Council's holiday notice for {missing.year} first. ({missing.message})",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except ValueError as error:
        print(f"gongkai workdays: {error}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK
