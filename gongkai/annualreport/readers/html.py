"""Web pages to lines of cells: reports published as HTML, including pages saved from Word.

Paragraphs (p, div, headings, list items, and text separated by <br>) become one-cell
lines. Each row of a data table becomes a grid line: a cell per <td>/<th>, a cell spanned
down from a row above (rowspan) appears as an empty cell where it continues, and a cell
spanned across (colspan) appears once — so that the figures of a row are always its last
cells, as the interpreter expects.

A table that holds other tables, or only one cell per row, is page layout (Word and
content management systems wrap whole reports in such frames): its cells are read as
ordinary content, in order.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.readers.document import Cell, Document, Line
from gongkai.annualreport.readers.text import decode

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav",
        "ol", "p", "pre", "section", "summary", "ul", "caption", "tr", "td", "th", "table",
        "tbody", "thead", "tfoot", "html", "option", "legend",
    }
)  # fmt: skip
_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "title", "xml", "iframe", "object"})
_CELLS = ("td", "th")
# Website furniture, by element, ARIA role, or the class and id names that content
# management systems give it; never report content.
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "menu"})
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
)
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|bread|position|sidebar|copyright|share"
    r"|toolbar|prevnext|prev|next|pager|bdshare|fenxiang)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Lines of page furniture that content management systems print inside the article.
_FURNITURE_LINE = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条)[:：]|^(?:[【\[]?(?:打印|关闭|收藏|打印本页|关闭窗口)[】\]]?\s*)+$"
)
# <meta name="…"> of Chinese government sites (TRS and similar systems), by meaning.
_META_FIELDS = {
    "articletitle": "title",
    "pubdate": "published",
    "firstpublishedtime": "published",
    "contentsource": "publisher",
    "og:url": "url",
    "url": "url",
}
_SPAN_LIMIT = 1000  # a colspan or rowspan beyond this is a typo, not a table

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.IGNORECASE)
# A newline between two CJK characters is not a space (CSS Text: segment break
# transformation); Chinese pages wrap their source lines anywhere.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\u00a0]*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# Charsets that pages declare for what is in fact GB18030 text (its subsets).
_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "gb18030"}


def decode_html(data: bytes, source: str = "<input>") -> str:
    """A page's text: a byte-order mark wins, then valid UTF-8, then the charset the page
    declares, then GB18030 (the superset of the GBK and GB2312 that Chinese pages use)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        codec = "gb18030" if declared in _GB_ALIASES else declared
        try:
            codecs.lookup(codec)
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, source)


def _tag(element: lxml.etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions, entities
    # Word's namespaced tags (o:p, v:shape, w:sdt) keep their prefix in lxml.html.
    return tag.rsplit("}", 1)[-1].lower()


def _is_chrome(element: lxml.etree._Element, tag: str) -> bool:
    """Page furniture around a report on a website: menus, breadcrumbs, side bars, footers."""
    if tag in _CHROME_TAGS or str(element.get("role", "")).lower() in _CHROME_ROLES:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(_CHROME_NAMES.search(names))


def _is_hidden(element: lxml.etree._Element) -> bool:
    style = element.get("style")
    return bool(style and _HIDDEN.search(style)) or element.get("hidden") is not None


def clean_text(text: str) -> str:
    """Source text as a browser shows it: invisible characters gone, a line break between
    Chinese characters gone, other whitespace runs (incl. &nbsp;) as one space."""
    text = _INVISIBLE.sub("", text)
    text = _CJK_BREAK.sub("", text)
    return _SPACES.sub(" ", text)


@dataclass
class _Pieces:
    """Text gathered inline, cut into pieces at <br> and block boundaries; each piece
    knows whether any of its text stands outside a link."""

    pieces: list[str] = field(default_factory=lambda: [""])
    plain: list[bool] = field(default_factory=lambda: [False])

    def add(self, text: str | None, *, link: bool = False) -> None:
        if text:
            self.pieces[-1] += text
            if not link and text.strip():
                self.plain[-1] = True

    def cut(self) -> None:
        if self.pieces[-1]:
            self.pieces.append("")
            self.plain.append(False)

    def texts(self, *, plain_only: bool = False) -> list[str]:
        cleaned = (
            clean_text(piece).strip()
            for piece, plain in zip(self.pieces, self.plain, strict=True)
            if plain or not plain_only
        )
        return [piece for piece in cleaned if piece]


def _gather(element: lxml.etree._Element, pieces: _Pieces) -> None:
    """All visible text under an element (its tail excluded), cut at <br> and blocks."""
    for child in element:
        tag = _tag(child)
        if tag and tag not in _SKIPPED and not _is_hidden(child):
            if tag == "br":
                pieces.cut()
            elif tag in _BLOCKS:
                pieces.cut()
                pieces.add(child.text)
                _gather(child, pieces)
                pieces.cut()
            else:
                pieces.add(child.text)
                _gather(child, pieces)
        pieces.add(child.tail)


def cell_text(element: lxml.etree._Element) -> str:
    """The text of a table cell: its lines joined without spaces, since published tables
    break Chinese labels anywhere ("商业<br>企业" is 商业企业)."""
    pieces = _Pieces()
    pieces.add(element.text)
    _gather(element, pieces)
    return "".join(pieces.texts())


def _own_rows(table: lxml.etree._Element) -> Iterator[lxml.etree._Element]:
    """The rows of a table, not those of tables nested in its cells, without the
    invisible row of column widths that Word appends (<tr height=0>)."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows = [child]
        elif tag in ("thead", "tbody", "tfoot"):
            rows = [row for row in child if _tag(row) == "tr"]
        else:
            continue
        yield from (row for row in rows if row.get("height") != "0" and not _is_hidden(row))


def _own_cells(row: lxml.etree._Element) -> list[lxml.etree._Element]:
    return [cell for cell in row if _tag(cell) in _CELLS and not _is_hidden(cell)]


def _is_layout_table(table: lxml.etree._Element) -> bool:
    rows = list(_own_rows(table))
    if any(_tag(d) == "table" for row in rows for cell in _own_cells(row) for d in cell.iterdescendants()):
        return True
    return all(len(_own_cells(row)) <= 1 for row in rows)


def _span(cell: lxml.etree._Element, name: str) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip().rstrip(";"))
    except ValueError:
        return 1
    return min(max(value, 1), _SPAN_LIMIT)


Spans = dict[int, tuple[int, int]]


def _continue_span(*, start: int, active: Spans, covered: Spans, cells: list[Cell]) -> int:
    """Emit the empty cell of a span from above at ``start``; return the next column."""
    remaining, colspan = active.pop(start)
    cells.append(Cell(""))
    if remaining > 1:
        covered[start] = (remaining - 1, colspan)
    return start + colspan


def table_rows(table: lxml.etree._Element) -> Iterator[Line]:
    """Grid lines of a data table, rowspans continued as empty cells in their columns."""
    # column -> (rows still covered below, colspan) of each cell spanning down.
    covered: Spans = {}
    for row in _own_rows(table):
        active, covered = covered, {}
        cells: list[Cell] = []
        column = 0
        for element in _own_cells(row):
            while column in active:
                column = _continue_span(start=column, active=active, covered=covered, cells=cells)
            rowspan, colspan = _span(element, "rowspan"), _span(element, "colspan")
            cells.append(Cell(cell_text(element)))
            if rowspan > 1:
                covered[column] = (rowspan - 1, colspan)
            column += colspan
        # Cells spanned down into the end of this row (总计 beside the header of 表三).
        for start in sorted(active):
            if start >= column:
                column = _continue_span(start=start, active=active, covered=covered, cells=cells)
        # A span that a malformed row stepped over still covers the rows below it.
        for start, (remaining, colspan) in active.items():
            if remaining > 1:
                covered.setdefault(start, (remaining - 1, colspan))
        if cells:
            yield Line(cells=tuple(cells), grid=True, number=row.sourceline, in_table=True)


class _Walker:
    """Paragraph lines and table rows in document order."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.pieces = _Pieces()
        self.number: int | None = None
        self.links = 0  # depth of <a> elements around the current text

    def flush(self) -> None:
        # A line that is all link text is a menu, a breadcrumb or "上一篇/下一篇".
        for text in self.pieces.texts(plain_only=True):
            if not _FURNITURE_LINE.match(text):
                self.lines.append(Line(cells=(Cell(text),), number=self.number))
        self.pieces = _Pieces()
        self.number = None

    def text(self, text: str | None, element: lxml.etree._Element) -> None:
        if not text:
            return
        if self.number is None and text.strip():
            self.number = element.sourceline
        # Spaces between inline elements are kept ("<b>A</b> <i>B</i>"); a piece
        # of spaces alone is dropped when the line is cut.
        self.pieces.add(text, link=self.links > 0)

    def walk(self, element: lxml.etree._Element) -> None:
        for child in element:
            tag = _tag(child)
            if tag and tag not in _SKIPPED and not _is_hidden(child) and not _is_chrome(child, tag):
                if tag == "a":
                    self.links += 1
                    self.element(child, tag)
                    self.links -= 1
                else:
                    self.element(child, tag)
            self.text(child.tail, element)

    def element(self, element: lxml.etree._Element, tag: str) -> None:
        if tag == "br":
            self.pieces.cut()
        elif tag == "table":
            self.flush()
            if _is_layout_table(element):
                for row in _own_rows(element):
                    for cell in _own_cells(row):
                        self.text(cell.text, cell)
                        self.walk(cell)
                        self.flush()
            else:
                for caption in (c for c in element if _tag(c) == "caption"):
                    self.text(cell_text(caption), caption)
                    self.flush()
                self.lines.extend(table_rows(element))
        elif tag == "pre":
            self.flush()
            for line in "".join(element.itertext()).split("\n"):
                self.text(line, element)
                self.pieces.cut()
            self.flush()
        elif tag in _BLOCKS:
            self.flush()
            self.text(element.text, element)
            self.walk(element)
            self.flush()
        else:
            self.text(element.text, element)
            self.walk(element)


def html_to_document(data: bytes, name: str) -> Document:
    text = decode_html(data, name)
    # lxml refuses str input that carries an XML encoding declaration (XHTML pages).
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        raise ReportReadError("网页为空 (the HTML page is empty)", source=name)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ReportReadError(f"无法解析网页 (cannot parse the HTML page): {error}", source=name) from error
    walker = _Walker()
    metadata = _page_metadata(root)
    body = root.find("body")
    start = body if body is not None else root
    walker.text(start.text, start)
    walker.walk(start)
    walker.flush()
    return Document(lines=walker.lines, source=name, kind="html", metadata=metadata)


def _page_metadata(root: lxml.etree._Element) -> dict[str, str]:
    """What a page says about itself in its <meta> tags and canonical link."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = str(meta.get("name") or meta.get("property") or "").strip().lower()
        value = str(meta.get("content") or "").strip()
        if key in _META_FIELDS and value:
            found.setdefault(_META_FIELDS[key], value)
    for link in root.iter("link"):
        if str(link.get("rel", "")).lower() == "canonical" and link.get("href"):
            found.setdefault("url", str(link.get("href")).strip())
    return found
