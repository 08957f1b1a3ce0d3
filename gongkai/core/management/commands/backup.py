"""``gongkai backup FILE``: the database, search index and media files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup archive (database with its search index, and every uploaded file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", type=Path, help="the archive to write (.tar)")

    def handle(self, *args: Any, destination: Path, **options: Any) -> None:
        try:
            manifest = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{destination}: {manifest['engine']}, {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['media'])} files"
        )
