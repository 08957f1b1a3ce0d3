"""The access helpers, for every role: another body's clerk gets 404, as does anyone
without the permission; personal data only for the handling body's handlers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from gongkai.accounts.roles import Role
from gongkai.core.testing import persona
from gongkai.requests import services
from gongkai.requests.access import (
    get_case_for_user,
    get_letter_for_user,
    get_letter_template_for_user,
    get_request_by_tracking_code,
    get_request_for_user,
)
from gongkai.requests.codes import CaseKind, LetterKind
from gongkai.requests.tests.factories import register

pytestmark = pytest.mark.django_db

# (role, where, may view, may handle, may see personal data)
MATRIX = [
    (Role.HANDLER, "department", True, True, True),
    (Role.OFFICE_ADMIN, "department", True, False, False),
    (Role.SUPERVISOR, "department", True, False, False),
    (Role.SUPERVISOR, "government", True, False, False),
    (Role.EDITOR, "department", False, False, False),
    (Role.REVIEWER, "department", False, False, False),
    (Role.OPERATOR, "government", False, False, False),
    (Role.HANDLER, "other_department", False, False, False),
    (Role.OFFICE_ADMIN, "other_department", False, False, False),
    (Role.HANDLER, "government", False, False, False),
]


@pytest.fixture
def application(world, handler, time_machine):
    time_machine.to(dt.date(2025, 3, 10))
    info_request = register(organization=world.department, actor=handler, received_on=dt.date(2025, 3, 3))
    services.correction_request(
        actor=handler,
        info_request=info_request,
        on=dt.date(2025, 3, 4),
        due_on=dt.date(2025, 3, 14),
        items="写明年份",
    )
    return info_request


def allowed(call) -> bool:
    try:
        call()
    except Http404:
        return False
    return True


@pytest.mark.parametrize(("role", "where", "view", "handle", "personal"), MATRIX)
def test_get_request_for_user(world, application, role, where, view, handle, personal):
    user = persona(role, getattr(world, where))
    org, pk = world.department.slug, application.pk
    assert allowed(lambda: get_request_for_user(user, org, pk)) is view
    assert allowed(lambda: get_request_for_user(user, org, pk, "request.handle")) is handle
    assert allowed(lambda: get_request_for_user(user, org, pk, "request.view_personal_data")) is personal
    letter = application.letters.get(kind=LetterKind.CORRECTION)
    assert allowed(lambda: get_letter_for_user(user, org, pk, letter.pk)) is personal


@pytest.mark.parametrize(("role", "where", "view", "handle", "personal"), MATRIX)
def test_the_detail_page_for_every_role(client, world, application, role, where, view, handle, personal):
    client.force_login(persona(role, getattr(world, where)))
    response = client.get(f"/backoffice/{world.department.slug}/requests/{application.pk}/")
    assert response.status_code == (200 if view else 404)
    response = client.get(f"/backoffice/{world.department.slug}/requests/{application.pk}/applicant/")
    assert response.status_code == (200 if personal else 404)
    response = client.post(
        f"/backoffice/{world.department.slug}/requests/{application.pk}/do/correction_received/",
        {"on": "2025-03-10"},
    )
    assert response.status_code == (302 if handle else 404)


def test_anonymous_and_wrong_slug(client, world, application):
    assert not allowed(lambda: get_request_for_user(None, world.department.slug, application.pk))
    handler = persona(Role.HANDLER, world.department)
    assert not allowed(lambda: get_request_for_user(handler, world.other_department.slug, application.pk))
    response = client.get(f"/backoffice/{world.department.slug}/requests/{application.pk}/")
    assert response.status_code == 302 and "/login/" in response.url


def test_cases_and_templates(world, handler, head):
    case = services.case_create(
        actor=handler,
        organization=world.department,
        values={
            "kind": CaseKind.ADMINISTRATIVE_REVIEW,
            "deciding_body": "测试区人民政府",
            "filed_on": dt.date(2025, 1, 6),
        },
    )
    other = persona(Role.HANDLER, world.other_department)
    supervisor = persona(Role.SUPERVISOR, world.government)
    assert allowed(lambda: get_case_for_user(handler, world.department.slug, case.pk))
    assert allowed(lambda: get_case_for_user(supervisor, world.department.slug, case.pk))
    assert not allowed(lambda: get_case_for_user(other, world.department.slug, case.pk))
    assert not allowed(lambda: get_case_for_user(supervisor, world.department.slug, case.pk, "case.edit"))
    template = services.letter_template_save(
        actor=head,
        organization=world.department,
        kind=LetterKind.CORRECTION,
        disposition="",
        title="补正告知书",
        body="请补正：{{correction_items}}",
    )
    assert allowed(lambda: get_letter_template_for_user(head, world.department.slug, template.pk))
    assert not allowed(lambda: get_letter_template_for_user(handler, world.department.slug, template.pk))
    assert not allowed(
        lambda: get_letter_template_for_user(
            persona(Role.OFFICE_ADMIN, world.other_department), world.department.slug, template.pk
        )
    )


def test_tracking_code_opens_only_its_own_application(world, application):
    code = application.tracking_code
    assert get_request_by_tracking_code(world.department.slug, code.lower().replace("-", " ")) == application
    assert not allowed(lambda: get_request_by_tracking_code(world.other_department.slug, code))
    assert not allowed(lambda: get_request_by_tracking_code(world.department.slug, "AAAA-BBBB-CCCC-DDDD"))
