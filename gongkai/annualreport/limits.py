"""Caps on what an uploaded file may make the server do (issue 11, failure 4: a 1.45 MB DOCX
that inflated to 400 MB took over 300 s and 3.6 GB; a 5,000-page PDF took 27 s).

Both checks read only the file's directory — a ZIP's central directory, a PDF's page tree —
and never inflate or render anything, so a bomb is refused in milliseconds and a few MB:

* ``check_zip``: the number of parts, each part's size once inflated, the sum of them, and
  each large part's compression ratio. zipfile never returns more than a part's recorded
  size (a part that lies about it fails its CRC), so the recorded sizes can be trusted.
* ``check_pdf_pages``: the page count (pdfium, which reads the page tree only).

Plain Python (no Django): the report readers and the publication attachments use the same
checks. Limits are arguments, with the defaults below.
"""

from __future__ import annotations

import io
import zipfile

from gongkai.annualreport.errors import ReportReadError

# A DOCX body of a 500-page document is about 10–20 MB of XML.
MAX_ZIP_PART_BYTES = 32 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 128 * 1024 * 1024
MAX_ZIP_PARTS = 2000
# Word XML compresses 5–30×; a part that inflates more than 100× is built to do so.
MAX_ZIP_RATIO = 100
RATIO_APPLIES_FROM_BYTES = 4 * 1024 * 1024
# An annual report is 10–60 pages.
MAX_REPORT_PAGES = 300


class UploadLimitError(ReportReadError):
    """The file exceeds a cap: refused before it is read."""


def check_zip(
    data: bytes,
    name: str,
    *,
    max_part: int = MAX_ZIP_PART_BYTES,
    max_total: int = MAX_ZIP_TOTAL_BYTES,
    max_parts: int = MAX_ZIP_PARTS,
    max_ratio: int = MAX_ZIP_RATIO,
) -> None:
    """UploadLimitError when the ZIP package (DOCX, XLSX) would inflate beyond the caps.
    A file that is no ZIP at all is left to the reader to refuse."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(parts) > max_parts:
        raise UploadLimitError(
            f"压缩包内文件过多（{len(parts)} 个，上限 {max_parts}）(too many parts)", source=name
        )
    total = 0
    for part in parts:
        total += part.file_size
        if part.file_size > max_part:
            raise UploadLimitError(
                f"文件内部分“{part.filename}”解压后过大（{part.file_size} 字节，上限 {max_part}）"
                f"(a part inflates beyond the limit)",
                source=name,
            )
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size >= RATIO_APPLIES_FROM_BYTES and ratio > max_ratio:
            raise UploadLimitError(
                f"文件内部分“{part.filename}”压缩比异常（{ratio:.0f} 倍，上限 {max_ratio} 倍）"
                f"(a part is compressed suspiciously well)",
                source=name,
            )
        if total > max_total:
            raise UploadLimitError(
                f"文件解压后总量过大（超过 {max_total} 字节）(the parts inflate beyond the limit)",
                source=name,
            )


def pdf_page_count(data: bytes) -> int | None:
    """The number of pages, from the page tree alone; None when pdfium cannot open it."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None
    try:
        return len(document)
    finally:
        document.close()


def check_pdf_pages(data: bytes, name: str, *, max_pages: int = MAX_REPORT_PAGES) -> None:
    pages = pdf_page_count(data)
    if pages is not None and pages > max_pages:
        raise UploadLimitError(
            f"PDF 页数过多（{pages} 页，上限 {max_pages} 页）(too many pages)", source=name
        )
