"""A printed line as a row: its label and the numbers that end it; rows matched to the format's rows by label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.annualreport import labels
from gongkai.annualreport.formats import (
    Row,
)
from gongkai.annualreport.model import Cell as Value
from gongkai.annualreport.readers import recover
from gongkai.annualreport.readers.document import Cell, Line, split_trailing_numbers

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


def cell_value(cell: Cell) -> Value:
    return None if cell.is_blank else labels.parse_number(cell.text)


def label_score(observed: RowText, row: Row) -> float:
    if not observed.label:
        return 0.5
    candidates = [labels.normalize(row.label), *(labels.normalize(a) for a in row.aliases)]
    texts = {labels.normalize(observed.last_label), labels.normalize(observed.label)}
    return max(labels.similarity(t, c) for t in texts for c in candidates)


def align(observed: Sequence[RowText], rows: Sequence[Row]) -> tuple[float, list[int | None]]:
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
                (score[i - 1][j - 1] + label_score(observed[i - 1], rows[j - 1]), "d"),
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
