"""Attachments: the type is sniffed from the content (never trusted from the name or the
browser), the size, the inflated size of ZIP parts (DOCX, XLSX) and the pages of a PDF are
capped before anything is read (``gongkai.annualreport.limits``), and the text is extracted
for search and for the personal-data scan — from the first ``MAX_TEXT_PAGES`` pages."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.annualreport import limits
from gongkai.core.errors import DomainError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Extracted text beyond this is not indexed (a 500-page annex stays searchable by its start).
MAX_TEXT_CHARS = 200_000
MAX_TEXT_PAGES = 300
DEFAULT_MAX_PAGES = 2000


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI", {}).get("ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pages() -> int:
    return int(getattr(settings, "GONGKAI", {}).get("ATTACHMENT_MAX_PAGES", DEFAULT_MAX_PAGES))


def sniff(data: bytes) -> str | None:
    """The attachment type of ``data`` from its first bytes and, for Office files, the
    parts inside the zip; ``None`` when it is none of the accepted types."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def check_upload(data: bytes) -> str:
    """The sniffed type, or a DomainError saying why the file is refused."""
    limit = max_bytes()
    if len(data) > limit:
        raise DomainError(
            _("The file is too large: %(size)s MB; at most %(limit)s MB.")
            % {"size": round(len(data) / 2**20, 1), "limit": round(limit / 2**20, 1)},
            field="file",
        )
    if not data:
        raise DomainError(_("The file is empty."), field="file")
    kind = sniff(data)
    if kind is None:
        raise DomainError(_("Only PDF, DOCX, XLSX, PNG, JPEG and GIF files can be attached."), field="file")
    try:
        if kind in ("docx", "xlsx"):
            limits.check_zip(data, "")
        elif kind == "pdf":
            limits.check_pdf_pages(data, "", max_pages=max_pages())
    except limits.UploadLimitError as error:
        raise DomainError(
            _("The file is refused: %(reason)s.") % {"reason": error.message}, field="file", code="too_large"
        ) from error
    return kind


def extract_text(data: bytes, kind: str) -> str:
    """The text of a document attachment ('' for images and unreadable files)."""
    try:
        if kind == "pdf":
            text = _pdf_text(data)
        elif kind == "docx":
            text = _docx_text(data)
        elif kind == "xlsx":
            text = _xlsx_text(data)
        else:
            return ""
    except Exception:  # noqa: BLE001 - a damaged file is attached without text, not refused
        return ""
    return text[:MAX_TEXT_CHARS]


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    parts: list[str] = []
    size = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:MAX_TEXT_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_TEXT_CHARS:
                break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: list[int] = []
            cells = []
            for cell in row.cells:  # merged cells come back as the same object
                if id(cell) in seen:
                    continue
                seen.append(id(cell))
                cells.append(cell.text)
            parts.append("\t".join(cells))
    return "\n".join(part for part in parts if part.strip())


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: list[str] = []
    size = 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                line = "\t".join("" if value is None else str(value) for value in row).strip()
                if line:
                    parts.append(line)
                    size += len(line)
                if size > MAX_TEXT_CHARS:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)
