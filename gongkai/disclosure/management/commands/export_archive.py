"""Write the archive of a year's publications (Art. 25) to a zip file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.access import get_public_organization
from gongkai.disclosure.archive import archive_year


class Command(BaseCommand):
    help = "Export a year's publications of an organization as a zip archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization")
        parser.add_argument("year", type=int)
        parser.add_argument("--output", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organization = get_public_organization(options["organization"])
        except Exception as error:
            raise CommandError(f"no organization {options['organization']!r}") from error
        name, content = archive_year(organization=organization, year=options["year"])
        path = options["output"] or Path(name)
        path.write_bytes(content)
        self.stdout.write(f"wrote {path} ({len(content):,} bytes)")
