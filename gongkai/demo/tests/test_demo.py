"""`gongkai demo` brings up the demo government: the founding report in its 年报 column
with its figures, downloadable as DOCX and PDF whose text holds the Chinese labels."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pytest

from gongkai.accounts.models import Membership, Organization
from gongkai.annualreport.checks import errors
from gongkai.demo.data import STAFF, load_demo
from gongkai.reports.models import AnnualReportRecord
from gongkai.reports.selectors import findings_of, report_of

LABELS = ("本年新收政府信息公开申请数量", "结转下年度继续办理", "行政复议", "第二十条第（一）项")


@pytest.mark.django_db
def test_demo_data_is_loaded_once():
    result = load_demo()
    load_demo()
    assert Organization.objects.get(slug="keqiao") == result.government
    assert result.government.children.count() == 13
    assert Membership.objects.count() == len(STAFF)
    assert AnnualReportRecord.objects.get(organization__slug="keqiao", year=2020).status == "published"


@pytest.mark.django_db
def test_the_past_years_report_comes_out_of_the_demo_records(client):
    load_demo()
    record = AnnualReportRecord.objects.get(organization__slug="keqiao", year=2025)
    assert (record.status, record.source) == ("published", "computed")
    report = report_of(record)
    assert report.tables["T3"]["R1"]["TOTAL"] == 15 and report.tables["T3"]["R4"]["TOTAL"] == 2
    assert report.tables["T2"]["NORM"] == {"MADE": 2, "REPEALED": 0, "VALID": 2}
    assert errors(findings_of(record)) == []
    page = client.get("/keqiao/annual-reports/").content.decode()
    assert "<svg" in page and "2020" in page and "2025" in page  # the year-over-year chart


@pytest.mark.django_db
def test_founding_report_in_the_column_and_its_downloads(client):
    load_demo()
    page = client.get("/keqiao/annual-reports/2020/").content.decode()
    assert "184" in page and "182" in page and "132767.89" in page
    docx_bytes = client.get("/keqiao/annual-reports/2020.docx").content
    document = docx.Document(io.BytesIO(docx_bytes))
    docx_text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert all(label in docx_text for label in LABELS)
    pdf_bytes = client.get("/keqiao/annual-reports/2020.pdf").content
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf_text = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "")
    assert all(label in pdf_text for label in LABELS)
    assert "184" in pdf_text


def test_the_demo_command_sets_up_its_own_database(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GONGKAI_MODE", "GONGKAI_DATA_DIR")
    }
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "demo", "--no-serve", "--data-dir", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo" / "gongkai.sqlite3").exists()
    assert "admin-gongkai-demo" in result.stdout
    assert "http://127.0.0.1:8000/" in result.stdout
