"""Identities (勾稽关系) and sanity checks of an annual report.

Each rule has a stable id and yields findings naming table, row, column, expected and found.
I1–I5 are the identities of the spec (§2.5) and are errors; I6–I8 compare with the previous
year's report and are warnings. S*, B*, F* are sanity checks. Reader notes (L*, R*) come
from the readers and are merged in by ``check_report``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongkai.annualreport.formats import (
    FMT_2019,
    FMT_2021,
    T3_PART_COLUMNS,
    T4_PART_COLUMNS,
    format_for_year,
    get_format,
)
from gongkai.annualreport.model import AnnualReport, Cell, Finding, Number, Severity

CheckFunction = Callable[[AnnualReport, AnnualReport | None], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    title_en: str
    function: CheckFunction
    needs_previous: bool = False


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, title: str, title_en: str, *, needs_previous: bool = False
) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        RULES[rule_id] = Rule(rule_id, severity, title, title_en, function, needs_previous)
        return function

    return register


def _sum(values: Iterable[Cell]) -> Number:
    total: Number = 0
    for value in values:
        if value is not None:
            total += value
    return total


def _show(value: object) -> str:
    if value is None:
        return "空白"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _total_findings(
    *,
    rule_id: str,
    table: str,
    row: str,
    column: str,
    total: Cell,
    parts: list[Cell],
    what: str,
    what_en: str,
) -> Iterator[Finding]:
    """Compare a printed total with the sum of its printed parts.

    A blank total beside non-blank parts is reported (rule B1) rather than silently
    passing: the reader of the report cannot tell what the body meant.
    """
    expected = _sum(parts)
    if total is None:
        if any(part is not None for part in parts):
            yield Finding(
                rule="B1",
                severity="error" if expected != 0 else "warning",
                table=table,
                row=row,
                column=column,
                expected=expected,
                found=None,
                message=f"{what}的总计为空白，但其组成部分之和为 {_show(expected)}",
                message_en=f"{what_en}: the total is blank but its parts add up to {expected}",
            )
        return
    if total != expected:
        yield Finding(
            rule=rule_id,
            severity="error",
            table=table,
            row=row,
            column=column,
            expected=expected,
            found=total,
            message=f"{what}：应为 {_show(expected)}，实为 {_show(total)}",
            message_en=f"{what_en}: expected {expected}, found {_show(total)}",
        )


def _t3_label(report: AnnualReport, row_code: str) -> str:
    for row in get_format(report.layouts["T3"]).t3_rows:
        if row.code == row_code:
            return row.full_label
    return row_code


def _t3_column_label(column_code: str) -> str:
    for column in get_format(FMT_2021).t3_columns:
        if column.code == column_code:
            return column.label
    return column_code


@rule("I1", "error", "表三：第一项加第二项之和等于第三项加第四项之和", "Table 3: R1 + R2 = R3_7 + R4")
def check_i1(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    t3 = report.tables["T3"]
    for column in get_format(report.layouts["T3"]).t3_columns:
        c = column.code
        cells = [t3["R1"][c], t3["R2"][c], t3["R3_7"][c], t3["R4"][c]]
        if all(cell is None for cell in cells):
            continue
        received = _sum(cells[:2])
        handled = _sum(cells[2:])
        if received != handled:
            yield Finding(
                rule="I1",
                severity="error",
                table="T3",
                row="R3_7",
                column=c,
                expected=received,
                found=handled,
                message=(
                    f"表三“{column.label}”列：新收 {_show(cells[0])} 加上年结转 {_show(cells[1])}"
                    f" 应等于办理结果总计 {_show(cells[2])} 加结转下年 {_show(cells[3])}"
                    f"（{_show(received)} ≠ {_show(handled)}）"
                ),
                message_en=(
                    f"Table 3 column {c}: received {received} (R1 + R2) but handled plus "
                    f"carried forward is {handled} (R3_7 + R4)"
                ),
            )


@rule("I2", "error", "表三：（七）总计等于各项办理结果之和", "Table 3: R3_7 = sum of outcome rows")
def check_i2(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    t3 = report.tables["T3"]
    outcome_rows = get_format(report.layouts["T3"]).t3_outcome_row_codes
    for c in (column.code for column in get_format(report.layouts["T3"]).t3_columns):
        yield from _total_findings(
            rule_id="I2",
            table="T3",
            row="R3_7",
            column=c,
            total=t3["R3_7"][c],
            parts=[t3[r][c] for r in outcome_rows],
            what=f"表三“{_t3_column_label(c)}”列（七）总计",
            what_en=f"Table 3 R3_7 (total of outcomes), column {c}",
        )


@rule("I3", "error", "表三：每行总计等于各类申请人之和", "Table 3: TOTAL = sum of applicant columns")
def check_i3(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    for row_code, cells in report.tables["T3"].items():
        yield from _total_findings(
            rule_id="I3",
            table="T3",
            row=row_code,
            column="TOTAL",
            total=cells["TOTAL"],
            parts=[cells[c] for c in T3_PART_COLUMNS],
            what=f"表三“{_t3_label(report, row_code)}”行总计",
            what_en=f"Table 3 row {row_code}, column TOTAL",
        )


@rule("I4", "error", "表四：每组总计等于四种结果之和", "Table 4: TOTAL = sum of results per group")
def check_i4(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    for group in get_format(FMT_2021).t4_groups:
        cells = report.tables["T4"][group.code]
        name = f"{group.group}（{group.label}）" if group.group else group.label
        yield from _total_findings(
            rule_id="I4",
            table="T4",
            row=group.code,
            column="TOTAL",
            total=cells["TOTAL"],
            parts=[cells[c] for c in T4_PART_COLUMNS],
            what=f"表四{name}",
            what_en=f"Table 4 group {group.code}",
        )


def _is_integral(value: Number) -> bool:
    return isinstance(value, int) or value == value.to_integral_value()


@rule("I5", "error", "数值均为非负整数（金额与增减除外）", "Counts are non-negative integers")
def check_i5(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    t2_format = get_format(report.layouts["T2"])
    for table_code, table in report.tables.items():
        for row_code, cells in table.items():
            for column_code, value in cells.items():
                if value is None:
                    continue
                kind = t2_format.t2_column(row_code, column_code).kind if table_code == "T2" else "count"
                if kind == "signed":
                    ok = _is_integral(value)
                elif kind == "amount":
                    ok = value >= 0
                else:
                    ok = value >= 0 and _is_integral(value)
                if not ok:
                    yield Finding(
                        rule="I5",
                        severity="error",
                        table=table_code,
                        row=row_code,
                        column=column_code,
                        expected="非负整数" if kind == "count" else "合法数值",
                        found=value,
                        message=f"{table_code}.{row_code}.{column_code} 的值 {_show(value)} 不是非负整数",
                        message_en=(
                            f"{table_code}.{row_code}.{column_code} = {_show(value)} "
                            "is not a non-negative integer"
                        ),
                    )


@rule(
    "I6",
    "warning",
    "表三：本年“上年结转”等于上年“结转下年度”",
    "Table 3: R2 this year = R4 last year",
    needs_previous=True,
)
def check_i6(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if previous is None:
        return
    for c in (column.code for column in get_format(report.layouts["T3"]).t3_columns):
        now = report.tables["T3"]["R2"][c]
        before = previous.tables["T3"]["R4"][c]
        if now is None and before is None:
            continue
        if (now or 0) != (before or 0):
            yield Finding(
                rule="I6",
                severity="warning",
                table="T3",
                row="R2",
                column=c,
                expected=before,
                found=now,
                message=(
                    f"表三“{_t3_column_label(c)}”列上年结转 {_show(now)} 与上年报告的"
                    f"结转下年度 {_show(before)} 不一致"
                ),
                message_en=f"Table 3 R2.{c} = {_show(now)} but last year's R4.{c} = {_show(before)}",
            )


@rule(
    "I7",
    "warning",
    "表二：现行有效件数 = 上年现行有效 + 本年制发 − 本年废止",
    "Table 2: VALID = last VALID + MADE − REPEALED",
    needs_previous=True,
)
def check_i7(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if previous is None or report.layouts["T2"] != FMT_2021 or previous.layouts["T2"] != FMT_2021:
        return
    for row in ("REG", "NORM"):
        now = report.tables["T2"][row]
        valid_before = previous.tables["T2"][row]["VALID"]
        if now["VALID"] is None or valid_before is None:
            continue
        expected = valid_before + (now["MADE"] or 0) - (now["REPEALED"] or 0)
        if now["VALID"] != expected:
            yield Finding(
                rule="I7",
                severity="warning",
                table="T2",
                row=row,
                column="VALID",
                expected=expected,
                found=now["VALID"],
                message=(
                    f"表二{row}现行有效件数 {_show(now['VALID'])} 不等于上年现行有效 "
                    f"{_show(valid_before)} 加本年制发减本年废止（{_show(expected)}）；修订、重新印发可能造成差异"
                ),
                message_en=(
                    f"Table 2 {row}.VALID = {_show(now['VALID'])}, expected {expected} from last "
                    "year's VALID + MADE − REPEALED (amendments can explain a difference)"
                ),
            )


_ITEM_ROWS_2019 = ("LICENSE", "OTHER_SERVICE", "PENALTY", "COERCION", "FEES")


@rule(
    "I8",
    "warning",
    "表二：上一年项目数量 = 上年报告的上一年项目数量 + 本年增/减",
    "Table 2: PREV_ITEMS = last year's PREV_ITEMS + DELTA",
    needs_previous=True,
)
def check_i8(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if previous is None or report.layouts["T2"] != FMT_2019 or previous.layouts["T2"] != FMT_2019:
        return
    for row in _ITEM_ROWS_2019:
        now = report.tables["T2"][row]["PREV_ITEMS"]
        before = previous.tables["T2"][row]
        if now is None or before["PREV_ITEMS"] is None:
            continue
        expected = before["PREV_ITEMS"] + (before["DELTA"] or 0)
        if now != expected:
            yield Finding(
                rule="I8",
                severity="warning",
                table="T2",
                row=row,
                column="PREV_ITEMS",
                expected=expected,
                found=now,
                message=f"表二{row}上一年项目数量 {_show(now)} 与上年报告推算的 {_show(expected)} 不一致",
                message_en=f"Table 2 {row}.PREV_ITEMS = {_show(now)}, last year's report implies {expected}",
            )


@rule("S1", "warning", "表二：上一年项目数量加本年增减为负", "Table 2: PREV_ITEMS + DELTA < 0")
def check_s1(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if report.layouts["T2"] != FMT_2019:
        return
    for row in _ITEM_ROWS_2019:
        cells = report.tables["T2"][row]
        items, delta = cells["PREV_ITEMS"], cells["DELTA"]
        if items is None or delta is None:
            continue
        if items + delta < 0:
            yield Finding(
                rule="S1",
                severity="warning",
                table="T2",
                row=row,
                column="DELTA",
                expected=f">= {-items}",
                found=delta,
                message=(
                    f"表二{row}：上一年项目数量 {_show(items)} 加本年增/减 {_show(delta)} "
                    f"为负数（{_show(items + delta)}），项目数量不可能为负"
                ),
                message_en=(
                    f"Table 2 {row}: PREV_ITEMS {items} plus DELTA {delta} is negative ({items + delta})"
                ),
            )


@rule("S2", "warning", "表二：对外公开总数量小于本年新公开数量", "Table 2: TOTAL_PUBLISHED < NEW_PUBLISHED")
def check_s2(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if report.layouts["T2"] != FMT_2019:
        return
    for row in ("REG", "NORM"):
        cells = report.tables["T2"][row]
        total, new = cells["TOTAL_PUBLISHED"], cells["NEW_PUBLISHED"]
        if total is not None and new is not None and total < new:
            yield Finding(
                rule="S2",
                severity="warning",
                table="T2",
                row=row,
                column="TOTAL_PUBLISHED",
                expected=f">= {new}",
                found=total,
                message=f"表二{row}：对外公开总数量 {_show(total)} 小于本年新公开数量 {_show(new)}",
                message_en=f"Table 2 {row}: TOTAL_PUBLISHED {total} < NEW_PUBLISHED {new}",
            )


@rule("F1", "warning", "各表格式不一致", "Tables use different formats")
def check_f1(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if report.layouts["T2"] != report.layouts["T3"]:
        yield Finding(
            rule="F1",
            severity="warning",
            table=None,
            expected=report.format,
            found=dict(report.layouts),
            message=(
                f"表二采用{_format_name(report.layouts['T2'])}，表三采用"
                f"{_format_name(report.layouts['T3'])}，格式混用"
            ),
            message_en=(
                f"Table 2 is in {report.layouts['T2']} layout but table 3 in "
                f"{report.layouts['T3']}: the report mixes formats"
            ),
        )


@rule("F2", "warning", "表格格式与报告年度不符", "Layout not in force for the report year")
def check_f2(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if report.year is None:
        return
    in_force = format_for_year(report.year)
    for table in ("T2", "T3"):
        if report.layouts[table] != in_force:
            yield Finding(
                rule="F2",
                severity="warning",
                table=table,
                expected=in_force,
                found=report.layouts[table],
                message=(
                    f"{report.year}年度报告应采用{_format_name(in_force)}，"
                    f"表{'二' if table == 'T2' else '三'}却采用{_format_name(report.layouts[table])}"
                ),
                message_en=(
                    f"A {report.year} report should use {in_force}; {table} uses {report.layouts[table]}"
                ),
            )


@rule("P1", "warning", "上年报告的年度不是上一年", "The previous report is not of the year before")
def check_p1(report: AnnualReport, previous: AnnualReport | None) -> Iterator[Finding]:
    if previous is None or report.year is None or previous.year is None:
        return
    if previous.year != report.year - 1:
        yield Finding(
            rule="P1",
            severity="warning",
            expected=report.year - 1,
            found=previous.year,
            message=f"用于比对的上年报告是{previous.year}年度，而本报告是{report.year}年度",
            message_en=(f"The previous report given is for {previous.year}, this one for {report.year}"),
        )


def _format_name(code: str) -> str:
    names: dict[str, str] = {FMT_2019: "2019年试行格式", FMT_2021: "2021年修订格式"}
    return names.get(code, code)


def check_report(
    report: AnnualReport, previous: AnnualReport | None = None, *, include_notes: bool = True
) -> list[Finding]:
    """All findings for a report: reader notes first, then each rule in id order."""
    findings: list[Finding] = list(report.notes) if include_notes else []
    for rule_id in sorted(RULES):
        current = RULES[rule_id]
        if current.needs_previous and previous is None:
            continue
        findings.extend(current.function(report, previous))
    return findings


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "warning"]
