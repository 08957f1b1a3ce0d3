from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # The admin has discovered every app's admin module by now (django.contrib.admin
        # comes first in INSTALLED_APPS): audit the writable ones of other packages too
        # (login attempts, second-factor devices).
        from gongkai.core.admin import audit_every_admin

        audit_every_admin()
