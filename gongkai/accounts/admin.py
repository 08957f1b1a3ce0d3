from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from gongkai.accounts.models import Membership, Organization, User
from gongkai.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Operators reset passwords and deactivate accounts here; roles are granted, audited,
    in the back office."""

    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Gongkai", {"fields": ("display_name",)}))
    list_display = ("username", "display_name", "email", "is_active", "is_staff")


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "slug", "credit_code", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "slug", "credit_code")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role",)
