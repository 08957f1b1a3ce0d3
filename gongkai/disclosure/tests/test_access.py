from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from gongkai.accounts.roles import VIEW, Role
from gongkai.core.testing import persona
from gongkai.disclosure import services
from gongkai.disclosure.access import (
    get_attachment_for_user,
    get_catalog_entry_for_user,
    get_finding_for_user,
    get_public_publication,
    get_publication_for_user,
)
from gongkai.disclosure.models import PilotArea
from gongkai.disclosure.tests.helpers import draft

pytestmark = pytest.mark.django_db

# Who may do what to a publication of the department (True: found; False: 404).
EXPECTED = {
    Role.OFFICE_ADMIN: {
        VIEW: True,
        "publication.edit": True,
        "publication.review": False,
        "publication.publish": True,
    },
    Role.EDITOR: {
        VIEW: True,
        "publication.edit": True,
        "publication.review": False,
        "publication.publish": False,
    },
    Role.REVIEWER: {
        VIEW: True,
        "publication.edit": False,
        "publication.review": True,
        "publication.publish": False,
    },
    Role.HANDLER: {
        VIEW: True,
        "publication.edit": False,
        "publication.review": False,
        "publication.publish": False,
    },
    Role.SUPERVISOR: {
        VIEW: True,
        "publication.edit": False,
        "publication.review": False,
        "publication.publish": False,
    },
    Role.OPERATOR: {
        VIEW: True,
        "publication.edit": False,
        "publication.review": False,
        "publication.publish": False,
    },
}


def _found(fetch, *args) -> bool:
    try:
        fetch(*args)
    except Http404:
        return False
    return True


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_role_in_its_own_body(world, role):
    publication = draft(world.department)
    user = persona(role, world.department)
    for permission, expected in EXPECTED[role].items():
        assert _found(get_publication_for_user, user, publication.pk, permission) is expected, (
            role,
            permission,
        )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_another_bodys_staff_get_404(world, role):
    publication = draft(world.department)
    outsider = persona(role, world.other_department)
    for permission in EXPECTED[role]:
        assert not _found(get_publication_for_user, outsider, publication.pk, permission)


def test_a_supervisor_of_the_government_sees_its_units(world):
    publication = draft(world.department)
    supervisor = persona(Role.SUPERVISOR, world.government)
    assert _found(get_publication_for_user, supervisor, publication.pk, VIEW)
    assert not _found(get_publication_for_user, supervisor, publication.pk, "publication.edit")


def test_anonymous_users_get_404(world):
    publication = draft(world.department)
    assert not _found(get_publication_for_user, AnonymousUser(), publication.pk, VIEW)


def test_attachments_findings_and_catalog_entries_follow_their_body(world):
    publication = draft(world.department, body="<p>电话13812345678</p>")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    attachment = services.attachment_add(actor=None, publication=publication, name="a.png", data=png)
    services.publication_submit(actor=None, publication=publication)
    finding = publication.findings.get()
    entry = services.catalog_entry_create(
        actor=None,
        catalog=services.catalog_for(world.department),
        values={"pilot_area": PilotArea.objects.get(number=3), "name": "预算"},
    )
    own_editor, own_reviewer = (
        persona(Role.EDITOR, world.department),
        persona(Role.REVIEWER, world.department),
    )
    other_editor, other_reviewer = (
        persona(Role.EDITOR, world.other_department),
        persona(Role.REVIEWER, world.other_department),
    )
    assert _found(get_attachment_for_user, own_editor, attachment.pk, "publication.edit")
    assert not _found(get_attachment_for_user, other_editor, attachment.pk, "publication.edit")
    assert _found(get_finding_for_user, own_reviewer, finding.pk)
    assert not _found(get_finding_for_user, own_editor, finding.pk)
    assert not _found(get_finding_for_user, other_reviewer, finding.pk)
    assert _found(get_catalog_entry_for_user, own_editor, entry.pk)
    assert not _found(get_catalog_entry_for_user, own_reviewer, entry.pk)
    assert not _found(get_catalog_entry_for_user, other_editor, entry.pk)


def test_the_standard_catalog_is_for_the_site_operator(world):
    entry = services.catalog_entry_create(
        actor=None,
        catalog=services.catalog_for(None),
        values={"pilot_area": PilotArea.objects.get(number=1), "name": "项目审批"},
    )
    assert _found(get_catalog_entry_for_user, persona(Role.OPERATOR, world.government), entry.pk)
    assert not _found(get_catalog_entry_for_user, persona(Role.OFFICE_ADMIN, world.government), entry.pk)


def test_the_public_sees_only_published_publications_of_the_named_body(world, people):
    from gongkai.disclosure.tests.helpers import published

    public = published(world.department, people)
    unpublished = draft(world.department)
    assert _found(get_public_publication, world.department.slug, public.pk)
    assert not _found(get_public_publication, world.department.slug, unpublished.pk)
    assert not _found(get_public_publication, world.other_department.slug, public.pk)
