"""Plain text as published reports reach evaluators: copied from web pages, or extracted
from PDFs.

One function turns every flavour into lines of cells:

* cell-per-line text copied from a web table (each cell a line starting with a tab, rows
  separated by blank lines, empty cells as tab-only lines) becomes grid rows;
* tab-separated rows become grid rows;
* ``pdftotext -layout`` text is split at runs of two or more spaces, keeping positions;
* plain ``pdftotext`` text (one cell per line) stays one cell per line; the interpreter
  recognises the number streams it produces;
* Markdown (as converters make it from PDFs): GitHub pipe tables become grid rows (their
  rule rows dropped), ``#`` heading marks and ``**`` bold marks are taken off.
"""

from __future__ import annotations

import re

from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.readers.document import Cell, Document, Line, split_layout_line

_ENCODINGS = ("utf-8", "gb18030")


def decode(data: bytes, source: str = "<input>") -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ReportReadError(
                f"不是有效的 UTF-16 文本 (invalid UTF-16 text): {error}", source=source
            ) from error
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportReadError(
        "无法识别文本编码，应为 UTF-8 或 GB18030/GBK (cannot decode the text: expected UTF-8 or GB18030/GBK)",
        source=source,
    )


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s*")
_EMPHASIS = re.compile(r"\*\*|__")


def _pipe_cells(raw: str) -> tuple[Cell, ...]:
    inner = raw.strip()[1:-1]
    return tuple(Cell(_EMPHASIS.sub("", part).strip()) for part in re.split(r"(?<!\\)\|", inner))


def _is_markdown(raw_lines: list[str]) -> bool:
    return sum(1 for raw in raw_lines if _PIPE_RULE.match(raw)) >= 2


def _is_cell_line(raw: str) -> bool:
    return raw.startswith("\t") and "\t" not in raw[1:]


def text_to_document(text: str, source: str = "<input>") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    raw_lines = text.split("\n")
    cell_lines = sum(1 for raw in raw_lines if _is_cell_line(raw))
    markdown = _is_markdown(raw_lines)
    lines: list[Line] = []
    row: list[Cell] = []
    row_start = 0
    laid_out = 0

    def flush() -> None:
        nonlocal row
        if row:
            lines.append(Line(cells=tuple(row), grid=True, number=row_start))
            row = []

    for number, raw in enumerate(raw_lines, start=1):
        raw = raw.replace("\u00a0", " ").rstrip(" ")
        if cell_lines >= 7 and _is_cell_line(raw):
            if not row:
                row_start = number
            row.append(Cell(raw[1:].strip()))
            continue
        flush()
        if not raw.strip():
            continue
        if markdown:
            if _PIPE_RULE.match(raw):
                continue
            if _PIPE_ROW.match(raw):
                lines.append(Line(cells=_pipe_cells(raw), grid=True, number=number))
                continue
            raw = _EMPHASIS.sub("", _HEADING_MARK.sub("", raw))
        if "\t" in raw.strip("\t") or (raw.startswith("\t") and raw.count("\t") > 1):
            cells = tuple(Cell(part.strip()) for part in raw.split("\t"))
            lines.append(Line(cells=cells, grid=True, number=number))
            continue
        line = split_layout_line(raw.replace("\t", "    "), number)
        if len(line.cells) > 1:
            laid_out += 1
        lines.append(line)
    flush()
    kind = "markdown" if markdown else "text"
    if not markdown and cell_lines < 7 and laid_out >= 10:
        kind = "layout"
    return Document(lines=lines, source=source, kind=kind)
