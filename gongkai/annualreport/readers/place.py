"""Placing numbers in columns: by position where known, otherwise every reading the identities allow."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from gongkai.annualreport import labels
from gongkai.annualreport.formats import (
    FormatCode,
    Row,
)
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.model import Finding, Number
from gongkai.annualreport.readers import recover
from gongkai.annualreport.readers.notes import (
    Reading,
    ambiguous_note,
    recovered_note,
)
from gongkai.annualreport.readers.rows import RowText, cell_value


@dataclass
class TableResult:
    layout: FormatCode
    values: dict[str, dict[str, Value]]
    notes: list[Finding]
    rows_found: int


def column_centers(observed: Sequence[RowText], width: int) -> list[float] | None:
    """Column positions of a laid-out table, from its rows that print every cell."""
    columns: list[list[float]] = [[] for _ in range(width)]
    for row in observed:
        if len(row.values) == width and all(v.center is not None for v in row.values):
            for i, value in enumerate(row.values):
                columns[i].append(float(value.center))  # type: ignore[arg-type]
    if not columns[0]:
        return None
    return [median(c) for c in columns]


def row_readings(
    row: RowText,
    width: int,
    check: recover.RowCheck,
    centers: list[float] | None,
    sum_groups: Sequence[int] | None = None,
) -> tuple[list[Reading], bool]:
    """The possible readings of a row, and whether they were recovered (not as printed)."""
    if row.complete:
        return [tuple(cell_value(v) for v in row.values)], False
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


def choose(
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


Vector = tuple[Number, ...]
# Bounds on the search of table 三's readings; real tables stay far below them.
_MAX_PARTIAL_SUMS = 100_000
_MAX_FRAME_COMBINATIONS = 5_000


def _vector(reading: Reading) -> Vector:
    return tuple(0 if value is None else value for value in reading)


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _sub(a: Vector, b: Vector) -> Vector:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def t3_consistent_readings(
    candidates: Sequence[Sequence[Reading]], rows: Sequence[Row]
) -> list[set[Reading]] | None:
    """For each row of table 三, the readings that belong to at least one reading of the
    whole table passing I1 and I2 in every column (None when the search is too large).

    The outcome rows add up, column by column, to （七）总计: the partial sums reachable
    after each outcome row (forwards) are met with the partial sums from which the total
    can still be reached (backwards), so rows with several readings each are searched in
    time proportional to the distinct sums, not to the product of their readings.
    """
    codes = [row.code for row in rows]
    frame = [codes.index(code) for code in ("R1", "R2", "R3_7", "R4")]
    outcome = [i for i, code in enumerate(codes) if code.startswith("R3_") and code != "R3_7"]
    width = len(candidates[frame[0]][0]) if candidates[frame[0]] else 7
    zero: Vector = (0,) * width
    forward: list[set[Vector]] = [{zero}]
    for index in outcome:
        sums = {_add(s, _vector(c)) for s in forward[-1] for c in candidates[index]}
        if len(sums) > _MAX_PARTIAL_SUMS:
            return None
        forward.append(sums)
    valid: list[set[Reading]] = [set() for _ in candidates]
    combinations = 0
    for r1, r2, r37, r4 in itertools.product(*(candidates[i] for i in frame)):
        combinations += 1
        if combinations > _MAX_FRAME_COMBINATIONS:
            return None
        target = _vector(r37)
        if _add(_vector(r1), _vector(r2)) != _add(target, _vector(r4)) or target not in forward[-1]:
            continue
        for index, reading in zip(frame, (r1, r2, r37, r4), strict=True):
            valid[index].add(reading)
        # Backwards: the partial sums after each outcome row from which the total is reached.
        reach: list[set[Vector]] = [set() for _ in forward]
        reach[-1] = {target}
        for k in range(len(outcome) - 1, -1, -1):
            reach[k] = {
                before
                for after in reach[k + 1]
                for c in candidates[outcome[k]]
                if (before := _sub(after, _vector(c))) in forward[k]
            }
        for k, index in enumerate(outcome):
            for reading in candidates[index]:
                step = _vector(reading)
                if any(_add(s, step) in reach[k + 1] for s in reach[k]):
                    valid[index].add(reading)
    return valid


def resolve_options(
    fixed: dict[int, Reading],
    options: dict[int, list[Reading]],
    rows: Sequence[Row],
    table_check: Callable[[list[Reading]], bool],
    notes: list[Finding],
    *,
    table: str,
) -> None:
    agreed_by_row: dict[int, set[Reading]] | None = None
    if table == "T3":
        blank: Reading = (None,) * 7
        candidates = [[fixed[i]] if i in fixed else options.get(i) or [blank] for i in range(len(rows))]
        valid = t3_consistent_readings(candidates, rows)
        if valid is not None:
            agreed_by_row = {index: valid[index] for index in options}
    if agreed_by_row is None:
        combinations = choose(fixed, options, len(rows), table_check)
        agreed_by_row = {index: {combo[index] for combo in combinations} for index in options}
    for index, readings in options.items():
        agreed = agreed_by_row[index]
        if len(agreed) == 1:
            reading = agreed.pop()
            fixed[index] = reading
            notes.append(recovered_note(table, rows[index].code, reading, None))
        else:
            candidates_shown = sorted(agreed, key=str) if agreed else readings
            notes.append(ambiguous_note(table, rows[index].code, candidates_shown, None))
