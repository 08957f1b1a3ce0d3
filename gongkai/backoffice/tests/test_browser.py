"""In a real browser: the public column of the demo government, and the back office's
report upload and correction, with axe-core finding no WCAG 2.1 AA violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import axe_violations
from gongkai.demo.data import DEMO_PASSWORD_SUFFIX, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HONGZE = (
    Path(__file__).resolve().parents[2]
    / "annualreport"
    / "tests"
    / "data"
    / "hongze-district-2023.layout.txt"
)


def check(page) -> None:
    assert axe_violations(page) == [], page.url


def test_public_column_walk(live_server, page):
    load_demo()
    page.goto(live_server.url + "/")
    check(page)
    page.get_by_role("link", name="绍兴市柯桥区人民政府").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("绍兴市柯桥区人民政府")
    check(page)
    for name in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "依申请公开",
        "政府信息公开年报",
    ):
        page.locator("nav.column-nav").get_by_role("link", name=name).click()
        check(page)
    page.get_by_role("link", name="绍兴市柯桥区人民政府2020年政府信息公开工作年度报告").click()
    table = page.locator("table").filter(has_text="本年新收政府信息公开申请数量")
    assert "184" in table.inner_text() and "182" in table.inner_text()
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(live_server.url + "/en/keqiao/")
    check(page)


def test_staff_upload_correct_and_publish(live_server, page, tmp_path):
    load_demo()
    page.goto(live_server.url + "/backoffice/")
    check(page)
    page.get_by_label("用户名").fill("edu-admin") if page.get_by_label(
        "用户名"
    ).count() else page.get_by_label("Username").fill("edu-admin")
    page.locator("#id_password").fill("edu-admin" + DEMO_PASSWORD_SUFFIX)
    page.locator("form.form button[type=submit]").click()
    check(page)
    page.goto(live_server.url + "/backoffice/keqiao-jyj/reports/")
    check(page)
    page.locator("input[type=file]").set_input_files(str(HONGZE))
    page.locator("form[action$='/reports/upload/'] button[type=submit]").click()
    # The uploaded report has two errors in table 四 (totals printed 0).
    findings = page.locator("section.findings")
    assert findings.locator("tr.error").count() == 2
    assert page.locator("button[disabled]").count() == 1  # cannot be submitted with errors
    check(page)
    page.locator("a.button").first.click()  # correct figures and text
    check(page)
    page.locator("#id_T4__RV__TOTAL").fill("11")
    page.locator("#id_T4__LR__TOTAL").fill("5")
    page.locator("form.figures button[type=submit]").click()
    assert page.locator("section.findings tr.error").count() == 0
    page.goto(live_server.url + "/backoffice/keqiao-jyj/reports/2023/")
    page.locator("form:has(input[value=submit]) button").click()
    page.locator("form:has(input[value=publish]) button").click()
    check(page)
    trail = page.locator("section.trail").inner_text()
    for action in ("report.imported", "report.corrected", "report.submitted", "report.published"):
        assert action in trail
    page.goto(live_server.url + "/keqiao-jyj/annual-reports/2023/")
    assert "7730.28" in page.locator("article.annual-report").inner_text()
