from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColumnConfig(AppConfig):
    name = "gongkai.column"
    label = "column"
    verbose_name = _("Disclosure column")
