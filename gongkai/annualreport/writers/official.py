"""The official layout, shared by the HTML, DOCX and PDF writers: the title lines, the
paragraphs of the narrative sections, and tables 二, 三 and 四 as grids of merged cells, so
that every writer prints exactly the same header cells, spans and labels.

Each table is built from the format definitions (formats.py) of its own layout, so a mixed
report prints a 2021-style 表二 beside a 2019-style 表三. A cell knows its top-left
position and its spans; a row lists the cells that start in it, as HTML does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gongkai.annualreport.formats import (
    T3_APPLICANT_GROUP,
    T3_HEADER_NOTE,
    T3_OUTCOME_GROUP,
    FormatCode,
    get_format,
)
from gongkai.annualreport.model import AnnualReport, Table, format_number

# corner: the explanatory note of 表三; block: 第二十条第（X）项; colgroup/col: column
# headers; rowgroup/row: row headers; value: a figure.
Role = Literal["corner", "block", "colgroup", "col", "rowgroup", "row", "value"]

T2_WIDTH = 4  # 信息内容 and at most three figures
T3_LABEL_COLUMNS = 3  # 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密
T4_WIDTH = 15


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    column: int
    role: Role
    rowspan: int = 1
    colspan: int = 1

    @property
    def is_header(self) -> bool:
        return self.role not in ("value", "corner")


@dataclass(frozen=True)
class Grid:
    """One printed table: ``rows[i]`` holds the cells whose top-left corner is in row i."""

    table: str
    columns: int
    header_rows: int  # rows repeated at the top of each printed page
    rows: tuple[tuple[GridCell, ...], ...]
    # Relative column widths, for writers that size columns themselves.
    widths: tuple[float, ...]

    @property
    def cells(self) -> list[GridCell]:
        return [cell for row in self.rows for cell in row]


class _Builder:
    def __init__(self) -> None:
        self.rows: list[list[GridCell]] = []

    def new_row(self) -> int:
        self.rows.append([])
        return len(self.rows) - 1

    def add(self, text: str, column: int, role: Role, *, rowspan: int = 1, colspan: int = 1) -> None:
        row = len(self.rows) - 1
        self.rows[row].append(GridCell(text, row, column, role, rowspan, colspan))


def t2_grid(values: Table, layout: FormatCode) -> Grid:
    """表二: per block a heading row, a 信息内容 header row and one row per item; a block
    with fewer than three figures lets its last column span the rest, as printed."""
    builder = _Builder()
    for block in get_format(layout).t2_blocks:
        builder.new_row()
        builder.add(block.heading, 0, "block", colspan=T2_WIDTH)
        builder.new_row()
        builder.add("信息内容", 0, "col")
        spans = _spans(len(block.columns), T2_WIDTH - 1)
        column = 1
        for definition, span in zip(block.columns, spans, strict=True):
            builder.add(definition.label, column, "col", colspan=span)
            column += span
        for row in block.rows:
            builder.new_row()
            builder.add(row.label, 0, "row")
            column = 1
            for definition, span in zip(block.columns, spans, strict=True):
                builder.add(format_number(values[row.code][definition.code]), column, "value", colspan=span)
                column += span
    return Grid("T2", T2_WIDTH, 0, _freeze(builder), (2.2, 1.6, 1.6, 1.6))


def _spans(count: int, width: int) -> list[int]:
    return [1] * (count - 1) + [width - count + 1]


def t3_grid(values: Table, layout: FormatCode) -> Grid:
    """表三: the note cell over the three label columns, 申请人情况 over the seven figure
    columns, 三、本年度办理结果 down the outcome rows and （三）…（六） down their items."""
    fmt = get_format(layout)
    columns = fmt.t3_columns
    builder = _Builder()
    builder.new_row()
    builder.add(T3_HEADER_NOTE, 0, "corner", rowspan=3, colspan=T3_LABEL_COLUMNS)
    builder.add("申请人情况", T3_LABEL_COLUMNS, "colgroup", colspan=len(columns))
    builder.new_row()
    first, last = columns[0], columns[-1]
    middle = columns[1:-1]
    builder.add(first.label, T3_LABEL_COLUMNS, "col", rowspan=2)
    builder.add(T3_APPLICANT_GROUP, T3_LABEL_COLUMNS + 1, "colgroup", colspan=len(middle))
    builder.add(last.label, T3_LABEL_COLUMNS + len(columns) - 1, "col", rowspan=2)
    builder.new_row()
    for offset, column in enumerate(middle, start=1):
        builder.add(column.label, T3_LABEL_COLUMNS + offset, "col")

    outcome_rows = [row for row in fmt.t3_rows if row.group]
    subgroup_sizes: dict[str, int] = {}
    for row in outcome_rows:
        if row.group != T3_OUTCOME_GROUP:
            subgroup_sizes[row.group] = subgroup_sizes.get(row.group, 0) + 1
    outcome_started = False
    subgroups_started: set[str] = set()
    for row in fmt.t3_rows:
        builder.new_row()
        if not row.group:
            builder.add(f"{row.enumerator}{row.label}", 0, "row", colspan=T3_LABEL_COLUMNS)
        else:
            if not outcome_started:
                builder.add(T3_OUTCOME_GROUP, 0, "rowgroup", rowspan=len(outcome_rows))
                outcome_started = True
            if row.group == T3_OUTCOME_GROUP:
                builder.add(f"{row.enumerator}{row.label}", 1, "row", colspan=2)
            else:
                if row.group not in subgroups_started:
                    builder.add(row.group, 1, "rowgroup", rowspan=subgroup_sizes[row.group])
                    subgroups_started.add(row.group)
                builder.add(f"{row.enumerator}{row.label}", 2, "row")
        for offset, column in enumerate(columns):
            builder.add(format_number(values[row.code][column.code]), T3_LABEL_COLUMNS + offset, "value")
    widths = (1.0, 1.4, 3.2, *([1.0] * len(columns)))
    return Grid("T3", T3_LABEL_COLUMNS + len(columns), 3, _freeze(builder), widths)


def t4_grid(values: Table, layout: FormatCode) -> Grid:
    """表四: 行政复议 over five columns, 行政诉讼 over ten split into 未经复议直接起诉 and
    复议后起诉; the five 行政复议 result headers run down two rows."""
    fmt = get_format(layout)
    columns = fmt.t4_columns
    width = len(columns)
    builder = _Builder()
    builder.new_row()
    position = 0
    top_groups: list[tuple[str, int]] = []
    for group in fmt.t4_groups:
        name = group.group or group.label
        if top_groups and top_groups[-1][0] == name:
            top_groups[-1] = (name, top_groups[-1][1] + width)
        else:
            top_groups.append((name, width))
    for name, span in top_groups:
        builder.add(name, position, "colgroup", colspan=span)
        position += span
    builder.new_row()
    position = 0
    for group in fmt.t4_groups:
        if group.group:
            builder.add(group.label, position, "colgroup", colspan=width)
        else:
            for offset, column in enumerate(columns):
                builder.add(column.label, position + offset, "col", rowspan=2)
        position += width
    builder.new_row()
    position = 0
    for group in fmt.t4_groups:
        if group.group:
            for offset, column in enumerate(columns):
                builder.add(column.label, position + offset, "col")
        position += width
    builder.new_row()
    position = 0
    for group in fmt.t4_groups:
        for offset, column in enumerate(columns):
            builder.add(format_number(values[group.code][column.code]), position + offset, "value")
        position += width
    total = width * len(fmt.t4_groups)
    return Grid("T4", total, 3, _freeze(builder), tuple([1.0] * total))


def _freeze(builder: _Builder) -> tuple[tuple[GridCell, ...], ...]:
    return tuple(tuple(row) for row in builder.rows)


def report_grids(report: AnnualReport) -> dict[str, Grid]:
    """The three tables of a report, each in the layout it is recorded in."""
    return {
        "T2": t2_grid(report.tables["T2"], report.layouts["T2"]),
        "T3": t3_grid(report.tables["T3"], report.layouts["T3"]),
        "T4": t4_grid(report.tables["T4"], report.layouts["T4"]),
    }


def report_title(report: AnnualReport) -> tuple[str | None, str]:
    """The two title lines: the body's name (None when unknown) and the year title."""
    year = f"{report.year}年" if report.year is not None else ""
    return report.organization or None, f"{year}政府信息公开工作年度报告"


def paragraphs(text: str) -> list[str]:
    """One paragraph per non-blank line of a narrative section, without its surrounding
    spaces (which print as nothing anyway)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


_UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(report: AnnualReport) -> str:
    """A file name for the report: body and year, without characters that file systems
    or Content-Disposition headers reject."""
    parts = [report.organization or "report", str(report.year) if report.year is not None else ""]
    return _UNSAFE_IN_FILENAMES.sub("_", "-".join(part for part in parts if part)).strip() or "report"
