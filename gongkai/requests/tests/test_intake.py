"""Intake: the public form (idempotent, with a receipt and an unguessable tracking code),
the public progress page, and staff registration with the Art. 31 rules."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai.core.errors import DomainError
from gongkai.requests import services
from gongkai.requests.codes import Channel, Status
from gongkai.requests.models import InfoRequest
from gongkai.requests.services import TRACKING_ALPHABET, make_tracking_code, normalize_tracking_code
from gongkai.requests.tests.factories import applicant_values

pytestmark = pytest.mark.django_db
D = dt.date


def form_data(page: str, **overrides: str) -> dict[str, str]:
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert token
    data = {
        "token": token.group(1),
        "applicant_type": "business",
        "name": "杭州某某科技有限公司",
        "id_type": "credit_code",
        "id_number": "91330100MA2B3C4D5N",  # a valid 统一社会信用代码
        "contact_person": "李四",
        "phone": "0571-88886666",
        "email": "",
        "address": "",
        "postal_code": "",
        "description": "2024年度本区企业研发补助资金发放名单",
        "form_wanted": "electronic",
        "delivery_wanted": "email",
        "confirm": "on",
    }
    data.update(overrides)
    return data


def test_tracking_codes():
    codes = {make_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code) and set(code.replace("-", "")) <= set(
        TRACKING_ALPHABET
    )
    assert normalize_tracking_code(code.lower().replace("-", "")) == code
    assert normalize_tracking_code("o1il-0000-0000-0000") == "0111-0000-0000-0000"


def test_apply_online_gives_a_receipt_and_resubmitting_does_not_duplicate(client, world, time_machine):
    time_machine.to(D(2025, 4, 1))
    org = world.department.slug
    page = client.get(f"/{org}/apply/").content.decode()
    data = form_data(page)
    first = client.post(f"/{org}/apply/", data)
    second = client.post(f"/{org}/apply/", data)
    assert first.status_code == second.status_code == 302 and first.url == second.url
    info_request = InfoRequest.objects.get()
    assert info_request.channel == Channel.ONLINE and info_request.status == Status.AWAITING_CONFIRMATION
    assert info_request.applicant_type == "business" and info_request.reference == "2025-0001"
    receipt = client.get(first.url).content.decode()
    assert info_request.tracking_code in receipt and "2025-0001" in receipt
    assert "杭州某某科技有限公司" not in receipt
    # A fresh form (new token) is a new application.
    data2 = form_data(client.get(f"/{org}/apply/").content.decode())
    client.post(f"/{org}/apply/", data2)
    assert InfoRequest.objects.count() == 2


def test_apply_form_errors(client, world):
    org = world.department.slug
    page = client.get(f"/{org}/apply/").content.decode()
    response = client.post(f"/{org}/apply/", form_data(page, contact_person="", phone="", confirm=""))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count('class="errors"') >= 3
    assert InfoRequest.objects.count() == 0


def test_progress_page_shows_each_step_with_its_due_date(client, world, handler, time_machine):
    time_machine.to(D(2025, 1, 24))
    info_request, _ = services.request_submit_online(
        organization=world.department,
        applicant_type="natural_person",
        applicant=applicant_values(),
        description="某文件",
        form_wanted="paper",
        delivery_wanted="post",
        idempotency_token="progress-1",
    )
    url = f"/en/{world.department.slug}/apply/track/{info_request.tracking_code}/"
    assert "Awaiting confirmation" in client.get(url).content.decode()
    services.request_confirm_receipt(actor=handler, info_request=info_request, received_on=D(2025, 1, 24))
    services.correction_request(
        actor=handler, info_request=info_request, on=D(2025, 1, 24), due_on=D(2025, 2, 14), items="写明文号"
    )
    text = client.get(url).content.decode()
    assert "Please send your correction by <strong>2025-02-14</strong>" in text
    assert "Send the correction" in text
    time_machine.to(D(2025, 2, 6))
    response = client.post(
        f"/en/{world.department.slug}/apply/track/{info_request.tracking_code}/correction/",
        {"text": "文号为某发〔2024〕1号"},
    )
    assert response.status_code == 302
    text = client.get(url).content.decode()
    # Restarted on 6 Feb: 7, 8 (a Saturday worked), 10–14, 17–21, 24–28 Feb, 3–5 March.
    assert "Reply due by <strong>2025-03-05</strong>" in text
    assert "a weekend day worked in lieu of a holiday, counted" in text
    steps = re.findall(r"<li>\s*<time[^>]*>([\d-]+)</time>", text)
    assert steps == ["2025-01-24", "2025-01-24", "2025-01-24", "2025-02-06"]


def test_applicant_withdraws_online(client, world, handler, time_machine):
    time_machine.to(D(2025, 3, 3))
    info_request, _ = services.request_submit_online(
        organization=world.department,
        applicant_type="natural_person",
        applicant=applicant_values(),
        description="某文件",
        form_wanted="paper",
        delivery_wanted="post",
        idempotency_token="w-1",
    )
    url = f"/{world.department.slug}/apply/track/{info_request.tracking_code}/withdraw/"
    client.post(url, {})
    assert InfoRequest.objects.get().status != Status.CLOSED
    client.post(url, {"confirm": "on"})
    info_request.refresh_from_db()
    assert info_request.status == Status.CLOSED and info_request.disposition == "withdrawn"
    assert info_request.received_on is None  # never received: counted in no table row


def test_staff_registration_rules(world, handler, time_machine):
    time_machine.to(D(2025, 3, 5))
    base = dict(
        actor=handler,
        organization=world.department,
        applicant_type="natural_person",
        description="某文件",
        form_wanted="paper",
        delivery_wanted="post",
    )
    with pytest.raises(DomainError, match="signed"):
        services.request_register(
            **base,
            applicant=applicant_values(),
            channel=Channel.POST_SIGNED,
            submitted_on=D(2025, 3, 3),
            received_on=None,
        )
    with pytest.raises(DomainError, match="future"):
        services.request_register(
            **base,
            applicant=applicant_values(),
            channel=Channel.IN_PERSON,
            submitted_on=D(2025, 3, 6),
            received_on=None,
        )
    with pytest.raises(DomainError, match="public form"):
        services.request_register(
            **base,
            applicant=applicant_values(),
            channel=Channel.ONLINE,
            submitted_on=D(2025, 3, 3),
            received_on=None,
        )
    with pytest.raises(DomainError, match="reach"):
        services.request_register(
            **base,
            applicant=applicant_values(phone="", address=""),
            channel=Channel.IN_PERSON,
            submitted_on=D(2025, 3, 3),
            received_on=None,
        )
    fax = services.request_register(
        **base,
        applicant=applicant_values(),
        channel=Channel.FAX,
        submitted_on=D(2025, 3, 3),
        received_on=None,
        idempotency_token="fax-1",
    )
    again = services.request_register(
        **base,
        applicant=applicant_values(),
        channel=Channel.FAX,
        submitted_on=D(2025, 3, 3),
        received_on=None,
        idempotency_token="fax-1",
    )
    assert again == fax and fax.status == Status.AWAITING_CONFIRMATION
    with pytest.raises(DomainError, match="before"):
        services.request_confirm_receipt(actor=handler, info_request=fax, received_on=D(2025, 3, 2))


def test_staff_intake_page(client, world, handler, time_machine):
    time_machine.to(D(2025, 3, 5))
    client.force_login(handler)
    url = f"/backoffice/{world.department.slug}/requests/new/"
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {
        "token": token,
        "channel": "post_signed",
        "submitted_on": "2025-03-03",
        "received_on": "2025-03-04",
        "applicant_type": "natural_person",
        "name": "王五",
        "id_type": "id_card",
        "id_number": "330102199001011111",
        "address": "测试市测试路1号",
        "description": "某文件",
        "form_wanted": "paper",
        "delivery_wanted": "post",
    }
    response = client.post(url, data)
    info_request = InfoRequest.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/requests/{info_request.pk}/")
    assert info_request.received_on == D(2025, 3, 4) and info_request.created_by == handler
    client.post(url, data)
    assert InfoRequest.objects.count() == 1


def test_e_mail_as_a_way_of_sending_and_as_an_address_read_differently_in_chinese():
    from django.utils import translation

    from gongkai.requests.codes import Channel, DeliveryMethod

    with translation.override("zh-hans"):
        assert str(Channel.EMAIL.label) == str(DeliveryMethod.EMAIL.label) == "电子邮件"
        assert translation.gettext("E-mail") == "电子邮箱"  # the applicant's address
