"""The back-office and public pages end to end: every page renders for whoever may see it,
the reply is composed then issued, actions report refusals, the operator's calendar pages,
and the annual report computed from these records."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona
from gongkai.requests.models import InfoRequest
from gongkai.requests.tests.factories import register
from gongkai.workdays.models import CalendarDay, HolidayNotice

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_page_renders(client, world, handler, head, time_machine):
    time_machine.to(D(2025, 3, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    client.force_login(handler)
    slug = world.department.slug
    for url in (
        f"/backoffice/{slug}/",
        f"/backoffice/{slug}/requests/",
        f"/backoffice/{slug}/requests/?state=all&units=1",
        f"/backoffice/{slug}/requests/new/",
        f"/backoffice/{slug}/requests/{info_request.pk}/",
        f"/backoffice/{slug}/requests/{info_request.pk}/reply/",
        f"/backoffice/{slug}/requests/statistics/?year=2025",
        f"/backoffice/{slug}/cases/",
        f"/backoffice/{slug}/cases/new/",
        f"/en/backoffice/{slug}/requests/{info_request.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(head)
    assert client.get(f"/backoffice/{slug}/requests/templates/?kind=reply").status_code == 200
    tiles = client.get(f"/backoffice/{slug}/").content.decode()
    assert f"/backoffice/{slug}/requests/" in tiles and f"/backoffice/{slug}/cases/" in tiles
    supervisor = persona(Role.SUPERVISOR, world.government)
    client.force_login(supervisor)
    assert client.get(f"/backoffice/{world.government.slug}/requests/?units=1&state=all").status_code == 200
    assert (
        client.get(f"/backoffice/{world.government.slug}/requests/statistics/?year=2025&units=1").status_code
        == 200
    )


def test_the_reply_is_composed_then_issued(client, world, handler, time_machine):
    time_machine.to(D(2025, 3, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    client.force_login(handler)
    url = f"/backoffice/{world.department.slug}/requests/{info_request.pk}/reply/"
    fields = {
        "disposition": "partly_disclosed",
        "grounds": ["third_party"],
        "replied_on": "2025-03-10",
        "explanation": "已删除个人信息",
        "issue_letter": "on",
    }
    composed = client.post(url, {**fields, "preview": "1"}).content.decode()
    body = html.unescape(
        re.search(r'<textarea name="letter_body"[^>]*>(.*?)</textarea>', composed, re.S).group(1)
    ).strip()
    assert "第三十七条" in body and "已删除个人信息" in body and "涉及商业秘密" in body
    response = client.post(
        url,
        {
            **fields,
            "letter_title": "政府信息公开申请答复告知书",
            "letter_body": body + "\n附件：预算表（删减版）",
            "issue": "1",
        },
    )
    assert response.status_code == 302
    info_request = InfoRequest.objects.get()
    assert info_request.disposition == "partly_disclosed"
    letter = info_request.letters.get()
    assert letter.body.endswith("附件：预算表（删减版）")
    pdf = client.get(
        f"/backoffice/{world.department.slug}/requests/{info_request.pk}/letters/{letter.pk}.pdf"
    )
    assert (
        pdf.status_code == 200
        and pdf.content.startswith(b"%PDF")
        and "attachment" in pdf["Content-Disposition"]
    )


def test_refusals_are_reported(client, world, handler, time_machine):
    time_machine.to(D(2025, 3, 20))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))
    client.force_login(handler)
    response = client.post(
        f"/en/backoffice/{world.department.slug}/requests/{info_request.pk}/do/correction/",
        {"on": "2025-03-20", "due_on": "2025-03-30", "items": "x"},
        follow=True,
    )
    assert (
        "The correction notice was due within 7 working days of receipt, by 2025-03-12"
        in response.content.decode()
    )
    assert 'id="panel-correction"' not in response.content.decode()  # past the deadline: not offered
    response = client.post(f"/backoffice/{world.department.slug}/requests/{info_request.pk}/do/unknown/", {})
    assert response.status_code == 404


def test_operator_calendar_pages(client, world, handler, time_machine):
    time_machine.to(D(2026, 12, 10))
    info_request = register(organization=world.department, actor=handler, received_on=D(2026, 12, 10))
    client.force_login(handler)
    assert client.get("/backoffice/workdays/").status_code == 404
    operator = persona(Role.OPERATOR, world.government)
    client.force_login(operator)
    text = client.get("/en/backoffice/workdays/").content.decode()
    assert "No calendar has been entered for 2027" in text
    days = "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-05..2027-02-11,休,春节\n2027-02-07,班,春节"
    preview = client.post(
        "/en/backoffice/workdays/import/", {"year": "2027", "text": days, "preview": "1"}
    ).content.decode()
    assert "listed twice" in preview  # 7 Feb is both in the range and a make-up day
    days = "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-05..2027-02-11,休,春节\n2027-02-13,班,春节"
    preview = client.post(
        "/en/backoffice/workdays/import/", {"year": "2027", "text": days, "preview": "1"}
    ).content.decode()
    assert preview.count('<td class="holiday">2027-') == 8 and "2027-02-13" in preview
    assert not HolidayNotice.objects.filter(year=2027).exists()  # a preview saves nothing
    response = client.post(
        "/backoffice/workdays/import/",
        {"year": "2027", "text": days, "save": "1", "title": "国务院办公厅关于2027年部分节假日安排的通知"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.filter(notice__year=2027).count() == 9
    info_request.refresh_from_db()
    assert info_request.due_provisional_years == [] and info_request.reply_due_on == D(2027, 1, 8)
    assert AuditEntry.objects.filter(action="request.due_recomputed").count() == 1
    client.post(
        "/backoffice/workdays/2027/day/",
        {"date": "2027-01-07", "kind": "holiday", "name": "临时", "reason": "国务院通知"},
    )
    info_request.refresh_from_db()
    assert info_request.reply_due_on == D(2027, 1, 11)
    client.post("/backoffice/workdays/2027/day/remove/", {"date": "2027-01-07", "reason": "撤回"})
    info_request.refresh_from_db()
    assert info_request.reply_due_on == D(2027, 1, 8)
    assert client.get("/backoffice/workdays/2027/").status_code == 200
    upload = client.post(
        "/backoffice/workdays/import/",
        {"year": "2028", "file": _upload("2028-01-03 休 元旦\n".encode("gb18030")), "preview": "1"},
    )
    assert "2028-01-03" in upload.content.decode()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("2028.csv", data, content_type="text/csv")


def test_annual_report_computed_from_these_records(world, handler, time_machine):
    from gongkai.reports.selectors import report_of
    from gongkai.reports.services import report_compute

    time_machine.to(D(2026, 2, 1))
    register(organization=world.department, actor=handler, received_on=D(2025, 12, 29))
    record = report_compute(actor=handler, organization=world.department, year=2025)
    report = report_of(record)
    assert report.tables["T3"]["R1"]["NP"] == 1 and report.tables["T3"]["R4"]["TOTAL"] == 1
    assert report.tables["T4"]["RV"]["TOTAL"] == 0
