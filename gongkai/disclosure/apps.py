from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    label = "disclosure"
    verbose_name = _("Proactive disclosure")

    def ready(self) -> None:
        from gongkai.disclosure import signals  # noqa: F401  (connects the reindexing receiver)
        from gongkai.disclosure.selectors import published_documents
        from gongkai.disclosure.tables import t2_table
        from gongkai.reports.providers import register_table_provider
        from gongkai.search.api import register_source

        register_table_provider("T2", t2_table)
        register_source("publication", published_documents)
