"""The archive export of a year's publications (Art. 25: copies for the state archives
and public libraries): a zip with a manifest (CSV and JSON, the metadata of every
publication), each publication as a self-contained HTML page, and its attachments."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.annualreport.spreadsheet import safe_row
from gongkai.disclosure.categories import STATUTORY_CATEGORY_LABELS
from gongkai.disclosure.models import Publication, PublicationStatus

MANIFEST_COLUMNS = [
    ("index_number", "索引号"),
    ("title", "标题"),
    ("document_number", "文号"),
    ("publisher", "发布机构"),
    ("written_on", "成文日期"),
    ("formed_on", "形成日期"),
    ("published_on", "发布日期"),
    ("statutory_category", "法定主动公开内容"),
    ("subject_category", "主题分类"),
    ("kind", "种类"),
    ("validity", "有效性"),
    ("keywords", "关键词"),
    ("summary", "内容概述"),
    ("file", "文件"),
]


def archive_year(*, organization: Organization, year: int) -> tuple[str, bytes]:
    """(file name, zip bytes) of the organization's publications published in ``year``."""
    publications = (
        Publication.objects.filter(
            organization=organization, status=PublicationStatus.PUBLISHED, published_on__year=year
        )
        .prefetch_related("attachments")
        .order_by("published_on", "pk")
    )
    buffer = io.BytesIO()
    records = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for publication in publications:
            folder = f"{publication.published_on:%Y%m%d}-{publication.pk}"
            page = render_to_string("portal/disclosure/archive_page.html", {"publication": publication})
            archive.writestr(f"{folder}/index.html", page)
            files = []
            for attachment in publication.attachments.all():
                name = f"{folder}/{attachment.position + 1:02d}-{attachment.name}"
                with attachment.file.open("rb") as handle:
                    archive.writestr(name, handle.read())
                files.append(name)
            record = {
                "index_number": publication.index_number,
                "title": publication.title,
                "document_number": publication.document_number,
                "publisher": publication.publisher,
                "written_on": publication.written_on.isoformat() if publication.written_on else "",
                "formed_on": publication.formed_on.isoformat(),
                "published_on": publication.published_on.isoformat() if publication.published_on else "",
                "statutory_category": STATUTORY_CATEGORY_LABELS.get(publication.statutory_category, ""),
                "subject_category": publication.subject_category,
                "kind": str(publication.get_kind_display()),
                "validity": str(publication.get_validity_display()) if publication.validity else "",
                "keywords": publication.keywords,
                "summary": publication.summary,
                "file": f"{folder}/index.html",
                "attachments": files,
            }
            records.append(record)
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow([label for _code, label in MANIFEST_COLUMNS])
        for record in records:
            writer.writerow(safe_row(record[code] for code, _label in MANIFEST_COLUMNS))
        archive.writestr("manifest.csv", "\ufeff" + table.getvalue())
        archive.writestr(
            "manifest.json",
            json.dumps(
                {
                    "organization": organization.name,
                    "credit_code": organization.credit_code,
                    "year": year,
                    "exported_at": timezone.now().isoformat(),
                    "publications": records,
                },
                ensure_ascii=False,
                indent=2,
            ),
        )
    return f"{organization.slug}-{year}-publications.zip", buffer.getvalue()
