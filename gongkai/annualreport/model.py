"""The typed model of one annual report: every reader produces it, every writer and check
consumes it.

A cell is ``None`` when blank and a number when printed (a printed 0 is 0). Numbers are
``int`` when printed without a fraction and ``Decimal`` otherwise, so that amounts such as
132767.89 survive every round trip exactly. Values are kept as printed: nothing here
"corrects" a report; the checks say what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from gongkai.annualreport.formats import (
    FMT_2019,
    FMT_2021,
    NARRATIVE_SECTIONS,
    TABLE_CODES,
    FormatCode,
    TableCode,
    get_format,
)

Number = int | Decimal
Cell = Number | None
Table = dict[str, dict[str, Cell]]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One result of a check or of reading: what is wrong or odd, and where."""

    rule: str
    severity: Severity
    message: str
    message_en: str = ""
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: Any = None
    found: Any = None

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message

    def location(self) -> str:
        return ".".join(part for part in (self.table, self.row, self.column) if part)


def empty_t2(layout: FormatCode) -> Table:
    fmt = get_format(layout)
    return {
        row.code: {column.code: None for column in block.columns}
        for block in fmt.t2_blocks
        for row in block.rows
    }


def empty_t3(layout: FormatCode) -> Table:
    fmt = get_format(layout)
    return {row.code: {c.code: None for c in fmt.t3_columns} for row in fmt.t3_rows}


def empty_t4() -> Table:
    fmt = get_format(FMT_2021)  # table 四 is the same in both formats
    return {g.code: {c.code: None for c in fmt.t4_columns} for g in fmt.t4_groups}


def empty_table(table: TableCode, layout: FormatCode) -> Table:
    if table == "T2":
        return empty_t2(layout)
    if table == "T3":
        return empty_t3(layout)
    return empty_t4()


@dataclass
class AnnualReport:
    """One body's annual report for one year.

    ``layouts`` records the layout each table was printed in; published reports sometimes
    mix them (a 2021-style 表二 with a 2019-style 表三). ``notes`` are what the reader
    noticed (odd labels, recovered cells); they are findings, but not part of the report's
    identity, so two reports with the same content compare equal. ``published_on`` and
    ``source_url`` likewise describe the copy, not the report.
    """

    format: FormatCode
    layouts: dict[str, FormatCode]
    organization: str | None = None
    year: int | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list, compare=False)
    # Where the copy read came from, when the source says (a crawler's header block, a web
    # page's metadata): the publication date (ISO, YYYY-MM-DD) and the page's address.
    # Facts about the copy, not the report: they do not take part in equality.
    published_on: str | None = field(default=None, compare=False)
    source_url: str | None = field(default=None, compare=False)

    @classmethod
    def empty(
        cls,
        format: FormatCode,
        *,
        layouts: dict[str, FormatCode] | None = None,
        organization: str | None = None,
        year: int | None = None,
    ) -> AnnualReport:
        chosen: dict[str, FormatCode] = {table: format for table in TABLE_CODES}
        chosen.update(layouts or {})
        return cls(
            format=format,
            layouts=chosen,
            organization=organization,
            year=year,
            tables={t: empty_table(t, chosen[t]) for t in TABLE_CODES},  # type: ignore[arg-type]
            sections={name: "" for name in NARRATIVE_SECTIONS},
        )

    def cell(self, table: str, row: str, column: str) -> Cell:
        return self.tables[table][row][column]

    def set_cell(self, table: str, row: str, column: str, value: Cell) -> None:
        if column not in self.tables[table][row]:
            raise KeyError(f"{table}.{row}.{column}")
        self.tables[table][row][column] = value

    @property
    def is_mixed_layout(self) -> bool:
        return len({self.layouts["T2"], self.layouts["T3"]}) > 1

    def shape_errors(self) -> list[str]:
        """Where the tables do not have the rows and columns of their layout."""
        problems = []
        if self.format not in (FMT_2019, FMT_2021):
            problems.append(f"unknown format {self.format!r}")
            return problems
        for table in TABLE_CODES:
            layout = self.layouts.get(table)
            if layout not in (FMT_2019, FMT_2021):
                problems.append(f"{table}: unknown layout {layout!r}")
                continue
            expected = empty_table(table, layout)
            found = self.tables.get(table, {})
            if set(found) != set(expected):
                problems.append(f"{table}: rows {sorted(found)} != {sorted(expected)}")
                continue
            for row, columns in expected.items():
                if set(found[row]) != set(columns):
                    problems.append(f"{table}.{row}: columns differ from {layout}")
        return problems


def is_blank(value: Cell) -> bool:
    return value is None


def number_or_zero(value: Cell) -> Number:
    return 0 if value is None else value


def format_number(value: Cell) -> str:
    """The printed form of a cell: '' for blank, the number as read otherwise."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
