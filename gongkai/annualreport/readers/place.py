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
from gongkai.annualreport.model import Finding
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


def resolve_options(
    fixed: dict[int, Reading],
    options: dict[int, list[Reading]],
    rows: Sequence[Row],
    table_check: Callable[[list[Reading]], bool],
    notes: list[Finding],
    *,
    table: str,
) -> None:
    combinations = choose(fixed, options, len(rows), table_check)
    for index, readings in options.items():
        agreed = {combo[index] for combo in combinations}
        if len(agreed) == 1:
            reading = agreed.pop()
            fixed[index] = reading
            notes.append(recovered_note(table, rows[index].code, reading, None))
        else:
            candidates = sorted(agreed, key=str) if agreed else readings
            notes.append(ambiguous_note(table, rows[index].code, candidates, None))
