"""Table 四: one row of fifteen cells in three groups of five."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.formats import (
    FMT_2021,
)
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.model import Finding, Number, empty_t4
from gongkai.annualreport.readers import recover
from gongkai.annualreport.readers.document import Line
from gongkai.annualreport.readers.notes import (
    Reading,
    ambiguous_note,
    note,
    recovered_note,
)
from gongkai.annualreport.readers.place import (
    TableResult,
    row_readings,
)
from gongkai.annualreport.readers.rows import RowText, cell_value, split_row

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
        reading = tuple(cell_value(v) for v in complete[0].values)
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
            readings, recovered = row_readings(single, 15, _t4_row_check, centers, [5, 5, 5])
            if len(readings) == 1:
                reading = readings[0]
                if recovered:
                    notes.append(recovered_note("T4", "RV/LD/LR", reading, data_line))
            else:
                notes.append(ambiguous_note("T4", "RV/LD/LR", readings, data_line))
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
            note(
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
            note(
                "R3",
                "warning",
                "表四每行一个数字地排列，无法用勾稽关系确认顺序，已按出现顺序读取",
                "Table 4 is printed one number per line and no order satisfies the "
                "identities; read in the order printed",
                table="T4",
            )
        )
        return tuple(numbers)
    notes.append(ambiguous_note("T4", "RV/LD/LR", sorted(readings, key=str), None))
    return None
