"""In a real browser: a document goes through confidentiality review and approval, is
found by a two-character query and read with its interpretation."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from gongkai.accounts.roles import Role
from gongkai.core.testing import persona, small_government
from gongkai.disclosure import services
from gongkai.disclosure.models import Publication, PublicationStatus
from gongkai.search.api import backend

PASSWORD = "correct-horse-battery"


@pytest.fixture
def browser_page(page):
    # The suite's one Chromium (root conftest.py): Playwright's sync API allows only one
    # running instance per process.
    return page


@pytest.fixture
def clean_index(transactional_db):
    yield
    # The full-text table is not a Django model, so the flush after the test leaves it.
    with connection.cursor() as cursor:
        backend().drop_index(cursor)
        backend().create_index(cursor)


def log_in(page, base: str, user) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/backoffice/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/backoffice/")


@pytest.mark.browser
def test_publish_through_review_find_by_two_characters_and_read_with_interpretation(
    live_server, clean_index, browser_page
):
    page = browser_page
    base = live_server.url
    world = small_government()
    org = world.department
    editor, reviewer, admin = (persona(role, org) for role in (Role.EDITOR, Role.REVIEWER, Role.OFFICE_ADMIN))

    # The editor writes the policy and sends it to review.
    log_in(page, base, editor)
    page.goto(f"{base}/backoffice/{org.slug}/publications/new/")
    page.fill("input[name=title]", "关于实施住房补贴的办法")
    page.select_option("select[name=statutory_category]", "A20_01")
    page.select_option("select[name=kind]", "normative_document")
    page.fill("input[name=document_number]", "测教发〔2024〕3号")
    page.fill("input[name=written_on]", "2024-05-06")
    page.fill("input[name=formed_on]", "2024-05-06")
    page.fill("textarea[name=body]", "<p>为做好住房补贴发放工作，制定本办法。联系电话13812345678。</p>")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/publications/*/")
    policy = Publication.objects.get(title="关于实施住房补贴的办法")
    page.click("form[action$='/submit/'] button")
    page.wait_for_selector(".message.success")

    # The reviewer sees the mobile number, confirms it is the office's public line, passes.
    log_in(page, base, reviewer)
    page.goto(f"{base}/backoffice/{org.slug}/publications/{policy.pk}/")
    assert page.locator("form[action$='/pass-review/'] button").is_disabled()
    assert "138****5678" in page.content()
    page.fill("form[action*='/confirm/'] input[name=reason]", "办公室对外咨询电话")
    page.click("form[action*='/confirm/'] button")
    page.wait_for_selector(".message.success")
    page.click("form[action$='/pass-review/'] button")
    page.wait_for_selector(".message.success")

    # The office administrator approves and publishes.
    log_in(page, base, admin)
    page.goto(f"{base}/backoffice/{org.slug}/publications/{policy.pk}/")
    page.click("form[action$='/approve/'] button")
    page.wait_for_selector("form[action$='/publish/'] button")
    page.click("form[action$='/publish/'] button")
    page.wait_for_selector(".message.success")
    policy.refresh_from_db()
    assert policy.status == PublicationStatus.PUBLISHED

    # Its interpretation, written and published the same way (here through the services).
    interpretation = services.publication_create(
        actor=editor,
        organization=org,
        values={
            "title": "《关于实施住房补贴的办法》政策解读",
            "body": "<p>一图读懂补贴标准。</p>",
            "statutory_category": "A20_01",
            "kind": "interpretation",
            "interprets": policy,
            "formed_on": policy.formed_on,
        },
    )
    services.publication_submit(actor=editor, publication=interpretation)
    services.publication_pass_review(actor=reviewer, publication=interpretation)
    services.publication_approve(actor=admin, publication=interpretation)
    services.publication_publish(actor=admin, publication=interpretation)

    # The public finds the policy by a two-character query and reads it.
    page.context.clear_cookies()
    page.goto(f"{base}/search/?q=补贴")
    results = page.locator(".search-result")
    assert results.count() == 2
    page.locator(".search-result h2 a").filter(has_text=re.compile("^关于实施住房补贴的办法$")).click()
    page.wait_for_url(f"**/{org.slug}/publications/{policy.pk}/")
    metadata = page.locator("table.metadata")
    assert policy.index_number in metadata.inner_text()
    assert "测教发〔2024〕3号" in metadata.inner_text()
    assert "有效" in metadata.inner_text()
    page.locator(".interpretations a", has_text="政策解读").click()
    page.wait_for_url(f"**/publications/{interpretation.pk}/")
    assert "一图读懂补贴标准" in page.locator(".publication-body").inner_text()
    assert page.locator(".interprets a").inner_text() == "关于实施住房补贴的办法"
