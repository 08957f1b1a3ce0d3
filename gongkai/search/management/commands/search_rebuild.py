"""Rebuild the full-text index from every registered source (publications)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from rich.progress import Progress

from gongkai.search.api import rebuild


class Command(BaseCommand):
    help = "Drop and rebuild the full-text search index."

    def handle(self, *args: Any, **options: Any) -> None:
        with Progress(transient=True) as progress:
            task = progress.add_task("indexing", total=None)
            total = rebuild(progress=lambda n: progress.advance(task, n))
        self.stdout.write(f"{total} documents indexed")
