"""Rolling units' reports up into one report for a government: cell-wise sums.

A blank cell adds nothing; a sum cell is blank only when every unit left it blank. Table 二
needs care (I11): the same 规章 or normative document may be counted by several units, so a
summed 现行有效件数 (or 对外公开总数量) can double count; the roll-up says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.annualreport.formats import FMT_2019, FMT_2021, FormatCode
from gongkai.annualreport.model import AnnualReport, Cell, Finding

_DOUBLE_COUNTED = {FMT_2021: ("VALID",), FMT_2019: ("TOTAL_PUBLISHED",)}


class RollupError(ValueError):
    """The reports cannot be summed (different years or table layouts)."""


def _add(a: Cell, b: Cell) -> Cell:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def sum_reports(
    reports: Sequence[AnnualReport], *, organization: str | None, year: int | None
) -> AnnualReport:
    if not reports:
        raise RollupError("no reports to roll up")
    layouts = {tuple(sorted(r.layouts.items())) for r in reports}
    if len(layouts) > 1:
        raise RollupError("the reports use different table layouts and cannot be summed cell by cell")
    first = reports[0]
    fmt: FormatCode = first.format
    result = AnnualReport.empty(fmt, layouts=dict(first.layouts), organization=organization, year=year)
    for report in reports:
        for table, rows in report.tables.items():
            for row, cells in rows.items():
                for column, value in cells.items():
                    target = result.tables[table][row]
                    target[column] = _add(target[column], value)
    result.sections = {"overview": "", "problems": "", "other_matters": ""}
    double = _DOUBLE_COUNTED[result.layouts["T2"]]
    result.notes.append(
        Finding(
            rule="I11",
            severity="warning",
            table="T2",
            column=",".join(double),
            found=len(reports),
            message=(
                f"本报告由 {len(reports)} 份报告逐格相加汇总；表二“现行有效件数/对外公开总数量”可能重复计算"
                "同一规章或规范性文件，请核对"
            ),
            message_en=(
                f"Rolled up cell by cell from {len(reports)} reports; table 2 "
                f"{'/'.join(double)} may count the same rule or normative document more than once"
            ),
        )
    )
    return result
