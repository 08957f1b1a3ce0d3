"""Applicants' personal data: masked in lists, absent from public pages, the public API
and the audit log, shown in full only to the handling body's handlers, and every full
view logged."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona
from gongkai.requests import services
from gongkai.requests.codes import Disposition
from gongkai.requests.privacy import mask_email, mask_name, mask_number
from gongkai.requests.tests.factories import applicant_values

pytestmark = pytest.mark.django_db

PERSON = applicant_values(
    name="欧阳娜娜",
    id_number="330102198001015678",
    phone="13912345678",
    email="nana@example.cn",
    address="浙江省杭州市西湖区文三路99号",
)
SECRETS = [PERSON["name"], PERSON["id_number"], PERSON["phone"], PERSON["email"], "文三路99号"]


def test_masks():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("杭州某某科技有限公司") == "杭州某某****公司"
    assert mask_number("13912345678") == "139****5678"
    assert mask_number("330102198001015678") == "330***********5678"
    assert mask_email("nana@example.cn") == "n***@example.cn"


@pytest.fixture
def lifecycle(client, world, handler, time_machine):
    """An online application, confirmed, corrected, replied with a letter."""
    time_machine.to(dt.date(2025, 3, 3))
    info_request, _created = services.request_submit_online(
        organization=world.department,
        applicant_type="natural_person",
        applicant=PERSON,
        description="2024年某道路改造工程的竣工验收文件",
        form_wanted="electronic",
        delivery_wanted="email",
        idempotency_token="privacy-1",
    )
    services.request_confirm_receipt(
        actor=handler, info_request=info_request, received_on=dt.date(2025, 3, 3)
    )
    services.correction_request(
        actor=handler,
        info_request=info_request,
        on=dt.date(2025, 3, 3),
        due_on=dt.date(2025, 3, 10),
        items="写明工程名称",
    )
    services.correction_receive(actor=handler, info_request=info_request, on=dt.date(2025, 3, 3))
    services.reply_issue(
        actor=handler,
        info_request=info_request,
        disposition=Disposition.DISCLOSED,
        replied_on=dt.date(2025, 3, 3),
        explanation="见附件",
    )
    return info_request


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_public_pages_and_api_carry_no_personal_data(client, world, lifecycle):
    org = world.department.slug
    texts = [
        page(client, f"/{org}/apply/track/{lifecycle.tracking_code}/?receipt=1"),
        page(client, f"/en/{org}/apply/track/{lifecycle.tracking_code}/"),
        page(client, f"/{org}/apply/"),
        page(client, "/api/organizations"),
        page(client, "/api/openapi.json"),
    ]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
    assert "applicant" not in json.loads(texts[-1]).get("components", {}).get("schemas", {})


def test_lists_are_masked_even_for_handlers(client, world, handler, lifecycle):
    client.force_login(handler)
    queue = page(client, f"/backoffice/{world.department.slug}/requests/?state=all")
    detail = page(client, f"/backoffice/{world.department.slug}/requests/{lifecycle.pk}/")
    for text in (queue, detail):
        for secret in SECRETS:
            assert secret not in text
    assert "欧***" in queue and "139****5678" in detail


def test_the_full_record_is_for_handlers_and_every_view_is_logged(client, world, handler, lifecycle):
    client.force_login(handler)
    url = f"/backoffice/{world.department.slug}/requests/{lifecycle.pk}/applicant/"
    text = page(client, url)
    assert PERSON["name"] in text and PERSON["id_number"] in text
    page(client, url)
    assert (
        AuditEntry.objects.filter(
            action="request.personal_data_viewed", object_id=str(lifecycle.pk), actor=handler
        ).count()
        == 2
    )
    supervisor = persona(Role.SUPERVISOR, world.government)
    client.force_login(supervisor)
    assert client.get(url).status_code == 404
    assert PERSON["name"] not in page(client, f"/backoffice/{world.department.slug}/requests/{lifecycle.pk}/")


def test_letters_are_opened_by_handlers_only_and_logged(client, world, handler, lifecycle):
    letter = lifecycle.letters.get(kind="reply")
    url = f"/backoffice/{world.department.slug}/requests/{lifecycle.pk}/letters/{letter.pk}.docx"
    client.force_login(persona(Role.OFFICE_ADMIN, world.department))
    assert client.get(url).status_code == 404
    client.force_login(handler)
    response = client.get(url)
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="letter.opened", data__letter=letter.number).count() == 1


def test_the_audit_log_holds_no_personal_data(client, world, handler, lifecycle):
    client.force_login(handler)
    page(client, f"/backoffice/{world.department.slug}/requests/{lifecycle.pk}/applicant/")
    dump = json.dumps(
        list(AuditEntry.objects.values("object_repr", "before", "after", "data", "actor_name")),
        ensure_ascii=False,
        default=str,
    )
    for secret in SECRETS:
        assert secret not in dump
    assert re.search(
        r"request\.(submitted|replied)", " ".join(AuditEntry.objects.values_list("action", flat=True))
    )
