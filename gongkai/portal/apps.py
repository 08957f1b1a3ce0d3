from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("Public site")

    def ready(self) -> None:
        # Search hits of participation pages link to the pages this app serves.
        from gongkai.portal.participation.views import register_links

        register_links()
