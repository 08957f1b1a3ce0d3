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
    ambiguous_note,
    line_ref,
    line_ref_en,
    note,
)
from gongkai.annualreport.readers.place import (
    TableResult,
)
from gongkai.annualreport.readers.rows import RowText, cell_value, split_row, tokenize

# --- table 二 -----------------------------------------------------------------------------

_T2_BLOCK = re.compile(r"第二十条第?\(([一二三四五六七八九十]+)\)项")
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


def _t2_row_of(label: str, rows: Sequence[Row]) -> Row | None:
    normalized = labels.normalize(label)
    if not normalized or len(normalized) > 16:
        return None
    best: tuple[float, Row] | None = None
    for row in rows:
        official = labels.normalize(row.label)
        if normalized == official:
            return row
        score = labels.similarity(normalized, official)
        if official in normalized and len(normalized) <= len(official) + 4:
            score = max(score, 0.85 + len(official) / 100)
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, row)
    return best[1] if best else None


def parse_t2(region: Sequence[Line], default: FormatCode) -> TableResult:
    layout = _t2_layout(region, default)
    fmt = get_format(layout)
    # Both formats' rows: "规范性文件" (2019) and "行政规范性文件" (2021) are both NORM.
    all_rows = [row for f in FORMATS.values() for row in f.t2_rows]
    layout_rows = {row.code for row in fmt.t2_rows}
    values = empty_t2(layout)
    notes: list[Finding] = []
    filled: set[str] = set()
    # Split into blocks at each 第二十条第（X）项; a block without a heading is one block.
    blocks: list[list[Line]] = [[]]
    for line in region:
        if _T2_BLOCK.search(line.compact) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
    for block in blocks:
        labelled: list[tuple[Row, Line]] = []
        loose: list[Cell] = []
        for line in block:
            if _T2_BLOCK.search(line.compact) and not any(t.is_number for t in tokenize(line)):
                continue
            row_text = split_row(line, 3)
            row = _t2_row_of(row_text.last_label, all_rows) or _t2_row_of(row_text.label, all_rows)
            if row is None:
                loose.extend(v for v in row_text.values if not v.is_blank)
                continue
            if row.code not in layout_rows:
                notes.append(
                    note(
                        "L3",
                        "warning",
                        f"表二“{row.label}”一行不属于{layout}格式，已忽略{line_ref(line)}",
                        f"Table 2 row '{row.label}' is not part of {layout}; ignored{line_ref_en(line)}",
                        table="T2",
                        row=row.code,
                    )
                )
                continue
            columns = fmt.t2_columns_of(row.code)
            row_text = split_row(line, len(columns))
            present = [v for v in row_text.values if not v.is_blank]
            notes.extend(
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
            )
            if line.grid and _grid_values(line, row_text, len(columns)) is not None:
                reading = _grid_values(line, row_text, len(columns))
                assert reading is not None
                _store_t2(values, row.code, reading)
                filled.add(row.code)
            elif len(present) == len(columns) and all(recover.is_clean_token(v.text) for v in present):
                _store_t2(values, row.code, tuple(cell_value(v) for v in present))
                filled.add(row.code)
            elif present:
                readings = recover.split_candidates([v.text for v in present], len(columns), lambda r: True)
                if len(readings) == 1:
                    _store_t2(values, row.code, readings[0])
                    filled.add(row.code)
                else:
                    notes.append(ambiguous_note("T2", row.code, readings, line))
                    filled.add(row.code)
            else:
                labelled.append((row, line))
        # Plain pdftotext prints labels and numbers apart: fill the rows without numbers
        # from the loose numbers of the block, in order, when the count fits exactly.
        if labelled:
            needed = sum(len(fmt.t2_columns_of(row.code)) for row, _ in labelled)
            numbers = [v for v in loose if recover.is_clean_token(v.text)]
            if len(numbers) == needed:
                position = 0
                for row, _ in labelled:
                    width = len(fmt.t2_columns_of(row.code))
                    _store_t2(
                        values, row.code, tuple(cell_value(v) for v in numbers[position : position + width])
                    )
                    position += width
                    filled.add(row.code)
            elif numbers:
                for row, line in labelled:
                    notes.append(
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
                    filled.add(row.code)
            else:
                for row, _ in labelled:
                    filled.add(row.code)  # printed with all cells blank
    for block_def in fmt.t2_blocks:
        missing = [row for row in block_def.rows if row.code not in filled]
        for row in missing:
            notes.append(
                note(
                    "L4",
                    "warning",
                    f"表二未找到{block_def.heading}“{row.label}”行，按空白处理",
                    f"Table 2 row {row.code} ({block_def.heading}) was not found; read as blank",
                    table="T2",
                    row=row.code,
                )
            )
    return TableResult(layout, values, notes, len(filled))


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
