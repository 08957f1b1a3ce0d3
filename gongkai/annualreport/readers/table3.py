"""Table 三: rows aligned with the format's rows by order and label, numbers placed by position or identities."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.formats import (
    FMT_2019,
    FMT_2021,
    FORMATS,
    T3_PART_COLUMNS,
    FormatCode,
    Row,
    get_format,
)
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.model import Finding, empty_t3
from gongkai.annualreport.readers import recover
from gongkai.annualreport.readers.document import Cell, Line
from gongkai.annualreport.readers.notes import (
    Reading,
    ambiguous_note,
    line_ref,
    line_ref_en,
    note,
    recovered_note,
)
from gongkai.annualreport.readers.place import (
    TableResult,
    column_centers,
    resolve_options,
    row_readings,
)
from gongkai.annualreport.readers.rows import RowText, align, split_row

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


_ALL_T3_ROWS: tuple[Row, ...] = tuple(
    {row.code: row for fmt in FORMATS.values() for row in fmt.t3_rows}.values()
)


def _is_t3_row_label(text: str, rows: Sequence[Row] = _ALL_T3_ROWS) -> bool:
    normalized = labels.normalize(text)
    if not normalized:
        return False
    return any(labels.similarity(normalized, labels.normalize(r.label)) >= 0.8 for r in rows)


def _t3_observed_rows(
    region: Sequence[Line], *, blank_rows: bool = False, rows: Sequence[Row] = _ALL_T3_ROWS
) -> list[RowText]:
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
                if _is_t3_row_label(p.last_label, rows) and _is_t3_row_label(p.label, rows)
            )

    previous: RowText | None = None  # the row the line just before made, if any
    for line in region:
        if line.is_blank:
            continue
        row = split_row(line, 7)
        has_numbers = any(not v.is_blank for v in row.values)
        if has_numbers or (row.complete and _is_t3_row_label(row.last_label, rows)):
            if not row.label and pending:
                row.label = labels.compact("".join(p.label for p in pending))
                row.last_label = labels.compact(pending[-1].label)
            elif not row.label and has_numbers and previous is not None and _all_blank(previous):
                # A label in one row and its numbers in the next (Markdown made from a PDF):
                # the blank labelled row and the unlabelled numbers are one row.
                row.label, row.last_label = previous.label, previous.last_label
                observed.pop()
            else:
                flush_blank_rows()
            observed.append(row)
            pending = []
            previous = row
        else:
            previous = None
            if row.label:
                pending.append(row)
    flush_blank_rows()
    return observed


def _all_blank(row: RowText) -> bool:
    return bool(row.label) and row.complete and all(v.is_blank for v in row.values)


def _is_stream(observed: Sequence[RowText]) -> bool:
    """One number per line, as plain pdftotext prints a table. A line that holds its label
    and one run of digits is a row whose cells ran together, not a stream."""
    if not observed:
        return False
    singles = sum(
        1
        for row in observed
        if len(row.values) == 1
        and not row.complete
        and row.line.compact == labels.compact(row.values[0].text)
    )
    return singles >= 0.8 * len(observed) and len(observed) >= 20


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


def _t3_layout_votes(region: Sequence[Line]) -> dict[FormatCode, int]:
    text = "".join(line.compact for line in region)
    votes: dict[FormatCode, int] = {FMT_2019: 0, FMT_2021: 0}
    if "逾期不补正" in text or "收费通知" in text:
        votes[FMT_2021] += 2
    return votes


def _choose_layout(
    observed: Sequence[RowText], votes: dict[FormatCode, int], default: FormatCode
) -> tuple[FormatCode, list[int | None]]:
    """The layout whose rows the printed rows (those with numbers) align with best, and
    that alignment."""
    best: tuple[float, FormatCode, list[int | None]] | None = None
    for code in (FMT_2019, FMT_2021):
        score, matched = align(observed, get_format(code).t3_rows)
        score += votes[code]
        if len(observed) == len(get_format(code).t3_rows):
            score += 0.5
        if code == default:
            score += 0.01
        if best is None or score > best[0]:
            best = (score, code, matched)
    assert best is not None
    return best[1], best[2]


def _rows_in_layout(region: Sequence[Line], rows: Sequence[Row]) -> list[RowText]:
    """The printed rows once the layout is known: rows printed blank (label only) take
    their places, and a group heading printed as a row of its own ("（六）其他处理" above
    its three rows in the 2021 format) is a row only where the layout has such a row."""
    return _t3_observed_rows(region, blank_rows=True, rows=rows)


def _place_rows(
    observed: Sequence[RowText],
    rows: Sequence[Row],
    matched: Sequence[int | None],
    centers: list[float] | None,
    notes: list[Finding],
) -> dict[int, Reading]:
    """Each matched row's reading: the one its positions or identities allow, else (several
    readings) the one the table's identities leave, else an R2 note."""
    fixed: dict[int, Reading] = {}
    options: dict[int, list[Reading]] = {}
    for index, (row, obs_index) in enumerate(zip(rows, matched, strict=True)):
        if obs_index is None:
            continue
        readings, recovered = row_readings(observed[obs_index], 7, _t3_row_check, centers, [7])
        if len(readings) == 1:
            fixed[index] = readings[0]
            if recovered:
                notes.append(recovered_note("T3", row.code, readings[0], observed[obs_index].line))
        elif readings:
            options[index] = readings
        else:
            notes.append(ambiguous_note("T3", row.code, [], observed[obs_index].line))
    if options:
        resolve_options(fixed, options, rows, _t3_table_check(rows), notes, table="T3")
    return fixed


def _unmatched_notes(
    observed: Sequence[RowText], rows: Sequence[Row], matched: Sequence[int | None], layout: FormatCode
) -> list[Finding]:
    """L4 for the format's rows not printed, L3 for printed rows not in the format."""
    notes = [
        note(
            "L4",
            "warning",
            f"表三未找到“{row.full_label}”行，按空白处理",
            f"Table 3 row {row.code} was not found; read as blank",
            table="T3",
            row=row.code,
        )
        for row, obs_index in zip(rows, matched, strict=True)
        if obs_index is None and observed
    ]
    used = {m for m in matched if m is not None}
    notes.extend(
        note(
            "L3",
            "warning",
            f"表三中“{obs.label or obs.line.text}”一行不属于{layout}格式，已忽略{line_ref(obs.line)}",
            f"Table 3 line '{obs.label}' is not a row of {layout}; ignored{line_ref_en(obs.line)}",
            table="T3",
        )
        for i, obs in enumerate(observed)
        if i not in used
    )
    return notes


def parse_t3(region: Sequence[Line], default: FormatCode) -> TableResult:
    observed = _t3_observed_rows(region)
    votes = _t3_layout_votes(region)
    if _is_stream(observed):
        return _parse_t3_stream(observed, votes, default)
    # The layout is chosen on the rows that print numbers; the rows are then read again
    # against that layout's rows.
    layout, matched = _choose_layout(observed, votes, default)
    rows = get_format(layout).t3_rows
    in_layout = _rows_in_layout(region, rows)
    if [(r.label, r.line) for r in in_layout] != [(r.label, r.line) for r in observed]:
        observed = in_layout
        _, matched = align(observed, rows)
    notes: list[Finding] = []
    centers = column_centers(observed, 7) or _header_centers(region, observed)
    values = empty_t3(layout)
    for index, reading in _place_rows(observed, rows, matched, centers, notes).items():
        values[rows[index].code] = dict(zip(values[rows[index].code], reading, strict=True))
    notes.extend(_t3_label_notes(observed, rows, matched))
    notes.extend(_unmatched_notes(observed, rows, matched, layout))
    return TableResult(layout, values, notes, sum(1 for m in matched if m is not None))


def _parse_t3_stream(
    observed: Sequence[RowText], votes: dict[FormatCode, int], default: FormatCode
) -> TableResult:
    tokens = [v for row in observed for v in row.values if not v.is_blank]
    numbers = [labels.parse_number(t.text) for t in tokens]
    counts = {code: get_format(code).t3_cell_count for code in (FMT_2019, FMT_2021)}
    layouts = [code for code in (FMT_2021, FMT_2019) if counts[code] == len(numbers)]
    notes: list[Finding] = []
    if not layouts:
        layout = FMT_2021 if votes[FMT_2021] > 0 else default
        values = empty_t3(layout)
        notes.append(
            note(
                "R2",
                "error",
                f"表三每行一个数字地排列，共 {len(numbers)} 个数字，与 {counts[FMT_2019]}（2019 格式）或 "
                f"{counts[FMT_2021]}（2021 格式）个单元格都不符，空白单元格已丢失，无法确定各数字所在位置；表三按空白处理",
                f"Table 3 is printed one number per line with {len(numbers)} numbers, which is "
                f"neither {counts[FMT_2019]} (FMT_2019) nor {counts[FMT_2021]} (FMT_2021) cells: blank "
                "cells were lost, so the cells cannot be placed; table 3 left blank",
                table="T3",
                found=len(numbers),
                expected=[counts[FMT_2019], counts[FMT_2021]],
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
                note(
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
                note(
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
                note(
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
                note(
                    "L1",
                    "warning",
                    f"表三“{obs.last_label}”一行的序号应为“{row.enumerator}”，按其内容读作“{row.enumerator}{row.label}”{line_ref(obs.line)}",
                    f"Table 3 row labelled '{obs.last_label}' should be numbered "
                    f"'{row.enumerator}'; read as {row.code} by its content{line_ref_en(obs.line)}",
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
                    note(
                        "L2",
                        "warning",
                        f"表三“{obs.last_label}”与法定行名“{row.label}”不一致{line_ref(obs.line)}",
                        f"Table 3 label '{obs.last_label}' differs from the statutory "
                        f"'{row.label}'{line_ref_en(obs.line)}",
                        table="T3",
                        row=row.code,
                        expected=row.label,
                        found=obs.last_label,
                    )
                )
    return notes
