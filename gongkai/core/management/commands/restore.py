"""``gongkai restore FILE``: put a backup archive back (database, search index, media)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup archive over this site's database and media folder (stop the site first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="the archive written by gongkai backup")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, source: Path, yes: bool = False, **options: Any) -> None:
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        if not yes and input(f"Replace this site's database and media with {source}? [y/N] ").lower() != "y":
            raise CommandError("nothing restored")
        try:
            manifest = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {source} ({manifest['created_at']}): {len(manifest['tables'])} tables, "
            f"{len(manifest['media'])} files"
        )
