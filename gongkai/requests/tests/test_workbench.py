"""The staff workbench: the queue by due date with due-soon and overdue marks, filters,
search, assignment; the daily digest for office heads (idempotent)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.accounts.roles import Role
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.testing import persona
from gongkai.requests import services
from gongkai.requests.models import DigestRun
from gongkai.requests.tests.factories import applicant_values, register

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def three(world, handler, time_machine):
    """On 5 March 2025: received 27 Jan (due 3 March: overdue), 24 Feb (due 24 March:
    later) and 6 Feb (due 5 March: due soon); and one online application unconfirmed."""
    time_machine.to(D(2025, 3, 5))
    overdue = register(
        organization=world.department, actor=handler, received_on=D(2025, 1, 27), description="道路养护合同"
    )
    later = register(
        organization=world.department, actor=handler, received_on=D(2025, 2, 24), description="学校建设规划"
    )
    soon = register(
        organization=world.department, actor=handler, received_on=D(2025, 2, 6), description="食堂招标文件"
    )
    online, _ = services.request_submit_online(
        organization=world.department,
        applicant_type="research",
        applicant=applicant_values("research"),
        description="在线申请",
        form_wanted="paper",
        delivery_wanted="post",
        idempotency_token="wb-1",
    )
    return overdue, later, soon, online


def references(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([\d-]+)</a>', html)


def test_queue_is_ordered_by_due_date_and_marks_urgency(client, world, handler, three):
    overdue, later, soon, online = three
    client.force_login(handler)
    html = client.get(f"/backoffice/{world.department.slug}/requests/").content.decode()
    assert references(html) == [online.reference, overdue.reference, soon.reference, later.reference]
    assert (
        f'<tr class="overdue">\n    <th scope="row"><a href="/backoffice/{world.department.slug}/requests/{overdue.pk}/">'
        in html
    )
    assert (
        f'<tr class="due_soon">\n    <th scope="row"><a href="/backoffice/{world.department.slug}/requests/{soon.pk}/">'
        in html
    )
    overdue_only = client.get(f"/backoffice/{world.department.slug}/requests/?state=overdue").content.decode()
    assert references(overdue_only) == [overdue.reference]
    soon_only = client.get(f"/backoffice/{world.department.slug}/requests/?state=due_soon").content.decode()
    assert references(soon_only) == [soon.reference]


def test_filters_and_search(client, world, handler, three):
    overdue, later, soon, online = three
    client.force_login(handler)
    base = f"/backoffice/{world.department.slug}/requests/"
    assert references(client.get(base + "?q=招标").content.decode()) == [soon.reference]
    assert references(client.get(base + f"?q={online.tracking_code}").content.decode()) == [online.reference]
    assert references(client.get(base + "?applicant_type=research").content.decode()) == [online.reference]
    assert references(client.get(base + "?state=unconfirmed").content.decode()) == [online.reference]
    assert references(client.get(base + "?channel=in_person&state=all").content.decode()) == [
        overdue.reference,
        soon.reference,
        later.reference,
    ]
    # Personal data is not searchable in the queue.
    assert references(client.get(base + f"?q={overdue.applicant.name}").content.decode()) == []


def test_assignment(client, world, handler, head, three):
    overdue, *_ = three
    other_handler = persona(Role.HANDLER, world.department)
    stranger = persona(Role.HANDLER, world.other_department)
    with pytest.raises(PermissionDenied):
        services.request_assign(actor=other_handler, info_request=overdue, assignee=handler)
    services.request_assign(actor=handler, info_request=overdue, assignee=handler)  # taking it
    with pytest.raises(PermissionDenied):
        services.request_assign(actor=other_handler, info_request=overdue, assignee=other_handler)  # taken
    with pytest.raises(DomainError, match="does not handle"):
        services.request_assign(actor=head, info_request=overdue, assignee=stranger)
    client.force_login(head)
    client.post(
        f"/backoffice/{world.department.slug}/requests/{overdue.pk}/assign/",
        {"assignee": str(other_handler.pk)},
    )
    overdue.refresh_from_db()
    assert overdue.assignee == other_handler
    client.force_login(other_handler)
    mine = client.get(f"/backoffice/{world.department.slug}/requests/?assignee=me").content.decode()
    assert references(mine) == [overdue.reference]


def test_daily_digest_is_sent_once(world, handler, head, three, time_machine):
    head.email = "head@example.cn"
    head.save()
    call_command("requests_digest", "--date", "2025-03-05", verbosity=0)
    call_command("requests_digest", "--date", "2025-03-05", verbosity=0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    overdue, later, soon, online = three
    assert message.to == ["head@example.cn"]
    assert (
        overdue.reference in message.body
        and soon.reference in message.body
        and online.reference in message.body
    )
    assert later.reference not in message.body
    for info_request in three:
        assert info_request.applicant.name not in message.body
    assert DigestRun.objects.filter(recipient=head, on=D(2025, 3, 5)).count() == 1
    call_command("requests_digest", "--date", "2025-03-06", verbosity=0)
    assert len(mail.outbox) == 2


def test_digest_skips_days_off(world, head, three):
    head.email = "head@example.cn"
    head.save()
    call_command("requests_digest", "--date", "2025-03-08", verbosity=0)  # a Saturday
    assert mail.outbox == []
    call_command("requests_digest", "--date", "2025-03-08", "--even-on-days-off", verbosity=0)
    assert len(mail.outbox) == 1
