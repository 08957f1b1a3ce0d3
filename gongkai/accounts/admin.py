from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from gongkai.accounts.models import Membership, Organization, User
from gongkai.core.admin import AuditedAdmin, ReadOnlyAdmin, admin_state
from gongkai.core.audit import log_action


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    """Operators reset passwords and deactivate accounts here; roles are granted, audited,
    in the back office. Every change here is audited too (AuditedAdmin)."""

    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Gongkai", {"fields": ("display_name",)}))
    list_display = ("username", "display_name", "email", "is_active", "is_staff")

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # Django's view saves the new password outside any transaction; the audit entry
        # must commit with it.
        with transaction.atomic():
            before = User.objects.filter(pk=id).first()
            state = admin_state(before) if before is not None else None
            response = super().user_change_password(request, id, form_url)
            after = User.objects.filter(pk=id).first()
            if after is not None and state is not None and admin_state(after) != state:
                log_action(
                    actor=request.user,
                    action="admin.user.password_set",
                    target=after,
                    organization=None,
                    before=state,
                    after=admin_state(after),
                    data={"via": "admin"},
                )
            return response


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, BaseGroupAdmin):
    """Groups carry Django permissions (the admin's own); changes to them are audited."""


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "slug", "credit_code", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "slug", "credit_code")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role",)
