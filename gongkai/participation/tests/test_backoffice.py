"""The back office of participation: every page answers for the body's own staff, another
body's staff get 404s, contact data is shown only to those who handle it, and the report's
correction page offers the computed sentences of section 一."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.testing import persona
from gongkai.participation.models import Moderation
from gongkai.participation.services import (
    decisions,
    emergencies,
    media,
    messages,
    projects,
    proposals,
    surveys,
)
from gongkai.participation.tests.conftest import open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world, editor, head, handler, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    consultation = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3))
    opinion = decisions.opinion_submit(
        consultation=consultation,
        body="建议。",
        name="王秘密",
        phone="13811112222",
        email="secret@example.cn",
    )
    survey = surveys.survey_create(actor=editor, consultation=consultation, title="问卷")
    question = surveys.question_add(
        actor=editor, survey=survey, text="赞成吗？", kind="single", choices=["是", "否"]
    )
    message = messages.message_submit(
        organization=world.department,
        kind="question",
        subject="咨询",
        body="问题",
        name="王秘密",
        email="secret@example.cn",
        phone="13811112222",
    )
    project = projects.project_create(actor=editor, organization=world.department, values={"name": "项目"})
    record = projects.stage_record_add(
        actor=editor,
        project=project,
        values={"stage": "approval", "title": "批复", "happened_on": dt.date(2025, 3, 1)},
    )
    proposal = proposals.proposal_create(
        actor=editor,
        organization=world.department,
        values={
            "kind": "member_proposal",
            "year": 2025,
            "number": "1",
            "title": "提案",
            "handling_role": "lead",
            "received_on": dt.date(2025, 3, 1),
        },
    )
    account = media.media_account_create(
        actor=editor, organization=world.department, values={"platform": "wechat", "name": "号"}
    )
    event = emergencies.event_create(
        actor=editor,
        organization=world.department,
        values={"title": "事件", "kind": "accident", "banner": "横幅", "started_on": dt.date(2025, 3, 3)},
    )
    notice = emergencies.notice_draft(
        actor=editor, event=event, values={"kind": "warning", "title": "预警", "body": "内容"}
    )
    return {
        "decision": consultation.decision,
        "consultation": consultation,
        "opinion": opinion,
        "survey": survey,
        "question": question,
        "message": message,
        "project": project,
        "record": record,
        "proposal": proposal,
        "account": account,
        "event": event,
        "notice": notice,
        "catalog": consultation.decision.catalog,
    }


def pages(org: str, r: dict) -> list[str]:
    p = f"/backoffice/{org}/participation/"
    return [
        p,
        p + "settings/",
        p + "decisions/",
        p + "decisions/new/",
        f"{p}decisions/{r['decision'].pk}/",
        f"{p}decisions/{r['decision'].pk}/consultations/new/",
        f"{p}consultations/{r['consultation'].pk}/",
        f"{p}surveys/{r['survey'].pk}/",
        p + "projects/",
        p + "projects/new/",
        f"{p}projects/{r['project'].pk}/",
        p + "proposals/",
        p + "proposals/new/",
        f"{p}proposals/{r['proposal'].pk}/",
        p + "media/",
        f"{p}media/{r['account'].pk}/",
        p + "messages/",
        f"{p}messages/{r['message'].pk}/",
        p + "emergencies/",
        f"{p}emergencies/{r['event'].pk}/",
    ]


def test_every_page_answers_for_the_bodys_office_head(client, world, head, records):
    client.force_login(head)
    for url in pages(world.department.slug, records):
        assert client.get(url).status_code == 200, url


def test_another_bodys_staff_get_404_for_every_object(client, world, records):
    stranger = persona(Role.OFFICE_ADMIN, world.other_department)
    client.force_login(stranger)
    for url in pages(world.department.slug, records):
        assert client.get(url).status_code == 404, url
    # Nor can they act, by posting to the department's objects through their own slug.
    p = f"/backoffice/{world.other_department.slug}/participation/"
    for url in (
        f"{p}opinions/{records['opinion'].pk}/moderate/",
        f"{p}consultations/{records['consultation'].pk}/publish/",
        f"{p}notices/{records['notice'].pk}/release/",
        f"{p}questions/{records['question'].pk}/remove/",
        f"{p}stage-records/{records['record'].pk}/remove/",
        f"{p}catalogs/{records['catalog'].pk}/publish/",
    ):
        assert client.post(url, {"moderation": "accepted"}).status_code == 404, url
    records["opinion"].refresh_from_db()
    assert records["opinion"].moderation == Moderation.PENDING


def test_contact_data_only_for_those_who_handle_it(client, world, head, records):
    supervisor = persona(Role.SUPERVISOR, world.government)
    reviewer = persona(Role.REVIEWER, world.department)
    org = world.department.slug
    consultation_url = f"/backoffice/{org}/participation/consultations/{records['consultation'].pk}/"
    message_url = f"/backoffice/{org}/participation/messages/{records['message'].pk}/"
    for user, sees in ((head, True), (supervisor, False), (reviewer, False)):
        client.force_login(user)
        for url in (consultation_url, message_url):
            html = client.get(url).content.decode()
            assert ("13811112222" in html) is sees, (user, url)
            assert ("secret@example.cn" in html) is sees, (user, url)


def test_a_handler_answers_and_transfers_but_does_not_publish(client, world, handler, records):
    client.force_login(handler)
    url = f"/backoffice/{world.department.slug}/participation/messages/{records['message'].pk}/"
    html = client.get(url).content.decode()
    assert "发送答复" in html and "转交" in html and "公开留言及答复" not in html
    response = client.post(url, {"transfer-to": world.other_department.pk, "transfer-reason": "职责所在"})
    assert response.status_code == 302
    assert client.get(url).status_code == 404  # no longer the body that handles it


def test_the_writer_of_an_emergency_notice_cannot_release_it(client, world, head, records):
    reviewer = persona(Role.REVIEWER, world.department)
    client.force_login(reviewer)
    url = f"/backoffice/{world.department.slug}/participation/notices/{records['notice'].pk}/release/"
    assert client.post(url, {"note": "已审核"}).status_code == 302
    records["notice"].refresh_from_db()
    assert records["notice"].released_at is not None and records["notice"].released_by == reviewer
    html = client.get(f"/{world.department.slug}/").content.decode()
    assert "横幅" in html


def test_the_report_correction_page_offers_the_computed_sentences(client, world, head, records, time_machine):
    from gongkai.reports.services import report_create_blank

    time_machine.to(dt.date(2026, 1, 10))
    for opinion in records["consultation"].opinions.all():
        decisions.opinion_moderate(actor=head, opinion=opinion, moderation=Moderation.ACCEPTED)
    report_create_blank(actor=head, organization=world.department, year=2025)
    client.force_login(head)
    url = f"/backoffice/{world.department.slug}/reports/2025/edit/"
    html = client.get(url).content.decode()
    sentence = "就1项重大行政决策草案向社会公开征求意见，收到意见建议1条。"
    assert sentence in html and "将这些语句加入正文" in html
    form = {"section__overview": "本机关的总体情况。", "add_computed": "overview"}
    response = client.post(url, form)
    assert response.status_code == 200
    textarea = response.content.decode().split('name="section__overview"', 1)[1].split("</textarea>", 1)[0]
    assert "本机关的总体情况。" in textarea and sentence in textarea
    from gongkai.reports.models import AnnualReportRecord
    from gongkai.reports.selectors import report_of

    stored = report_of(AnnualReportRecord.objects.get(organization=world.department, year=2025))
    assert stored.sections["overview"] == ""  # nothing saved until the clerk saves


def test_the_sentences_are_not_offered_again_once_in_the_text(client, world, head, records, time_machine):
    from gongkai.reports.services import report_compute

    time_machine.to(dt.date(2026, 1, 10))
    for opinion in records["consultation"].opinions.all():
        decisions.opinion_moderate(actor=head, opinion=opinion, moderation=Moderation.ACCEPTED)
    report_compute(actor=head, organization=world.department, year=2025)  # section 一 starts with them
    client.force_login(head)
    html = client.get(f"/backoffice/{world.department.slug}/reports/2025/edit/").content.decode()
    assert "就1项重大行政决策草案向社会公开征求意见" in html  # in the text box
    assert "将这些语句加入正文" not in html
