"""The intermediate form every reader produces before interpretation: a list of lines of
cells.

A text paragraph is a line with one cell. A table row is a line with one cell per table
cell; when ``grid`` is true, blank cells are real cells (HTML, DOCX, PDF tables, tab- or
cell-per-line text), so positions in the row mean columns. Text laid out with spaces
(``pdftotext -layout``) gives cells with ``x`` positions instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.annualreport import labels

_GAP = re.compile(r"\S+(?: \S+)*")  # runs separated by two or more spaces
# A label that ends in the numbers of its row, as when cell boundaries were lost:
# "一、本年新收政府信息公开申请数量230 000023". Each number is matched atomically, so that a
# long run of digits is never split again and again between the numbers when the line
# turns out not to end in numbers (exponential backtracking, found by the round-trip test).
_TRAILING_NUMBERS = re.compile(
    r"^(?P<label>.*?[^\d\s.,，、．\-−+])(?P<numbers>(?>\s*[-−+]?\d[\d,]*(?:\.\d+)?)+)\s*$"
)


@dataclass(frozen=True)
class Cell:
    text: str
    x: float | None = None  # left edge: characters for laid-out text, points for PDF
    width: float | None = None
    unit: str = ""  # a unit printed after a number ("251000元"), taken off ``text``

    @property
    def center(self) -> float | None:
        if self.x is None:
            return None
        return self.x + (self.width or 0) / 2

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_number(self) -> bool:
        return labels.is_number(self.text)


@dataclass(frozen=True)
class Line:
    cells: tuple[Cell, ...]
    grid: bool = False
    number: int | None = None  # 1-based line (or row) number in the source, for messages
    page: int | None = None  # 1-based page (PDF), for messages; ``number`` is then the line on it
    indent: float | None = None  # left position of the first text, to find paragraphs
    in_table: bool = False

    @property
    def text(self) -> str:
        return " ".join(cell.text.strip() for cell in self.cells if not cell.is_blank)

    @property
    def compact(self) -> str:
        return labels.compact(self.text)

    @property
    def is_blank(self) -> bool:
        return all(cell.is_blank for cell in self.cells)


@dataclass
class Document:
    lines: list[Line]
    source: str = "<input>"
    kind: str = "text"  # text, layout, raw, markdown, html, docx, pdf
    notes: list[str] = field(default_factory=list)
    # What the source says about itself (a web page's <meta> tags): "title", "published",
    # "publisher", "url"; the same meanings as a crawler's header block.
    metadata: dict[str, str] = field(default_factory=dict)


def split_layout_line(text: str, number: int | None = None) -> Line:
    """Split a line of space-aligned text into cells at runs of two or more spaces."""
    cells = tuple(
        Cell(match.group(0), x=float(match.start()), width=float(len(match.group(0))))
        for match in _GAP.finditer(text)
    )
    indent = float(len(text) - len(text.lstrip(" "))) if text.strip() else None
    return Line(cells=cells, number=number, indent=indent)


def split_trailing_numbers(cell: Cell) -> list[Cell]:
    """Separate a label from numbers printed right after it ("数量230 000023")."""
    match = _TRAILING_NUMBERS.match(cell.text)
    if not match or labels.is_number(cell.text):
        return [cell]
    label = match.group("label")
    if not labels.normalize(label):
        return [cell]
    cells = [Cell(label, cell.x, None)]
    offset = match.start("numbers")
    for token in re.finditer(r"[-−+]?\d[\d,]*(?:\.\d+)?", match.group("numbers")):
        x = None if cell.x is None else cell.x + offset + token.start()
        cells.append(Cell(token.group(0), x, float(len(token.group(0)))))
    return cells
