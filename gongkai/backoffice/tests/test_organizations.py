"""Managing people, units, settings and rules documents from the back office."""

from __future__ import annotations

import re

import pytest

from gongkai.accounts.models import Invitation, Membership, Organization, User
from gongkai.accounts.roles import Role
from gongkai.column.models import RulesDocument
from gongkai.core.audit import trail_for
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona, small_government

pytestmark = pytest.mark.django_db


def _token(mail) -> str:
    [message] = mail[-1:]
    match = re.search(r"/backoffice/invitations/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


def test_an_invitation_needs_a_second_admin_and_is_accepted_with_a_new_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    world = small_government()
    admin = persona(Role.OFFICE_ADMIN, world.department)
    second = persona(Role.OFFICE_ADMIN, world.department)
    client.force_login(admin)
    url = f"/backoffice/{world.department.slug}/members/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "li@example.gov.cn", "display_name": "李编辑", "role": "editor"}
        )
    assert response.status_code == 302 and mailoutbox == []
    invitation = Invitation.objects.get()
    assert invitation.status == "awaiting_approval"
    # The inviter cannot approve their own invitation.
    client.post(f"/backoffice/{world.department.slug}/invitations/{invitation.pk}/approve/")
    invitation.refresh_from_db()
    assert invitation.status == "awaiting_approval"
    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/backoffice/{world.department.slug}/invitations/{invitation.pk}/approve/")
    invitation.refresh_from_db()
    assert invitation.status == "sent" and invitation.approved_by == second
    assert mailoutbox[0].to == ["li@example.gov.cn"]
    token = _token(mailoutbox)
    assert token not in invitation.token_hash
    client.logout()
    page = client.get(f"/backoffice/invitations/{token}/")
    assert page.status_code == 200 and world.department.name in page.content.decode()
    weak = client.post(
        f"/backoffice/invitations/{token}/",
        {"username": "li.editor", "display_name": "李编辑", "password": "123", "password_again": "123"},
    )
    assert weak.status_code == 200 and not User.objects.filter(username="li.editor").exists()
    response = client.post(
        f"/backoffice/invitations/{token}/",
        {
            "username": "li.editor",
            "display_name": "李编辑",
            "password": "a-long-enough-pass",
            "password_again": "a-long-enough-pass",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="li.editor")
    assert user.email == "li@example.gov.cn" and user.check_password("a-long-enough-pass")
    assert Membership.objects.filter(user=user, organization=world.department, role="editor").exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.created", "invitation.sent", "invitation.accepted", "membership.granted"} <= actions
    # The link works once.
    assert client.get(f"/backoffice/invitations/{token}/").status_code == 404


def test_another_bodys_user_cannot_be_attached_by_username(client):
    """Issue 11, failure 2: an admin attached another body's handler by username, without
    consent, and the error message told whether a username exists."""
    world = small_government()
    stranger = persona(Role.HANDLER, world.other_department, username="wang.handler")
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    url = f"/backoffice/{world.department.slug}/members/"
    client.post(url, {"username": "wang.handler", "role": "handler"})
    assert not Membership.objects.filter(user=stranger, organization=world.department).exists()
    # Inviting the stranger's address and an unknown address read exactly alike.
    stranger.email = "wang@example.gov.cn"
    stranger.save()
    known = client.post(url, {"email": "wang@example.gov.cn", "role": "handler"}, follow=True)
    unknown = client.post(url, {"email": "nobody@example.gov.cn", "role": "handler"}, follow=True)
    messages = [[str(m) for m in r.context["messages"]] for r in (known, unknown)]
    assert messages[0] == messages[1] and known.status_code == unknown.status_code == 200
    assert not Membership.objects.filter(user=stranger, organization=world.department).exists()


def test_nobody_grants_themselves_a_role(client, mailoutbox, django_capture_on_commit_callbacks):
    """The office admin invites their own address to the reviewer role: a second admin
    approves, but neither the inviter nor the approver may accept it."""
    world = small_government()
    admin = persona(Role.OFFICE_ADMIN, world.department)
    admin.email = "admin@example.gov.cn"
    admin.save()
    second = persona(Role.OFFICE_ADMIN, world.department)
    client.force_login(admin)
    client.post(f"/backoffice/{world.department.slug}/members/", {"email": admin.email, "role": "reviewer"})
    invitation = Invitation.objects.get()
    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/backoffice/{world.department.slug}/invitations/{invitation.pk}/approve/")
    token = _token(mailoutbox)
    for person in (admin, second):
        client.force_login(person)
        client.post(f"/backoffice/invitations/{token}/")
        assert not Membership.objects.filter(user=person, role="reviewer").exists()
    # Nor may an admin revoke their own role.
    own = Membership.objects.get(user=admin, role="office_admin")
    client.force_login(admin)
    client.post(f"/backoffice/{world.department.slug}/members/{own.pk}/revoke/")
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_operator_above_sends_at_once_and_an_existing_account_accepts(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    world = small_government()
    operator = persona(Role.OPERATOR, world.government)
    invited = persona(Role.EDITOR, world.other_department)
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/backoffice/{world.department.slug}/members/",
            {"email": "x@example.gov.cn", "role": "supervisor"},
        )
    assert Invitation.objects.get().status == "sent"
    token = _token(mailoutbox)
    client.force_login(invited)
    assert client.post(f"/backoffice/invitations/{token}/").status_code == 302
    assert Membership.objects.filter(user=invited, organization=world.department, role="supervisor").exists()


def test_an_office_admin_cannot_invite_to_a_subtree_role(client):
    world = small_government()
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    response = client.post(
        f"/backoffice/{world.department.slug}/members/", {"email": "x@example.gov.cn", "role": "supervisor"}
    )
    assert response.status_code == 200  # the form says the choice is not valid
    assert not Invitation.objects.exists()


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
