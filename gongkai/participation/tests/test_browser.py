"""In a real browser. A citizen gives an opinion on a draft; staff moderate it, answer it as
not adopted with the reason, and publish the feedback once the period is over; the
decision's page shows the reason, and the citizen's contact data appears on no public
page. A citizen writes a message; the body answers it on time; the answer reaches the
writer by e-mail; the published question and answer show without the writer's data.
axe-core finds no WCAG 2.1 AA violation on the pages along the way, at 1366 and 390 px.
"""

from __future__ import annotations

import datetime as dt

import pytest
from captcha.models import CaptchaStore
from django.core import mail

from conftest import axe_violations
from gongkai.accounts.roles import Role
from gongkai.core.testing import persona, small_government
from gongkai.participation.models import Message, Opinion
from gongkai.participation.services import decisions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"
CITIZEN = {"name": "欧阳晓雯", "phone": "13688889999", "email": "ouyang.xw@example.cn"}


def accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def no_overflow(page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def solve_captcha(page) -> None:
    key = page.locator("input[name=captcha_0]").input_value()
    page.fill("input[name=captcha_1]", CaptchaStore.objects.get(hashkey=key).response)


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/backoffice/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")


def public_text(page, base: str, paths: list[str]) -> str:
    texts = []
    for path in paths:
        page.goto(base + path)
        texts.append(page.content())
    return "\n".join(texts)


def test_an_opinion_from_citizen_to_published_feedback(live_server, page, time_machine, settings):
    settings.SESSION_COOKIE_AGE = 366 * 24 * 3600  # the time machine jumps weeks ahead
    world = small_government()
    org = world.department.slug
    editor = persona(Role.EDITOR, world.department, username="editor")
    head = persona(Role.OFFICE_ADMIN, world.department, username="head")
    base = live_server.url

    time_machine.to(dt.date(2025, 3, 3))
    decision = decisions.decision_create(
        actor=editor,
        organization=world.department,
        year=2025,
        values={"title": "城区学区划分调整方案", "summary": "调整学区范围。", "undertaking_unit": "教育局"},
    )
    decisions.catalog_publish(actor=head, catalog=decision.catalog)
    consultation = decisions.consultation_create(
        actor=editor,
        decision=decision,
        values={
            "title": "关于公开征求《城区学区划分调整方案（征求意见稿）》意见的公告",
            "draft": "草案全文。",
            "opens_on": dt.date(2025, 3, 3),
            "closes_on": dt.date(2025, 4, 1),
        },
    )
    decisions.consultation_publish(actor=head, consultation=consultation)

    # --- the citizen gives an opinion (on a phone) ---
    time_machine.to(dt.date(2025, 3, 10))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/{org}/participation/decisions/{decision.pk}/")
    accessible(page)
    no_overflow(page)
    page.click("text=我要提意见")
    accessible(page)
    no_overflow(page)
    page.fill("textarea[name=body]", "建议取消学区划分，全部实行摇号入学。")
    page.fill("input[name=name]", CITIZEN["name"])
    page.fill("input[name=phone]", CITIZEN["phone"])
    page.fill("input[name=email]", CITIZEN["email"])
    solve_captcha(page)
    page.click("main form button[type=submit]")
    assert "您的意见已收到" in page.locator(".messages").inner_text()
    opinion = Opinion.objects.get()
    assert (opinion.name, opinion.phone, opinion.email) == (
        CITIZEN["name"],
        CITIZEN["phone"],
        CITIZEN["email"],
    )

    # --- staff moderate and prepare the answer while the consultation runs ---
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "head")
    page.goto(f"{base}/backoffice/{org}/participation/consultations/{consultation.pk}/")
    accessible(page)
    assert CITIZEN["phone"] in page.content()  # the body's own staff see the contact data
    page.click(f"form[action$='/opinions/{opinion.pk}/moderate/'] button[value=accepted]")
    page.check(f"input[name=opinions][value='{opinion.pk}']")
    page.fill("textarea[name=summary]", "取消学区划分，实行摇号入学")
    page.check("input[name=adoption][value=not_adopted]")
    page.fill(
        "textarea[name=reason]",
        "义务教育法规定适龄儿童免试就近入学，学区划分是落实就近入学的方式，故未采纳。",
    )
    page.click("form[action$='/feedback/'] button[type=submit]")
    assert "答复已保存" in page.locator(".messages").inner_text()
    # Prepared, not yet public.
    page.goto(f"{base}/{org}/participation/decisions/{decision.pk}/")
    assert "故未采纳" not in page.content()

    # --- after the period, staff publish the feedback ---
    time_machine.to(dt.date(2025, 4, 3))
    page.goto(f"{base}/backoffice/{org}/participation/consultations/{consultation.pk}/")
    page.fill("form[action$='/feedback/publish/'] textarea[name=summary]", "共收到意见1条，经研究未予采纳。")
    page.click("form[action$='/feedback/publish/'] button[type=submit]")
    assert "意见采纳情况已在决策事项页面公开" in page.locator(".messages").inner_text()
    accessible(page)

    # --- the decision's page shows the feedback and the reason ---
    page.context.clear_cookies()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/{org}/participation/decisions/{decision.pk}/")
        main = page.locator("main").inner_text()
        assert "未采纳" in main and "故未采纳" in main
        assert "共收到意见1条，其中采纳0条，部分采纳0条，未采纳1条。" in main
        accessible(page)
        no_overflow(page)
    everywhere = public_text(
        page,
        base,
        [
            f"/{org}/",
            f"/{org}/participation/",
            f"/{org}/participation/decisions/",
            f"/{org}/participation/decisions/{decision.pk}/",
            f"/{org}/participation/search/?q=学区",
        ],
    )
    assert "城区学区划分调整方案" in everywhere
    for value in CITIZEN.values():
        assert value not in everywhere
    # Searching for the citizen's name or telephone finds nothing (the box echoes the query).
    for query in (CITIZEN["name"], CITIZEN["phone"]):
        for path in (f"/{org}/participation/search/?q={query}", f"/search/?q={query}"):
            page.goto(base + path)
            assert page.locator(".search-result").count() == 0, path


def test_a_message_answered_on_time_mailed_and_published(live_server, page, time_machine, settings):
    settings.SESSION_COOKIE_AGE = 366 * 24 * 3600
    world = small_government()
    org = world.department.slug
    persona(Role.OFFICE_ADMIN, world.department, username="head")
    base = live_server.url

    # --- the citizen writes (Tuesday 30 September 2025, before the National Day) ---
    time_machine.to(dt.date(2025, 9, 30), hour=16)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/{org}/participation/messages/")
    accessible(page)
    page.click("main >> text=我要留言")
    accessible(page)
    no_overflow(page)
    page.check("input[name=kind][value=question]")
    page.fill("input[name=subject]", "学区划分咨询")
    page.fill("textarea[name=body]", "请问今年秋季学期城东片区的学区如何划分？")
    page.fill("input[name=name]", CITIZEN["name"])
    page.fill("input[name=email]", CITIZEN["email"])
    page.fill("input[name=phone]", CITIZEN["phone"])
    page.check("input[name=may_publish]")
    solve_captcha(page)
    page.click("main form button[type=submit]")
    message = Message.objects.get()
    notice = page.locator(".messages").inner_text()
    assert message.reference in notice and "2025-10-14前" in notice  # 5 working days after the holiday

    # --- the body answers on 13 October, a day before it is due ---
    time_machine.to(dt.date(2025, 10, 13), hour=9)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "head")
    page.goto(f"{base}/backoffice/{org}/participation/messages/")
    accessible(page)
    assert "即将到期" in page.locator("main").inner_text()
    page.click(f"text={message.subject}")
    accessible(page)
    page.fill("textarea[name=answer-answer]", "城东片区学区划分方案已于9月公布，详见本网站通知公告栏目。")
    page.click("form:has(textarea[name=answer-answer]) button[type=submit]")
    assert "正在通过电子邮件发送给留言人" in page.locator(".messages").inner_text()
    assert "按期答复" in page.locator("main").inner_text()

    # --- the writer gets the answer by e-mail ---
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [CITIZEN["email"]]
    assert message.reference in sent.subject
    assert "城东片区学区划分方案已于9月公布" in sent.body
    message.refresh_from_db()
    assert message.answer_mailed_at is not None

    # --- staff publish the question and answer ---
    page.fill("textarea[name=publish-public_question]", "请问今年秋季学期城东片区的学区如何划分？")
    page.click("form:has(textarea[name=publish-public_question]) button[type=submit]")
    assert "留言及答复已公开" in page.locator(".messages").inner_text()

    # --- the published Q&A shows the answer, not the writer ---
    page.context.clear_cookies()
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/{org}/participation/messages/")
        page.click(f"text={message.subject}")
        main = page.locator("main").inner_text()
        assert "城东片区学区划分方案已于9月公布" in main and "在规定时限内" in main
        accessible(page)
        no_overflow(page)
    everywhere = public_text(
        page,
        base,
        [
            f"/{org}/participation/",
            f"/{org}/participation/messages/",
            f"/{org}/participation/messages/{message.pk}/",
            f"/{org}/participation/search/?q=学区",
        ],
    )
    assert "学区划分咨询" in everywhere
    for value in CITIZEN.values():
        assert value not in everywhere


def test_every_public_participation_page_of_the_demo_is_accessible_on_a_phone(live_server, page):
    from gongkai.demo.data import load_demo
    from gongkai.participation import models as m

    load_demo()
    base = live_server.url
    # Ids are looked up: PostgreSQL does not reset its sequences between tests.
    school = m.MajorDecision.objects.get(title__contains="学区划分")
    p = "/keqiao/participation/"
    paths = [
        p,
        p + "decisions/?year=2025",
        f"{p}decisions/{school.pk}/",
        f"{p}surveys/{m.Survey.objects.get().pk}/",
        f"{p}consultations/{m.Consultation.objects.get(title__contains='老旧小区').pk}/opinion/",
        p + "projects/",
        f"{p}projects/{m.MajorProject.objects.get(name__contains='城东学校').pk}/",
        p + "proposals/",
        f"{p}proposals/{m.DeputyProposal.objects.order_by('pk').first().pk}/",
        p + "media/",
        p + "messages/",
        f"{p}messages/{m.Message.objects.filter(published_at__isnull=False).order_by('pk').first().pk}/",
        p + "messages/write/",
        p + "emergencies/",
        f"{p}emergencies/{m.EmergencyEvent.objects.get(title__contains='台风').pk}/",
        p + "search/?q=学区",
    ]
    for width in (1366, 390, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            no_overflow(page)
            if width != 320:
                accessible(page)
