"""Personas and factories for tests: a small government with a department and a
township, and one user per role. Tests say who acts with ``persona(role, org)``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from gongkai.accounts.credit_code import make_credit_code
from gongkai.accounts.models import Organization, OrganizationKind, User
from gongkai.accounts.roles import Role
from gongkai.accounts.services import membership_grant, organization_create

_counter = itertools.count(1)


def make_organization(
    name: str | None = None,
    *,
    kind: str = OrganizationKind.DEPARTMENT,
    parent: Organization | None = None,
    slug: str | None = None,
) -> Organization:
    number = next(_counter)
    if parent is None and kind != OrganizationKind.GOVERNMENT:
        kind = OrganizationKind.GOVERNMENT
    return organization_create(
        actor=None,
        name=name or f"测试机关{number}",
        kind=kind,
        slug=slug or f"org-{number}",
        credit_code=make_credit_code(f"11330000{number:09d}"),
        parent=parent,
    )


def make_user(username: str | None = None, *, password: str = "correct-horse-battery") -> User:
    number = next(_counter)
    return User.objects.create_user(
        username=username or f"user{number}", password=password, display_name=f"用户{number}"
    )


def persona(role: str, organization: Organization, username: str | None = None) -> User:
    user = make_user(username)
    membership_grant(actor=None, user=user, organization=organization, role=role)
    return user


@dataclass
class SmallGovernment:
    government: Organization
    department: Organization
    other_department: Organization
    township: Organization


def small_government() -> SmallGovernment:
    government = make_organization(
        "测试区人民政府", kind=OrganizationKind.GOVERNMENT, slug=f"gov-{next(_counter)}"
    )
    return SmallGovernment(
        government=government,
        department=make_organization("测试区教育局", parent=government),
        other_department=make_organization("测试区卫生健康局", parent=government),
        township=make_organization("测试街道", kind=OrganizationKind.TOWNSHIP, parent=government),
    )


ALL_ROLES = [role.value for role in Role]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def crawl(client: Any, start: str, prefix: str, limit: int) -> dict[str, Any]:
    """GET pages from ``start``, following same-site links under ``prefix`` (logout
    excluded); returns each URL's response (for tests that look at every page)."""
    seen: dict[str, Any] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for link in parser.links:
            parts = urlsplit(link)
            if parts.netloc or not parts.path.startswith(prefix) or "/logout" in parts.path:
                continue
            if parts.path not in seen and parts.path not in queue:
                queue.append(parts.path)
    return seen
