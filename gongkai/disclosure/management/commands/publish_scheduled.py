"""Publish every approved publication whose scheduled time has come. Run it from cron or a
systemd timer (e.g. every five minutes); running it twice publishes nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.disclosure.services import publish_due


class Command(BaseCommand):
    help = "Publish approved publications whose scheduled time has come."

    def handle(self, *args: Any, **options: Any) -> None:
        published, refused = publish_due()
        for publication in published:
            self.stdout.write(f"published {publication.pk} {publication.index_number} {publication.title}")
        for publication, reason in refused:
            self.stderr.write(f"refused {publication.pk} {publication.title}: {reason}")
        self.stdout.write(f"{len(published)} published, {len(refused)} refused")
