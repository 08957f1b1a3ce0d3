"""Every page carries the Content-Security-Policy and the other security headers, and no
page has an inline script or event handler (issue 11, failure 12).

The demo government is crawled: the public site anonymously, the back office as each of
its staff, the operators' admin as a superuser, and the API documentation."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from gongkai.accounts.models import User
from gongkai.core.testing import crawl
from gongkai.demo.data import load_demo

pytestmark = pytest.mark.django_db

# Script types that are data, never run (Swagger's settings, structured data).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Inline scripts, event-handler attributes, javascript: URLs and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") not in DATA_SCRIPT_TYPES:
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
            if name == "style":
                self.found.append(f"<{tag} style=…>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}…")


def _check(pages: dict) -> tuple[list[str], dict[str, list[str]]]:
    missing: list[str] = []
    inline: dict[str, list[str]] = {}
    for url, response in pages.items():
        # Static files are served by WhiteNoise before any middleware; the policy is for pages.
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        policy = response.get("Content-Security-Policy", "")
        script_src = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
        headers_ok = (
            "'self'" in script_src
            and "unsafe-inline" not in script_src
            and "frame-ancestors 'none'" in policy
            and "object-src 'none'" in policy
            and response.get("X-Content-Type-Options") == "nosniff"
            and response.get("Referrer-Policy") == "same-origin"
            and response.get("X-Frame-Options") == "DENY"
            and response.get("Cross-Origin-Opener-Policy") == "same-origin"
            and "camera=()" in response.get("Permissions-Policy", "")
        )
        if not headers_ok:
            missing.append(url)
        if response.get("Content-Type", "").startswith("text/html") and not url.endswith(".html"):
            parser = InlineCode()
            parser.feed(response.content.decode())
            if parser.found:
                inline[url] = parser.found
    return missing, inline


def test_public_pages_have_the_headers_and_no_inline_code(client):
    load_demo()
    pages = crawl(client, "/", "/", limit=200)
    pages.update(crawl(client, "/api/docs", "/api/docs", limit=2))
    assert sum(1 for r in pages.values() if r.status_code == 200) > 40
    missing, inline = _check(pages)
    assert missing == [] and inline == {}


def test_back_office_and_admin_pages_have_the_headers_and_no_inline_code(client):
    load_demo()
    pages: dict = {}
    for username in ("admin", "editor", "reviewer", "handler", "operator"):
        client.force_login(User.objects.get(username=username))
        pages.update(crawl(client, "/backoffice/", "/backoffice", limit=80))
    root = User.objects.create_superuser("root", "root@example.gov.cn", "correct-horse-battery")
    client.force_login(root)
    pages.update(crawl(client, "/operator/", "/operator", limit=40))
    pages["/backoffice/login/"] = client.get("/backoffice/login/")
    assert sum(1 for r in pages.values() if r.status_code == 200) > 60
    missing, inline = _check(pages)
    assert missing == [] and inline == {}


def test_the_annual_report_as_html_may_use_its_own_styles_but_never_scripts(client):
    load_demo()
    response = client.get("/keqiao/annual-reports/2020.html")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src"))
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" in style_src and "unsafe-inline" not in script_src
