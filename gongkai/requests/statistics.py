"""Tables 三 and 四 of the annual report, computed from the records.

Row assignment (spec §2.3 "Row-assignment timing", [I]):

* R1 = applications whose Art. 31 receipt date (the first one, not a restart after a
  correction) falls in the year;
* R3_* = received applications closed in the year (reply, withdrawal, abandonment, fee
  lapse), in the row of their result (``codes.DISPOSITIONS``; the 2019 format folds
  （六）1–3 into one row);
* R4 = applications received by 31 December and not closed by then;
* R2 = the same count at 31 December of the year before, so R2 of a year is R4 of the year
  before by construction.

Every received application is, on any day, either closed or open, so
R1 + R2 = R3_7 + R4 holds for every column (identity I1) — and I2, I3 hold because totals
are sums. Applications never confirmed as received are in no row.

Table 四: a review or lawsuit is counted in the year it was filed, under the result it had
on 31 December (尚未审结 when still pending then), for the original body only — each case
is one record of one body (国办公开办函〔2016〕201号).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Q

from gongkai.accounts.models import Organization
from gongkai.annualreport.formats import T3_COLUMNS, T4_COLUMNS, FormatCode, get_format
from gongkai.annualreport.model import Table
from gongkai.requests.codes import DISPOSITIONS, T3_COLUMN, T4_COLUMN, CaseResult
from gongkai.requests.models import Case, InfoRequest


def _empty_t3(layout: FormatCode) -> Table:
    fmt = get_format(layout)
    return {row.code: {column.code: 0 for column in T3_COLUMNS} for row in fmt.t3_rows}


def _add(table: Table, row: str, applicant_type: str, count: int) -> None:
    column = T3_COLUMN[applicant_type]
    table[row][column] = (table[row][column] or 0) + count


def _open_at(day: dt.date) -> Q:
    """Received by ``day`` and not closed by then."""
    return Q(received_on__isnull=False, received_on__lte=day) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )


def t3_table(organizations: Sequence[Organization], year: int, layout: FormatCode) -> Table:
    """Table 三 for the organizations (one body, or a government with its units) and year."""
    table = _empty_t3(layout)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = InfoRequest.objects.filter(organization__in=list(organizations), received_on__isnull=False)

    for item in (
        base.filter(received_on__gte=first, received_on__lte=last)
        .values("applicant_type")
        .annotate(n=Count("id"))
    ):
        _add(table, "R1", item["applicant_type"], item["n"])
    for item in (
        base.filter(_open_at(first - dt.timedelta(days=1))).values("applicant_type").annotate(n=Count("id"))
    ):
        _add(table, "R2", item["applicant_type"], item["n"])
    closed = base.filter(closed_on__gte=first, closed_on__lte=last)
    for item in closed.values("applicant_type", "disposition").annotate(n=Count("id")):
        row = DISPOSITIONS[item["disposition"]].row_for(layout)
        _add(table, row, item["applicant_type"], item["n"])
    for item in base.filter(_open_at(last)).values("applicant_type").annotate(n=Count("id")):
        _add(table, "R4", item["applicant_type"], item["n"])

    outcome_rows = get_format(layout).t3_outcome_row_codes
    for column in T3_COLUMN.values():
        table["R3_7"][column] = sum(table[row][column] or 0 for row in outcome_rows)
    for cells in table.values():
        cells["TOTAL"] = sum(cells[column] or 0 for column in T3_COLUMN.values())
    return table


def t4_table(organizations: Sequence[Organization], year: int, layout: FormatCode) -> Table:
    """Table 四 (the same in both formats)."""
    fmt = get_format(layout)
    table: Table = {group.code: {column.code: 0 for column in T4_COLUMNS} for group in fmt.t4_groups}
    last = dt.date(year, 12, 31)
    cases = Case.objects.filter(organization__in=list(organizations), filed_on__year=year)
    for case in cases.only("kind", "after_review", "result", "decided_on"):
        decided = case.decided_on is not None and case.decided_on <= last
        result = case.result if decided else CaseResult.PENDING
        cells = table[case.t4_group]
        column = T4_COLUMN[result]
        cells[column] = (cells[column] or 0) + 1
    for cells in table.values():
        cells["TOTAL"] = sum(cells[column] or 0 for column in T4_COLUMN.values())
    return table
