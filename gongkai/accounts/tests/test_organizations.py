"""Organizations: the tree, credit codes, access over the tree."""

from __future__ import annotations

import pytest

from gongkai.accounts.access import organizations_for_user, user_can
from gongkai.accounts.credit_code import credit_code_problem, make_credit_code
from gongkai.accounts.models import OrganizationKind
from gongkai.accounts.roles import VIEW, Role
from gongkai.accounts.services import organization_create
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError
from gongkai.core.testing import persona, small_government


def test_credit_codes():
    # Published codes of real bodies and companies: their check characters are right.
    for code in ("11100000000013127D", "914403001922038216", "91330100799655058B"):
        assert credit_code_problem(code) is None, code
    assert "check character should be D" in credit_code_problem("11100000000013127E")
    assert "18 characters" in credit_code_problem("1110000000001312")
    assert "not allowed" in credit_code_problem("1110000000001312ID")
    assert credit_code_problem(make_credit_code("11330621002590001")) is None


@pytest.mark.django_db
def test_only_a_government_stands_at_the_top():
    with pytest.raises(DomainError) as error:
        organization_create(
            actor=None,
            name="无上级的局",
            kind=OrganizationKind.DEPARTMENT,
            slug="x",
            credit_code=make_credit_code("11330000000000001"),
        )
    assert error.value.field == "parent"


@pytest.mark.django_db
def test_a_bad_credit_code_is_refused_naming_the_field():
    with pytest.raises(DomainError) as error:
        organization_create(
            actor=None,
            name="某区政府",
            kind=OrganizationKind.GOVERNMENT,
            slug="x",
            credit_code="11330000000000001A",
        )
    assert error.value.field == "credit_code"


@pytest.mark.django_db
def test_tree_paths_and_subtrees():
    world = small_government()
    assert world.department.path.startswith(world.government.path)
    assert set(world.government.subtree()) == {
        world.government,
        world.department,
        world.other_department,
        world.township,
    }
    assert list(world.township.ancestors()) == [world.government]
    assert trail_for(world.department).get().action == "organization.created"


@pytest.mark.django_db
def test_roles_reach_their_own_organization_or_their_subtree():
    world = small_government()
    clerk = persona(Role.OFFICE_ADMIN, world.department)
    assert user_can(clerk, "report.edit", world.department)
    assert not user_can(clerk, "report.edit", world.other_department)
    assert not user_can(clerk, VIEW, world.government)
    supervisor = persona(Role.SUPERVISOR, world.government)
    assert set(organizations_for_user(supervisor, VIEW)) == set(world.government.subtree())
    assert not user_can(supervisor, "report.edit", world.department)
    handler = persona(Role.HANDLER, world.department)
    assert user_can(handler, "request.view_personal_data", world.department)
    assert not user_can(supervisor, "request.view_personal_data", world.department)
