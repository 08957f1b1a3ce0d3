"""Caps on uploads, checked from the file's directory before anything is inflated (issue 11,
failure 4)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from gongkai.annualreport.limits import (
    UploadLimitError,
    check_pdf_pages,
    check_zip,
    pdf_page_count,
)
from gongkai.annualreport.readers import read_report_bytes


def docx_bomb(inflated_mb: int) -> bytes:
    run = "<w:p><w:r><w:t>" + "公开" * 40 + "</w:t></w:r></w:p>"
    body = run * (inflated_mb * 1024 * 1024 // len(run.encode()))
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def pdf_with_pages(pages: int) -> bytes:
    """A PDF of ``pages`` pages, each showing a line of text (so the text layer is read),
    written directly: one shared content stream and font, one page object per page."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content = b"BT /F1 12 Tf 72 720 Td (A page of the annex: figures and notes.) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    first_page = len(objects) + 1
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
    kids = b" ".join(b"%d 0 R" % (first_page + index) for index in range(pages))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_docx_bomb_is_refused_from_its_directory_in_milliseconds():
    bomb = docx_bomb(40)
    assert len(bomb) < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(UploadLimitError) as error:
        check_zip(bomb, "bomb.docx")
    assert time.monotonic() - started < 0.5
    assert "word/document.xml" in error.value.message
    # The report reader refuses it the same way, naming the file.
    with pytest.raises(UploadLimitError) as error:
        read_report_bytes(bomb, "bomb.docx")
    assert error.value.source == "bomb.docx"


def test_a_well_compressed_large_part_is_refused_by_its_ratio():
    bomb = docx_bomb(8)  # under the size cap, but inflates far more than 100×
    with pytest.raises(UploadLimitError, match="压缩比"):
        check_zip(bomb, "ratio.docx")
    check_zip(bomb, "ratio.docx", max_ratio=100_000)  # the cap that refused it was the ratio


def test_too_many_parts_and_a_large_total_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(30):
            archive.writestr(f"part{index}.xml", "x")
    with pytest.raises(UploadLimitError, match="过多"):
        check_zip(buffer.getvalue(), "many.docx", max_parts=20)
    with pytest.raises(UploadLimitError, match="总量"):
        check_zip(buffer.getvalue(), "total.docx", max_total=20)


def test_pdf_pages_are_counted_from_the_page_tree_and_capped():
    many = pdf_with_pages(301)
    assert pdf_page_count(many) == 301
    with pytest.raises(UploadLimitError, match="页数"):
        read_report_bytes(many, "long.pdf")
    check_pdf_pages(pdf_with_pages(3), "short.pdf")
    assert pdf_page_count(b"%PDF-1.4 not really") is None


def test_real_reports_pass_the_caps():
    from pathlib import Path

    data = Path("/work/shared/data")
    files = (
        [p for p in data.rglob("*") if p.suffix.lower() in (".docx", ".pdf")][:20] if data.exists() else []
    )
    for path in files:
        content = path.read_bytes()
        if path.suffix.lower() == ".docx":
            check_zip(content, path.name)
        else:
            check_pdf_pages(content, path.name)
