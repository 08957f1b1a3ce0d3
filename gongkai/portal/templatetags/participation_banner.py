"""``{% emergency_banner organization %}``: the banner of active emergencies that the portal
base puts at the top of every column page (条例 Art. 20 (12))."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.participation.selectors import active_emergencies

register = template.Library()


@register.inclusion_tag("portal/participation/_emergency_banner.html")
def emergency_banner(organization: Any) -> dict[str, Any]:
    return {"events": active_emergencies(organization) if organization is not None else []}
