"""List, or with --delete remove, stored files that no database row refers to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser

from gongkai.core.files import orphan_files


class Command(BaseCommand):
    help = (
        "Stored files that no database row refers to (left by transactions that rolled back), "
        "older than --older-than-hours; removed with --delete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="remove them")
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=24.0,
            help="only files at least this old (a younger one may belong to a running transaction)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        orphans = orphan_files(older_than=dt.timedelta(hours=options["older_than_hours"]))
        for name in orphans:
            if options["delete"]:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "removed" if options["delete"] else "found"
        self.stderr.write(f"{len(orphans)} orphan file(s) {verb}")
