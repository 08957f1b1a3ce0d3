"""Who may open which back-office page: every role, every protected view, and another
body's clerk, who gets 404 (never learning what exists elsewhere)."""

from __future__ import annotations

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.testing import persona, small_government
from gongkai.reports.services import report_create_blank

pytestmark = pytest.mark.django_db

# (name, url template, method, permission the view needs)
PAGES = [
    ("organization", "/backoffice/{org}/", "get", "view"),
    ("guide", "/backoffice/{org}/guide/", "get", "edit_column"),
    ("audit", "/backoffice/{org}/audit/", "get", "audit"),
    ("reports", "/backoffice/{org}/reports/", "get", "view"),
    ("report", "/backoffice/{org}/reports/2024/", "get", "view"),
    ("report_edit", "/backoffice/{org}/reports/2024/edit/", "get", "report_edit"),
    ("report_new", "/backoffice/{org}/reports/new/", "post", "report_edit"),
    ("report_upload", "/backoffice/{org}/reports/upload/", "post", "report_edit"),
    ("members", "/backoffice/{org}/members/", "get", "members"),
    ("settings", "/backoffice/{org}/settings/", "get", "platform"),
    ("unit_new", "/backoffice/{org}/units/new/", "get", "platform"),
    ("rules", "/backoffice/{org}/rules/", "get", "edit_column"),
]
# What each role holds in its own organization (supervisor and operator over the subtree).
ALLOWED = {
    Role.OFFICE_ADMIN: {"view", "edit_column", "audit", "report_edit", "members"},
    Role.EDITOR: {"view", "edit_column"},
    Role.REVIEWER: {"view"},
    Role.HANDLER: {"view"},
    Role.SUPERVISOR: {"view", "audit"},
    Role.OPERATOR: {"view", "audit", "members", "platform"},
}


@pytest.fixture
def world():
    w = small_government()
    report_create_blank(actor=None, organization=w.department, year=2024)
    return w


def request(client, method, url):
    return client.post(url, {"year": "2023"}) if method == "post" else client.get(url)


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize(("name", "url", "method", "needs"), PAGES)
def test_each_role_in_its_own_department(client, world, role, name, url, method, needs):
    granted_on = world.government if role in (Role.SUPERVISOR, Role.OPERATOR) else world.department
    client.force_login(persona(role, granted_on))
    response = request(client, method, url.format(org=world.department.slug))
    if needs in ALLOWED[role]:
        assert response.status_code in (200, 302), (role, name, response.status_code)
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
    else:
        assert response.status_code == 404, (role, name, response.status_code)


@pytest.mark.parametrize(("name", "url", "method", "needs"), PAGES)
def test_another_departments_clerk_gets_404(client, world, name, url, method, needs):
    client.force_login(persona(Role.OFFICE_ADMIN, world.other_department))
    assert request(client, method, url.format(org=world.department.slug)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "needs"), PAGES)
def test_a_department_cannot_reach_up_to_its_government(client, world, name, url, method, needs):
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    assert request(client, method, url.format(org=world.government.slug)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "needs"), PAGES)
def test_anonymous_is_sent_to_login(client, world, name, url, method, needs):
    response = request(client, method, url.format(org=world.department.slug))
    assert response.status_code == 302 and "/backoffice/login/" in response["Location"]


def test_a_supervisor_below_sees_nothing_above(client, world):
    client.force_login(persona(Role.SUPERVISOR, world.township))
    assert client.get(f"/backoffice/{world.department.slug}/").status_code == 404
    assert client.get(f"/backoffice/{world.township.slug}/").status_code == 200


def test_dashboard_lists_only_the_users_organizations(client, world):
    client.force_login(persona(Role.EDITOR, world.department))
    page = client.get("/backoffice/").content.decode()
    assert world.department.name in page
    assert world.other_department.name not in page
    supervisor = persona(Role.SUPERVISOR, world.government)
    client.force_login(supervisor)
    page = client.get("/backoffice/").content.decode()
    assert all(o.name in page for o in (world.government, world.department, world.township))


def test_workflow_transitions_need_their_permission(client, world):
    client.force_login(persona(Role.EDITOR, world.department))
    url = f"/backoffice/{world.department.slug}/reports/2024/transition/"
    assert client.post(url, {"action": "submit"}).status_code == 404
    client.force_login(persona(Role.OFFICE_ADMIN, world.other_department))
    assert client.post(url, {"action": "submit"}).status_code == 404
