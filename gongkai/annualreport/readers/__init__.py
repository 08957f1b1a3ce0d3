"""Readers: published reports in any form to the one model.

``read_report(path)`` or ``read_report_bytes(data, name)`` sniff the form (PDF, DOCX,
HTML, JSON, plain text) and return an ``AnnualReport``; anything that cannot be read as a
report raises ``ReportReadError`` naming what was found and what is missing.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.model import AnnualReport

MAX_INPUT_BYTES = 50 * 1024 * 1024


# Markup that only a web page starts with, in its first bytes.
_HTML_MARKERS = (
    b"<html",
    b"<!doctype html",
    b"<table",
    b"<body",
    b"<head",
    b"<meta",
    b"<div",
    b"<p>",
    b"<p ",
)


def sniff(data: bytes, name: str = "") -> str:
    """The form of an input, decided by its content: pdf, docx, zip, html, json or text
    (plain text, Markdown, crawled pages). The name counts only when the content says
    nothing (binary bytes that are none of these): a ".docx" then gets the DOCX reader's
    message about a damaged document.

    ``report check`` and ``report batch`` both decide through this function, so a file one
    reads the other reads too.
    """
    head = data[:4096].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, ValueError, OSError):
            pass
        return "zip"
    lowered = head.lower()
    if lowered.startswith((b"<?xml", b"<!--")) or any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    if head.startswith((b"{", b"\xef\xbb\xbf{")):
        return "json"
    if b"\x00" in head[:512] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "docx" if Path(name).suffix.lower() == ".docx" else "binary"
    return "text"


def read_report_bytes(data: bytes, name: str = "<input>") -> AnnualReport:
    if len(data) > MAX_INPUT_BYTES:
        raise ReportReadError(
            f"文件过大（{len(data)} 字节，上限 {MAX_INPUT_BYTES}）(file too large)", source=name
        )
    kind = sniff(data, name)
    if kind == "pdf":
        from gongkai.annualreport.readers.pdf import pdf_to_document

        document = pdf_to_document(data, name)
    elif kind == "docx":
        from gongkai.annualreport.readers.docx import docx_to_document

        document = docx_to_document(data, name)
    elif kind == "html":
        from gongkai.annualreport.readers.html import html_to_document

        document = html_to_document(data, name)
    elif kind == "json":
        from gongkai.annualreport.readers.jsonfile import report_from_json_bytes

        return report_from_json_bytes(data, name)
    elif kind == "binary":
        raise ReportReadError(
            "不是文本、网页、PDF、Word 或 JSON 文件 (not a text, HTML, PDF, Word or JSON file)", source=name
        )
    elif kind == "zip":
        raise ReportReadError(
            "是 ZIP 压缩包而不是 DOCX 文档 (a ZIP archive, not a DOCX document)", source=name
        )
    else:
        from gongkai.annualreport.readers.text import decode, text_to_document

        document = text_to_document(decode(data, name), name)
    from gongkai.annualreport.readers.interpret import interpret

    return interpret(document)


def read_report(path: str | Path) -> AnnualReport:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportReadError(
            f"无法读取文件 (cannot read the file): {error.strerror}", source=str(path)
        ) from error
    return read_report_bytes(data, str(path))


def read_report_text(text: str, name: str = "<text>") -> AnnualReport:
    from gongkai.annualreport.readers.interpret import interpret
    from gongkai.annualreport.readers.text import text_to_document

    return interpret(text_to_document(text, name))


__all__ = ["ReportReadError", "read_report", "read_report_bytes", "read_report_text", "sniff"]
