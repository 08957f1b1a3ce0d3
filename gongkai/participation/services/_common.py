"""Helpers shared by the participation services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.access import user_can
from gongkai.accounts.models import Organization
from gongkai.core.audit import snapshot
from gongkai.core.errors import DomainError, PermissionDenied

# The actor recorded for what the public does on the site.
PUBLIC_ACTOR = "public (online)"


def require(actor: Any, permission: str, organization: Organization) -> None:
    if not user_can(actor, permission, organization):
        raise PermissionDenied(
            _("You may not do this for %(organization)s.") % {"organization": organization.name}
        )


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()


def state(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    values = snapshot(instance, fields)
    return {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in values.items()}


def apply_values(instance: models.Model, values: dict[str, Any], fields: list[str]) -> None:
    for name in fields:
        if name in values:
            setattr(instance, name, values[name])


def required_text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def public_publication(publication: Any, organization: Organization, *, field: str) -> Any:
    """A publication linked from a participation page must be the body's own and public."""
    if publication is None:
        return None
    if publication.organization_id != organization.pk or not publication.is_public:
        raise DomainError(
            _("Choose a publication of %(organization)s that is published.")
            % {"organization": organization.name},
            field=field,
        )
    return publication
