"""Upload bombs against the attachment path and the annual-report reader, before and after
the caps (issue 11, failure 4). Memory and time, as ratios measured in the same run.

Run from the repository root::

    .venv/bin/python bench/upload_bombs.py            # the 100 MB DOCX and the 5,000-page PDF
    .venv/bin/python bench/upload_bombs.py --full     # also the 400 MB DOCX before the caps (minutes, GBs)

Each case runs in a fresh Python process, so its peak resident memory (``ru_maxrss`` of the
child) is its own; a case still running after ``--timeout`` seconds is stopped and reported
as at least that. "Before" is the code path as it was: python-docx, openpyxl or pdfplumber
read the whole file (the attachment's text extraction; the report readers). "After" is what
the site now does first on both paths: ``gongkai.disclosure.files.check_upload`` (size, ZIP
parts, ratio, PDF pages) and the readers' own entry checks, which refuse the bombs before
anything is inflated. The baseline of the ratios is an empty Python process that imports the
same modules (``idle``), so that interpreter and library memory is visible.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"

CHILD = r"""
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("GONGKAI_MODE", "test")
import django
django.setup()
from gongkai.disclosure import files
from gongkai.annualreport.readers import read_report_bytes
from gongkai.core.errors import DomainError
from gongkai.annualreport.errors import ReportReadError
mode, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read() if path != "-" else b""
started = time.monotonic()
outcome = "read"
if mode == "idle":
    pass
elif mode == "attachment-before":
    kind = files.sniff(data)
    text = {"docx": files._docx_text, "pdf": files._pdf_text, "xlsx": files._xlsx_text}[kind](data)
    outcome = f"read {len(text)} characters"
elif mode == "attachment-after":
    try:
        kind = files.check_upload(data)
        outcome = f"read {len(files.extract_text(data, kind))} characters"
    except DomainError as error:
        outcome = "refused: " + error.message[:70]
elif mode == "reader-after":
    try:
        read_report_bytes(data, os.path.basename(path))
    except ReportReadError as error:
        outcome = "refused: " + error.message[:70]
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{time.monotonic() - started:.3f}\t{peak:.0f}\t{outcome}")
"""


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
    """A PDF of ``pages`` pages, each with a line of text (so the text layer is read)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument.new()
    font = pdfium_c.FPDFText_LoadStandardFont(document, b"Helvetica")
    for number in range(pages):
        page = document.new_page(595, 842)
        text = pdfium_c.FPDFPageObj_NewTextObj(document, b"Helvetica", 12.0)
        encoded = (f"Page {number + 1} of the annex: figures and notes." + "\0").encode("utf-16-le")
        buffer = ctypes.create_string_buffer(encoded)
        pdfium_c.FPDFText_SetText(text, ctypes.cast(buffer, pdfium_c.FPDF_WIDESTRING))
        pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 72, 720)
        pdfium_c.FPDFPage_InsertObject(page, text)
        pdfium_c.FPDFPage_GenerateContent(page)
        page.close()
    del font
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def _high_water_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return -1.0


def measure(mode: str, path: str, timeout: int) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, outcome) of one case in a fresh process; the child reports
    its own peak (ru_maxrss), or the parent reads it (VmHWM) before stopping it."""
    started = time.monotonic()
    process = subprocess.Popen(
        [str(PYTHON), "-c", CHILD, mode, path], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        out, _err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        peak = _high_water_mb(process.pid)
        process.kill()
        process.communicate()
        return float(timeout), peak, f"stopped after {timeout} s (at least)"
    line = out.decode().strip().splitlines()[-1] if out.strip() else "crashed"
    seconds, _tab, rest = line.partition("\t")
    peak, _tab, outcome = rest.partition("\t")
    try:
        return float(seconds), float(peak), outcome
    except ValueError:
        return time.monotonic() - started, -1.0, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="also run the 400 MB DOCX before the caps")
    parser.add_argument("--timeout", type=int, default=400)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bombs-"))
    cases = {
        "docx-100MB": docx_bomb(100),
        "docx-400MB": docx_bomb(400),
        "pdf-5000-pages": pdf_with_pages(5000),
    }
    paths = {}
    for name, data in cases.items():
        path = folder / (name + (".pdf" if "pdf" in name else ".docx"))
        path.write_bytes(data)
        paths[name] = str(path)
        print(f"{name}: {len(data) / 1024:.0f} KB on disk")
    rows = []
    idle = measure("idle", "-", options.timeout)
    rows.append(("idle (baseline)", "-", *idle))
    for name in cases:
        for mode in ("attachment-after", "reader-after"):
            rows.append((name, mode, *measure(mode, paths[name], options.timeout)))
    for name in cases:
        if name == "docx-400MB" and not options.full:
            continue
        rows.append((name, "attachment-before", *measure("attachment-before", paths[name], options.timeout)))
    print(f"\n{'case':16} {'path':18} {'seconds':>8} {'peak MB':>8}  outcome")
    for case, mode, seconds, peak, outcome in rows:
        print(f"{case:16} {mode:18} {seconds:8.2f} {peak:8.0f}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
