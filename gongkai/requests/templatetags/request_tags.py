"""Template helpers for the application pages: permission checks for links."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.accounts.access import user_can, user_can_anywhere

register = template.Library()


@register.simple_tag
def may(user: Any, permission: str, organization: Any) -> bool:
    """``{% may user "request.view" organization as can_view %}``"""
    return user_can(user, permission, organization)


@register.simple_tag
def may_anywhere(user: Any, permission: str) -> bool:
    return user_can_anywhere(user, permission)
