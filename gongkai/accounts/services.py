"""Writes to organizations and memberships, each audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership, Organization, OrganizationKind, User
from gongkai.core.audit import log_action, snapshot
from gongkai.core.errors import DomainError

ORGANIZATION_FIELDS = [
    "name",
    "short_name",
    "kind",
    "parent",
    "slug",
    "credit_code",
    "position",
    "report_submit_by",
    "report_publish_by",
    "is_active",
]


def _next_path(parent: Organization | None) -> str:
    prefix = parent.path if parent else ""
    siblings = Organization.objects.filter(parent=parent).values_list("path", flat=True)
    used = [int(path[len(prefix) :].rstrip(".")) for path in siblings]
    return f"{prefix}{(max(used) + 1) if used else 1:04d}."


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    slug: str,
    credit_code: str,
    parent: Organization | None = None,
    short_name: str = "",
    position: int = 0,
) -> Organization:
    if kind not in OrganizationKind.values:
        raise DomainError(_("Unknown kind of organization."), field="kind")
    if parent is None and kind != OrganizationKind.GOVERNMENT:
        raise DomainError(_("Only a people's government can stand at the top of the tree."), field="parent")
    organization = Organization(
        name=name,
        short_name=short_name,
        kind=kind,
        slug=slug,
        credit_code=credit_code,
        parent=parent,
        position=position,
        path=_next_path(parent),
    )
    try:
        organization.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    organization.save()
    log_action(
        actor=actor,
        action="organization.created",
        target=organization,
        organization=organization,
        after=snapshot(organization, ORGANIZATION_FIELDS),
    )
    return organization


@transaction.atomic
def membership_grant(*, actor: Any, user: User, organization: Organization, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    if created:
        log_action(
            actor=actor,
            action="membership.granted",
            target=membership,
            organization=organization,
            after={"user": user.username, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    log_action(
        actor=actor,
        action="membership.revoked",
        target=membership,
        organization=membership.organization,
        before={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def organization_update(*, actor: Any, organization: Organization, values: dict[str, Any]) -> Organization:
    """Change an organization's name, code, order or local report dates (not its place
    in the tree)."""
    editable = [
        "name",
        "short_name",
        "credit_code",
        "position",
        "report_submit_by",
        "report_publish_by",
        "is_active",
    ]
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(organization, ORGANIZATION_FIELDS)
    for name in editable:
        if name in values:
            setattr(organization, name, values[name])
    try:
        organization.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    organization.save()
    log_action(
        actor=actor,
        action="organization.updated",
        target=organization,
        organization=organization,
        before=before,
        after=snapshot(organization, ORGANIZATION_FIELDS),
    )
    return organization


@transaction.atomic
def user_create(*, actor: Any, username: str, display_name: str, password: str, email: str = "") -> User:
    if User.objects.filter(username=username).exists():
        raise DomainError(_("This username is taken."), field="username")
    user = User(username=username, display_name=display_name, email=email)
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    user.save()
    log_action(
        actor=actor,
        action="user.created",
        target=user,
        after={"username": username, "display_name": display_name},
    )
    return user
