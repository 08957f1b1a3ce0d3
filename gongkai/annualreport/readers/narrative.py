"""The narrative sections (一, 五, 六) as paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.readers.document import Line

_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）", ")", "!", "?", ";", ":")
_PARAGRAPH_START = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[、.．]|第[一二三四五六七八九十]+)"
)


def assemble_paragraphs(lines: Sequence[Line], kind: str, margin: float | None = None) -> str:
    """Narrative text: one paragraph per line where the source keeps paragraphs (web
    pages, Word), lines re-joined where a PDF wrapped them. ``margin`` is the left edge of
    the document's text lines, for sections whose lines all start at one indent."""
    texts = [(line, line.text.strip()) for line in lines if not line.is_blank]
    texts = [(line, text) for line, text in texts if not labels.is_page_footer(text)]
    if not texts:
        return ""
    wrapped = kind in ("pdf", "layout", "raw")
    if kind == "text":
        ends = sum(1 for _, text in texts if text.endswith(_SENTENCE_END))
        wrapped = len(texts) >= 4 and ends < 0.6 * len(texts)
    if not wrapped:
        return "\n".join(text for _, text in texts)
    indents = [line.indent for line, _ in texts if line.indent is not None]
    base = min(indents) if indents else None
    if base is not None and margin is not None and max(indents) - base <= 1 and base > margin + 6:
        # Every line starts at the same indent, well in from the text margin: one-line
        # paragraphs, each indented. Measured from the section alone, none would start.
        base = margin
    paragraphs: list[str] = []
    for line, text in texts:
        starts = not paragraphs
        if not starts and base is not None and line.indent is not None:
            starts = line.indent > base + 1.5 if kind != "pdf" else line.indent > base + 6
        elif not starts:
            starts = paragraphs[-1].endswith(_SENTENCE_END[:3]) or bool(_PARAGRAPH_START.match(text))
        if starts:
            paragraphs.append(text)
        else:
            joiner = " " if paragraphs[-1][-1:].isascii() and text[:1].isascii() else ""
            paragraphs[-1] = paragraphs[-1] + joiner + text
    return "\n".join(paragraphs)


def text_margin(lines: Sequence[Line]) -> float | None:
    """The left edge of the text lines (one cell, outside tables), where positions are known."""
    edges = [
        line.indent
        for line in lines
        if line.indent is not None and len(line.cells) == 1 and not line.grid and not line.in_table
    ]
    return min(edges) if edges else None
