from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "gongkai.requests"
    label = "requests"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # Tables 三 and 四 of the annual report are computed from applications and cases;
        # ``reports`` asks for them through its provider registry without importing us.
        from gongkai.reports.providers import register_table_provider
        from gongkai.requests.services import requests_recompute
        from gongkai.requests.statistics import t3_table, t4_table
        from gongkai.workdays.listeners import register_calendar_listener

        register_table_provider("T3", t3_table)
        register_table_provider("T4", t4_table)
        # A change of the working-day calendar recomputes the due dates of open applications.
        register_calendar_listener("requests.recompute", requests_recompute)
