from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("Public participation")

    def ready(self) -> None:
        # Section 一 of the annual report quotes the year's participation figures; ``reports``
        # asks for them through its registry without importing us. Published decisions,
        # projects, replies, answers and emergency notices are searchable through the one
        # search interface.
        from gongkai.participation import search
        from gongkai.participation.statistics import overview_sentences
        from gongkai.reports.providers import register_narrative_provider

        register_narrative_provider("overview", "participation", overview_sentences)
        search.register()
