"""``log_action``: the one way to record a state change (pretix's log_action)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from gongkai.core.models import AuditEntry


def log_action(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organization: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` (a stable dotted code such as
    ``report.published``) to ``target``. Must run inside the transaction of the change."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("log_action must be called inside the transaction of the change it records")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=_actor_name(actor),
        organization=organization if organization is not None else getattr(target, "organization", None),
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:300] if target is not None else "",
        before=before,
        after=after,
        data=data,
    )


def _actor_name(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    if getattr(actor, "is_authenticated", False):
        full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
        return str(full or actor.get_username())
    return "anonymous"


def trail_for(target: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit trail of one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    ).select_related("actor")


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of some fields, for before/after records."""
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, models.Model):
            value = value.pk
        values[name] = value
    return values
