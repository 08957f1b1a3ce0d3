"""PDF reports to lines of cells, with pdfplumber.

Published reports print their tables in two ways, and this reader keeps both apart:

* ruled tables (the usual case): pdfplumber finds their cells from the ruling lines, and
  each row becomes a grid line in which blank cells are real (empty) cells;
* tables without ruling lines, and all other text: lines of characters, split into cells
  where the words are far apart, each cell keeping its position in points, so that the
  interpreter can put numbers into columns by position.

Word processors often draw a frame around the body text, which pdfplumber reports as a
table of one wide cell per paragraph; such rows are read as text, so that paragraph
indents survive.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSEOF

from gongkai.annualreport import labels
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.limits import check_pdf_pages
from gongkai.annualreport.readers.document import Cell, Document, Line

Bbox = tuple[float, float, float, float]
Char = dict[str, Any]

# Characters closer than this (in em of their font size) belong to one word; a space
# character between them splits them whatever the distance.
_WORD_GAP_EM = 0.25
_WORD_GAP_MAX = 3.0  # points; pdfplumber's own x_tolerance for words
# Words further apart than this (in em) are separate cells, as two or more spaces are in
# ``pdftotext -layout`` text.
_CELL_GAP_EM = 1.0
_LINE_TOLERANCE = 3.0  # points: characters whose tops differ less share a line


@dataclass(frozen=True)
class _Placed:
    """A line with the position that orders it on its page."""

    top: float
    x0: float
    line: Line


def pdf_to_document(data: bytes, name: str) -> Document:
    """The lines of a PDF report; ReportReadError when it has no text or cannot be read."""
    check_pdf_pages(data, name)  # a page cap before any page is parsed
    try:
        lines = _read_lines(data, name)
    except ReportReadError:
        raise
    except Exception as error:
        # pdfminer reports malformed files with many exception types (PSSyntaxError,
        # KeyError, TypeError, struct and zlib errors...), wrapped or not by pdfplumber;
        # for a reader they all mean that this file cannot be read.
        cause = _root_cause(error)
        if isinstance(cause, PDFEncryptionError):
            message = "PDF 已加密，无法读取 (the PDF is encrypted and cannot be read)"
        elif isinstance(cause, PSEOF):
            message = "PDF 文件不完整，可能下载未完成或被截断 (the PDF is cut short)"
        else:
            detail = str(cause).strip()
            detail = f"{type(cause).__name__}: {detail}" if detail else type(cause).__name__
            message = f"PDF 文件损坏或无法解析 (the PDF is damaged or cannot be parsed): {detail}"
        raise ReportReadError(message, source=name) from error
    return Document(lines=lines, source=name, kind="pdf")


def _root_cause(error: BaseException) -> BaseException:
    """The pdfminer exception inside pdfplumber's wrapper (which keeps it as its argument)."""
    seen = {id(error)}
    while True:
        inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error.__cause__
        if inner is None or id(inner) in seen:
            return error
        seen.add(id(inner))
        error = inner


def _read_lines(data: bytes, name: str) -> list[Line]:
    lines: list[Line] = []
    has_text = False
    # Fonts with broken ToUnicode maps are common in reports exported by WPS; a few
    # undecodable characters must not make the whole report unreadable.
    with pdfplumber.open(BytesIO(data), raise_unicode_errors=False) as pdf:
        if not pdf.pages:
            raise ReportReadError("PDF 没有页面 (the PDF has no pages)", source=name)
        for page_number, page in enumerate(pdf.pages, start=1):
            try:
                chars = page.chars
                if any(c["text"].strip() for c in chars):
                    has_text = True
                    lines.extend(
                        dataclasses.replace(line, page=page_number, number=number)
                        for number, line in enumerate(_page_lines(page, chars), start=1)
                    )
            finally:
                # Parsed page objects are cached on the page; a long report would keep
                # every page in memory otherwise.
                page.close()
    if not has_text:
        raise ReportReadError(
            "PDF 无可提取的文字（可能是扫描件）(the PDF has no extractable text; it may be a scanned image)",
            source=name,
        )
    return lines


def _page_lines(page: Any, chars: list[Char]) -> list[Line]:
    chars = _without_overprint([c for c in chars if not _is_slanted(c)])
    placed: list[_Placed] = []
    claimed: set[int] = set()  # id() of the characters read as table cells
    for table in page.find_tables():
        placed.extend(_table_rows(table, chars, claimed))
    for group in _text_lines(c for c in chars if id(c) not in claimed):
        cells = _cells_of(group)
        if cells:
            line = Line(tuple(cells), indent=group[0]["x0"])
            placed.append(_Placed(min(c["top"] for c in group), group[0]["x0"], line))
    placed.sort(key=lambda item: (round(item.top, 1), item.x0))
    return [item.line for item in placed]


def _table_rows(table: Any, chars: Sequence[Char], claimed: set[int]) -> list[_Placed]:
    """The grid lines of a ruled table; the characters they use are added to ``claimed``.

    Rows that are one cell across the table (a heading such as 第二十条第（一）项, or a
    paragraph inside a page frame) are left to the text lines, which keep their indent.
    """
    in_table = [c for c in chars if _inside(c, table.bbox)]
    # Per row, the cells that exist, with their characters; pdfplumber gives None for a
    # position covered by a merged cell to the left or above.
    rows: list[tuple[Bbox, list[tuple[Bbox, list[Char]]]]] = [
        (row.bbox, [(box, [c for c in in_table if _inside(c, box)]) for box in row.cells if box is not None])
        for row in table.rows
    ]
    if all(sum(1 for _, found in cells if _has_text(found)) <= 1 for _, cells in rows):
        return []  # a frame around the body text
    placed: list[_Placed] = []
    for bbox, cells in rows:
        if len(cells) <= 1:
            continue  # one cell across the table
        # A row of empty cells stays: it is a row of blanks (table 四 of a body that had
        # no review or litigation), not a gap.
        line_cells = []
        for box, found in cells:
            claimed.update(id(c) for c in found)
            line_cells.append(Cell(_cell_text(found), x=box[0], width=box[2] - box[0]))
        placed.append(_Placed(bbox[1], bbox[0], Line(tuple(line_cells), grid=True, in_table=True)))
    return placed


def _is_slanted(char: Char) -> bool:
    """Text at an angle other than a multiple of 90°: a watermark across the page
    ("仅供参考"), which is no part of the report and would break into its lines."""
    a, b = char["matrix"][:2]
    return abs(a) > 1e-3 and abs(b) > 1e-3


def _has_text(chars: Iterable[Char]) -> bool:
    return any(c["text"].strip() for c in chars)


def _without_overprint(chars: Sequence[Char]) -> list[Char]:
    """Drop characters printed again over themselves: word processors fake bold type by
    printing a heading twice, a fraction of a point apart, which would read "一一、、"."""
    seen: set[tuple[str, int, int]] = set()
    kept: list[Char] = []
    for char in chars:
        x, y = round(char["x0"]), round(char["top"])
        if any((char["text"], x + dx, y + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            continue
        seen.add((char["text"], x, y))
        kept.append(char)
    return kept


def _inside(char: Char, bbox: Bbox) -> bool:
    """The test pdfplumber uses to put a character into a table cell (its centre)."""
    x0, top, x1, bottom = bbox
    h_mid = (char["x0"] + char["x1"]) / 2
    v_mid = (char["top"] + char["bottom"]) / 2
    return x0 <= h_mid < x1 and top <= v_mid < bottom


def _cell_text(chars: Sequence[Char]) -> str:
    """A table cell's text on one line. Chinese labels wrap anywhere ("商业" over "企业"),
    so lines join without a space, unless the break falls between two Latin words or
    numbers."""
    joined = ""
    for group in _text_lines(chars):
        part = " ".join(word.text for word in _words(group))
        if not part:
            continue
        if joined and _is_latin(joined[-1]) and _is_latin(part[0]):
            joined += " "
        joined += part
    return joined


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _text_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped into lines in reading order: horizontal text by its top, left to
    right; text turned a quarter (a group label in a tall merged cell) by its column, up
    the page when turned left."""
    chars = list(chars)
    lines = _clustered([c for c in chars if c.get("upright", True)], across="top", along="x0")
    for column in _clustered([c for c in chars if not c.get("upright", True)], across="x0", along="top"):
        if column[0]["matrix"][1] > 0:
            column.reverse()
        lines.append(column)
    return lines


def _clustered(chars: Sequence[Char], *, across: str, along: str) -> list[list[Char]]:
    groups: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c[across], c[along])):
        if groups and abs(char[across] - groups[-1][0][across]) <= _LINE_TOLERANCE:
            groups[-1].append(char)
        else:
            groups.append([char])
    for group in groups:
        group.sort(key=lambda c: c[along])
    return groups


def _cells_of(chars: Sequence[Char]) -> list[Cell]:
    """Split a line into cells: at wide gaps, and at any word gap next to a number, so
    that every number of a table without ruling lines keeps its own position."""
    words = _words(chars)
    if not words:
        return []
    if labels.is_page_footer(" ".join(w.text for w in words)):
        # "- 3 -" is one page number, which the interpreter drops only as a single cell.
        return [Cell(" ".join(w.text for w in words), x=words[0].x0, width=words[-1].x1 - words[0].x0)]
    size = median(c["size"] for c in chars if c["text"].strip())
    cells: list[list[_Word]] = [[words[0]]]
    for previous, word in itertools.pairwise(words):
        gap = word.x0 - previous.x1
        if gap > _CELL_GAP_EM * size or labels.is_number(word.text) or labels.is_number(previous.text):
            cells.append([word])
        else:
            cells[-1].append(word)
    return [
        Cell(" ".join(w.text for w in group), x=group[0].x0, width=group[-1].x1 - group[0].x0)
        for group in cells
    ]


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float


def _words(chars: Sequence[Char]) -> list[_Word]:
    words: list[_Word] = []
    text = ""
    x0 = x1 = 0.0
    pending_space = False
    for char in chars:
        if not char["text"].strip():
            pending_space = True
            continue
        gap_limit = min(_WORD_GAP_MAX, _WORD_GAP_EM * char["size"])
        if text and (pending_space or char["x0"] - x1 > gap_limit):
            words.append(_Word(text, x0, x1))
            text = ""
        if not text:
            x0 = x1 = char["x0"]
        text += char["text"]
        x1 = max(x1, char["x1"])
        pending_space = False
    if text:
        words.append(_Word(text, x0, x1))
    return words
