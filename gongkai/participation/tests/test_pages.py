"""The public pages over the demo government: every participation page answers, none shows
a citizen's name, telephone or e-mail address, bad parameters are 400s, unpublished things
are 404s, and the forms are protected by the captcha and the rate limit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from gongkai.demo.data import load_demo
from gongkai.demo.participation import SUBMITTERS
from gongkai.participation.models import Consultation, MajorDecision, Message, Opinion
from gongkai.participation.tests.helpers import captcha_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return load_demo()


def _links(html: str) -> set[str]:
    return {link for link in re.findall(r'href="(/keqiao/participation/[^"#?]*)"', html)}


def crawl(client) -> dict[str, str]:
    """Every participation page reachable from the hub (and the column pages that link it)."""
    seen: dict[str, str] = {}
    queue = ["/keqiao/participation/", "/keqiao/", "/keqiao/participation/decisions/?year=2025"]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        seen[url] = html
        queue.extend(sorted(_links(html) - seen.keys()))
    return seen


def test_every_public_page_answers_and_shows_no_citizens_data(client, demo):
    pages = crawl(client)
    assert len(pages) >= 20
    for part in ("decisions/", "projects/", "proposals/", "media/", "messages/", "emergencies/", "surveys/"):
        assert any(part in url for url in pages), part
    text = "\n".join(pages.values())
    for name, phone, email in SUBMITTERS:
        assert name not in text
        assert phone not in text
        assert email not in text
    # The feedback with its reasons is there.
    school = MajorDecision.objects.get(title__contains="学区划分")
    decision = client.get(f"/keqiao/participation/decisions/{school.pk}/").content.decode()
    assert "未采纳" in decision and "《中华人民共和国义务教育法》第十二条规定" in decision
    assert "共收到意见5条，其中采纳2条，部分采纳2条，未采纳1条。" in decision


def test_the_banner_of_an_active_emergency_is_on_every_column_page(client, demo):
    for url in (
        "/keqiao/",
        "/keqiao/guide/",
        "/keqiao/statutory/",
        "/keqiao/annual-reports/",
        "/keqiao-jyj/",
    ):
        html = client.get(url).content.decode()
        assert "寒潮蓝色预警" in html, url
        assert 'class="emergency-banner"' in html
    # The ended typhoon has no banner.
    assert "台风防御Ⅲ级应急响应已启动" not in client.get("/keqiao/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/keqiao/participation/decisions/?year=abc",
        "/keqiao/participation/decisions/?year=99999",
        "/keqiao/participation/proposals/?year=2025&kind=nonsense",
        "/keqiao/participation/projects/?page=-1",
        "/keqiao/participation/search/?q=学区&kind=nonsense",
        "/keqiao/participation/messages/?page=x",
    ],
)
def test_bad_parameters_are_the_visitors_mistake(client, demo, url):
    assert client.get(url).status_code == 400


def test_what_is_not_public_is_not_found(client, demo):
    hidden = MajorDecision.objects.filter(catalog__published_at__isnull=True).first()
    assert hidden is None  # the demo publishes its catalogs
    message = Message.objects.filter(published_at__isnull=True).first()
    assert client.get(f"/keqiao/participation/messages/{message.pk}/").status_code == 404
    assert (
        client.get(f"/keqiao-jyj/participation/decisions/{MajorDecision.objects.first().pk}/").status_code
        == 404
    )
    # A consultation that has closed takes no more opinions.
    closed = Consultation.objects.get(title__contains="学区划分")
    page = client.get(f"/keqiao/participation/consultations/{closed.pk}/opinion/")
    assert "目前不在征求意见期间" in page.content.decode()
    count = Opinion.objects.count()
    client.post(f"/keqiao/participation/consultations/{closed.pk}/opinion/", {"body": "晚到的意见"})
    assert Opinion.objects.count() == count


def _open_consultation() -> Consultation:
    return Consultation.objects.get(title__contains="老旧小区")


def test_an_opinion_needs_the_captcha(client, demo):
    consultation = _open_consultation()
    url = f"/keqiao/participation/consultations/{consultation.pk}/opinion/"
    count = consultation.opinions.count()
    html = client.get(url).content.decode()
    wrong = {**captcha_answer(html), "body": "建议增设电梯。"}
    wrong["captcha_1"] = "wrong"
    response = client.post(url, wrong)
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    assert "建议增设电梯。" in response.content.decode()  # nothing typed is lost
    assert consultation.opinions.count() == count
    html = client.get(url).content.decode()
    response = client.post(url, {**captcha_answer(html), "body": "建议增设电梯。", "name": "测试市民"})
    assert response.status_code == 302
    assert consultation.opinions.count() == count + 1
    assert client.get(url)["Cache-Control"] == "no-store"


def test_the_forms_are_rate_limited(client, demo, settings):
    settings.GONGKAI = {**settings.GONGKAI, "PARTICIPATION": {"SUBMISSIONS_PER_HOUR": 2}}
    url = "/keqiao/participation/messages/write/"
    statuses = []
    for i in range(3):
        html = client.get(url).content.decode()
        response = client.post(
            url,
            {
                **captcha_answer(html),
                "kind": "question",
                "subject": f"第{i}条",
                "body": "内容",
                "name": "测试",
                "email": "t@example.cn",
            },
        )
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert "提交次数过多" in response.content.decode()
    assert Message.objects.filter(subject__startswith="第").count() == 2
    # Another address is not limited.
    html = client.get(url).content.decode()
    response = client.post(
        url,
        {
            **captcha_answer(html),
            "kind": "question",
            "subject": "别处",
            "body": "内容",
            "name": "测试",
            "email": "t@example.cn",
        },
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302


def test_a_message_gets_a_reference_and_its_due_date(client, demo, time_machine):
    time_machine.to(dt.date(2025, 9, 30), hour=16)
    url = "/keqiao/participation/messages/write/"
    html = client.get(url).content.decode()
    response = client.post(
        url,
        {
            **captcha_answer(html),
            "kind": "suggestion",
            "subject": "国庆前的留言",
            "body": "内容",
            "name": "测试",
            "email": "t@example.cn",
        },
        follow=True,
    )
    page = response.content.decode()
    message = Message.objects.get(subject="国庆前的留言")
    assert message.reference in page
    assert "将于2025-10-14前通过电子邮件答复" in page
    assert not mail.outbox


def test_section_one_of_the_demos_published_report_quotes_the_figures(client, demo):
    html = client.get("/keqiao/annual-reports/2025/").content.decode()
    assert "公布2025年度重大行政决策事项目录，列入决策事项3项。" in html
    assert "收到网民留言4条，答复4条，其中在规定时限内答复3条；公开选登留言问答2条。" in html
