"""Table 二 (主动公开政府信息情况) of the annual report, computed from records.

Rules and normative documents come from publications (only published ones count; a
withdrawn publication was taken back and does not):

* FMT_2021 — 本年制发件数: written (成文) in the year; 本年废止件数: repealed in the year;
  现行有效件数: written by the year's end and still valid at the year's end (neither
  expired nor repealed by then).
* FMT_2019 — 本年新制作数量: written in the year; 本年新公开数量: published in the year;
  对外公开总数量: published by the year's end.

The other rows come from the yearly counts the bodies enter or import
(``YearlyStatistic``): 项目数量 at the year's end gives 上一年项目数量 (the previous year's)
and 本年增/减 (the difference); amounts are kept in yuan and shown in 万元. A cell whose
records were never entered stays blank (None), so a missing count is not printed as 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q

from gongkai.accounts.models import Organization
from gongkai.annualreport.formats import FMT_2019, FormatCode
from gongkai.annualreport.model import Cell, Table, empty_t2
from gongkai.disclosure.models import (
    Publication,
    PublicationKind,
    PublicationStatus,
    Validity,
    YearlyStatistic,
)

TEN_THOUSAND = Decimal(10000)


def _amount(yuan: Decimal) -> Decimal:
    """Yuan as 万元, without trailing zeros beyond what the yuan figure had."""
    value = (yuan / TEN_THOUSAND).quantize(Decimal("0.000001"))
    return value.normalize() if value != value.to_integral() else value.quantize(Decimal(1))


def _documents(organizations: Sequence[Organization], kind: str, year: int) -> dict[str, int]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    published = Publication.objects.filter(
        organization__in=organizations, kind=kind, status=PublicationStatus.PUBLISHED
    )
    not_ended = Q(validity=Validity.VALID) | Q(validity_changed_on__gt=end)
    return {
        "written": published.filter(written_on__range=(start, end)).count(),
        "repealed": published.filter(
            validity=Validity.REPEALED, validity_changed_on__range=(start, end)
        ).count(),
        "valid": published.filter(Q(written_on__lte=end) | Q(written_on__isnull=True, published_on__lte=end))
        .filter(not_ended)
        .count(),
        "published": published.filter(published_on__range=(start, end)).count(),
        "published_total": published.filter(published_on__lte=end).count(),
    }


def _sum(values: list[int | Decimal | None]) -> int | Decimal | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present)  # type: ignore[return-value]


def _statistics(organizations: Sequence[Organization], year: int) -> dict[tuple[int, str], YearlyStatistic]:
    rows = YearlyStatistic.objects.filter(organization__in=organizations, year__in=(year - 1, year))
    return {(row.year, row.item): row for row in rows}


def t2_table(organizations: Sequence[Organization], year: int, layout: FormatCode) -> Table:
    table = empty_t2(layout)
    rows = {"REG": PublicationKind.RULE, "NORM": PublicationKind.NORMATIVE_DOCUMENT}
    for row, kind in rows.items():
        counts = _documents(organizations, kind, year)
        if layout == FMT_2019:
            table[row].update(
                NEW_MADE=counts["written"],
                NEW_PUBLISHED=counts["published"],
                TOTAL_PUBLISHED=counts["published_total"],
            )
        else:
            table[row].update(MADE=counts["written"], REPEALED=counts["repealed"], VALID=counts["valid"])
    per_org: dict[int, dict[tuple[int, str], YearlyStatistic]] = {}
    for statistic in YearlyStatistic.objects.filter(
        organization__in=organizations, year__in=(year - 1, year)
    ):
        per_org.setdefault(statistic.organization_id, {})[(statistic.year, statistic.item)] = statistic

    def field(item: str, name: str, of_year: int) -> Cell:
        values = []
        for stats in per_org.values():
            statistic = stats.get((of_year, item))
            values.append(getattr(statistic, name) if statistic is not None else None)
        return _sum(values)

    def delta(item: str) -> Cell:
        changes = []
        for stats in per_org.values():
            now, before = stats.get((year, item)), stats.get((year - 1, item))
            if now is not None and before is not None and now.items is not None and before.items is not None:
                changes.append(now.items - before.items)
        return _sum(changes)  # type: ignore[arg-type]

    def amount(item: str) -> Cell:
        value = field(item, "amount", year)
        return None if value is None else _amount(Decimal(value))

    if layout == FMT_2019:
        for item in ("LICENSE", "OTHER_SERVICE", "PENALTY", "COERCION"):
            table[item].update(
                PREV_ITEMS=field(item, "items", year - 1),
                DELTA=delta(item),
                DECISIONS=field(item, "decisions", year),
            )
        table["FEES"].update(PREV_ITEMS=field("FEES", "items", year - 1), DELTA=delta("FEES"))
        table["PROCUREMENT"].update(
            PROJECTS=field("PROCUREMENT", "projects", year), AMOUNT=amount("PROCUREMENT")
        )
    else:
        for item in ("LICENSE", "PENALTY", "COERCION"):
            table[item]["DECISIONS"] = field(item, "decisions", year)
        table["FEES"]["FEE_AMOUNT"] = amount("FEES")
    return table
