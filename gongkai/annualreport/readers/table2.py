"""Table 二: block by block (第二十条第（X）项), rows found by label."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.formats import (
    FMT_2019,
    FMT_2021,
    FORMATS,
    FormatCode,
    Row,
    get_format,
)
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.model import Finding, empty_t2
from gongkai.annualreport.readers import recover
from gongkai.annualreport.readers.document import Cell, Line
from gongkai.annualreport.readers.notes import (
    Reading,
    line_ref,
    line_ref_en,
    note,
    show_reading,
)
from gongkai.annualreport.readers.place import (
    TableResult,
)
from gongkai.annualreport.readers.rows import RowText, cell_value, split_row, tokenize

# --- table 二 -----------------------------------------------------------------------------

_T2_BLOCK = re.compile(r"[第笫]?二十条[第笫]?\(([一二三四五六七八九十]+)\)项")
_T2_2021_WORDS = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "行政规范性文件",
)
_T2_2019_WORDS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
)


def _t2_layout(region: Sequence[Line], default: FormatCode) -> FormatCode:
    text = "".join(line.compact for line in region)
    new = sum(word in text for word in _T2_2021_WORDS)
    old = sum(word in text for word in _T2_2019_WORDS)
    if new == old:
        return default
    return FMT_2021 if new > old else FMT_2019


def _t2_row_of(label: str, rows: Sequence[Row]) -> tuple[Row, bool] | None:
    """The row a label names, and whether it was matched loosely (by likeness alone)."""
    normalized = labels.normalize(label)
    if not normalized or len(normalized) > 24:
        return None
    best: tuple[float, Row, bool] | None = None
    for row in rows:
        official = labels.normalize(row.label)
        if normalized == official:
            return row, False
        score = labels.similarity(normalized, official)
        # The label itself, or the label after header words a flattened table ran into it
        # ("本年处理决定数量行政处罚" when the header was misread and not cut off).
        contained = (official in normalized and len(normalized) <= len(official) + 4) or (
            len(official) >= 4 and normalized.endswith(official)
        )
        if contained:
            score = max(score, 0.85 + len(official) / 100)
        # Longer labels survive a misread character or two (OCR): 行政外罚 is 行政处罚.
        if score >= (0.8 if len(official) < 4 else 0.7) and (best is None or score > best[0]):
            best = (score, row, not contained)
    return (best[1], best[2]) if best else None


def _blocks(region: Sequence[Line]) -> list[list[Line]]:
    """The region cut at each 第二十条第（X）项; a table without these headings is one block."""
    blocks: list[list[Line]] = [[]]
    for line in region:
        if _T2_BLOCK.search(line.compact) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _unit_notes(row: Row, present: Sequence[Cell]) -> list[Finding]:
    return [
        note(
            "L5",
            "warning",
            f"表二“{row.label}”行的数字带有单位（{v.text}{v.unit}），已按数字 {v.text} 读取；"
            "请核对单位是否与表格一致",
            f"Table 2 row {row.code} prints a unit ({v.text}{v.unit}); read as the number "
            f"{v.text} — check the unit against the form's",
            table="T2",
            row=row.code,
            found=f"{v.text}{v.unit}",
        )
        for v in present
        if v.unit
    ]


def _loose_label_note(row: Row, printed: str, line: Line) -> Finding:
    return note(
        "L2",
        "warning",
        f"表二“{printed}”与法定行名“{row.label}”不一致，按内容读作“{row.label}”{line_ref(line)}",
        f"Table 2 label '{printed}' differs from the statutory '{row.label}'; read as {row.code}"
        f"{line_ref_en(line)}",
        table="T2",
        row=row.code,
        expected=row.label,
        found=printed,
    )


def _run_together_note(row: Row, readings: Sequence[Reading], line: Line) -> Finding:
    """Table 二 has no identity within a year: digits that ran together cannot be told
    apart. The copy lost the boundaries, the report is not wrong: a warning, cells blank."""
    shown = "；".join(f"[{show_reading(r)}]" for r in readings[:5])
    more = f" 等{len(readings)}种" if len(readings) > 5 else ""
    return note(
        "R4",
        "warning",
        f"表二“{row.label}”行的数字连在一起{line_ref(line)}，表二没有可以区分它们的勾稽关系，"
        f"可能为：{shown}{more}；已按空白处理",
        f"Table 2 row {row.code}: its figures ran together{line_ref_en(line)} and table 2 has no "
        f"identity to tell them apart; candidates: {shown}; left blank",
        table="T2",
        row=row.code,
        found=[list(r) for r in readings[:5]],
    )


def _run_together_readings(texts: list[str], width: int) -> list[Reading]:
    """Readings of figures that ran together. An amount printed last keeps its fraction:
    "15132767.89" may be 15 and 132767.89 (the cut falls in its whole part)."""
    last = labels.compact(texts[-1])
    whole, dot, fraction = last.partition(".")
    if not dot or not whole.isdigit() or not fraction.isdigit():
        return recover.split_candidates(texts, width, lambda r: True)
    readings = recover.split_candidates([*texts[:-1], whole], width, lambda r: True)
    return [(*reading[:-1], labels.parse_number(f"{reading[-1]}.{fraction}")) for reading in readings]


class _Table2:
    """Reads table 二 block by block; each line is a row found by its label."""

    def __init__(self, layout: FormatCode) -> None:
        self.layout = layout
        self.fmt = get_format(layout)
        # Both formats' rows: "规范性文件" (2019) and "行政规范性文件" (2021) are both NORM.
        self.all_rows = [row for f in FORMATS.values() for row in f.t2_rows]
        self.layout_rows = {row.code for row in self.fmt.t2_rows}
        self.values = empty_t2(layout)
        self.notes: list[Finding] = []
        self.filled: set[str] = set()

    def store(self, row: Row, reading: Reading) -> None:
        _store_t2(self.values, row.code, reading)
        self.filled.add(row.code)

    def row_of(self, line: Line) -> Row | None:
        row_text = split_row(line, 3)
        found = _t2_row_of(row_text.last_label, self.all_rows) or _t2_row_of(row_text.label, self.all_rows)
        if found is None:
            return None
        row, loose = found
        if loose:
            self.notes.append(_loose_label_note(row, row_text.last_label or row_text.label, line))
        return row

    def read_block(self, block: Sequence[Line]) -> None:
        labelled: list[tuple[Row, Line]] = []
        loose: list[Cell] = []
        unnamed: list[Line] = []  # lines with figures whose label names no row
        for line in block:
            if _T2_BLOCK.search(line.compact) and not any(t.is_number for t in tokenize(line)):
                continue
            row = self.row_of(line)
            if row is None:
                values = [v for v in split_row(line, 3).values if not v.is_blank]
                loose.extend(values)
                if values and split_row(line, 3).label:
                    unnamed.append(line)
            elif row.code not in self.layout_rows:
                self.notes.append(
                    note(
                        "L3",
                        "warning",
                        f"表二“{row.label}”一行不属于{self.layout}格式，已忽略{line_ref(line)}",
                        f"Table 2 row '{row.label}' is not part of {self.layout}; ignored{line_ref_en(line)}",
                        table="T2",
                        row=row.code,
                    )
                )
            elif not self.read_row(row, line):
                labelled.append((row, line))
        if unnamed and not labelled:
            self.read_by_position(block, unnamed)
        elif labelled:
            self.fill_from_loose(labelled, loose)

    def read_by_position(self, block: Sequence[Line], unnamed: Sequence[Line]) -> None:
        """Rows whose labels were misread beyond recognition, in a block whose heading says
        which rows it has: when the rows not yet found are as many as those lines, they are
        those rows, in order (noted with what was printed)."""
        heading = next((m for line in block if (m := _T2_BLOCK.search(line.compact))), None)
        if heading is None:
            return
        rows = [
            row
            for t2_block in self.fmt.t2_blocks
            if t2_block.article_item == heading.group(1)
            for row in t2_block.rows
            if row.code not in self.filled
        ]
        if len(rows) != len(unnamed):
            return
        for row, line in zip(rows, unnamed, strict=True):
            printed = split_row(line, 3).last_label
            self.notes.append(_loose_label_note(row, printed, line))
            self.read_row(row, line)

    def read_row(self, row: Row, line: Line) -> bool:
        """Read a row's figures from its line; False when the line prints none."""
        width = len(self.fmt.t2_columns_of(row.code))
        row_text = split_row(line, width)
        present = [v for v in row_text.values if not v.is_blank]
        self.notes.extend(_unit_notes(row, present))
        grid = _grid_values(line, row_text, width) if line.grid else None
        if grid is not None:
            self.store(row, grid)
        elif len(present) == width and all(recover.is_clean_token(v.text) for v in present):
            self.store(row, tuple(cell_value(v) for v in present))
        elif present:
            readings = _run_together_readings([v.text for v in present], width)
            if len(readings) == 1:
                self.store(row, readings[0])
            else:
                self.notes.append(_run_together_note(row, readings, line))
                self.filled.add(row.code)
        return bool(present) or grid is not None

    def fill_from_loose(self, labelled: Sequence[tuple[Row, Line]], loose: Sequence[Cell]) -> None:
        """Plain pdftotext prints labels and numbers apart: fill the rows without numbers
        from the loose numbers of the block, in order, when the count fits exactly."""
        needed = sum(len(self.fmt.t2_columns_of(row.code)) for row, _ in labelled)
        numbers = [v for v in loose if recover.is_clean_token(v.text)]
        if len(numbers) == needed:
            position = 0
            for row, _ in labelled:
                width = len(self.fmt.t2_columns_of(row.code))
                self.store(row, tuple(cell_value(v) for v in numbers[position : position + width]))
                position += width
            return
        for row, line in labelled:
            if numbers:
                self.notes.append(
                    note(
                        "R2",
                        "error",
                        f"表二“{row.label}”行的数字与标签分离，且数字个数（{len(numbers)}）与单元格数（{needed}）不符，无法对应{line_ref(line)}；已按空白处理",
                        f"Table 2 row {row.code}: labels and numbers are apart and "
                        f"{len(numbers)} numbers do not fit {needed} cells{line_ref_en(line)}; left blank",
                        table="T2",
                        row=row.code,
                    )
                )
            self.filled.add(row.code)  # without loose numbers: printed with all cells blank

    def missing_notes(self) -> list[Finding]:
        return [
            note(
                "L4",
                "warning",
                f"表二未找到{block.heading}“{row.label}”行，按空白处理",
                f"Table 2 row {row.code} ({block.heading}) was not found; read as blank",
                table="T2",
                row=row.code,
            )
            for block in self.fmt.t2_blocks
            for row in block.rows
            if row.code not in self.filled
        ]


def parse_t2(region: Sequence[Line], default: FormatCode) -> TableResult:
    reader = _Table2(_t2_layout(region, default))
    for block in _blocks(region):
        reader.read_block(block)
    notes = [*reader.notes, *reader.missing_notes()]
    return TableResult(reader.layout, reader.values, notes, len(reader.filled))


def _grid_values(line: Line, row_text: RowText, width: int) -> Reading | None:
    """Values of a grid row of table 二: the cells right after the label, blanks kept."""
    tokens = tokenize(line)
    label_end = None
    for i, token in enumerate(tokens):
        if not token.is_blank and not token.is_number:
            label_end = i
    if label_end is None:
        return None
    after = tokens[label_end + 1 :]
    if len(after) < width or any(not (t.is_blank or t.is_number) for t in after):
        return None
    cells = after[:width]
    if any(not t.is_blank and not recover.is_clean_token(t.text) for t in cells):
        return None
    return tuple(cell_value(c) for c in cells)


def _store_t2(values: dict[str, dict[str, Value]], row: str, reading: Reading) -> None:
    for column, value in zip(values[row], reading, strict=True):
        values[row][column] = value
