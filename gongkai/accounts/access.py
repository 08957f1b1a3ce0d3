"""Access helpers: the only way a view fetches an organization or checks a permission.

``get_organization_for_user`` raises Http404 — not 403 — for an organization the user may
not act in, so that another body's clerk cannot even learn what exists there.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.accounts.models import Membership, Organization
from gongkai.accounts.roles import SUBTREE_ROLES, permissions_of


def _memberships(user: Any) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_gongkai_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organization__is_active=True).select_related("organization")
        )
        user._gongkai_memberships = cached
    return cached


def user_can(user: Any, permission: str, organization: Organization) -> bool:
    """Whether the user holds ``permission`` in ``organization``."""
    for membership in _memberships(user):
        if permission not in permissions_of(membership.role):
            continue
        granted = membership.organization
        if granted.pk == organization.pk:
            return True
        if membership.role in SUBTREE_ROLES and organization.path.startswith(granted.path):
            return True
    return False


def user_can_anywhere(user: Any, permission: str) -> bool:
    return any(permission in permissions_of(m.role) for m in _memberships(user))


def organizations_for_user(user: Any, permission: str) -> QuerySet[Organization]:
    """Every organization in which the user holds ``permission``."""
    condition = Q(pk__in=[])
    for membership in _memberships(user):
        if permission not in permissions_of(membership.role):
            continue
        if membership.role in SUBTREE_ROLES:
            condition |= Q(path__startswith=membership.organization.path)
        else:
            condition |= Q(pk=membership.organization.pk)
    return Organization.objects.filter(condition, is_active=True).order_by("path")


def get_organization_for_user(user: Any, slug: str, permission: str) -> Organization:
    organization = organizations_for_user(user, permission).filter(slug=slug).first()
    if organization is None:
        raise Http404("No such organization")
    return organization


def get_public_organization(slug: str) -> Organization:
    """An organization for the public site: any active one."""
    organization = Organization.objects.filter(slug=slug, is_active=True).first()
    if organization is None:
        raise Http404("No such organization")
    return organization
