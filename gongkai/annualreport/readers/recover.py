"""Recovering table cells whose positions were lost, using the table's own identities.

Text extracted from PDFs loses cell boundaries in three ways that this module undoes:

* blank cells vanish, so a row prints fewer numbers than it has columns;
* the numbers of a row run together ("230 000023" for 23, 0, 0, 0, 0, 0, 23);
* a one-cell-per-line extraction emits the cells of a block of rows column by column
  instead of row by row, or interleaves the column groups of a wide row.

Each function returns every reading that the identities allow. The caller uses a reading
only when it is unique, and reports the candidates otherwise: nothing here guesses.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.model import Number

RowCheck = Callable[[Sequence[Value]], bool]
Reading = tuple[Value, ...]

# Bounds that keep the searches small on hostile input; real tables are far below them.
MAX_CANDIDATES = 200
MAX_DIGITS_TO_SPLIT = 24


def is_clean_token(token: str) -> bool:
    """A number as a person prints it: no leading zero (except 0 itself and 0.x)."""
    text = labels.compact(token).lstrip("-−+")
    return bool(text) and (text[0] != "0" or text == "0" or text.startswith("0."))


# A cell of 表三 or 表四 has at most this many digits (the largest counts in real reports have 7).
MAX_NUMBER_DIGITS = 8


def split_candidates(
    tokens: Sequence[str],
    count: int,
    check: RowCheck,
    *,
    sum_groups: Sequence[int] | None = None,
) -> list[Reading]:
    """Readings of tokens whose digits ran together, cut into ``count`` numbers.

    A space between two tokens is kept as a cut; only digits inside a token are re-cut,
    and a number never starts with 0 (except 0 itself). Tokens with a decimal point or a
    sign are not re-cut. ``sum_groups`` describes rows made of groups whose last number is
    the sum of the others ([7] for a row of 表三, [5, 5, 5] for 表四): the search then only
    tries cuts that keep every group's total right, which keeps it fast on long rows.
    """
    pieces: list[str] = []  # the flattened digit string
    starts: set[int] = {0}  # positions where a token starts: a cut is forced there
    fixed: dict[int, str] = {}  # tokens that may not be re-cut, by start position
    position = 0
    for token in tokens:
        text = labels.compact(token).replace(",", "")
        starts.add(position)
        if not text.isdigit():
            fixed[position] = text
        pieces.append(text)
        position += len(text)
    digits = "".join(pieces)
    if len(digits) > MAX_DIGITS_TO_SPLIT * 3 or not digits:
        return []
    starts.add(len(digits))
    ends = sorted(starts)

    def next_start(i: int) -> int:
        return next(e for e in ends if e > i)

    groups = list(sum_groups) if sum_groups else [count]
    if sum(groups) != count:
        raise ValueError("sum_groups must add up to count")
    summing = sum_groups is not None
    readings: list[Reading] = []
    seen: set[Reading] = set()
    chosen: list[Number] = []

    def options(i: int) -> list[str]:
        if i in fixed:
            return [fixed[i]]
        limit = min(next_start(i), i + MAX_NUMBER_DIGITS, len(digits))
        if digits[i] == "0":
            return ["0"]
        return [digits[i:j] for j in range(i + 1, limit + 1)]

    # For the last group the total is a suffix of the digits: knowing it bounds every part.
    last_totals: list[int] = []
    if summing:
        last_start = max(e for e in ends if e < len(digits))
        if last_start not in fixed:
            for length in range(1, min(MAX_NUMBER_DIGITS, len(digits) - last_start) + 1):
                text = digits[len(digits) - length :]
                if text[0] != "0" or text == "0":
                    last_totals.append(int(text))

    def search(i: int, group: int, index: int, running: Number, bound: int | None = None) -> None:
        if len(readings) > MAX_CANDIDATES:
            return
        if summing and group == len(groups) - 1 and index == 0 and bound is None:
            for total in last_totals:
                search(i, group, index, running, total)
            return
        if bound is not None:
            if running > bound:
                return
            # The parts still to cut fill the digits up to where the total begins, each at
            # most as long as what is left of the total.
            parts_left = groups[group] - 1 - index
            room = len(digits) - len(str(bound)) - i
            if parts_left == 0:
                if room != 0:
                    return
            elif not parts_left <= room <= parts_left * len(str(bound - running)):
                return
        if group == len(groups):
            if i == len(digits):
                reading: Reading = tuple(chosen)
                if reading not in seen and check(reading):
                    seen.add(reading)
                    readings.append(reading)
            return
        pieces_left = sum(groups[group:]) - index
        remaining = len(digits) - i
        if remaining < pieces_left:
            return
        last = index == groups[group] - 1
        if summing and remaining < pieces_left - 1 + len(str(running)):
            return  # the total, at least as long as the running sum, no longer fits
        if summing and last:
            # The group's total is printed last and must be the sum of its parts.
            text = str(running)
            if bound is not None and running != bound:
                return
            if digits.startswith(text, i) and i + len(text) <= next_start(i) and i not in fixed:
                chosen.append(running)
                search(i + len(text), group + 1, 0, 0)
                chosen.pop()
            return
        for text in options(i):
            if text.isdigit():
                value: Number = int(text)
            else:
                try:
                    value = labels.parse_number(text)
                except ValueError:
                    return
            if bound is not None and value > bound:
                break  # longer cuts only give larger numbers
            chosen.append(value)
            if last:
                search(i + len(text), group + 1, 0, 0)
            else:
                search(i + len(text), group, index + 1, running + value, bound)
            chosen.pop()

    search(0, 0, 0, 0)
    return readings


def placement_candidates(values: Sequence[Number], count: int, check: RowCheck) -> list[Reading]:
    """Readings of a row that printed fewer numbers than columns: blanks put back in
    every order-preserving way that passes the row's identity."""
    if len(values) > count:
        return []
    readings: list[Reading] = []
    for slots in itertools.combinations(range(count), len(values)):
        row: list[Value] = [None] * count
        for slot, value in zip(slots, values, strict=True):
            row[slot] = value
        reading = tuple(row)
        if check(reading):
            readings.append(reading)
            if len(readings) > MAX_CANDIDATES:
                break
    return readings


def place_by_position(tokens: Sequence[tuple[Number, float]], centers: Sequence[float]) -> Reading | None:
    """Put each number in the column whose centre is nearest; None when the positions
    do not explain the row: a number far from every column (more than 40% of the
    narrowest gap between columns) or two numbers in one column."""
    gaps = [b - a for a, b in itertools.pairwise(centers)]
    tolerance = 0.4 * min(gaps) if gaps else float("inf")
    row: list[Value] = [None] * len(centers)
    for value, center in tokens:
        column = min(range(len(centers)), key=lambda i: abs(centers[i] - center))
        if row[column] is not None or abs(centers[column] - center) > tolerance:
            return None
        row[column] = value
    return tuple(row)


def block_orders(
    numbers: Sequence[Number],
    nrows: int,
    ncols: int,
    row_check: RowCheck,
    table_check: Callable[[list[Reading]], bool],
) -> list[list[Reading]]:
    """Tables that a stream of numbers can be, when blocks of consecutive rows may have
    been emitted column by column.

    Every row must pass ``row_check`` and the whole table ``table_check``. Returns the
    distinct tables found (the caller wants exactly one).
    """
    if len(numbers) != nrows * ncols:
        return []
    memo: dict[int, list[tuple[Reading, ...]]] = {}

    def suffixes(row: int) -> list[tuple[Reading, ...]]:
        if row == nrows:
            return [()]
        if row in memo:
            return memo[row]
        found: dict[tuple[Reading, ...], None] = {}
        start = row * ncols
        for size in range(1, nrows - row + 1):
            chunk = numbers[start : start + size * ncols]
            orders = [tuple(tuple(chunk[r * ncols : (r + 1) * ncols]) for r in range(size))]
            if size > 1:
                orders.append(tuple(tuple(chunk[c * size + r] for c in range(ncols)) for r in range(size)))
            for block in orders:
                if not all(row_check(r) for r in block):
                    continue
                for rest in suffixes(row + size):
                    found.setdefault(block + rest, None)
                    if len(found) > MAX_CANDIDATES:
                        break
        memo[row] = list(found)
        return memo[row]

    tables = [list(table) for table in suffixes(0)]
    return [table for table in tables if table_check(table)]


def interleavings(
    numbers: Sequence[Number], groups: int, size: int, group_check: RowCheck
) -> list[list[tuple[int, ...]]]:
    """Ways to share a stream among ``groups`` groups of ``size`` numbers each, every
    group keeping its own order and passing ``group_check``.

    Returns, for each way, the stream positions of each group, groups ordered by the
    position of their last number (a group's total is printed last, left to right).
    """
    if len(numbers) != groups * size:
        return []
    results: list[list[tuple[int, ...]]] = []
    members: list[list[int]] = [[] for _ in range(groups)]

    def assign(position: int, opened: int) -> None:
        if len(results) > MAX_CANDIDATES:
            return
        if position == len(numbers):
            results.append(sorted((tuple(group) for group in members), key=lambda group: group[-1]))
            return
        # A new group may only be opened in order: this removes relabelled duplicates.
        for group in range(min(opened + 1, groups)):
            if len(members[group]) == size:
                continue
            members[group].append(position)
            if len(members[group]) < size or group_check([numbers[i] for i in members[group]]):
                assign(position + 1, max(opened, group + 1))
            members[group].pop()

    assign(0, 0)
    return results


def runs(groups: Sequence[Sequence[int]]) -> int:
    """How many runs of consecutive stream positions a split into groups has."""
    owner = {position: g for g, group in enumerate(groups) for position in group}
    ordered = [owner[p] for p in sorted(owner)]
    return sum(1 for i, g in enumerate(ordered) if i == 0 or ordered[i - 1] != g)
