from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.test import override_settings

from gongkai.core.errors import DomainError
from gongkai.disclosure import files, services
from gongkai.disclosure.tests.helpers import draft

pytestmark = pytest.mark.django_db


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "表格单元"
    table.rows[0].cells[1].text = "第二格"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "名单"
    workbook.active.append(["项目", "金额"])
    workbook.active.append(["道路维修", 12.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_types_are_sniffed_from_the_content_not_the_name():
    assert files.sniff(docx_bytes("x")) == "docx"
    assert files.sniff(xlsx_bytes()) == "xlsx"
    assert files.sniff(b"%PDF-1.7 ...") == "pdf"
    assert files.sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert files.sniff(b"\xff\xd8\xff\xe0....") == "jpeg"
    assert files.sniff(b"MZ\x90\x00 an executable") is None
    assert files.sniff(b"PK\x03\x04 not really a zip") is None


def test_text_is_extracted_for_search_and_scan():
    assert "某某通知正文" in files.extract_text(docx_bytes("某某通知正文"), "docx")
    assert "第二格" in files.extract_text(docx_bytes("x"), "docx")
    text = files.extract_text(xlsx_bytes(), "xlsx")
    assert "道路维修" in text and "名单" in text
    assert "Notice 2024" in files.extract_text(pdf_bytes("Notice 2024"), "pdf")
    assert files.extract_text(b"%PDF-broken", "pdf") == ""


def test_uploads_are_checked(world):
    publication = draft(world.department)
    with pytest.raises(DomainError):
        services.attachment_add(actor=None, publication=publication, name="virus.pdf", data=b"MZ\x90\x00")
    with (
        override_settings(GONGKAI={"SITE_NAME": "x", "ATTACHMENT_MAX_BYTES": 100}),
        pytest.raises(DomainError) as error,
    ):
        services.attachment_add(actor=None, publication=publication, name="big.docx", data=docx_bytes("x"))
    assert error.value.field == "file"
    attachment = services.attachment_add(
        actor=None, publication=publication, name="../../附件1.docx", data=docx_bytes("附件正文")
    )
    assert attachment.file_type == "docx" and "附件正文" in attachment.text
    assert "/" not in attachment.name and attachment.size > 0 and len(attachment.sha256) == 64
