"""Logins and sessions (issue 11, failure 7): lockout after wrong passwords, password reset
by e-mail, the password policy, sessions that end, the optional second factor, the page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.roles import Role
from gongkai.accounts.security import CharacterKindsValidator
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona, small_government

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def clerk(db):
    user = persona(Role.EDITOR, small_government().department, username="li.clerk")
    user.email = "li@example.gov.cn"
    user.save()
    return user


def _login(client, username: str, password: str):
    return client.post("/backoffice/login/", {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(
    client, clerk, time_machine
):
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 9, 0)), tick=False)
    statuses = [_login(client, "li.clerk", f"wrong-{n}").status_code for n in range(30)]
    assert statuses[:4] == [200] * 4  # the form, with its error
    assert set(statuses[5:]) == {429}
    locked = _login(client, "li.clerk", PASSWORD)
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert "暂停" in locked.content.decode() or "paused" in locked.content.decode()
    # Another address is not locked out by this one's failures.
    assert (
        client.post(
            "/backoffice/login/", {"username": "li.clerk", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
        ).status_code
        == 302
    )
    client.logout()
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 9, 16)), tick=False)
    assert _login(client, "li.clerk", PASSWORD).status_code == 302


def test_the_operators_admin_login_is_locked_out_too(client, clerk):
    for n in range(6):
        response = client.post("/operator/login/", {"username": "li.clerk", "password": f"wrong-{n}"})
    assert response.status_code == 429


def test_password_reset_by_e_mail_with_the_policy(client, clerk, mailoutbox):
    response = client.post("/backoffice/password-reset/", {"email": "li@example.gov.cn"})
    unknown = client.post("/backoffice/password-reset/", {"email": "nobody@example.gov.cn"})
    assert response.status_code == unknown.status_code == 302 and response.url == unknown.url
    [message] = mailoutbox
    assert message.to == ["li@example.gov.cn"]
    link = re.search(r"https?://[^/\s]+(/backoffice/password-reset/[^\s]+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    weak = client.post(url, {"new_password1": "abcdefghijkl", "new_password2": "abcdefghijkl"})
    assert weak.status_code == 200 and "new_password2" in weak.context["form"].errors
    done = client.post(url, {"new_password1": "new-passphrase-2025", "new_password2": "new-passphrase-2025"})
    assert done.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("new-passphrase-2025")
    assert AuditEntry.objects.filter(action="user.password_reset", object_id=str(clerk.pk)).exists()
    # The link works once.
    assert "validlink" in client.get(url).context and not client.get(url).context["validlink"]


def test_the_password_policy_wants_two_kinds_of_characters():
    validator = CharacterKindsValidator(kinds=2)
    for weak in ("abcdefghijkl", "甲乙丙丁戊己庚辛壬癸", "12345678901"):
        with pytest.raises(ValidationError):
            validator.validate(weak)
    for fine in ("correct-horse-battery", "passphrase2025", "政务公开2025"):
        validator.validate(fine)


def test_changing_the_password_is_audited(client, clerk):
    client.force_login(clerk)
    response = client.post(
        "/backoffice/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-pass-2025",
            "new_password2": "another-pass-2025",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="user.password_changed", object_id=str(clerk.pk)).exists()


def test_staff_sessions_end_with_the_browser_and_after_a_working_day(client, clerk, time_machine):
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 9, 0)), tick=False)
    response = _login(client, "li.clerk", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # gone when the browser closes
    assert client.get("/backoffice/").status_code == 200
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 16, 59)), tick=False)
    assert client.get("/backoffice/").status_code == 200
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 17, 1)), tick=False)
    response = client.get("/backoffice/")
    assert response.status_code == 302 and response.url.startswith("/backoffice/login/")


def test_a_second_factor_set_up_is_asked_at_every_login(client, clerk, time_machine):
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 9, 0)), tick=False)
    client.force_login(clerk)
    page = client.get("/backoffice/account/two-factor/").content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    assert client.post("/backoffice/account/two-factor/", {"token": "000000"}).status_code == 200
    response = client.post("/backoffice/account/two-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=clerk).confirmed
    assert AuditEntry.objects.filter(action="user.two_factor_enabled", object_id=str(clerk.pk)).exists()
    client.logout()

    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 10, 0)), tick=False)
    assert _login(client, "li.clerk", PASSWORD).status_code == 302
    response = client.get("/backoffice/")
    assert response.status_code == 302 and response.url.startswith("/backoffice/login/code/")
    assert client.get("/operator/").status_code == 302
    wrong = client.post("/backoffice/login/code/", {"token": "123456", "next": "/backoffice/"})
    assert wrong.status_code == 200 and client.get("/backoffice/").status_code == 302
    time_machine.move_to(timezone.make_aware(dt.datetime(2025, 5, 6, 10, 1)), tick=False)
    device.refresh_from_db()
    right = client.post(
        "/backoffice/login/code/", {"token": f"{totp(device.bin_key):06d}", "next": "/backoffice/"}
    )
    assert right.status_code == 302 and right.url == "/backoffice/"
    assert client.get("/backoffice/").status_code == 200


def test_the_login_page_names_the_site_and_links_back_to_it(client):
    page = client.get("/backoffice/login/").content.decode()
    assert "<title>政府信息公开 工作人员登录</title>" in page
    assert re.search(r'<a href="/">[^<]*政府信息公开[^<]*</a>', page)
    assert 'href="/backoffice/password-reset/"' in page
