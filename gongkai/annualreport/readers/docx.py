"""Word documents (DOCX) to lines of cells.

The body is read in document order straight from its XML, so that paragraphs and tables
stay interleaved as printed: each paragraph is a one-cell line (a manual line break
starts a new line), each table row a grid line with one cell per ``w:tc``. A cell merged
across columns (``w:gridSpan``) is one cell; a cell merged down from the row above
(``w:vMerge`` continuation) is an empty cell in its place — the same shape the HTML reader
gives for rowspan and colspan.

Deleted revisions, hidden text, field instructions and text boxes are not part of what a
reader of the document sees, and are skipped. A table that holds other tables, or only one
cell per row, is page layout: its cells are read as ordinary content.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import normpath

from lxml import etree

from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.limits import check_zip
from gongkai.annualreport.readers.document import Cell, Document, Line

_WORD_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 Strict
    }
)
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_DEFAULT_PART = "word/document.xml"
MAX_PART_BYTES = 200 * 1024 * 1024  # a report body is a few MB; more is a zip bomb

# Wrappers whose content counts as if it stood in their place.
_WRAPPERS = frozenset(
    {"sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "hyperlink", "fldSimple", "dir", "bdo"}
)
# Content that a reader of the printed document does not see as body text.
_INVISIBLE = frozenset(
    {"del", "moveFrom", "instrText", "delInstrText", "delText", "txbxContent", "drawing", "pict", "object", "rPr", "pPr", "sectPr", "fldChar", "footnoteReference", "endnoteReference", "commentReference"}
)  # fmt: skip
_OFF = frozenset({"0", "false", "off"})

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _name(element: etree._Element) -> str:
    """The local name of a WordprocessingML element; "mc:…" for markup compatibility;
    "" for anything else (comments, other vocabularies)."""
    if not isinstance(element.tag, str):
        return ""
    qname = etree.QName(element)
    if qname.namespace in _WORD_NAMESPACES:
        return qname.localname
    if qname.namespace == _MARKUP_COMPATIBILITY:
        return f"mc:{qname.localname}"
    return ""


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next((child for child in element if _name(child) == name), None)


def _attribute(element: etree._Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if etree.QName(key).localname == name:
            return str(value)
    return None


def _children(element: etree._Element, names: frozenset[str]) -> Iterator[etree._Element]:
    """Children with one of the names, looking through content controls and custom XML."""
    for child in element:
        name = _name(child)
        if name in names:
            yield child
        elif name == "sdt":
            content = _first(child, "sdtContent")
            if content is not None:
                yield from _children(content, names)
        elif name in ("sdtContent", "customXml"):
            yield from _children(child, names)
        elif name == "mc:AlternateContent":
            choice = next((c for c in child if _name(c) == "mc:Choice"), None)
            if choice is not None:
                yield from _children(choice, names)


@dataclass
class _Pieces:
    pieces: list[str] = field(default_factory=lambda: [""])

    def add(self, text: str) -> None:
        self.pieces[-1] += text

    def cut(self) -> None:
        if self.pieces[-1]:
            self.pieces.append("")

    def texts(self) -> list[str]:
        return [" ".join(piece.split()) for piece in self.pieces if piece.strip()]


def _is_hidden_run(run: etree._Element) -> bool:
    properties = _first(run, "rPr")
    if properties is None:
        return False
    vanish = _first(properties, "vanish")
    return vanish is not None and (_attribute(vanish, "val") or "true").lower() not in _OFF


def _inline(element: etree._Element, pieces: _Pieces) -> None:
    for child in element:
        name = _name(child)
        if name in _INVISIBLE:
            continue
        if name == "t":
            pieces.add(child.text or "")
        elif name in ("tab", "ptab"):
            pieces.add(" ")
        elif name in ("br", "cr"):
            pieces.cut()
        elif name == "noBreakHyphen":
            pieces.add("-")
        elif name == "r":
            if not _is_hidden_run(child):
                _inline(child, pieces)
        elif name == "mc:AlternateContent":
            choice = next((c for c in child if _name(c) == "mc:Choice"), None)
            if choice is not None:
                _inline(choice, pieces)
        elif name in _WRAPPERS or name == "p":
            _inline(child, pieces)


def paragraph_lines(paragraph: etree._Element) -> list[str]:
    pieces = _Pieces()
    _inline(paragraph, pieces)
    return pieces.texts()


def _rows(table: etree._Element) -> list[etree._Element]:
    return list(_children(table, frozenset({"tr"})))


def _cells(row: etree._Element) -> list[etree._Element]:
    return list(_children(row, frozenset({"tc"})))


def _merge(cell: etree._Element, name: str) -> str | None:
    """The value of a cell's w:vMerge or w:hMerge: "restart", "continue", or None."""
    properties = _first(cell, "tcPr")
    if properties is None:
        return None
    merge = _first(properties, name)
    if merge is None:
        return None
    return _attribute(merge, "val") or "continue"


def cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs joined without spaces: table labels are broken anywhere
    ("商业" / "企业" is 商业企业)."""
    texts: list[str] = []
    for block in _children(cell, frozenset({"p", "tbl"})):
        if _name(block) == "p":
            texts.extend(paragraph_lines(block))
        else:
            for row in _rows(block):
                texts.extend(cell_text(inner) for inner in _cells(row))
    return "".join(texts)


def _is_layout_table(table: etree._Element) -> bool:
    rows = _rows(table)
    for row in rows:
        for cell in _cells(row):
            if any(_name(d) == "tbl" for d in cell.iterdescendants()):
                return True
    return all(len(_cells(row)) <= 1 for row in rows)


class _Reader:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.count = 0

    def number(self) -> int:
        self.count += 1
        return self.count

    def blocks(self, container: etree._Element) -> None:
        for block in _children(container, frozenset({"p", "tbl"})):
            if _name(block) == "p":
                number = self.number()
                self.lines.extend(Line(cells=(Cell(text),), number=number) for text in paragraph_lines(block))
            elif _is_layout_table(block):
                for row in _rows(block):
                    for cell in _cells(row):
                        self.blocks(cell)
            else:
                self.table(block)

    def table(self, table: etree._Element) -> None:
        for row in _rows(table):
            number = self.number()
            cells: list[Cell] = []
            for cell in _cells(row):
                if _merge(cell, "hMerge") == "continue":
                    continue  # the old form of gridSpan: part of the cell on its left
                if _merge(cell, "vMerge") == "continue":
                    cells.append(Cell(""))
                else:
                    cells.append(Cell(cell_text(cell)))
            if cells:
                self.lines.append(Line(cells=tuple(cells), grid=True, number=number, in_table=True))


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part named by the package relationships (word/document.xml as a rule)."""
    try:
        relationships = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
    except KeyError:
        return _DEFAULT_PART
    for relationship in relationships:
        if etree.QName(relationship).namespace != _RELATIONSHIPS:
            continue
        if str(relationship.get("Type", "")).endswith(_OFFICE_DOCUMENT):
            # Targets of the package's own relationships are relative to its root.
            target = str(relationship.get("Target", "")).lstrip("/")
            return normpath(target) if target else _DEFAULT_PART
    return _DEFAULT_PART


def _load_body(data: bytes, name: str) -> etree._Element:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportReadError(
            "是加密的 Word 文档或旧版 .doc 文件，不是 DOCX (an encrypted Word document or a legacy "
            ".doc file, not DOCX)",
            source=name,
        )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            part = _main_part(archive)
            info = archive.getinfo(part)
            if info.file_size > MAX_PART_BYTES:
                raise ReportReadError(
                    f"DOCX 正文过大（{info.file_size} 字节）(the DOCX body is too large)", source=name
                )
            root = etree.fromstring(archive.read(info), _PARSER)
    except ReportReadError:
        raise
    except KeyError as error:
        raise ReportReadError(
            f"DOCX 文件缺少正文部分 (the DOCX file has no document part): {error}", source=name
        ) from error
    except etree.XMLSyntaxError as error:
        raise ReportReadError(
            f"DOCX 正文不是有效的 XML (the DOCX document part is not valid XML): {error}", source=name
        ) from error
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as error:
        raise ReportReadError(
            f"DOCX 文件损坏或无法解压 (the DOCX file is damaged or cannot be unpacked): {error}", source=name
        ) from error
    body = _first(root, "body")
    if body is None:
        raise ReportReadError("DOCX 文件没有正文 (the DOCX document has no body)", source=name)
    return body


def docx_to_document(data: bytes, name: str) -> Document:
    check_zip(data, name)  # caps on inflated sizes before anything is inflated
    reader = _Reader()
    reader.blocks(_load_body(data, name))
    return Document(lines=reader.lines, source=name, kind="docx")
