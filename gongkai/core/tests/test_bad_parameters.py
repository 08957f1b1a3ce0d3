"""Every page answers bad query parameters with 400, never 500 (issue 11, failure 6).

The demo government is crawled — the public site anonymously and the back office as its
site operator and office administrator — and every page found is fetched again with each
bad value of each parameter the site reads: years out of range or not numbers, negative or
huge page numbers. Path numbers too large for the database are 404s."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from gongkai.accounts.models import User
from gongkai.core.testing import crawl
from gongkai.demo.data import load_demo

pytestmark = pytest.mark.django_db

BAD_VALUES = {
    "year": ["10000", "-5", "abc", "2024.5", "99999999999999999999999"],
    "page": ["-1", "0", "abc", "99999999999999999999999", "1e9"],
}


def _crawl(client, start: str, prefix: str, limit: int) -> list[str]:
    return [
        url for url, response in crawl(client, start, prefix, limit).items() if response.status_code == 200
    ]


def _probe(client, urls: list[str]) -> dict[str, int]:
    client.raise_request_exception = False
    failures: dict[str, int] = {}
    for url in urls:
        for name, values in BAD_VALUES.items():
            for value in values:
                target = f"{url}?{urlencode({name: value})}"
                status = client.get(target).status_code
                if status != 400:
                    failures[target] = status
    return failures


@pytest.fixture
def demo(db):
    return load_demo()


def test_public_pages_answer_bad_numbers_with_400(client, demo):
    urls = [
        url
        for url in _crawl(client, "/keqiao/", "/keqiao", limit=120)
        if not url.endswith((".pdf", ".docx", ".json", ".html", ".zip", "/rss/", "/atom/"))
        and "/attachments/" not in url
    ]
    urls += ["/search/", "/keqiao/search/"]
    assert len(urls) > 20
    # A page that reads none of these parameters ignores them (200); one that reads them
    # answers 400. None of them may fail.
    failures = _probe(client, urls)
    assert {url: status for url, status in failures.items() if status >= 500} == {}
    client.raise_request_exception = True
    for page in ("/keqiao/publications/", "/keqiao/statutory/A20_12/", "/keqiao/search/"):
        for value in BAD_VALUES["year"]:
            assert client.get(f"{page}?year={value}").status_code == 400, (page, value)
        for value in BAD_VALUES["page"]:
            assert client.get(f"{page}?q=公开&page={value}").status_code == 400, (page, value)


@pytest.mark.parametrize("username", ["operator", "admin"])
def test_back_office_pages_answer_bad_numbers_with_400(client, demo, username):
    client.force_login(User.objects.get(username=username))
    urls = _crawl(client, "/backoffice/", "/backoffice", limit=150)
    assert len(urls) > 15
    failures = _probe(client, urls)
    assert {url: status for url, status in failures.items() if status >= 500} == {}
    client.raise_request_exception = True
    pages = ["/backoffice/keqiao/publications/", "/backoffice/keqiao/audit/"]
    if username == "admin":  # the operator does not see applications
        pages.append("/backoffice/keqiao/requests/")
    for page in pages:
        for value in BAD_VALUES["page"]:
            assert client.get(f"{page}?page={value}").status_code == 400, (page, value)
    for value in BAD_VALUES["year"]:
        assert client.get(f"/backoffice/keqiao/catalog/?year={value}").status_code == 400, value


@pytest.mark.parametrize(
    "url",
    [
        "/keqiao/publications/99999999999999999999999/",
        "/keqiao/annual-reports/99999999999999999999999/",
        "/keqiao/annual-reports/10000/",
        "/keqiao/archive/99999999999999999999999.zip",
        "/keqiao/rules/99999999999999999999999/",
        "/api/organizations/keqiao/annual-reports/99999999999999999999999",
        "/api/organizations/keqiao/annual-reports/-5",
    ],
)
def test_path_numbers_out_of_range_are_not_found(client, demo, url):
    client.raise_request_exception = False
    assert client.get(url).status_code in (400, 404, 422)
