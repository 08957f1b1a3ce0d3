"""Managing people, units, settings and rules documents from the back office."""

from __future__ import annotations

import pytest

from gongkai.accounts.models import Membership, Organization, User
from gongkai.accounts.roles import Role
from gongkai.column.models import RulesDocument
from gongkai.core.audit import trail_for
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona, small_government

pytestmark = pytest.mark.django_db


def test_an_office_admin_adds_an_editor_with_a_new_account(client):
    world = small_government()
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    url = f"/backoffice/{world.department.slug}/members/"
    response = client.post(
        url,
        {
            "username": "li.editor",
            "display_name": "李编辑",
            "password": "a-long-enough-pass",
            "role": "editor",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="li.editor")
    assert user.check_password("a-long-enough-pass")
    assert Membership.objects.filter(user=user, organization=world.department, role="editor").exists()
    assert AuditEntry.objects.filter(action="membership.granted", organization=world.department).exists()


def test_an_office_admin_cannot_grant_a_subtree_role(client):
    world = small_government()
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    response = client.post(
        f"/backoffice/{world.department.slug}/members/",
        {"username": "x", "password": "a-long-enough-pass", "role": "supervisor"},
    )
    assert response.status_code == 200  # the form says the choice is not valid
    assert not User.objects.filter(username="x").exists()


def test_a_weak_initial_password_is_refused_and_nothing_is_stored(client):
    world = small_government()
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    response = client.post(
        f"/backoffice/{world.department.slug}/members/",
        {"username": "y", "password": "123", "role": "editor"},
    )
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="y").exists()


def test_revoking_a_role_is_audited_and_scoped(client):
    world = small_government()
    editor = persona(Role.EDITOR, world.department)
    membership = Membership.objects.get(user=editor)
    other_admin = persona(Role.OFFICE_ADMIN, world.other_department)
    client.force_login(other_admin)
    assert (
        client.post(f"/backoffice/{world.other_department.slug}/members/{membership.pk}/revoke/").status_code
        == 404
    )
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    assert (
        client.post(f"/backoffice/{world.department.slug}/members/{membership.pk}/revoke/").status_code == 302
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.revoked", before__role="editor").exists()


def test_an_operator_creates_a_unit_with_a_valid_credit_code(client):
    world = small_government()
    client.force_login(persona(Role.OPERATOR, world.government))
    url = f"/backoffice/{world.government.slug}/units/new/"
    bad = client.post(
        url,
        {
            "name": "新设局",
            "kind": "department",
            "slug": "xinshe",
            "credit_code": "11100000000013127E",
            "position": 0,
        },
    )
    assert bad.status_code == 200 and "credit_code" in bad.context["form"].errors
    assert not Organization.objects.filter(slug="xinshe").exists()
    good = client.post(
        url,
        {
            "name": "新设局",
            "kind": "department",
            "slug": "xinshe",
            "credit_code": "11100000000013127D",
            "position": 0,
        },
    )
    assert good.status_code == 302
    unit = Organization.objects.get(slug="xinshe")
    assert unit.parent == world.government and unit.path.startswith(world.government.path)


def test_local_report_dates_are_validated(client):
    world = small_government()
    client.force_login(persona(Role.OPERATOR, world.government))
    url = f"/backoffice/{world.department.slug}/settings/"
    data = {
        "name": world.department.name,
        "short_name": "",
        "credit_code": world.department.credit_code,
        "position": 0,
        "report_submit_by": "1-26",
        "report_publish_by": "",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 200
    data["report_submit_by"] = "01-26"
    assert client.post(url, data).status_code == 302
    world.department.refresh_from_db()
    assert world.department.report_submit_by == "01-26"
    entry = trail_for(world.department).first()
    assert entry.action == "organization.updated" and entry.after["report_submit_by"] == "01-26"


def test_rules_documents_are_published_and_edited_with_a_trail(client):
    world = small_government()
    client.force_login(persona(Role.EDITOR, world.department))
    url = f"/backoffice/{world.department.slug}/rules/"
    assert (
        client.post(
            url, {"title": "保密审查制度", "document_number": "", "issued_on": "2024-03-01", "body": "第一条"}
        ).status_code
        == 302
    )
    document = RulesDocument.objects.get(organization=world.department)
    public = client.get(f"/{world.department.slug}/rules/").content.decode()
    assert "保密审查制度" in public
    edit = f"/backoffice/{world.department.slug}/rules/{document.pk}/"
    assert (
        client.post(
            edit,
            {
                "title": "保密审查制度（修订）",
                "document_number": "",
                "issued_on": "2024-03-01",
                "body": "第一条",
            },
        ).status_code
        == 302
    )
    assert [e.action for e in trail_for(document)] == ["rules_document.updated", "rules_document.created"]
    client.force_login(persona(Role.EDITOR, world.other_department))
    assert client.get(edit.replace(world.department.slug, world.other_department.slug)).status_code == 404
