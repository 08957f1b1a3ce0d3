"""Roles of people in an organization, and what each may do.

Permissions are named strings; a role is a set of them. A supervisor's permissions reach
the whole subtree below the organization they are granted on; every other role acts only
within its own organization. The site operator manages the platform itself.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", _("Disclosure office administrator")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Confidentiality reviewer")
    HANDLER = "handler", _("Request handler")
    SUPERVISOR = "supervisor", _("Supervisor")
    OPERATOR = "operator", _("Site operator")


# Reading what a body publishes internally (drafts, reports in progress, workflow state).
VIEW = "org.view"
# Applicants' personal data: only the handling body's request handlers (privacy rule).
VIEW_PERSONAL_DATA = "request.view_personal_data"
# Public participation (docs/participation.md): preparing decisions, consultations,
# projects, proposals and media accounts; publishing them; answering the public's messages
# (which shows the writer's contact data); releasing emergency notices on the fast path.
PARTICIPATION_EDIT = "participation.edit"
PARTICIPATION_PUBLISH = "participation.publish"
MESSAGE_HANDLE = "message.handle"
EMERGENCY_RELEASE = "emergency.release"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OFFICE_ADMIN: frozenset(
        {
            VIEW,
            "org.edit_column",
            "report.edit",
            "report.submit",
            "report.publish",
            "publication.edit",
            "publication.approve",
            "publication.publish",
            "catalog.edit",
            "statistics.edit",
            "request.view",
            "request.assign",
            "request.approve_extension",
            "case.edit",
            "audit.view",
            "members.manage",
            PARTICIPATION_EDIT,
            PARTICIPATION_PUBLISH,
            MESSAGE_HANDLE,
            EMERGENCY_RELEASE,
        }
    ),
    Role.EDITOR: frozenset(
        {VIEW, "org.edit_column", "publication.edit", "catalog.edit", "statistics.edit", PARTICIPATION_EDIT}
    ),
    Role.REVIEWER: frozenset({VIEW, "publication.review", EMERGENCY_RELEASE}),
    Role.HANDLER: frozenset(
        {VIEW, "request.view", "request.handle", VIEW_PERSONAL_DATA, "case.edit", MESSAGE_HANDLE}
    ),
    Role.SUPERVISOR: frozenset({VIEW, "request.view", "audit.view"}),
    Role.OPERATOR: frozenset({VIEW, "platform.manage", "calendar.manage", "audit.view", "members.manage"}),
}
# Roles whose permissions extend to the organizations below.
SUBTREE_ROLES = frozenset({Role.SUPERVISOR, Role.OPERATOR})


# Roles an office administrator may grant within the office's own organization; the
# subtree roles are granted by a site operator.
ROLES_GRANTED_BY_OFFICE = (Role.OFFICE_ADMIN, Role.EDITOR, Role.REVIEWER, Role.HANDLER)


def permissions_of(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
