"""In a real browser: a citizen files an application; staff handle it through a
correction, a consultation, an extension and a reply, and download the letter; at every
step the applicant's progress page shows the step with its due date. axe-core finds no
WCAG 2.1 AA violation on the pages along the way.

The dates run around the 2025 National Day (1–8 October off; 28 September and
11 October worked), on the clock of a time machine.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import axe_violations
from gongkai.accounts.roles import Role
from gongkai.accounts.services import membership_grant
from gongkai.core.testing import persona, small_government
from gongkai.requests.models import InfoRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date
PASSWORD = "correct-horse-battery"


def accessible(page) -> None:
    assert axe_violations(page) == [], page.url


def test_application_from_citizen_to_reply(live_server, page, time_machine, settings):
    settings.SESSION_COOKIE_AGE = 366 * 24 * 3600  # the time machine jumps weeks ahead
    world = small_government()
    org = world.department.slug
    clerk = persona(Role.HANDLER, world.department, username="clerk")
    membership_grant(actor=None, user=clerk, organization=world.department, role=Role.OFFICE_ADMIN)
    base = live_server.url

    # --- the citizen applies (Monday 22 September 2025) ---
    time_machine.to(D(2025, 9, 22))
    page.goto(f"{base}/{org}/apply/")
    accessible(page)
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("input[name=name]", "陈小明")
    page.select_option("select[name=id_type]", "id_card")
    page.fill("input[name=id_number]", "330102199203041234")
    page.fill("input[name=phone]", "13700001111")
    page.fill("textarea[name=description]", "2025年本局校园安全检查的结果通报")
    page.check("input[name=form_wanted][value=electronic]")
    page.check("input[name=delivery_wanted][value=email]")
    page.check("input[name=confirm]")
    page.click("#apply-form button[type=submit]")
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    accessible(page)
    track_url = f"{base}/{org}/apply/track/{code}/"

    def progress() -> str:
        page.goto(track_url)
        return page.locator("main").inner_text()

    # --- staff confirm the receipt ---
    page.goto(f"{base}/backoffice/login/")
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.goto(f"{base}/backoffice/{org}/requests/")
    accessible(page)
    page.locator("#queue tbody th a").first.click()
    detail_url = page.url
    accessible(page)

    def act(action: str, **fields: str) -> None:
        page.goto(detail_url)
        panel = page.locator(f"#panel-{action}")
        panel.locator("summary").click()
        for name, value in fields.items():
            field = panel.locator(f"[name={name}]")
            if field.evaluate("node => node.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        panel.locator("button[type=submit]").click()
        assert page.locator(".message.error").count() == 0, page.locator(".message.error").all_inner_texts()

    act("confirm", received_on="2025-09-22")
    text = progress()
    assert "2025-09-22" in text and "2025-10-24" in text  # 20 working days across National Day

    # --- correction (Art. 30): asked on 23 September; corrected online on 26 September ---
    time_machine.to(D(2025, 9, 23))
    act("correction", on="2025-09-23", due_on="2025-09-30", items="请写明检查的学校和月份")
    text = progress()
    assert "2025-09-30" in text
    accessible(page)
    time_machine.to(D(2025, 9, 26))
    page.fill("textarea[name=text]", "2025年9月对本区中小学校园安全检查的结果通报")
    page.click("form[action$='/correction/'] button[type=submit]")
    text = progress()
    assert "2025-10-30" in text  # the clock restarted on 26 September

    # --- consultation of a third party from 29 September; ended 10 October ---
    time_machine.to(D(2025, 9, 29))
    act("consultation", kind="third_party", party="某物业服务有限公司", on="2025-09-29")
    text = progress()
    assert "2025-10-27" in text and "2025-11-20" in text  # opinion due; reply due at the latest
    time_machine.to(D(2025, 10, 10))
    act("consultation_end", on="2025-10-10")
    text = progress()
    assert "2025-11-04" in text  # three working days not counted (30 Sep, 9 and 10 Oct)

    # --- extension (Art. 33) of 10 working days, approved by the head of the office ---
    time_machine.to(D(2025, 10, 13))
    act("extension", days="10", reason="涉及多所学校，需要逐一核实", on="2025-10-13")
    text = progress()
    assert "2025-11-18" in text

    # --- reply on 14 November: compose, read, issue; download the letter ---
    time_machine.to(D(2025, 11, 14))
    page.goto(detail_url)
    accessible(page)
    page.click("#reply-link")
    page.select_option("select[name=disposition]", "disclosed")
    page.fill("input[name=replied_on]", "2025-11-14")
    page.fill("textarea[name=explanation]", "现将通报全文随本告知书提供。")
    page.click("#preview-reply")
    assert "第三十六条第（二）项" in page.locator("textarea[name=letter_body]").input_value()
    accessible(page)
    page.click("#issue-reply")
    assert InfoRequest.objects.get().disposition == "disclosed"
    with page.expect_download() as download:
        page.locator("#letters a", has_text="PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    with page.expect_download() as download:
        page.locator("#letters a", has_text="DOCX").first.click()
    assert download.value.suggested_filename.endswith(".docx")

    # --- the applicant sees every step ---
    text = progress()
    steps = page.locator("#steps li").all_inner_texts()
    assert (
        len(steps) == 8
    )  # submitted, received, correction asked, corrected, consulted, ended, extended, replied
    assert "2025-11-14" in steps[-1]
    assert "陈小明" not in text and "13700001111" not in text
    accessible(page)
