"""The Django admin is for site operators. Domain objects are shown read-only there:
their changes go through the services, which audit them, in the back office.

The few models an operator does change in the admin (accounts, groups, second-factor
devices) use ``AuditedAdmin``: every addition, change and deletion writes an audit entry
with the state before and after, in the admin's own transaction, like every other write
(issue 11, failure 9: making a user superuser left no trace).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest

from gongkai.core.audit import log_action
from gongkai.core.models import AuditEntry

# Fields whose value is a secret: the trail records that they changed, never the value.
SECRET_FIELDS = frozenset({"password", "key", "secret", "token"})


def admin_state(instance: models.Model) -> dict[str, Any]:
    """Every concrete and many-to-many field of ``instance`` as JSON-friendly values."""
    state: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.name in SECRET_FIELDS:
            value = _secret_marker(value)
        state[field.name] = value
    if instance.pk is not None:
        for m2m in instance._meta.many_to_many:
            state[m2m.name] = sorted(str(o) for o in getattr(instance, m2m.name).all())
    return state


def _secret_marker(value: Any) -> str:
    """Enough to see that a secret changed (a short fingerprint), not the secret."""
    import hashlib

    if not value:
        return ""
    return "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()[:12]


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every write is audited with before and after."""

    def _action(self, verb: str) -> str:
        return f"admin.{self.model._meta.model_name}.{verb}"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = admin_state(stored) if stored is not None else None
        request._gongkai_admin_before = before  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: BaseForm, formsets: Any, change: bool) -> None:
        # Runs after save_model, with the many-to-many fields (groups, permissions) saved.
        super().save_related(request, form, formsets, change)
        instance = form.instance  # type: ignore[attr-defined]
        before = getattr(request, "_gongkai_admin_before", None)
        after = admin_state(instance)
        if change and before == after:
            return
        log_action(
            actor=request.user,
            action=self._action("changed" if change else "added"),
            target=instance,
            organization=None,
            before=before,
            after=after,
            data={"via": "admin"},
        )

    def _log_deleted(self, request: HttpRequest, obj: Any) -> None:
        log_action(
            actor=request.user,
            action=self._action("deleted"),
            target=obj,
            organization=None,
            before=admin_state(obj),
            data={"via": "admin"},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic(using=router.db_for_write(self.model)):
            self._log_deleted(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                self._log_deleted(request, obj)
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_name", "action", "object_repr", "organization")
    list_filter = ("action",)
    search_fields = ("action", "object_repr", "actor_name")
    date_hierarchy = "created_at"


def audit_every_admin(site: admin.AdminSite | None = None) -> None:
    """Re-register every ModelAdmin that is neither audited nor read-only (those of other
    packages: django-axes' login attempts, django-otp's devices) with ``AuditedAdmin`` mixed
    in, so that no write in the admin escapes the trail."""
    site = site or admin.site
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, (AuditedAdmin, ReadOnlyAdmin)):
            continue
        audited = type(f"Audited{type(model_admin).__name__}", (AuditedAdmin, type(model_admin)), {})
        site.unregister(model)
        site.register(model, audited)
