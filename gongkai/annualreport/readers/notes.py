"""Findings that reading produces (L*, R*, N*), and where a line is, for their messages."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.model import Finding
from gongkai.annualreport.readers.document import Line

Reading = tuple[Value, ...]


# --- findings helpers ---------------------------------------------------------------------


def note(
    rule: str,
    severity: str,
    message: str,
    message_en: str,
    *,
    table: str | None = None,
    row: str | None = None,
    column: str | None = None,
    expected: object = None,
    found: object = None,
) -> Finding:
    return Finding(
        rule=rule,
        severity="error" if severity == "error" else "warning",
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        column=column,
        expected=expected,
        found=found,
    )


def line_ref(line: Line | None) -> str:
    if line is None or not line.number:
        return ""
    return f"（第{line.page}页第{line.number}行）" if line.page else f"（第{line.number}行）"


def line_ref_en(line: Line | None) -> str:
    if line is None or not line.number:
        return ""
    return f" (page {line.page}, line {line.number})" if line.page else f" (line {line.number})"


def show_reading(reading: Reading) -> str:
    return ", ".join("空" if v is None else str(v) for v in reading)


def ambiguous_note(table: str, row: str, readings: Sequence[Reading], line: Line | None) -> Finding:
    shown = "；".join(f"[{show_reading(r)}]" for r in readings[:5])
    more = f" 等{len(readings)}种" if len(readings) > 5 else ""
    if readings:
        message = f"{table} {row} 行的数字无法唯一确定{line_ref(line)}，可能为：{shown}{more}；已按空白处理"
        message_en = (
            f"{table} row {row} cannot be read unambiguously{line_ref_en(line)}; "
            f"candidates: {shown}; left blank"
        )
    else:
        message = f"{table} {row} 行的数字无法与表格列对应{line_ref(line)}；已按空白处理"
        message_en = f"{table} row {row}: the numbers do not fit the columns{line_ref_en(line)}; left blank"
    return note(
        "R2", "error", message, message_en, table=table, row=row, found=[list(r) for r in readings[:5]]
    )


def recovered_note(table: str, row: str, reading: Reading, line: Line | None) -> Finding:
    return note(
        "R1",
        "warning",
        f"{table} {row} 行的单元格边界缺失{line_ref(line)}，已根据勾稽关系唯一还原为 [{show_reading(reading)}]",
        f"{table} row {row} lost its cell boundaries{line_ref_en(line)}; the identities "
        f"allow only [{show_reading(reading)}]",
        table=table,
        row=row,
        found=list(reading),
    )
