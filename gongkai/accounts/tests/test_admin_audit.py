"""Every write in the Django admin is audited with before and after (issue 11, failure 9)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from gongkai.accounts.models import User
from gongkai.core.admin import AuditedAdmin, ReadOnlyAdmin
from gongkai.core.models import AuditEntry
from gongkai.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client):
    user = User.objects.create_superuser("root", "root@example.gov.cn", "correct-horse-battery")
    client.force_login(user)
    return user


def _change_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "display_name": user.display_name,
        "first_name": "",
        "last_name": "",
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(changes)
    return data


def test_making_a_user_superuser_in_the_admin_writes_an_audit_entry(client, operator):
    clerk = make_user("clerk")
    response = client.post(
        f"/operator/accounts/user/{clerk.pk}/change/",
        _change_form(clerk, is_staff="on", is_superuser="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clerk.refresh_from_db()
    assert clerk.is_superuser
    entry = AuditEntry.objects.get(action="admin.user.changed", object_id=str(clerk.pk))
    assert entry.actor == operator
    assert entry.before["is_superuser"] is False and entry.after["is_superuser"] is True
    assert ("is_staff", False, True) in entry.changes()
    # The password hash is never copied into the trail.
    assert clerk.password not in str(entry.before) + str(entry.after)


def test_password_set_group_change_and_deletion_in_the_admin_are_audited(client, operator):
    clerk = make_user("clerk2")
    response = client.post(
        f"/operator/accounts/user/{clerk.pk}/password/",
        {"password1": "a-new-long-passphrase-42", "password2": "a-new-long-passphrase-42"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.user.password_set", object_id=str(clerk.pk))
    assert entry.before["password"] != entry.after["password"]
    assert entry.after["password"].startswith("sha256:")

    response = client.post("/operator/auth/group/add/", {"name": "审计组"})
    assert response.status_code == 302
    group = Group.objects.get(name="审计组")
    assert AuditEntry.objects.filter(action="admin.group.added", object_id=str(group.pk)).exists()

    response = client.post(f"/operator/accounts/user/{clerk.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not User.objects.filter(pk=clerk.pk).exists()
    deleted = AuditEntry.objects.get(action="admin.user.deleted", object_id=str(clerk.pk))
    assert deleted.before["username"] == "clerk2"


def test_every_admin_that_can_write_is_audited():
    writable = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not isinstance(model_admin, (AuditedAdmin, ReadOnlyAdmin))
    ]
    assert writable == []
