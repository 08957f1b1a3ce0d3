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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The same bombs as the tests (gongkai/annualreport/tests/test_limits.py).
from gongkai.annualreport.tests.test_limits import docx_bomb, pdf_with_pages  # noqa: E402

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
    # The attachment path as it was: no caps, the text of every page (until 200,000 characters).
    kind = files.sniff(data)
    if kind == "pdf":
        import io, pdfplumber
        size = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                size += len(page.extract_text() or "")
                if size > files.MAX_TEXT_CHARS:
                    break
        outcome = f"read {size} characters"
    else:
        outcome = f"read {len(files._docx_text(data))} characters"
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
# VmHWM: this process's own peak (ru_maxrss would include the parent's before exec).
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
print(f"{time.monotonic() - started:.3f}\t{peak:.0f}\t{outcome}")
"""


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
    names = list(cases)
    del cases, data  # the parent holds no bomb while the children run
    rows = []
    idle = measure("idle", "-", options.timeout)
    rows.append(("idle (baseline)", "-", *idle))
    for name in names:
        for mode in ("attachment-after", "reader-after"):
            rows.append((name, mode, *measure(mode, paths[name], options.timeout)))
    for name in names:
        if name == "docx-400MB" and not options.full:
            continue
        rows.append((name, "attachment-before", *measure("attachment-before", paths[name], options.timeout)))
    print(f"\n{'case':16} {'path':18} {'seconds':>8} {'peak MB':>8}  outcome")
    for case, mode, seconds, peak, outcome in rows:
        print(f"{case:16} {mode:18} {seconds:8.2f} {peak:8.0f}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
