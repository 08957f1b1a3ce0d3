"""Structure without line breaks: re-cut lines that a crawler, a copy or a converter ran
together, so that sections, tables and rows are found from words and numbers.

A crawler that saves a page's text often keeps the whole body on one line: the headings run
into the text before them (``…问责。二、主动公开政府信息情况第二十条…``) and a table becomes one
run of labels and digits (``一、本年新收政府信息公开申请数量801000081二、上年结转…``). Two cuts
undo that, and neither decides a number:

* ``split_headings`` cuts a text line before and after each numbered section heading in it;
* ``split_table_runs`` cuts a table's run of text after each run of digits that a label
  follows, before each row enumerator (``（一）``, ``1.``), and around the words of the
  table's header, so that every piece is one label with the numbers of its row. Digits that
  ran together stay one token: ``rows`` and ``place`` decide, from positions or from the
  identities, what they are.

Lines that carry cells (grid rows, laid-out text with positions) are never re-cut.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.formats import SECTION_TITLES, t2_header_words
from gongkai.annualreport.readers.document import Cell, Line
from gongkai.annualreport.readers.sections import HEADING_PHRASES

# A numbered section heading anywhere in a line: 二、主动公开政府信息情况.
_NUMERALS = "一二三四五六"
_GLUED_HEADING = re.compile(
    "|".join(
        rf"(?P<{name}>[{_NUMERALS[rank]}][、.．]\s*(?:{phrase}))"
        for rank, (name, phrase) in enumerate(HEADING_PHRASES)
    )
)
_NUMBERED = re.compile(rf"([{_NUMERALS}])[、.．]")
_SECTION_ORDER = tuple(name for name, _ in HEADING_PHRASES)
_LOOSE_GLUED = 0.75
# Numbers that end a row: a run of digits (with a decimal part), not an enumerator.
_NUMBER_RUN = re.compile(r"[-−+]?\d[\d,，]*(?:[.．]\d+)?")
# A row enumerator that starts a label: （一） 一、 1. 1、 (never 第（一）项 of table 二).
_ENUMERATOR = re.compile(
    r"(?<!第)(?:[（(][一二三四五六七八九十]{1,3}[）)]|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,2}、)"
)
# A one-digit enumerator glued to the digits before it: "00000002.其他…" is 0000000 and 2.
_DIGIT_ENUMERATOR = re.compile(r"\d[.．、](?=[^\d\s])")


def _is_text_line(line: Line) -> bool:
    return not line.grid and len(line.cells) == 1


def _cut(line: Line, pieces: Iterable[str]) -> list[Line]:
    return [
        Line(cells=(Cell(piece),), number=line.number, page=line.page, in_table=line.in_table)
        for piece in (piece.strip() for piece in pieces)
        if piece
    ]


def _split_at(text: str, cuts: Iterable[int]) -> list[str]:
    points = sorted({0, *cuts, len(text)})
    return [text[a:b] for a, b in itertools.pairwise(points)]


def _loose_headings(text: str) -> list[tuple[int, int]]:
    """Numbered headings printed loosely (OCR look-alikes) inside a long text: the numeral
    and the words after it close to that section's statutory title."""
    spans = []
    for match in _NUMBERED.finditer(text):
        name = _SECTION_ORDER[_NUMERALS.index(match.group(1))]
        title = labels.normalize(SECTION_TITLES[name])
        window = text[match.end() : match.end() + len(title)]
        if labels.similarity(labels.compact(window), title) >= _LOOSE_GLUED:
            spans.append((match.start(), match.end() + len(window)))
    return spans


def split_headings(lines: Sequence[Line]) -> list[Line]:
    """Each numbered section heading that text runs into becomes a line of its own."""
    result: list[Line] = []
    for line in lines:
        text = line.cells[0].text if _is_text_line(line) else ""
        spans = [match.span() for match in _GLUED_HEADING.finditer(text)] if len(text) > 6 else []
        if len(text) > 60:
            spans += [span for span in _loose_headings(text) if not any(a <= span[0] < b for a, b in spans)]
        if not spans or (len(spans) == 1 and spans[0] == (0, len(text.rstrip()))):
            result.append(line)
            continue
        result.extend(_cut(line, _split_at(text, [point for span in spans for point in span])))
    return result


def _row_cuts(text: str, header: re.Pattern[str] | None) -> list[int]:
    cuts: list[int] = []
    for match in _NUMBER_RUN.finditer(text):
        start, end = match.span()
        if not _label_follows(text, end):
            continue  # the numbers end the line, or more numbers follow
        if _DIGIT_ENUMERATOR.match(text, end - 1):
            # "…00000002.其他": the last digit and its dot number the next row; a lone
            # digit and its dot begin this label.
            cuts.append(end - 1 if end - start > 1 else start)
            continue
        cuts.append(end)
    cuts.extend(match.start() for match in _ENUMERATOR.finditer(text))
    if header is not None:
        for match in header.finditer(text):
            cuts.extend(match.span())
    return cuts


def _label_follows(text: str, end: int) -> bool:
    following = text[end:].lstrip()
    return bool(following) and not following[0].isdigit() and following[0] not in "-−+"


def _runs_together(text: str) -> bool:
    """Text in which a label follows a number: a row ran into the next."""
    return any(_label_follows(text, match.end()) for match in _NUMBER_RUN.finditer(text))


def split_table_runs(region: Sequence[Line], table: str) -> list[Line]:
    """A table's lines, with every run of labels and numbers cut into one line per row."""
    # Table 二 prints its column labels between blocks; the other tables' header words
    # ("其他", "总计") are also parts of row labels, and rows there are cut at enumerators.
    words = t2_header_words() if table == "T2" else ()
    header = re.compile("|".join(re.escape(word) for word in words)) if words else None
    result: list[Line] = []
    for line in region:
        text = line.cells[0].text if _is_text_line(line) else ""
        if not text or not _runs_together(text):
            result.append(line)
            continue
        result.extend(_cut(line, _split_at(text, _row_cuts(text, header))))
    return result


# The header a converter writes when it could not read a table's own: 数据1 | 数据2 | …,
# 列1, 第1列, Column 1.
_GENERIC_COLUMN = re.compile(r"^(?:数据|列|栏|字段|第|column|col)\s*\d{1,2}\s*列?$", re.IGNORECASE)


def is_generic_header(line: Line) -> bool:
    """A row of generic column names (项目 | 数据1 | … | 数据7), or of column numbers (1 | 2 |
    … | 7): it carries no label and no figure, and its digits are not figures. Columns are
    then mapped by position."""
    texts = [cell.text.strip() for cell in line.cells if not cell.is_blank]
    if line.grid and len(texts) >= 5 and texts == [str(i) for i in range(1, len(texts) + 1)]:
        return True  # a row that numbers the columns 1, 2, 3 …, with no label
    generic = [text for text in texts if _GENERIC_COLUMN.match(text)]
    others = [text for text in texts if not _GENERIC_COLUMN.match(text)]
    return len(generic) >= 3 and all(len(text) <= 6 and not any(c.isdigit() for c in text) for text in others)
