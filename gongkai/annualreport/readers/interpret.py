"""From lines of cells (any source) to the report model.

The steps: find the six numbered sections; read the title for the body and the year; read
table 二 block by block, table 三 row by row (aligning the rows found with the rows of the
format by order and label), table 四; and keep the narrative sections as text. Where the
source lost cell positions, ``recover`` rebuilds them from the identities, and says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median

from gongkai.annualreport import labels
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import (
    FMT_2019,
    FMT_2021,
    FORMATS,
    T3_PART_COLUMNS,
    FormatCode,
    Row,
    format_for_year,
    get_format,
)
from gongkai.annualreport.model import AnnualReport, Finding, Number, empty_t2, empty_t3, empty_t4
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.readers import recover
from gongkai.annualreport.readers.document import Cell, Document, Line, split_trailing_numbers

Reading = tuple[Value, ...]

# --- sections -----------------------------------------------------------------------------

_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview", re.compile(r"^(?:一[、.]?)?(?:总体情况|概述|基本情况|总体工作情况)")),
    ("T2", re.compile(r"^(?:二[、.]?)?主动公开政府信息的?情况")),
    ("T3", re.compile(r"^(?:三[、.]?)?收到和处理政府信息公开申请的?情况")),
    ("T4", re.compile(r"^(?:四[、.]?)?政府信息公开行政复议[、和及与]?行政诉讼的?情况")),
    (
        "problems",
        re.compile(r"^(?:五[、.]?)?(?:政府信息公开工作)?存在的?主要问题(?:及|和)(?:其)?改进"),
    ),
    ("other_matters", re.compile(r"^(?:六[、.]?)?其[他它]需要报告的事项")),
)
_SECTION_NAMES_ZH = {
    "overview": "一、总体情况",
    "T2": "二、主动公开政府信息情况（表二）",
    "T3": "三、收到和处理政府信息公开申请情况（表三）",
    "T4": "四、政府信息公开行政复议、行政诉讼情况（表四）",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}
_MAX_HEADING_LENGTH = 40

# Content markers, for reports that print a table without its numbered heading.
_T3_MARKERS = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "申请人情况")
_T4_MARKERS = ("结果维持",)
_T2_MARKERS = ("第二十条第(一)项", "第二十条第(五)项")


def _heading_of(line: Line) -> str | None:
    text = line.compact
    if not text or len(text) > _MAX_HEADING_LENGTH:
        return None
    for name, pattern in _HEADINGS:
        if pattern.match(text):
            # Without its enumerator a phrase is a heading only when it stands alone.
            if not re.match(r"^[一二三四五六][、.]", text) and len(text) > 20:
                continue
            return name
    return None


@dataclass
class Sections:
    starts: dict[str, int] = field(default_factory=dict)  # name -> index of heading line
    order: list[str] = field(default_factory=list)

    def region(self, name: str, lines: Sequence[Line]) -> list[Line]:
        if name not in self.starts:
            return []
        start = self.starts[name]
        later = [i for i in self.starts.values() if i > start]
        end = min(later) if later else len(lines)
        return list(lines[start + 1 : end])


def find_sections(lines: Sequence[Line]) -> Sections:
    sections = Sections()
    order = [name for name, _ in _HEADINGS]
    last_rank = -1
    for index, line in enumerate(lines):
        name = _heading_of(line)
        if name is None or name in sections.starts:
            continue
        rank = order.index(name)
        if rank < last_rank:
            continue  # a table row such as "四、结转下年度…" never matches; this guards the rest
        sections.starts[name] = index
        sections.order.append(name)
        last_rank = rank
    _add_marker_starts(sections, lines)
    return sections


def _first_line_with(lines: Sequence[Line], markers: Sequence[str], start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        text = lines[index].compact
        if any(marker in text for marker in markers):
            return index
    return None


def _add_marker_starts(sections: Sections, lines: Sequence[Line]) -> None:
    """Tables printed without their numbered heading still begin where their content does."""
    if "T2" not in sections.starts:
        found = _first_line_with(lines, _T2_MARKERS)
        if found is not None:
            sections.starts["T2"] = found - 1
    if "T3" not in sections.starts:
        found = _first_line_with(lines, _T3_MARKERS, sections.starts.get("T2", -1) + 1)
        if found is not None:
            sections.starts["T3"] = found - 1
    if "T4" not in sections.starts:
        found = _first_line_with(lines, _T4_MARKERS, sections.starts.get("T3", -1) + 1)
        if found is not None:
            # The heading is the line that names 行政复议 just above the first 结果维持.
            start = found - 1
            while start > sections.starts.get("T3", -1) + 1 and "行政复议" not in lines[start].compact:
                start -= 1
            sections.starts["T4"] = start - 1 if "行政复议" in lines[start].compact else found - 1
    sections.order = sorted(sections.starts, key=sections.starts.__getitem__)


# --- tokens -------------------------------------------------------------------------------


def tokenize(line: Line) -> list[Cell]:
    """The cells of a line, with labels split from numbers printed right after them and
    cells holding several numbers split into one cell per number."""
    tokens: list[Cell] = []
    for cell in line.cells:
        text = cell.text.strip()
        if not text:
            tokens.append(Cell("", cell.x, cell.width))
            continue
        with_unit = labels.split_unit(text)
        if with_unit is not None:
            tokens.append(Cell(with_unit[0], cell.x, cell.width, unit=with_unit[1]))
            continue
        parts = text.split()
        if len(parts) > 1 and all(labels.is_number(part) for part in parts):
            offset = 0
            for part in parts:
                position = text.index(part, offset)
                offset = position + len(part)
                x = None if cell.x is None else cell.x + position
                tokens.append(Cell(part, x, float(len(part))))
            continue
        tokens.extend(split_trailing_numbers(Cell(text, cell.x, cell.width)))
    return tokens


@dataclass
class RowText:
    """A line split into its label and the value cells that end it."""

    label: str  # compact text of the label cells
    last_label: str  # compact text of the last label cell (the most specific)
    values: list[Cell]  # numbers, and blanks when the line is a grid row
    complete: bool  # the values are exactly the positional cells of the row
    line: Line


def split_row(line: Line, width: int) -> RowText:
    tokens = tokenize(line)
    trailing: list[Cell] = []
    for token in reversed(tokens):
        if token.is_number or (line.grid and token.is_blank):
            trailing.append(token)
        else:
            break
    trailing.reverse()
    label_cells = [t for t in tokens[: len(tokens) - len(trailing)] if not t.is_blank]
    numbers = [t for t in trailing if not t.is_blank]
    if line.grid and len(trailing) >= width:
        values, complete = trailing[-width:], True
    else:
        values = numbers
        complete = len(numbers) == width and all(recover.is_clean_token(t.text) for t in numbers)
    return RowText(
        label=labels.compact("".join(c.text for c in label_cells)),
        last_label=labels.compact(label_cells[-1].text) if label_cells else "",
        values=values,
        complete=complete,
        line=line,
    )


def _value(cell: Cell) -> Value:
    return None if cell.is_blank else labels.parse_number(cell.text)


# --- findings helpers ---------------------------------------------------------------------


def _note(
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


def _line_ref(line: Line | None) -> str:
    if line is None or not line.number:
        return ""
    return f"（第{line.page}页第{line.number}行）" if line.page else f"（第{line.number}行）"


def _line_ref_en(line: Line | None) -> str:
    if line is None or not line.number:
        return ""
    return f" (page {line.page}, line {line.number})" if line.page else f" (line {line.number})"


def _show_reading(reading: Reading) -> str:
    return ", ".join("空" if v is None else str(v) for v in reading)


# --- table 三 -----------------------------------------------------------------------------


def _t3_row_check(reading: Sequence[Value]) -> bool:
    parts = sum(v for v in reading[:-1] if v is not None)
    total = reading[-1]
    if total is None:
        return all(v is None for v in reading[:-1])
    return total == parts


def _t3_table_check(fmt_rows: Sequence[Row]) -> Callable[[list[Reading]], bool]:
    codes = [row.code for row in fmt_rows]
    outcome = [i for i, code in enumerate(codes) if code.startswith("R3_") and code != "R3_7"]
    i_r1, i_r2, i_r37, i_r4 = (codes.index(c) for c in ("R1", "R2", "R3_7", "R4"))

    def check(table: list[Reading]) -> bool:
        for column in range(len(T3_PART_COLUMNS) + 1):
            cells = [0 if row[column] is None else row[column] for row in table]
            if cells[i_r1] + cells[i_r2] != cells[i_r37] + cells[i_r4]:  # type: ignore[operator]
                return False
            if cells[i_r37] != sum(cells[i] for i in outcome):  # type: ignore[misc]
                return False
        return True

    return check


def _label_score(observed: RowText, row: Row) -> float:
    if not observed.label:
        return 0.5
    candidates = [labels.normalize(row.label), *(labels.normalize(a) for a in row.aliases)]
    texts = {labels.normalize(observed.last_label), labels.normalize(observed.label)}
    return max(labels.similarity(t, c) for t in texts for c in candidates)


def _align(observed: Sequence[RowText], rows: Sequence[Row]) -> tuple[float, list[int | None]]:
    """Match observed rows to format rows in order (Needleman–Wunsch on label likeness).

    Returns the score and, for each format row, the index of its observed row or None.
    """
    gap = -0.3
    m, n = len(observed), len(rows)
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    move = [[""] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        score[i][0], move[i][0] = score[i - 1][0] + gap, "o"
    for j in range(1, n + 1):
        score[0][j], move[0][j] = score[0][j - 1] + gap, "f"
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            options = (
                (score[i - 1][j - 1] + _label_score(observed[i - 1], rows[j - 1]), "d"),
                (score[i - 1][j] + gap, "o"),
                (score[i][j - 1] + gap, "f"),
            )
            score[i][j], move[i][j] = max(options)
    matched: list[int | None] = [None] * n
    i, j = m, n
    while i > 0 or j > 0:
        step = move[i][j]
        if step == "d":
            matched[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif step == "o":
            i -= 1
        else:
            j -= 1
    return score[m][n], matched


def _is_t3_row_label(text: str) -> bool:
    normalized = labels.normalize(text)
    if not normalized:
        return False
    rows = {row.code: row for fmt in FORMATS.values() for row in fmt.t3_rows}
    return any(labels.similarity(normalized, labels.normalize(r.label)) >= 0.8 for r in rows.values())


@dataclass
class TableResult:
    layout: FormatCode
    values: dict[str, dict[str, Value]]
    notes: list[Finding]
    rows_found: int


def _t3_observed_rows(region: Sequence[Line], *, blank_rows: bool = False) -> list[RowText]:
    """The rows of table 三 as printed: lines with numbers (or a grid row of blanks).

    Label-only lines are the wrapped label of the next unlabelled row. With
    ``blank_rows``, a label-only line that names a row and is followed by a labelled row
    is that row printed with every cell blank (laid-out tables print nothing for blanks).
    """
    observed: list[RowText] = []
    pending: list[RowText] = []

    def flush_blank_rows() -> None:
        # Only below the header (after the first row with numbers): header words such as
        # 总计 are not rows.
        if blank_rows and observed:
            observed.extend(
                RowText(p.label, p.last_label, [Cell("")] * 7, True, p.line)
                for p in pending
                if _is_t3_row_label(p.last_label) and _is_t3_row_label(p.label)
            )

    for line in region:
        if line.is_blank:
            continue
        row = split_row(line, 7)
        has_numbers = any(not v.is_blank for v in row.values)
        if has_numbers or (row.complete and _is_t3_row_label(row.last_label)):
            if not row.label and pending:
                row.label = labels.compact("".join(p.label for p in pending))
                row.last_label = labels.compact(pending[-1].label)
            else:
                flush_blank_rows()
            observed.append(row)
            pending = []
        elif row.label:
            pending.append(row)
    flush_blank_rows()
    return observed


def _is_stream(observed: Sequence[RowText]) -> bool:
    """One number per line, as plain pdftotext prints a table."""
    if not observed:
        return False
    singles = sum(1 for row in observed if len(row.values) == 1 and not row.complete)
    return singles >= 0.8 * len(observed) and len(observed) >= 20


def _column_centers(observed: Sequence[RowText], width: int) -> list[float] | None:
    """Column positions of a laid-out table, from its rows that print every cell."""
    columns: list[list[float]] = [[] for _ in range(width)]
    for row in observed:
        if len(row.values) == width and all(v.center is not None for v in row.values):
            for i, value in enumerate(row.values):
                columns[i].append(float(value.center))  # type: ignore[arg-type]
    if not columns[0]:
        return None
    return [median(c) for c in columns]


# The first word of each column header of table 三, in column order.
_T3_HEADER_WORDS = (("自然",), ("商业",), ("科研",), ("社会", "公益"), ("法律",), ("其他",), ("总计",))


def _header_centers(region: Sequence[Line], observed: Sequence[RowText]) -> list[float] | None:
    """Column positions of a laid-out table 三 from its header words, for tables in which
    no row prints all seven cells."""
    first_data = observed[0].line if observed else None
    found: dict[int, float] = {}
    for line in region:
        if line is first_data:
            break
        for cell in line.cells:
            if cell.x is None:
                continue
            # Positions are characters in laid-out text but points in a PDF: measure
            # inside the cell in its own unit per character.
            scale = cell.width / len(cell.text) if cell.width and cell.text else 1.0
            offset = 0
            for word in cell.text.split(" "):
                position = cell.x + cell.text.index(word, offset) * scale if word else None
                offset += len(word) + 1
                if position is None:
                    continue
                for column, starts in enumerate(_T3_HEADER_WORDS):
                    if column not in found and word.startswith(starts):
                        found[column] = position + len(word) * scale / 2
    if len(found) == len(_T3_HEADER_WORDS):
        centers = [found[i] for i in range(len(_T3_HEADER_WORDS))]
        if centers == sorted(centers):
            return centers
    return None


def _row_readings(
    row: RowText,
    width: int,
    check: recover.RowCheck,
    centers: list[float] | None,
    sum_groups: Sequence[int] | None = None,
) -> tuple[list[Reading], bool]:
    """The possible readings of a row, and whether they were recovered (not as printed)."""
    if row.complete:
        return [tuple(_value(v) for v in row.values)], False
    tokens = [v for v in row.values if not v.is_blank]
    texts = [t.text for t in tokens]
    clean = all(recover.is_clean_token(t) for t in texts)
    readings: list[Reading] = []
    placed: Reading | None = None
    if clean:
        numbers = [labels.parse_number(t) for t in texts]
        if centers is not None and all(t.center is not None for t in tokens):
            placed = recover.place_by_position(
                [(n, float(t.center)) for n, t in zip(numbers, tokens, strict=True)],  # type: ignore[arg-type]
                centers,
            )
            if placed is not None and check(placed):
                return [placed], False
        readings.extend(recover.placement_candidates(numbers, width, check))
    if len(tokens) < width:
        for reading in recover.split_candidates(texts, width, check, sum_groups=sum_groups):
            if reading not in readings:
                readings.append(reading)
    if not readings:
        # No reading passes the row's identity: read the row as printed (by position, or
        # in order when every cell printed) and let the checks report the error.
        if placed is not None:
            return [placed], False
        if clean and len(tokens) == width:
            return [tuple(labels.parse_number(t) for t in texts)], False
    return readings, True


def _choose(
    fixed: dict[int, Reading],
    options: dict[int, list[Reading]],
    nrows: int,
    table_check: Callable[[list[Reading]], bool],
) -> list[dict[int, Reading]]:
    """Combinations of the rows' possible readings that pass the table's identities."""
    keys = sorted(options)
    size = 1
    for key in keys:
        size *= max(1, len(options[key]))
        if size > 20000:
            return []
    found: list[dict[int, Reading]] = []
    for combination in itertools.product(*(options[k] for k in keys)):
        chosen = dict(zip(keys, combination, strict=True))
        table = [fixed.get(i) or chosen.get(i) or (None,) * 7 for i in range(nrows)]
        if table_check(table):
            found.append(chosen)
            if len(found) > recover.MAX_CANDIDATES:
                break
    return found


def _t3_layout_votes(region: Sequence[Line]) -> dict[FormatCode, int]:
    text = "".join(line.compact for line in region)
    votes: dict[FormatCode, int] = {FMT_2019: 0, FMT_2021: 0}
    if "逾期不补正" in text or "收费通知" in text:
        votes[FMT_2021] += 2
    return votes


def parse_t3(region: Sequence[Line], default: FormatCode) -> TableResult:
    observed = _t3_observed_rows(region)
    votes = _t3_layout_votes(region)
    if _is_stream(observed):
        return _parse_t3_stream(observed, votes, default)
    # The layout is chosen on the rows that print numbers; rows printed blank (label
    # only) then take their places.
    best: tuple[float, FormatCode, list[int | None]] | None = None
    for code in (FMT_2019, FMT_2021):
        score, matched = _align(observed, get_format(code).t3_rows)
        score += votes[code]
        if len(observed) == len(get_format(code).t3_rows):
            score += 0.5
        if code == default:
            score += 0.01
        if best is None or score > best[0]:
            best = (score, code, matched)
    assert best is not None
    _, layout, matched = best
    rows = get_format(layout).t3_rows
    with_blank_rows = _t3_observed_rows(region, blank_rows=True)
    if len(with_blank_rows) > len(observed):
        observed = with_blank_rows
        _, matched = _align(observed, rows)
    notes: list[Finding] = []
    values = empty_t3(layout)
    centers = _column_centers(observed, 7) or _header_centers(region, observed)
    fixed: dict[int, Reading] = {}
    options: dict[int, list[Reading]] = {}
    for index, (row, obs_index) in enumerate(zip(rows, matched, strict=True)):
        if obs_index is None:
            continue
        readings, recovered = _row_readings(observed[obs_index], 7, _t3_row_check, centers, [7])
        if len(readings) == 1:
            fixed[index] = readings[0]
            if recovered:
                notes.append(_recovered_note("T3", row.code, readings[0], observed[obs_index].line))
        elif readings:
            options[index] = readings
        else:
            notes.append(_ambiguous_note("T3", row.code, [], observed[obs_index].line))
    if options:
        _resolve_options(fixed, options, rows, _t3_table_check(rows), notes, table="T3")
    for index, reading in fixed.items():
        for column, value in zip(values[rows[index].code], reading, strict=True):
            values[rows[index].code][column] = value
    notes.extend(_t3_label_notes(observed, rows, matched))
    rows_found = sum(1 for m in matched if m is not None)
    for row, obs_index in zip(rows, matched, strict=True):
        if obs_index is None and observed:
            notes.append(
                _note(
                    "L4",
                    "warning",
                    f"表三未找到“{row.full_label}”行，按空白处理",
                    f"Table 3 row {row.code} was not found; read as blank",
                    table="T3",
                    row=row.code,
                )
            )
    used = {m for m in matched if m is not None}
    for i, obs in enumerate(observed):
        if i not in used:
            notes.append(
                _note(
                    "L3",
                    "warning",
                    f"表三中“{obs.label or obs.line.text}”一行不属于{layout}格式，已忽略{_line_ref(obs.line)}",
                    f"Table 3 line '{obs.label}' is not a row of {layout}; ignored{_line_ref_en(obs.line)}",
                    table="T3",
                )
            )
    return TableResult(layout, values, notes, rows_found)


def _ambiguous_note(table: str, row: str, readings: Sequence[Reading], line: Line | None) -> Finding:
    shown = "；".join(f"[{_show_reading(r)}]" for r in readings[:5])
    more = f" 等{len(readings)}种" if len(readings) > 5 else ""
    if readings:
        message = f"{table} {row} 行的数字无法唯一确定{_line_ref(line)}，可能为：{shown}{more}；已按空白处理"
        message_en = (
            f"{table} row {row} cannot be read unambiguously{_line_ref_en(line)}; "
            f"candidates: {shown}; left blank"
        )
    else:
        message = f"{table} {row} 行的数字无法与表格列对应{_line_ref(line)}；已按空白处理"
        message_en = f"{table} row {row}: the numbers do not fit the columns{_line_ref_en(line)}; left blank"
    return _note(
        "R2", "error", message, message_en, table=table, row=row, found=[list(r) for r in readings[:5]]
    )


def _recovered_note(table: str, row: str, reading: Reading, line: Line | None) -> Finding:
    return _note(
        "R1",
        "warning",
        f"{table} {row} 行的单元格边界缺失{_line_ref(line)}，已根据勾稽关系唯一还原为 [{_show_reading(reading)}]",
        f"{table} row {row} lost its cell boundaries{_line_ref_en(line)}; the identities "
        f"allow only [{_show_reading(reading)}]",
        table=table,
        row=row,
        found=list(reading),
    )


def _resolve_options(
    fixed: dict[int, Reading],
    options: dict[int, list[Reading]],
    rows: Sequence[Row],
    table_check: Callable[[list[Reading]], bool],
    notes: list[Finding],
    *,
    table: str,
) -> None:
    combinations = _choose(fixed, options, len(rows), table_check)
    for index, readings in options.items():
        agreed = {combo[index] for combo in combinations}
        if len(agreed) == 1:
            reading = agreed.pop()
            fixed[index] = reading
            notes.append(_recovered_note(table, rows[index].code, reading, None))
        else:
            candidates = sorted(agreed, key=str) if agreed else readings
            notes.append(_ambiguous_note(table, rows[index].code, candidates, None))


def _parse_t3_stream(
    observed: Sequence[RowText], votes: dict[FormatCode, int], default: FormatCode
) -> TableResult:
    tokens = [v for row in observed for v in row.values if not v.is_blank]
    numbers = [labels.parse_number(t.text) for t in tokens]
    layouts = [code for code in (FMT_2021, FMT_2019) if len(get_format(code).t3_rows) * 7 == len(numbers)]
    notes: list[Finding] = []
    if not layouts:
        layout = FMT_2021 if votes[FMT_2021] > 0 else default
        values = empty_t3(layout)
        notes.append(
            _note(
                "R2",
                "error",
                f"表三每行一个数字地排列，共 {len(numbers)} 个数字，与 161（2019 格式）或 175（2021 格式）个单元格都不符，"
                "空白单元格已丢失，无法确定各数字所在位置；表三按空白处理",
                f"Table 3 is printed one number per line with {len(numbers)} numbers, which is "
                "neither 161 (FMT_2019) nor 175 (FMT_2021) cells: blank cells were lost, so the "
                "cells cannot be placed; table 3 left blank",
                table="T3",
                found=len(numbers),
                expected=[161, 175],
            )
        )
        return TableResult(layout, values, notes, 0)
    layout = layouts[0]
    rows = get_format(layout).t3_rows
    table_check = _t3_table_check(rows)
    in_order: list[Reading] = [tuple(numbers[i * 7 : (i + 1) * 7]) for i in range(len(rows))]
    if all(_t3_row_check(r) for r in in_order) and table_check(in_order):
        table = in_order
    else:
        tables = recover.block_orders(numbers, len(rows), 7, _t3_row_check, table_check)
        distinct = {tuple(t) for t in tables}
        if len(distinct) == 1:
            table = list(distinct.pop())
            notes.append(
                _note(
                    "R1",
                    "warning",
                    "表三的数字按行读取不满足勾稽关系；部分行的数字是按列排列的，已根据勾稽关系唯一还原",
                    "Table 3 numbers read row by row fail the identities; some blocks of rows "
                    "were printed column by column and were restored (the only order the "
                    "identities allow)",
                    table="T3",
                )
            )
        elif not distinct:
            table = in_order
            notes.append(
                _note(
                    "R3",
                    "warning",
                    "表三每行一个数字地排列，无法用勾稽关系确认数字顺序，已按行依次读取",
                    "Table 3 is printed one number per line and no order satisfies the "
                    "identities; read row by row as printed",
                    table="T3",
                )
            )
        else:
            values = empty_t3(layout)
            notes.append(
                _note(
                    "R2",
                    "error",
                    f"表三的数字顺序有 {len(distinct)} 种符合勾稽关系的读法，无法唯一确定；表三按空白处理",
                    f"Table 3: {len(distinct)} orders of the numbers satisfy the identities; left blank",
                    table="T3",
                    found=len(distinct),
                )
            )
            return TableResult(layout, values, notes, 0)
    values = empty_t3(layout)
    for row, reading in zip(rows, table, strict=True):
        values[row.code] = dict(zip(values[row.code], reading, strict=True))
    return TableResult(layout, values, notes, len(rows))


_T3_ENUMERATOR_NUMERAL = re.compile(r"^[(（]?([一二三四五六七八九十\d]+)")


def _t3_label_notes(
    observed: Sequence[RowText], rows: Sequence[Row], matched: Sequence[int | None]
) -> list[Finding]:
    notes: list[Finding] = []
    for row, index in zip(rows, matched, strict=True):
        if index is None:
            continue
        obs = observed[index]
        if not obs.label:
            continue
        label = obs.last_label
        printed = _T3_ENUMERATOR_NUMERAL.match(labels.leading_enumerator(label))
        expected = _T3_ENUMERATOR_NUMERAL.match(labels.compact(row.enumerator))
        if printed and expected and printed.group(1) != expected.group(1) and row.enumerator:
            notes.append(
                _note(
                    "L1",
                    "warning",
                    f"表三“{obs.last_label}”一行的序号应为“{row.enumerator}”，按其内容读作“{row.enumerator}{row.label}”{_line_ref(obs.line)}",
                    f"Table 3 row labelled '{obs.last_label}' should be numbered "
                    f"'{row.enumerator}'; read as {row.code} by its content{_line_ref_en(obs.line)}",
                    table="T3",
                    row=row.code,
                    expected=row.enumerator,
                    found=labels.leading_enumerator(label),
                )
            )
        normalized = labels.normalize(label)
        official = [labels.normalize(row.label), *(labels.normalize(a) for a in row.aliases)]
        full = labels.normalize(obs.label)
        if (
            normalized
            and not any(o in normalized or o in full for o in official)
            and not any(normalized in o for o in official if len(normalized) >= 4)
        ):
            best = max(labels.similarity(normalized, o) for o in official)
            if best >= 0.6:
                notes.append(
                    _note(
                        "L2",
                        "warning",
                        f"表三“{obs.last_label}”与法定行名“{row.label}”不一致{_line_ref(obs.line)}",
                        f"Table 3 label '{obs.last_label}' differs from the statutory "
                        f"'{row.label}'{_line_ref_en(obs.line)}",
                        table="T3",
                        row=row.code,
                        expected=row.label,
                        found=obs.last_label,
                    )
                )
    return notes


# --- table 四 -----------------------------------------------------------------------------


def _t4_group_check(group: Sequence[Value]) -> bool:
    parts = sum(v for v in group[:4] if v is not None)
    total = group[4]
    if total is None:
        return parts == 0 and all(v is None for v in group[:4])
    return total == parts


def _t4_row_check(reading: Sequence[Value]) -> bool:
    return all(_t4_group_check(reading[i : i + 5]) for i in range(0, 15, 5))


def parse_t4(region: Sequence[Line]) -> TableResult:
    notes: list[Finding] = []
    values = empty_t4()
    group_codes = list(values)
    rows = [split_row(line, 15) for line in region if not line.is_blank]
    reading: Reading | None = None
    complete = [r for r in rows if r.complete and any(not v.is_blank for v in r.values)]
    data_rows = [r for r in rows if any(not v.is_blank for v in r.values)]
    if complete:
        reading = tuple(_value(v) for v in complete[0].values)
        data_line: Line | None = complete[0].line
    else:
        tokens = [v for r in data_rows for v in r.values if not v.is_blank]
        data_line = data_rows[0].line if data_rows else None
        stream = len(data_rows) > 1 and all(len(r.values) <= 5 for r in data_rows)
        texts = [t.text for t in tokens]
        clean = all(recover.is_clean_token(t) for t in texts)
        if not tokens:
            # A ruled table 四 with every figure left blank: its data row is a grid line
            # of fifteen empty cells. The table is there, blank — not missing.
            if any(line.grid and len(line.cells) >= 15 and line.is_blank for line in region):
                return TableResult(FMT_2021, values, notes, 1)
            return TableResult(FMT_2021, values, notes, 0)
        if clean and len(tokens) == 15:
            numbers = [labels.parse_number(t) for t in texts]
            in_order: Reading = tuple(numbers)
            # A one-line row is read as printed; only a one-number-per-line stream may
            # have been shuffled.
            reading = in_order if _t4_row_check(in_order) or not stream else _t4_from_stream(numbers, notes)
        else:
            single = RowText("", "", tokens, False, data_line or region[0])
            centers = _t4_centers(region)
            readings, recovered = _row_readings(single, 15, _t4_row_check, centers, [5, 5, 5])
            if len(readings) == 1:
                reading = readings[0]
                if recovered:
                    notes.append(_recovered_note("T4", "RV/LD/LR", reading, data_line))
            else:
                notes.append(_ambiguous_note("T4", "RV/LD/LR", readings, data_line))
    if reading is not None:
        for i, code in enumerate(group_codes):
            values[code] = dict(zip(values[code], reading[i * 5 : i * 5 + 5], strict=True))
    return TableResult(FMT_2021, values, notes, 1 if reading is not None else 0)


_T4_HEADER_WORDS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果", "其他", "尚未", "总")


def _t4_centers(region: Sequence[Line]) -> list[float] | None:
    """Column centres of a laid-out table 四 from its header words.

    Narrow columns wrap their headers ("结果" above "维持"), so the first fragment of each
    header is collected and the fragments are grouped by position: fifteen groups, well
    apart from each other, are the fifteen columns.
    """
    centers: list[float] = []
    for line in region:
        if any(cell.is_number for cell in line.cells):
            break
        for cell in line.cells:
            if cell.x is None:
                continue
            width = (cell.width or len(cell.text)) / max(1, len(cell.text))
            offset = 0
            for word in cell.text.split(" "):
                start = cell.text.index(word, offset) if word else offset
                offset = start + len(word) + 1
                if labels.compact(word) in _T4_HEADER_WORDS:
                    centers.append(cell.x + (start + len(word) / 2) * width)
    if len(centers) < 15:
        return None
    centers.sort()
    gaps = sorted(range(1, len(centers)), key=lambda i: centers[i] - centers[i - 1], reverse=True)
    cuts = sorted(gaps[:14])
    inner = max((centers[i] - centers[i - 1] for i in gaps[14:]), default=0.0)
    if min(centers[i] - centers[i - 1] for i in cuts) <= 2 * inner:
        return None  # the positions do not fall into fifteen clear columns
    groups = [centers[a:b] for a, b in zip([0, *cuts], [*cuts, len(centers)], strict=True)]
    return [sum(group) / len(group) for group in groups]


def _t4_from_stream(numbers: list[Number], notes: list[Finding]) -> Reading | None:
    ways = recover.interleavings(numbers, 3, 5, _t4_group_check)
    # Numbers printed next to each other usually come from the same group: among the
    # splits the identities allow, keep those with the fewest runs.
    fewest = min((recover.runs(way) for way in ways), default=0)
    readings = {
        tuple(numbers[i] for group in way for i in group) for way in ways if recover.runs(way) == fewest
    }
    if len(readings) == 1:
        reading = readings.pop()
        notes.append(
            _note(
                "R1",
                "warning",
                "表四每行一个数字地排列且顺序错乱，已根据勾稽关系唯一还原各组数字",
                "Table 4 is printed one number per line out of order; the groups were "
                "restored as the only split the identities allow",
                table="T4",
                found=list(reading),
            )
        )
        return reading
    if not readings:
        notes.append(
            _note(
                "R3",
                "warning",
                "表四每行一个数字地排列，无法用勾稽关系确认顺序，已按出现顺序读取",
                "Table 4 is printed one number per line and no order satisfies the "
                "identities; read in the order printed",
                table="T4",
            )
        )
        return tuple(numbers)
    notes.append(_ambiguous_note("T4", "RV/LD/LR", sorted(readings, key=str), None))
    return None


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
                    _note(
                        "L3",
                        "warning",
                        f"表二“{row.label}”一行不属于{layout}格式，已忽略{_line_ref(line)}",
                        f"Table 2 row '{row.label}' is not part of {layout}; ignored{_line_ref_en(line)}",
                        table="T2",
                        row=row.code,
                    )
                )
                continue
            columns = fmt.t2_columns_of(row.code)
            row_text = split_row(line, len(columns))
            present = [v for v in row_text.values if not v.is_blank]
            notes.extend(
                _note(
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
                _store_t2(values, row.code, tuple(_value(v) for v in present))
                filled.add(row.code)
            elif present:
                readings = recover.split_candidates([v.text for v in present], len(columns), lambda r: True)
                if len(readings) == 1:
                    _store_t2(values, row.code, readings[0])
                    filled.add(row.code)
                else:
                    notes.append(_ambiguous_note("T2", row.code, readings, line))
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
                        values, row.code, tuple(_value(v) for v in numbers[position : position + width])
                    )
                    position += width
                    filled.add(row.code)
            elif numbers:
                for row, line in labelled:
                    notes.append(
                        _note(
                            "R2",
                            "error",
                            f"表二“{row.label}”行的数字与标签分离，且数字个数（{len(numbers)}）与单元格数（{needed}）不符，无法对应{_line_ref(line)}；已按空白处理",
                            f"Table 2 row {row.code}: labels and numbers are apart and "
                            f"{len(numbers)} numbers do not fit {needed} cells{_line_ref_en(line)}; left blank",
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
                _note(
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
    return tuple(_value(c) for c in cells)


def _store_t2(values: dict[str, dict[str, Value]], row: str, reading: Reading) -> None:
    for column, value in zip(values[row], reading, strict=True):
        values[row][column] = value


# --- title, year, narrative ---------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_BODY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|管理委员会|管委会|局|厅|部|署|委|办|院|中心|街道办事处|街道|镇|乡|所|站|队|会)$"
)


def _title_lines(lines: Sequence[Line], end: int) -> list[str]:
    title: list[str] = []
    for line in lines[:end]:
        text = line.compact
        if not text:
            continue
        if len(text) > 40 or text.startswith(("本报告", "本年度报告", "根据", "按照")):
            break
        title.append(text)
        if "报告" in text or "年报" in text:
            break
    return title


# The name of the document, which follows the body's name in a title:
# "政府信息公开工作年度报告", "政务公开年度报告", "信息公开年报" …
_REPORT_NAME = re.compile(r"(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?度?")


def _organization_in_title(title: str) -> str | None:
    """The body's name in a title: what precedes the year, or else what precedes the
    document's name ("2020柯桥区政府信息公开年度报告" -> "柯桥区")."""
    title = re.sub(r"^关于", "", title)
    year = _TITLE_YEAR.search(title)
    parts = [title[: year.start()], title[year.end() :]] if year else [title]
    for part in parts:
        name = _REPORT_NAME.split(part)[0]
        name = re.sub(r"(?:关于|的)$", "", name).strip(" ：:，,、（）()")
        if name:
            return name
    return None


def read_title(lines: Sequence[Line], first_heading: int) -> tuple[str | None, int | None]:
    """The body's name and the report year, from the title above the first section."""
    title_lines = _title_lines(lines, first_heading)
    title = "".join(title_lines)
    year: int | None = None
    match = _YEAR.search(title)
    if match:
        year = int(match.group(1))
    intro = "".join(line.compact for line in lines[:first_heading])
    if year is None:
        period = re.search(r"统计期限.{0,6}?((?:19|20)\d{2})年", intro) or re.search(
            r"((?:19|20)\d{2})年度?政府信息公开", intro
        )
        if period:
            year = int(period.group(1))
    organization = _organization_in_title(title)
    if organization and not _BODY_SUFFIX.search(organization):
        # "2020柯桥区政府信息公开年度报告": the title names a place; the body's full name
        # (绍兴市柯桥区人民政府) is in the introduction.
        fuller = re.search(
            r"([\u4e00-\u9fff]{0,12}" + re.escape(organization) + r"[\u4e00-\u9fff]{0,12}?人民政府)",
            intro,
        )
        if fuller:
            organization = fuller.group(1)
            # The match may start inside the sentence before the name ("…办公室本年度
            # 报告结合某某市某某区人民政府…"): keep what follows the last lead-in word.
            for lead_in in ("结合", "根据", "报告由"):
                if lead_in in organization:
                    organization = organization[organization.rindex(lead_in) + len(lead_in) :]
            for prefix in ("结合", "根据", "由", "是"):
                if organization.startswith(prefix):
                    organization = organization[len(prefix) :]
    return organization, year


_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）", ")", "!", "?", ";", ":")
_PARAGRAPH_START = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[、.．]|第[一二三四五六七八九十]+)"
)


def assemble_paragraphs(lines: Sequence[Line], kind: str, margin: float | None = None) -> str:
    """Narrative text: one paragraph per line where the source keeps paragraphs (web
    pages, Word), lines re-joined where a PDF wrapped them. ``margin`` is the left edge of
    the document's text lines, for sections whose lines all start at one indent."""
    texts = [(line, line.text.strip()) for line in lines if not line.is_blank]
    texts = [(line, text) for line, text in texts if not labels.is_page_footer(text)]
    if not texts:
        return ""
    wrapped = kind in ("pdf", "layout", "raw")
    if kind == "text":
        ends = sum(1 for _, text in texts if text.endswith(_SENTENCE_END))
        wrapped = len(texts) >= 4 and ends < 0.6 * len(texts)
    if not wrapped:
        return "\n".join(text for _, text in texts)
    indents = [line.indent for line, _ in texts if line.indent is not None]
    base = min(indents) if indents else None
    if base is not None and margin is not None and max(indents) - base <= 1 and base > margin + 6:
        # Every line starts at the same indent, well in from the text margin: one-line
        # paragraphs, each indented. Measured from the section alone, none would start.
        base = margin
    paragraphs: list[str] = []
    for line, text in texts:
        starts = not paragraphs
        if not starts and base is not None and line.indent is not None:
            starts = line.indent > base + 1.5 if kind != "pdf" else line.indent > base + 6
        elif not starts:
            starts = paragraphs[-1].endswith(_SENTENCE_END[:3]) or bool(_PARAGRAPH_START.match(text))
        if starts:
            paragraphs.append(text)
        else:
            joiner = " " if paragraphs[-1][-1:].isascii() and text[:1].isascii() else ""
            paragraphs[-1] = paragraphs[-1] + joiner + text
    return "\n".join(paragraphs)


def _text_margin(lines: Sequence[Line]) -> float | None:
    """The left edge of the text lines (one cell, outside tables), where positions are known."""
    edges = [
        line.indent
        for line in lines
        if line.indent is not None and len(line.cells) == 1 and not line.grid and not line.in_table
    ]
    return min(edges) if edges else None


# --- the whole report ---------------------------------------------------------------------


def _unplaceable(table: TableResult, *, whole_table_rows: tuple[str | None, ...] = (None,)) -> bool:
    """The table was found, but an R2 error says its numbers cannot be placed at all (a
    row-level R2 in a table with few rows is no such proof: the rest may be cut off)."""
    return any(
        note.rule == "R2" and note.severity == "error" and note.row in whole_table_rows
        for note in table.notes
    )


def interpret(document: Document) -> AnnualReport:
    lines = [
        line
        for line in document.lines
        if not (len(line.cells) == 1 and labels.is_page_footer(line.cells[0].text))
    ]
    sections = find_sections(lines)
    found_names = [_SECTION_NAMES_ZH[name] for name in sections.order]
    table_names = [name for name in ("T2", "T3", "T4") if name in sections.starts]
    if not table_names:
        preview = "".join(line.compact for line in lines[:3])[:40]
        raise ReportReadError(
            "不是政府信息公开工作年度报告：未找到表二、表三、表四 (not an annual report: none of "
            "tables 2, 3 and 4 was found)",
            source=document.source,
            found=[f"开头为“{preview}”" if preview else "空文件 (empty input)"],
            missing=[_SECTION_NAMES_ZH[name] for name in ("T2", "T3", "T4")],
        )
    first = min(sections.starts.values())
    organization, year = read_title(lines, max(first, 0))
    default = format_for_year(year) if year is not None else FMT_2021

    t2 = parse_t2(sections.region("T2", lines), default) if "T2" in sections.starts else None
    t3 = parse_t3(sections.region("T3", lines), default) if "T3" in sections.starts else None
    t4 = parse_t4(sections.region("T4", lines)) if "T4" in sections.starts else None
    missing = []
    if t2 is None or t2.rows_found == 0:
        missing.append(_SECTION_NAMES_ZH["T2"])
    # A table that was found but whose numbers cannot be placed (R2) is not missing: the
    # report is read with that table blank and the R2 error says why.
    if t3 is None or (t3.rows_found < 10 and not _unplaceable(t3)):
        missing.append(_SECTION_NAMES_ZH["T3"])
    # Table 四 is read as one row of 15 cells: an R2 on it is about the whole table.
    if t4 is None or (t4.rows_found == 0 and not _unplaceable(t4, whole_table_rows=(None, "RV/LD/LR"))):
        missing.append(_SECTION_NAMES_ZH["T4"])
    if missing:
        raise ReportReadError(
            "年度报告不完整或被截断 (the report is incomplete or cut short)",
            source=document.source,
            found=found_names or ["无章节标题 (no section headings)"],
            missing=missing,
        )
    assert t2 is not None and t3 is not None and t4 is not None

    layouts: dict[str, FormatCode] = {"T2": t2.layout, "T3": t3.layout}
    if t2.layout == t3.layout:
        report_format = t2.layout
    elif year is not None:
        report_format = format_for_year(year)
    else:
        report_format = t2.layout
    layouts["T4"] = report_format
    report = AnnualReport(
        format=report_format,
        layouts=layouts,
        organization=organization,
        year=year,
        tables={"T2": t2.values, "T3": t3.values, "T4": t4.values},
        sections={
            name: assemble_paragraphs(
                sections.region(name, lines),
                document.kind,
                _text_margin(lines) if document.kind == "pdf" else None,
            )
            for name in ("overview", "problems", "other_matters")
        },
        notes=[*t2.notes, *t3.notes, *t4.notes],
    )
    for name in ("overview", "problems", "other_matters"):
        if name not in sections.starts:
            report.notes.append(
                _note(
                    "N1",
                    "warning",
                    f"未找到“{_SECTION_NAMES_ZH[name]}”部分",
                    f"Section '{_SECTION_NAMES_ZH[name]}' was not found",
                )
            )
    return report
