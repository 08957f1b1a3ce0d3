"""Upload bombs on the attachment path and the report-import path (issue 11, failure 4):
refused before anything is inflated, read in a task worker within a time limit."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from gongkai.annualreport.tests.test_limits import docx_bomb, pdf_with_pages
from gongkai.core import uploads
from gongkai.core.errors import DomainError
from gongkai.disclosure import services
from gongkai.disclosure.models import Attachment
from gongkai.disclosure.tests.helpers import draft
from gongkai.reports.models import AnnualReportRecord
from gongkai.reports.services import report_import

pytestmark = pytest.mark.django_db


def test_a_docx_bomb_is_not_attached(world, people):
    publication = draft(world.department, people.editor)
    with pytest.raises(DomainError) as error:
        services.attachment_add(
            actor=people.editor, publication=publication, name="bomb.docx", data=docx_bomb(40), in_worker=True
        )
    assert error.value.code == "too_large" and "word/document.xml" in error.value.message
    assert not Attachment.objects.exists()


def test_a_pdf_of_too_many_pages_is_not_attached_and_a_long_one_is_read_in_part(world, people, settings):
    settings.GONGKAI = {**settings.GONGKAI, "ATTACHMENT_MAX_PAGES": 400}
    publication = draft(world.department, people.editor)
    with pytest.raises(DomainError):
        services.attachment_add(
            actor=people.editor, publication=publication, name="long.pdf", data=pdf_with_pages(401)
        )
    attachment = services.attachment_add(
        actor=people.editor, publication=publication, name="ok.pdf", data=pdf_with_pages(350), in_worker=True
    )
    # Read in the worker, from the first 300 pages only.
    assert attachment.file_type == "pdf" and attachment.text.count("A page of the annex") == 300


def test_the_back_office_attachment_page_refuses_the_bomb(client, world, people):
    publication = draft(world.department, people.editor)
    client.force_login(people.editor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/backoffice/{world.department.slug}/publications/{publication.pk}/attachments/",
        {"file": SimpleUploadedFile("bomb.docx", docx_bomb(40))},
        follow=True,
    )
    assert response.status_code == 200 and not Attachment.objects.exists()
    assert any("document.xml" in str(message) for message in response.context["messages"])


def test_a_report_bomb_is_refused_on_the_import_path(world, people):
    for data, name in ((docx_bomb(40), "2024年报.docx"), (pdf_with_pages(301), "2024年报.pdf")):
        with pytest.raises(DomainError) as error:
            report_import(
                actor=people.admin, organization=world.department, data=data, filename=name, in_worker=True
            )
        assert name in error.value.message
    assert not AnnualReportRecord.objects.exists()


def test_reading_in_the_worker_has_a_time_limit_and_leaves_nothing(world, people, monkeypatch):
    """The task is queued with the time limit as its timeout (the worker is stopped then);
    when no result comes within it, the page answers so, stores nothing and removes the
    upload it kept for the worker."""
    queued: dict = {}

    def fake_submit(function, *args, timeout=None, **kwargs):
        queued.update(function=function, args=args, timeout=timeout)
        return "task-that-never-finishes"

    monkeypatch.setattr(uploads, "submit", fake_submit)
    monkeypatch.setattr("django_q.tasks.fetch", lambda task_id, wait=0: None)
    publication = draft(world.department, people.editor)
    with pytest.raises(DomainError) as error:
        services.attachment_add(
            actor=people.editor,
            publication=publication,
            name="slow.pdf",
            data=pdf_with_pages(5),
            in_worker=True,
        )
    assert error.value.code == "too_slow"
    assert (
        queued["timeout"] == uploads.read_seconds()
        and queued["function"] == "gongkai.core.uploads.read_stored"
    )
    stored_name = queued["args"][1]
    assert not default_storage.exists(stored_name)
    assert not Attachment.objects.exists()


def test_a_spreadsheet_bomb_is_refused_by_the_bulk_import():
    from gongkai.disclosure.importer import read_rows

    with pytest.raises(DomainError, match=r"document\.xml"):
        read_rows(docx_bomb(40), "publications.xlsx")
