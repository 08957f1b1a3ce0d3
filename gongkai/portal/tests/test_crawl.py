"""Crawling the public site from its home page, over the demo government, meets no
server error and no broken internal link."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from gongkai.demo.data import load_demo

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(client, start: str, limit: int = 600) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for link in parser.links:
            absolute = urljoin(url, link)
            parsed = urlparse(absolute)
            if parsed.netloc not in ("", "testserver") or parsed.scheme not in ("", "http"):
                continue
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if path.startswith(("/backoffice", "/en/backoffice", "/operator", "/en/operator")):
                continue  # staff pages are not part of the public site
            if path not in seen:
                queue.append(path)
    return seen


def test_public_site_has_no_server_error_and_no_broken_link(client):
    load_demo()
    seen = crawl(client, "/")
    seen.update(crawl(client, "/en/"))
    assert len(seen) > 30
    bad = {url: status for url, status in seen.items() if status >= 400}
    assert bad == {}
    assert seen["/keqiao/annual-reports/2020.pdf"] == 200
