"""Import the yearly counts of table 二 (licensing, penalties, coercion, fees, procurement)
from a body's own system export (.csv or .xlsx); all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.access import get_public_organization
from gongkai.core.errors import DomainError
from gongkai.disclosure.importer import ImportFailed, read_rows, statistics_import


class Command(BaseCommand):
    help = "Import yearly counts for table 二 (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organization = get_public_organization(options["organization"])
        except Exception as error:
            raise CommandError(f"no organization {options['organization']!r}") from error
        path: Path = options["file"]
        try:
            count = statistics_import(
                actor="import",
                organization=organization,
                rows=read_rows(path.read_bytes(), path.name),
                note=path.name,
            )
        except ImportFailed as failure:
            for row_error in failure.errors:
                self.stderr.write(f"row {row_error.row}, {row_error.field}: {row_error.message}")
            raise CommandError(failure.message) from failure
        except DomainError as problem:
            raise CommandError(problem.message) from problem
        self.stdout.write(f"{count} rows imported")
